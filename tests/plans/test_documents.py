"""The plan as PDF and DOCX in the HEP chapter order; the progress report."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from kerekasztal.plans import services
from tests.conftest import login

from .factories import adopt, make_measure, make_problem

pytestmark = pytest.mark.django_db


def url(name, plan):
    return reverse(f"plans:{name}", kwargs={"forum": plan.forum.slug, "pk": plan.pk})


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def filled(hep):
    services.chapter_update(chapter=hep.chapters.get(kind="children"),
                            text="A településen 42 gyermek él.",
                            problems_found="Nincs helyben bölcsőde.")
    statistic = services.statistic_create(plan=hep, chapter="children",
                                          name="Védőnői ellátásban részesülők", source="TEIR")
    services.statistic_set_value(statistic=statistic, settlement=hep.settlement, year=2023,
                                 value=17)
    make_problem(hep, "Nincs helyben bölcsőde", group="children")
    make_measure(hep, title="Családi napközi létesítése", group="children",
                 deadline=datetime.date(2026, 9, 1), indicator_name="Férőhelyek száma")
    return hep


def test_plan_docx_follows_the_hep_chapter_order(client, world, filled):
    login(client, world.auditor)
    response = client.get(url("plan_docx", filled))
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("1. Jogszabályi háttér") < headings.index("4. A gyermekek helyzete") \
        < headings.index("Intézkedési terv") < headings.index("1. Családi napközi létesítése")
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert any(p.text.startswith("Védőnői ellátásban részesülők (fő)")
               for p in document.paragraphs)
    assert "17" in cells
    assert "Nincs helyben bölcsőde." in cells


def test_plan_pdf_is_a_real_pdf_with_the_measures(client, world, filled):
    login(client, world.member)
    response = client.get(url("plan_pdf", filled))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "A gyermekek helyzete" in text and "Családi napközi létesítése" in text


def test_progress_report_pdf_lists_reports(client, world, filled):
    plan = adopt(filled)
    measure = plan.measures.get()
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 2, 1),
                                     status="in_progress", percent=25,
                                     narrative="Megvan a helyiség.")
    login(client, world.coordinator)
    text = _pdf_text(client.get(url("progress_pdf", plan)).content)
    assert "Megvan a helyiség." in text and "25%" in text
