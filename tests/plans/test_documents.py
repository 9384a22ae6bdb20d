"""The plan as PDF and DOCX in the HEP chapter order; the progress report."""

import datetime
import io
import re

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


HOSTILE = r'#set text(red) $x^2$ *félkövér* _dőlt_ <címke> @hivatkozás \ #import "x"'


def test_plan_pdf_is_tagged_says_what_the_docx_says_and_prints_users_text_literally(
        client, world, filled):
    """Issue 19: the plan PDF is PDF/UA (tags, title, language), it says what the Word file
    says, a user's Typst or markup characters print as written, a missing value as '–'."""
    from tests.documents.checks import assert_accessible_pdf, assert_same_things

    problem = make_problem(filled, title=f"Probléma {HOSTILE}", group="women")  # no baseline
    make_measure(filled, title=f"Intézkedés {HOSTILE}", group="women",
                 content=f"Első bekezdés {HOSTILE}\n\nMásodik bekezdés.",
                 goal_short="Rövid\\táv_cél", problems=[problem])
    login(client, world.auditor)
    pdf = client.get(url("plan_pdf", filled)).content
    docx = client.get(url("plan_docx", filled)).content
    assert_accessible_pdf(pdf, filled.title)
    assert_same_things(pdf, docx)
    flat = " ".join(re.sub("[-\xad]\n", "", _pdf_text(pdf)).split())
    for piece in ("#set text(red)", "$x^2$", "*félkövér*", "_dőlt_", "<címke>", "@hivatkozás",
                  '#import "x"', "Rövid\\táv_cél", "Első bekezdés #set"):
        assert piece in flat, piece
    # The problem without a baseline: its table cell shows a dash.
    assert f"Nők Probléma {HOSTILE} –" in flat


def test_progress_report_pdf_is_tagged_titled_and_hungarian(client, world, filled):
    from tests.documents.checks import assert_accessible_pdf

    plan = adopt(filled)
    login(client, world.coordinator)
    assert_accessible_pdf(client.get(url("progress_pdf", plan)).content,
                          f"Előrehaladási jelentés – {plan.title}")


@pytest.mark.django_db(transaction=True)  # the task runs when the edit really commits
def test_an_unchanged_plan_is_served_from_its_stored_pdf_and_an_edited_one_never_is(
        client, world, filled, settings, monkeypatch):
    """Issue 19: the plan PDF is compiled once per version of the plan; after an edit a task
    compiles the new version (the plan was printed before), and the old file is never
    served again."""
    from kerekasztal.documents import stored
    from kerekasztal.plans.documents import stored_name

    folder = settings.DOCUMENTS_STORE_DIR / stored_name(filled.pk)
    login(client, world.coordinator)
    first = client.get(url("plan_pdf", filled)).content
    files = list(folder.glob("*.pdf"))
    assert len(files) == 1 and files[0].read_bytes() == first

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled in the request")

    real_compile = stored.compile_pdf
    monkeypatch.setattr(stored, "compile_pdf", no_compiling)
    assert client.get(url("plan_pdf", filled)).content == first  # the stored file

    measure = filled.measures.get()
    monkeypatch.setattr(stored, "compile_pdf", real_compile)
    services.measure_update(measure=measure, title="Bölcsőde a Kossuth utcában")
    files = list(folder.glob("*.pdf"))
    assert len(files) == 1 and files[0].read_bytes() != first  # the new version, prepared
    monkeypatch.setattr(stored, "compile_pdf", no_compiling)
    text = " ".join(_pdf_text(client.get(url("plan_pdf", filled)).content).split())
    assert "Bölcsőde a Kossuth utcában" in text and "Családi napközi" not in text


@pytest.mark.django_db(transaction=True)
def test_an_edit_queues_the_pdf_but_compiles_nothing_for_a_plan_never_printed(
        world, filled, settings, task_queue):
    from django_tasks_db.models import DBTaskResult

    from kerekasztal.plans.documents import prepare_plan_pdf, stored_name

    DBTaskResult.objects.all().delete()
    services.measure_update(measure=filled.measures.get(), title="Bölcsőde")
    queued = [r for r in DBTaskResult.objects.all() if "prepare_plan_pdf" in r.task_path]
    assert [r.args_kwargs["args"] for r in queued] == [[filled.pk]]  # after the commit, once
    assert prepare_plan_pdf.func(filled.pk) is False
    assert not (settings.DOCUMENTS_STORE_DIR / stored_name(filled.pk)).exists()


def test_a_stored_pdf_key_changes_with_every_word_but_not_with_the_print_time():
    from kerekasztal.documents.stored import key_of
    from kerekasztal.documents.typst import TypstBuilder

    data = TypstBuilder(title="Terv").heading("Terv").paragraph("Első szöveg").data()
    assert key_of(data) == key_of({**data, "generated": "2030. 01. 01. 10:00"})
    changed = TypstBuilder(title="Terv").heading("Terv").paragraph("Első szöveg!").data()
    assert key_of(changed) != key_of(data)


def test_one_pdf_task_per_plan_and_transaction(world, django_capture_on_commit_callbacks):
    """An import of 300 measures queues the plan's PDF once, not 300 times."""
    from .factories import make_plan

    with django_capture_on_commit_callbacks() as callbacks:
        plan = make_plan(world.forum, settlement="Velem")
        for number in range(1, 4):
            make_measure(plan, title=f"Intézkedés {number}")
    assert [getattr(c, "plan_pdf_id", None) for c in callbacks].count(plan.pk) == 1


@pytest.fixture
def large_figures(filled):
    from decimal import Decimal

    statistic = services.statistic_create(plan=filled, chapter="children",
                                          name="Gyermekek száma", source="KSH")
    services.statistic_set_value(statistic=statistic, settlement=filled.settlement,
                                 year=2022, value=12345)
    services.statistic_set_value(statistic=statistic, settlement=filled.settlement,
                                 year=2023, value=Decimal("12.5"))
    return filled


def test_plan_docx_tables_write_thousands_and_decimal_commas(client, world, large_figures):
    login(client, world.auditor)
    document = Document(io.BytesIO(client.get(url("plan_docx", large_figures)).content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "12\u202f345" in cells and "12,5" in cells
    assert "12345" not in cells and "12.5" not in cells


def test_plan_pdf_tables_write_thousands_and_decimal_commas(client, world, large_figures):
    login(client, world.member)
    text = _pdf_text(client.get(url("plan_pdf", large_figures)).content)
    assert re.search(r"12[\s\u202f\u00a0]345", text), text
    assert "12,5" in text and "12345" not in text and "12.5" not in text


def test_progress_report_pdf_writes_percentages_without_a_space(client, world, filled):
    plan = adopt(filled)
    measure = plan.measures.get()
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 2, 1),
                                     status="in_progress", percent=40, narrative="Halad.")
    login(client, world.coordinator)
    text = _pdf_text(client.get(url("progress_pdf", plan)).content)
    assert "A program teljesítése: 40%" in text
    assert not re.search(r"\d[\s\u202f\u00a0]%", text), text
