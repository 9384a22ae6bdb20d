"""Compiled PDFs kept on disk by what they were compiled from, so a document that has not
changed is served without typesetting it again.

A PDF's key is the SHA-256 of everything Typst reads (the template, the PDF standards and
the document's data, without its print time): a changed word gives another key, so an
edited document can never be served from an older file, and no invalidation is needed.
Files live in `settings.DOCUMENTS_STORE_DIR/<source>/<key>.pdf`, one directory per
document (e.g. `plan-42`), which keeps only its newest file. The files are derived data:
not in the backups, and a missing file is compiled again. When several hosts serve the
application, put the directory on storage they share (or each host compiles once).

The slow part stays out of the requests that matter: after a change, a task compiles the
new version of each document someone has printed before (`plans.documents`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from .typst import PDF_STANDARDS, TEMPLATE, TypstBuilder, compile_pdf

_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@cache
def _template_digest(template: Path) -> str:
    import typst

    return hashlib.sha256(template.read_bytes() + typst.__version__.encode()).hexdigest()


def key_of(data: dict[str, Any], template: Path = TEMPLATE) -> str:
    content = {name: value for name, value in data.items() if name != "generated"}
    text = json.dumps([_template_digest(template), PDF_STANDARDS, content], sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _folder(source: str) -> Path:
    if not _SOURCE.match(source):
        raise ValueError(f"bad document source: {source!r}")
    return Path(settings.DOCUMENTS_STORE_DIR) / source


def has_any(source: str) -> bool:
    """Whether this document was printed before (so a new version is worth compiling)."""
    folder = _folder(source)
    return folder.is_dir() and any(folder.glob("*.pdf"))


def pdf_bytes(builder: TypstBuilder, source: str) -> bytes:
    """The builder's PDF: the stored file when one was compiled from the same data, else
    compiled now and stored (replacing the document's older file)."""
    data = builder.data()
    path = _folder(source) / f"{key_of(data)}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = compile_pdf(data)
    _store(path, pdf)
    return pdf


def _store(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.part")
    partial.write_bytes(pdf)
    os.replace(partial, path)  # atomic: a reader sees the whole file or none
    for older in path.parent.glob("*.pdf"):
        if older != path:
            older.unlink(missing_ok=True)
