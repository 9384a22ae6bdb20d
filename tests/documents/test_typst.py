"""Typst PDFs: tagged, archival, titled, in Hungarian; a user's text prints literally."""

import io

from docx import Document
from pypdf import PdfReader

from kerekasztal.documents.publicity import Publicity
from kerekasztal.documents.render import DocxBuilder
from kerekasztal.documents.typst import TypstBuilder

HOSTILE = r'#set text(red) $x^2$ *félkövér* _dőlt_ <címke> @hivatkozás \ #import "x"'


def _write(builder):
    builder.heading("Jelenléti ív – Árvíztűrő tükörfúrógép", 0)
    builder.facts([("Időpont", "2015. június 16."), ("Helyszín", None)])
    builder.paragraph(HOSTILE)
    builder.table(["Szervezet", "Megjegyzés"], [["Bozsok Község Önkormányzata", ""],
                                                ["ŐŰ őű Kft.", HOSTILE]])
    builder.signature_block([("Horváth Katalin", "koordinátor")], place_date="Kőszeg, 2015.")
    builder.publicity(Publicity(beneficiary="Kőszeg Város Önkormányzata",
                                project_title="Esélyteremtési Akcióprogram",
                                project_id="ÁROP-1.A.3-2014-2014-0019",
                                lines=["A projekt az Európai Unió támogatásával valósult meg."],
                                infoblock=["Széchenyi 2020", "Befektetés a jövőbe"]))
    return builder


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_is_tagged_archival_titled_and_hungarian():
    pdf = _write(TypstBuilder(title="Jelenléti ív", forum_name="Kőszegi Kerekasztal")
                 ).to_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("hu")
    assert reader.metadata.title == "Jelenléti ív"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "pdfuaid:part" in xmp  # PDF/A and PDF/UA identification
    assert "/OutputIntents" in root


def test_users_text_prints_literally_and_a_missing_value_as_a_dash():
    text = _pdf_text(_write(TypstBuilder(title="Teszt")).to_bytes())
    flat = " ".join(text.split())
    assert "Árvíztűrő tükörfúrógép" in flat and "ŐŰ őű Kft." in flat
    for piece in ("#set text(red)", "$x^2$", "*félkövér*", "_dőlt_", "<címke>",
                  "@hivatkozás", '#import "x"'):
        assert piece in flat, piece
    assert "Helyszín: –" in flat
    assert "Széchenyi 2020 · Befektetés a jövőbe" in flat


def test_pdf_and_docx_say_the_same_things():
    pdf_words = set(_pdf_text(_write(TypstBuilder(title="Teszt")).to_bytes()).split())
    document = Document(io.BytesIO(_write(DocxBuilder(title="Teszt")).to_bytes()))
    docx_text = "\n".join([p.text for p in document.paragraphs] + [
        c.text for t in document.tables for r in t.rows for c in r.cells])
    docx_words = {w for w in docx_text.split() if not set(w) <= set("…")}
    missing = {w for w in docx_words - pdf_words if w not in ("", "Helyszín:", "Időpont:")}
    assert not missing, missing


def test_a_blank_table_is_a_form_whose_rows_grow_with_their_text():
    long_name = "Kőszeg-Hegyalja Többcélú Kistérségi Társulás Családsegítő Szolgálata"
    builder = TypstBuilder(title="Jelenléti ív")
    builder.table(["Szervezet", "Aláírás"], [[long_name, ""], ["", ""]],
                  widths_cm=[4, 4], row_height_cm=0.9, blank=True)
    builder.heading("TANÚSÍTVÁNY", align="center", size=24).space(1)
    text = _pdf_text(builder.to_bytes())
    assert "–" not in text  # nothing printed where people sign
    assert " ".join(text.replace("-\n", "").split()).count("Családsegítő Szolgálata") == 1
    assert "TANÚSÍTVÁNY" in text
    document = Document(io.BytesIO(DocxBuilder(title="x").table(
        ["Szervezet", "Aláírás"], [[long_name, ""]], row_height_cm=0.9, blank=True)
        .heading("TANÚSÍTVÁNY", align="center", size=24).space(1).to_bytes()))
    assert document.tables[0].rows[1].cells[0].text == long_name


def test_users_text_prints_literally_in_every_kind_of_block():
    """Issue 19: whatever block a document puts a user's text in, Typst prints it as written
    (`#`, `$`, `*`, `_`, `<`, `@`, backslashes), including a trailing backslash."""
    builder = TypstBuilder(title=HOSTILE, forum_name=HOSTILE)
    builder.heading(HOSTILE, 0).heading(HOSTILE, 1, align="center", size=14)
    builder.paragraph(HOSTILE, bold=True, italic=True, size=9, align="right")
    builder.facts([(HOSTILE, HOSTILE), ("Végén", "C:\\mappa\\")])
    builder.table([HOSTILE], [[HOSTILE], ["\\"]])
    builder.table([HOSTILE, "Aláírás"], [[HOSTILE, ""]], row_height_cm=0.9, blank=True)
    builder.legend([("#d62728", HOSTILE)])
    builder.signature_block([(HOSTILE, HOSTILE)], place_date=HOSTILE)
    builder.publicity(Publicity(beneficiary=HOSTILE, project_title=HOSTILE, project_id="x",
                                lines=[HOSTILE], infoblock=[HOSTILE]))
    pdf = builder.to_bytes()
    flat = " ".join(_pdf_text(pdf).replace("\xad\n", "").replace("-\n", "").split())
    # the running header on the page, then 2 headings, paragraph, fact, 2 tables (header
    # and cell), legend, signature name, position and place, publicity (3)
    assert flat.count(HOSTILE) >= 16, flat
    assert "C:\\mappa\\" in flat
    assert PdfReader(io.BytesIO(pdf)).metadata.title == HOSTILE
