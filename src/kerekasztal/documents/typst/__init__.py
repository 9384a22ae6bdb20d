"""PDF with Typst: tagged (PDF/UA-1) and archival (PDF/A-2a), title and language set.

`TypstBuilder` speaks the vocabulary of `render.DocxBuilder` (heading, paragraph, facts,
table, picture, legend, signature_block, publicity, space, page_break), so one function describing a
document writes both its PDF and its Word file, and the two say the same things. The blocks
travel to `blocks.typ` as JSON data (`sys.inputs`), never as Typst source: a user's text can
never inject markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from kerekasztal.core import hungarian

from ..publicity import Publicity

TEMPLATE = Path(__file__).with_name("blocks.typ")
PDF_STANDARDS = ["ua-1", "a-2a"]
DASH = "–"  # a missing value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class TypstBuilder:
    """A document as a list of blocks, compiled to PDF by Typst."""

    def __init__(self, *, title: str, forum_name: str = "", landscape: bool = False,
                 lang: str = "hu") -> None:
        self.title = title
        self.forum_name = forum_name
        self.landscape = landscape
        self.lang = lang
        self.blocks: list[dict[str, Any]] = []

    def _add(self, kind: str, **fields: Any) -> TypstBuilder:
        self.blocks.append({"kind": kind, **fields})
        return self

    def heading(self, text: str, level: int = 1, *, align: str = "",
                size: int | None = None) -> TypstBuilder:
        return self._add("heading", text=_text(text), level=level, align=align, size=size)

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False,
                  size: int | None = None, align: str = "") -> TypstBuilder:
        return self._add("paragraph", text=_text(text), bold=bold, italic=italic, size=size,
                         align=align)

    def facts(self, rows: Iterable[tuple[str, str]]) -> TypstBuilder:
        return self._add("facts", rows=[[_text(label), _text(value)] for label, value in rows])

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
              widths_cm: Sequence[float] | None = None, row_height_cm: float | None = None,
              blank: bool = False) -> TypstBuilder:
        """`blank`: a form to fill in on paper (e.g. signatures): empty cells stay empty
        instead of showing a dash; `row_height_cm` leaves room to write."""
        empty = "" if blank else DASH
        return self._add("table", headers=[_text(h) for h in headers],
                         rows=[[_text(v) or empty for v in row] for row in rows],
                         widths=list(widths_cm) if widths_cm else None,
                         row_height=row_height_cm, blank=blank)

    def picture(self, *, svg: Callable[[], str], png: Callable[[], bytes], width_cm: float,
                alt: str) -> TypstBuilder:
        """A picture given both ways: Typst draws the SVG (sharp at any zoom)."""
        return self._add("image", svg=svg(), width_cm=width_cm, alt=_text(alt))

    def legend(self, items: Iterable[tuple[str, str]]) -> TypstBuilder:
        return self._add("legend", items=[[colour, _text(label)] for colour, label in items])

    def signature_block(self, names: Sequence[tuple[str, str]], *, place_date: str = ""
                        ) -> TypstBuilder:
        return self._add("signatures", names=[[_text(n), _text(p)] for n, p in names],
                         place_date=_text(place_date))

    def publicity(self, block: Publicity | None) -> TypstBuilder:
        if block is None:
            return self
        return self._add("publicity", lines=[_text(line) for line in block.lines],
                         infoblock=" · ".join(_text(item) for item in block.infoblock),
                         heading=f"{block.beneficiary} – {block.project_title} "
                                 f"({block.project_id})")

    def space(self, height_cm: float) -> TypstBuilder:
        """Vertical room, e.g. above a certificate's title."""
        return self._add("space", height_cm=height_cm)

    def page_break(self) -> TypstBuilder:
        return self._add("page_break")

    def data(self) -> dict[str, Any]:
        # The shallowest heading is the document's first level (Word's level 0 is its title).
        levels = [b["level"] for b in self.blocks if b["kind"] == "heading"]
        shift = 1 - min(levels) if levels else 0
        blocks = [({**b, "level": b["level"] + shift} if b["kind"] == "heading" else b)
                  for b in self.blocks]
        now = timezone.localtime()
        return {
            "title": self.title or "–", "author": self.forum_name or "Kerekasztal",
            "lang": self.lang, "landscape": self.landscape,
            "running_header": self.forum_name,
            "generated": f"{hungarian.date_short(now.date())} {now:%H:%M}",
            "blocks": blocks,
        }

    def to_bytes(self) -> bytes:
        return compile_pdf(self.data())

    def response(self, name: str, *, stored_as: str = "") -> HttpResponse:
        """The PDF as a download; `stored_as` (e.g. "plan-42") serves the stored file when
        the document has not changed since it was last compiled (`documents.stored`)."""
        from ..render import PDF_TYPE, file_response
        from ..stored import pdf_bytes

        content = pdf_bytes(self, stored_as) if stored_as else self.to_bytes()
        return file_response(content, f"{slugify(name) or 'dokumentum'}.pdf", PDF_TYPE)


def compile_pdf(data: dict[str, Any], template: Path = TEMPLATE) -> bytes:
    import typst  # imported late: the compiler is loaded only by who prints

    return typst.compile(str(template), root=str(template.parent),
                         sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                         pdf_standards=PDF_STANDARDS)
