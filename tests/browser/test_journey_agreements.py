"""Agreements as they really happened, in a real browser, through the pages only, with
axe-core on every page (issues 16 and 17), on the demo data and its logins:
(a) the coordinator records an agreement signed on paper in 2020 by three parties in one
    form, and the project's agreements figure counts it;
(b) the coordinator uploads a spreadsheet of 30 multi-party agreements, sees every bad row
    in the preview, fixes the file, applies it, and the register lists 30;
(c) a member signs an agreement their organisation is a party of."""


import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load
from kerekasztal.forums.demo import SLUG

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR, MEMBER = "koordinator@example.org", "tag@example.org"
FIGURE = "Aláírt együttműködési megállapodások"


def _agreements_page(page):
    page.goto(f"/f/{SLUG}/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Megállapodások").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Együttműködési megállapodások")


def _figure_in_2020(page):
    page.goto(f"/f/{SLUG}/manage/projects/")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019").click()
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.goto(page.url.split("?")[0] + "?as_of=2020-12-31")
    return page.get_by_role("row").filter(
        has=page.get_by_role("link", name=FIGURE, exact=True))


def test_a_coordinator_records_a_paper_agreement_of_2020_in_one_form(page, axe, live_server,
                                                                     settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    figure = _figure_in_2020(page)
    expect(figure).to_contain_text("6 megállapodás")
    axe("project dashboard before")

    _agreements_page(page)
    axe("agreement list")
    page.get_by_role("link", name="Aláírt megállapodás rögzítése").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aláírt megállapodás rögzítése")
    axe("paper agreement form")
    page.get_by_label("Típus").select_option("multilateral")
    page.get_by_label("Cím", exact=True).fill("Együttműködés a közösségi közlekedésért")
    page.get_by_label("A szöveg elkészült").fill("2020-05-04")
    parties = [("Kőszeg Város Önkormányzata", "2020-05-20", "Básthy Béla"),
               ("Csepreg Város Önkormányzata", "2020-05-22", "Kiss Andrea"),
               ("Bozsok Község Önkormányzata", "2020-05-01", "Pócza Alexandra")]
    for number, (name, day, signatory) in enumerate(parties, start=1):
        row = page.get_by_role("group", name=f"{number}. fél")
        row.get_by_label("Szervezet").select_option(label=name)
        row.get_by_label("Az aláírás napja").fill(day)
        row.get_by_label("Aláíró neve").fill(signatory)
    page.get_by_role("button", name="Rögzítés").click()
    third = page.get_by_role("group", name="3. fél")
    expect(third).to_contain_text("nem lehet korábbi, mint amikor az aláírt szöveg elkészült")
    axe("paper agreement form with an error")
    third.get_by_label("Az aláírás napja").fill("2020-05-27")
    page.get_by_role("button", name="Rögzítés").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Együttműködés a közösségi közlekedésért")
    expect(page.get_by_text("Hatályos", exact=True)).to_be_visible()
    expect(page.get_by_text("2020. május 27.").first).to_be_visible()
    axe("recorded agreement")

    figure = _figure_in_2020(page)
    expect(figure).to_contain_text("7 megállapodás")
    axe("project dashboard after")


HEADERS = ["A megállapodás címe", "Típus", "Témák", "A szöveg elkészült", "Hatály kezdete",
           "Hatály vége", "Aláíró szervezet", "Aláírás napja", "Aláíró neve"]
# As people type them: cases, accents and "Önkormányzat" variants.
TYPED = ["kőszeg város önkormányzata", "Bozsok Önkormányzat", "CSEPREG VÁROS ÖNKORMÁNYZATA",
         "Bük Város Önkormányzata", "Cák Község Önkormányzata"]


def _spreadsheet(path, *, broken):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for number in range(1, 31):
        title = f"Együttműködési megállapodás a felzárkózásért ({number}.)"
        for index in range(3):
            organisation = TYPED[(number + index) % len(TYPED)]
            signed = f"2019-0{1 + index}-15"
            if broken and number == 4 and index == 1:
                organisation = "Nemlétező Község Önkormányzata"
            if broken and number == 9 and index == 2:
                signed = "2018-01-01"  # before the draft
            if broken and number == 17 and index == 0:
                signed = "2099-01-01"  # in the future
            sheet.append([title, "többoldalú", "", "2018-12-01", None, None, organisation,
                          signed, "Aláíró"])
    book.save(path)
    return path


def test_a_coordinator_imports_30_agreements_from_a_spreadsheet(page, axe, live_server,
                                                                tmp_path):
    demo_load()
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    _agreements_page(page)
    page.get_by_role("link", name="Importálás táblázatból").click()
    axe("import upload")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(
        _spreadsheet(tmp_path / "hibas.xlsx", broken=True))
    page.get_by_role("button", name="Ellenőrzés").click()
    main = page.locator("main")
    expect(main).to_contain_text("Nemlétező Község Önkormányzata")
    expect(main).to_contain_text("nem lehet korábbi, mint amikor az aláírt szöveg elkészült")
    expect(main).to_contain_text("nem lehet jövőbeli")
    for row in ("12", "28", "50"):  # rows 4/2, 9/3, 17/1 of the sheet (header is row 1)
        expect(main.get_by_role("cell", name=row, exact=True).first).to_be_visible()
    axe("import preview with errors")
    expect(page.get_by_role("button", name="sor importálása")).to_have_count(0)

    page.goto(page.url.rsplit("/", 2)[0] + "/")
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(
        _spreadsheet(tmp_path / "javitott.xlsx", broken=False))
    page.get_by_role("button", name="Ellenőrzés").click()
    axe("import preview without errors")
    # 30 agreements with 90 parties and signatures in one transaction: allow it time on a
    # busy test machine.
    page.get_by_role("button", name="90 sor importálása").click(timeout=120_000)
    expect(page.get_by_text("90 sor importálva")).to_be_visible(timeout=60_000)
    axe("agreement list after import")

    page.goto(f"/f/{SLUG}/agreements/?q=felzárkózásért")
    expect(page.locator("main")).to_contain_text("30")
    axe("public register")


def test_a_member_signs_an_agreement_of_their_organisation(page, axe, live_server):
    demo_load()
    log_in(page, MEMBER, DEMO_PASSWORD)
    page.goto(f"/f/{SLUG}/manage/")
    waiting = page.get_by_role("region", name="Aláírásra váró megállapodások")
    expect(waiting).to_contain_text("Együttműködési megállapodás közösségi kertekről")
    axe("member workspace")
    waiting.get_by_role("link", name="Együttműködési megállapodás közösségi kertekről").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Együttműködési megállapodás közösségi kertekről")
    axe("agreement open for signature")
    page.get_by_role("link", name="Aláírás szervezetem nevében").click()
    axe("acceptance form")
    page.get_by_role("button", name="Elfogadom és aláírom").click()
    expect(page.get_by_text("jelölje be a nyilatkozatot").first).to_be_visible()
    axe("acceptance form with an error")
    page.get_by_label("Szervezetem képviseletében elfogadom a megállapodás szövegét.").check()
    page.get_by_role("button", name="Elfogadom és aláírom").click()
    expect(page.get_by_text("Az aláírást rögzítettük.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Csepreg Város Önkormányzata")).to_contain_text(
        "Aláírta: Kiss Andrea")
    expect(page.get_by_text("elektronikusan elfogadva")).to_be_visible()
    axe("signed by the member")

    # Another party's signature is not theirs: the page says what to do instead.
    other = page.get_by_role("row").filter(has_text="Velem Község Önkormányzata")
    expect(other.get_by_role("link", name="Aláírás szervezetem nevében")).to_have_count(0)
    page.goto(f"/f/{SLUG}/manage/")
    expect(page.get_by_role("region", name="Aláírásra váró megállapodások")).to_contain_text(
        "Nincs olyan megállapodás")
    axe("member workspace after signing")
