"""Checks every printed document passes: the PDF is tagged, titled and Hungarian, and it
says what its Word version says."""

import io
import re

from docx import Document
from pypdf import PdfReader

_FILLER = re.compile(r"^[….·•–\-#■]*$")  # dots to write on, bullets, swatches
_HYPHENATED = re.compile("[-\xad]\n")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    header = [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells])


def assert_accessible_pdf(content: bytes, title: str) -> None:
    """Tagged (PDF/UA), with its language and its title set, identified as PDF/UA-1 and
    PDF/A-2a (archival), and every page's text extractable."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("hu")
    assert reader.metadata.title == title
    xmp = root["/Metadata"].get_object().get_data().decode()
    for name, value in (("pdfaid:part", "2"), ("pdfaid:conformance", "A"),
                        ("pdfuaid:part", "1")):
        assert re.search(f"{name}[>=\"']+{value}", xmp), name
    assert "/OutputIntents" in root
    assert all(page.extract_text().strip() for page in reader.pages)


def _words(text: str) -> set[str]:
    return {word.strip(":,;.()„”") for word in text.split()} - {""}


def assert_same_things(pdf: bytes, docx: bytes) -> None:
    """Every word of the Word file is in the PDF, and every word of the PDF's body is in the
    Word file (the PDF adds only its running header, page numbers and print time)."""
    pdf_raw = pdf_text(pdf)
    # Typst hyphenates long words at line ends (a hyphen, or a soft hyphen in table cells):
    # join them back.
    pdf_words = _words(pdf_raw) | _words(_HYPHENATED.sub("", pdf_raw))
    docx_words = {w for w in _words(docx_text(docx)) if not _FILLER.match(w)}
    missing = docx_words - pdf_words
    assert not missing, f"in the DOCX only: {sorted(missing)}"
    extra = {w for w in _words(pdf_raw) - docx_words
             if not _FILLER.match(w) and not re.fullmatch(r"[\d/:.\-]+", w)}
    joined = _words(_HYPHENATED.sub("", pdf_raw))
    extra = {w for w in extra if w in joined}  # a hyphenated half is not a word of its own
    assert not extra, f"in the PDF only: {sorted(extra)}"
