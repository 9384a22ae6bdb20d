import io

import pytest
from docx import Document

from kerekasztal.documents.publicity import Publicity, publicity_for, register
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder


def test_pdf_keeps_every_hungarian_accent():
    from pypdf import PdfReader

    builder = TypstBuilder(title="Teszt", forum_name="Kőszegi Kerekasztal")
    pdf = builder.heading("Árvíztűrő tükörfúrógép – ŐŰ őű").to_bytes()
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Árvíztűrő tükörfúrógép – ŐŰ őű" in text
    assert "Kőszegi Kerekasztal" in text


def test_docx_builder_writes_an_editable_document():
    builder = DocxBuilder(title="Jelenléti ív", forum_name="Kőszegi Kerekasztal")
    builder.heading("Jelenléti ív").facts([("Időpont", "2015. június 16.")])
    builder.table(["Szervezet", "Aláírás"], [["Bozsok Község Önkormányzata", ""]])
    builder.signature_block([("Horváth Katalin", "koordinátor")], place_date="Kőszeg, 2015.")
    document = Document(io.BytesIO(builder.to_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert "Jelenléti ív" in texts
    assert document.tables[0].cell(1, 0).text == "Bozsok Község Önkormányzata"
    assert document.sections[0].header.paragraphs[0].text == "Kőszegi Kerekasztal"


def test_hungarian_dates_even_in_an_english_request():
    import datetime

    from django.utils import translation

    with translation.override("en"):
        assert hu_date(datetime.date(2015, 6, 16)) == "2015. június 16."


def test_publicity_hook_asks_registered_providers():
    marker = object()
    block = Publicity("Kőszeg Város Önkormányzata", "Esélyteremtési Akcióprogram",
                      "ÁROP-1.A.3-2014-2014-0019")
    assert publicity_for(marker) is None
    register(lambda record: block if record is marker else None)
    assert publicity_for(marker) is block
    assert publicity_for(object()) is None


@pytest.fixture(autouse=True)
def _clean_providers():
    from kerekasztal.documents import publicity

    saved = list(publicity._providers)
    yield
    publicity._providers[:] = saved
