"""The plans' user flow in a real browser, with axe-core on every page: the settlement officer
writes the HEP and a measure, a member comments, the coordinator decides, adopts, records
progress and rolls the settlements up into the district plan; the visitor sees the result."""

import pytest
from playwright.sync_api import expect

from kerekasztal.plans.models import Plan
from tests.conftest import PASSWORD, World
from tests.plans.factories import make_plan, make_problem

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page):
    page.locator("header").get_by_role("button", name="Kilépés").click()


def test_hep_from_draft_to_adoption_progress_and_district_rollup(page, axe, live_server):
    world = World()
    make_problem(make_plan(world.forum, settlement="Velem"), "Nincs helyben bölcsőde",
                 group="children")

    # The settlement officer starts Bozsok's HEP and writes a measure.
    log_in(page, world.settlement_officer.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/plans/")
    axe("plan list")
    page.get_by_role("link", name="Új program").click()
    page.get_by_label("Település").select_option(label="Bozsok")
    page.get_by_label("Cím").fill("Bozsok Község Helyi Esélyegyenlőségi Programja")
    page.get_by_label("Időszak kezdete (év)").fill("2024")
    page.get_by_label("Időszak vége (év)").fill("2028")
    axe("new plan form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bozsok Község Helyi Esélyegyenlőségi Programja")
    axe("plan page")

    page.get_by_role("link", name="A gyermekek helyzete").click()
    page.get_by_label("Helyzetelemzés").fill("A településen 42 gyermek él, bölcsőde nincs.")
    page.get_by_label("Beazonosított problémák").fill("Nincs helyben bölcsőde.")
    axe("chapter")
    page.get_by_role("button", name="Fejezet mentése").click()
    expect(page.locator(".message--success")).to_contain_text("A fejezetet mentettük")
    page.get_by_role("link", name="Bozsok Község Helyi Esélyegyenlőségi Programja").click()

    page.get_by_role("link", name="Új probléma").click()
    page.get_by_label("Célcsoport").select_option(label="Gyermekek")
    page.get_by_label("Probléma").fill("Nincs helyben bölcsőde")
    page.get_by_role("button", name="Mentés").click()

    page.get_by_role("link", name="Új intézkedés").click()
    page.get_by_label("Az intézkedés címe").fill("Családi bölcsőde létesítése")
    page.get_by_label("Célcsoport").select_option(label="Gyermekek")
    page.get_by_label("Nincs helyben bölcsőde").check()
    page.get_by_label("Felelős", exact=True).fill("Bozsok Község Önkormányzata")
    page.get_by_label("Határidő", exact=True).fill("2030-06-30")
    axe("measure form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--warning")).to_contain_text("kívül esik a program időszakán")
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Családi bölcsőde létesítése")
    axe("measure page")
    log_out(page)

    plan = Plan.objects.get(settlement=world.settlement)
    plan_url = f"/f/{world.forum.slug}/manage/plans/{plan.pk}/"

    # The coordinator opens the consultation.
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(plan_url)
    page.get_by_role("button", name="Állapot: Véleményezés alatt").click()
    expect(page.locator(".message--success")).to_contain_text("Véleményezés alatt")
    log_out(page)

    # A member comments on the measure.
    log_in(page, world.member.email, PASSWORD)
    page.goto(plan_url)
    page.get_by_role("link", name="Családi bölcsőde létesítése").click()
    page.get_by_role("textbox", name="Észrevétel").fill("Vonjuk be a védőnői szolgálatot is.")
    page.get_by_role("button", name="Észrevétel beküldése").click()
    expect(page.locator(".message--success")).to_contain_text("Észrevételét rögzítettük")
    axe("measure with comment")
    log_out(page)

    # The coordinator accepts the comment, adopts the plan and records progress.
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(plan_url)
    page.get_by_role("link", name="Véleményezés (1 elbírálatlan)").click()
    page.get_by_role("link", name="Elbírálásra vár").click()
    page.get_by_label("Elfogadva").check()
    page.get_by_label("Indoklás").fill("Beépítjük a partnerek közé.")
    axe("comment decision")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("cell", name="Beépítjük a partnerek közé.")).to_be_visible()
    axe("consultation report")
    page.get_by_role("link", name="Bozsok Község Helyi Esélyegyenlőségi Programja").click()
    page.get_by_label("Elfogadó határozat száma").fill("45/2024. (VI. 27.) Kt. határozat")
    page.get_by_label("Elfogadás napja").fill("2024-06-27")
    page.get_by_role("button", name="Állapot: Elfogadva").click()
    expect(page.locator(".message--success")).to_contain_text("Elfogadva")
    axe("adopted plan")
    page.get_by_role("link", name="Családi bölcsőde létesítése").click()
    page.get_by_role("link", name="Előrehaladás rögzítése").click()
    page.get_by_label("Dátum").fill("2025-03-01")
    page.get_by_label("Állapot").select_option("in_progress")
    page.get_by_label("Teljesítés (%)").fill("40")
    page.get_by_label("Beszámoló").fill("Megvan a helyiség, folyik az engedélyeztetés.")
    page.get_by_label("Bizonyíték (fájl)").set_input_files(files=[{
        "name": "berleti-szerzodes.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}])
    axe("progress form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("Megvan a helyiség, folyik az engedélyeztetés.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Bizonyíték letöltése").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The district plan rolls the settlements' problems up.
    district = make_plan(world.forum, scope="district")
    page.goto(f"/f/{world.forum.slug}/manage/plans/{district.pk}/rollup/")
    axe("roll-up")
    page.get_by_role("button", name="Átvétel a programba: Nincs helyben bölcsőde").click()
    expect(page.locator(".message--success")).to_contain_text("átvettük")
    assert district.problems.get().sources.count() == 2
    log_out(page)

    # The visitor sees the adopted plan and its progress, not the draft district plan.
    page.goto(f"/f/{world.forum.slug}/plans/")
    expect(page.get_by_role("link", name="Kőszegi Járási Esélyteremtő Programterv")
           ).to_have_count(0)
    page.get_by_role("link", name="Bozsok Község Helyi Esélyegyenlőségi Programja").click()
    expect(page.get_by_text("Megvan a helyiség, folyik az engedélyeztetés.")).to_be_visible()
    axe("public plan")


def test_the_plan_pdf_follows_every_edit_of_the_plan(page, axe, live_server):
    """Issue 19: the plan PDF is stored per version; the coordinator downloads it, edits a
    measure and downloads it again: the new title, never the old file."""
    import io

    from pypdf import PdfReader

    from tests.plans.factories import make_measure

    world = World()
    plan = make_plan(world.forum)
    make_measure(plan, title="Családi bölcsőde létesítése", group="children")

    def download_text() -> tuple[bytes, str]:
        with page.expect_download() as download:
            page.get_by_role("link", name="Program (PDF)").click()
        content = open(download.value.path(), "rb").read()
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        return content, " ".join(text.split())

    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/plans/{plan.pk}/")
    axe("plan page")
    _first, text = download_text()
    assert "Családi bölcsőde létesítése" in text

    page.get_by_role("link", name="Családi bölcsőde létesítése").click()
    page.get_by_role("link", name="Szerkesztés").click()
    axe("measure edit form")
    page.get_by_label("Az intézkedés címe").fill("Bölcsőde a Kossuth utcában")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Bölcsőde a Kossuth utcában")
    axe("measure page")
    page.get_by_role("link", name=plan.title).first.click()
    second, text = download_text()
    assert "Bölcsőde a Kossuth utcában" in text and "Családi bölcsőde" not in text
    third, _text = download_text()
    assert third == second  # unchanged: the stored file
