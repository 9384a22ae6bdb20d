"""Printable documents: DOCX built with python-docx, and the helpers every document shares.

A document is written once, as a function taking a builder: `DocxBuilder` here for Word,
`documents.typst.TypstBuilder` for the PDF (tagged PDF/UA-1 and PDF/A-2a). Both share one
look: A4, DejaVu fonts (every Hungarian accent), the forum in the header, page numbers in the
footer, and the project's publicity block where one applies.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kerekasztal.core import hungarian
from kerekasztal.core.records.files import content_disposition

from .publicity import Publicity

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_response(content: bytes, filename: str, content_type: str, *,
                  inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, attachment=not inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DocxBuilder:
    """A small vocabulary for Word documents that municipalities can edit."""

    def __init__(self, *, title: str, forum_name: str = "", landscape: bool = False) -> None:
        self.document = Document()
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        normal = self.document.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        self.document.core_properties.title = title
        self.document.core_properties.language = "hu-HU"
        if forum_name:
            header = section.header.paragraphs[0]
            header.text = forum_name
            header.style.font.size = Pt(8)
        self._page_number_footer(section)

    @staticmethod
    def _page_number_footer(section) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)
        paragraph.add_run(". oldal")

    def heading(self, text: str, level: int = 1, *, align: str = "",
                size: int | None = None) -> "DocxBuilder":
        heading = self.document.add_heading(text, level=level)
        self._align(heading, align)
        if size:
            for run in heading.runs:
                run.font.size = Pt(size)
        return self

    @staticmethod
    def _align(paragraph, align: str) -> None:
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False,
                  size: int | None = None, align: str = "") -> "DocxBuilder":
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        self._align(paragraph, align)
        return self

    def facts(self, rows: Iterable[tuple[str, str]]) -> "DocxBuilder":
        """Label–value lines, e.g. date, venue."""
        for label, value in rows:
            paragraph = self.document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run("–" if value is None or value == "" else str(value))
        return self

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
              widths_cm: Sequence[float] | None = None, row_height_cm: float | None = None,
              blank: bool = False) -> "DocxBuilder":
        """See TypstBuilder.table (Word leaves empty cells empty either way)."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(header)).bold = True
        self._repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = "" if value is None else str(value)
        if widths_cm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm, strict=False):
                    cell.width = Cm(width)
        if row_height_cm:
            for row in table.rows[1:]:
                row.height = Cm(row_height_cm)
        self.document.add_paragraph()
        return self

    @staticmethod
    def _repeat_header(row) -> None:
        properties = row._tr.get_or_add_trPr()
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        properties.append(element)

    def signature_block(self, names: Sequence[tuple[str, str]], *, place_date: str = ""
                        ) -> "DocxBuilder":
        """Lines to sign: (name, position) pairs, two per row."""
        if place_date:
            self.paragraph(place_date)
        table = self.document.add_table(rows=0, cols=2)
        for index in range(0, len(names), 2):
            cells = table.add_row().cells
            for cell, (name, position) in zip(cells, names[index:index + 2], strict=False):
                cell.text = ""
                cell.paragraphs[0].add_run("\n\n……………………………………")
                cell.add_paragraph(name).runs[0].bold = True
                if position:
                    cell.add_paragraph(position)
        self.document.add_paragraph()
        return self

    def publicity(self, block: Publicity | None) -> "DocxBuilder":
        if block is None:
            return self
        if block.infoblock:
            self.paragraph(" · ".join(block.infoblock), bold=True, size=8)
        self.paragraph(f"{block.beneficiary} – {block.project_title} ({block.project_id})",
                       bold=True, size=8)
        for line in block.lines:
            self.paragraph(line, size=8)
        return self

    def image(self, png: bytes, *, width_cm: float, alt: str) -> "DocxBuilder":
        """A picture with its alternative text (what Word reads out for it)."""
        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))
        properties = self.document.inline_shapes[-1]._inline.docPr
        properties.set("descr", alt)
        properties.set("title", alt)
        return self

    def picture(self, *, svg: Callable[[], str], png: Callable[[], bytes], width_cm: float,
                alt: str) -> "DocxBuilder":
        """A picture given both ways (see TypstBuilder.picture): Word gets the PNG."""
        return self.image(png(), width_cm=width_cm, alt=alt)

    def legend(self, items: Iterable[tuple[str, str]]) -> "DocxBuilder":
        """Colour keys of a map or chart: (#rrggbb, label), a coloured square before each."""
        for colour, label in items:
            paragraph = self.document.add_paragraph()
            swatch = paragraph.add_run("■ ")
            swatch.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
            paragraph.add_run(label)
        return self

    def space(self, height_cm: float) -> "DocxBuilder":
        """Vertical room, e.g. above a certificate's title."""
        self.document.add_paragraph().paragraph_format.space_before = Cm(height_cm)
        return self

    def page_break(self) -> "DocxBuilder":
        self.document.add_page_break()
        return self

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def response(self, name: str) -> HttpResponse:
        return file_response(self.to_bytes(), f"{slugify(name)}.docx", DOCX_TYPE)


def hu_date(value) -> str:
    """'2015. június 16.' whatever language is active (documents are Hungarian); Django's
    Hungarian DATE_FORMAT ('Y. F j.') without switching the language for every date (a
    300-measure plan asks 600 times)."""
    return "" if value is None else hungarian.date_long(value)
