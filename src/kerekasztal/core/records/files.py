"""Sending stored files. Callers decide access first, in core/access/."""

import re
import unicodedata
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.text import slugify

from kerekasztal.core.records.uploads import CONTENT_TYPES, sniff

INLINE_KINDS = {"jpg", "png", "webp", "pdf"}


def serve(fieldfile: FieldFile, download_name: str, *, inline: bool = False) -> FileResponse:
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    kind = sniff(handle) or "bin"
    stem = slugify(download_name) or "fajl"
    response = FileResponse(
        handle,
        as_attachment=not (inline and kind in INLINE_KINDS),
        filename=f"{stem}.{kind}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """A Content-Disposition header by RFC 6266: an ASCII fallback (`filename="..."`, accents
    folded, quotes and separators replaced) and the exact name (`filename*=UTF-8''...`).
    No user text can close the quoted name and add a parameter of its own."""
    kind = "attachment" if attachment else "inline"
    folded = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = re.sub(r'[^A-Za-z0-9._ -]+', "_", folded).strip(" ._") or "fajl"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
