"""A project's messy past as a coordinator brings it on the first day (found replaying the
seed press releases): spreadsheets with a blank row in the middle, a row given twice, dates
as Hungarians type them; figures with a decimal comma (targets, manual values, training
hours, the grant rate); a release published today about 2015; an extension. Each test
failed before its fix."""

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANAGE = "/f/koszegi-jarasi-kerekasztal/manage"


@pytest.fixture
def demo(task_queue):
    call_command("demo", verbosity=0)


def check(page, axe, url, path, label):
    page.goto(url)
    axe(f"{label} import")
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Ellenőrzés").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Importálás előnézete")
    axe(f"{label} import preview")
    return page.locator("main")


def open_project(page, *, dashboard: bool = False):
    """The demo's project, through the projects list (its id differs between runs)."""
    page.goto(f"{MANAGE}/projects/")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019", exact=True).click()
    if dashboard:
        page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    expect(page.locator("main")).to_contain_text("ÁROP-1.A.3-2014-2014-0019")


def error_rows(page):
    rows = page.get_by_role("table", name="Hibák soronként").locator("tbody tr").all()
    return [[row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()]
            for row in rows]


def test_errors_after_a_blank_row_name_the_spreadsheets_row(page, axe, demo, tmp_path):
    table = tmp_path / "szervezetek.csv"
    table.write_text(
        "Név;Típus;Székhely\n"
        "Kőszegszerdahelyi Gyöngyvirág Egyesület;Civil szervezet;Kőszegszerdahely\n"
        ";;\n"
        "Őrségi Szociális Szövetkezet;Szövetkezet;Kőszeg\n", encoding="utf-8")
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    main = check(page, axe, f"{MANAGE}/directory/organisations/import/", table, "organisation")
    expect(main).to_contain_text("1 hibás sor")
    # the bad kind is on the spreadsheet's 4th row (header, a good row, a blank row)
    assert error_rows(page) == [["4", "Típus"]], main.inner_text()


def test_a_row_given_twice_in_an_xlsx_is_flagged_not_counted_twice(page, axe, demo,
                                                                   tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Dátum", "Kezdés", "Befejezés", "Cím", "Típus", "Helyszín", "Település",
                  "Létszám"])
    row = ["2015. 10. 01.", "13:00", "15:00", "Együttműködési megállapodások bemutatása",
           "Disszeminációs fórum", "Városháza", "Kőszeg", 25]
    sheet.append(row)
    sheet.append([None] * 8)
    sheet.append(row)
    path = tmp_path / "rendezvenyek.xlsx"
    workbook.save(path)
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    main = check(page, axe, f"{MANAGE}/events/import/", path, "held events")
    expect(main).to_contain_text("Ezen a napon már van ilyen című rendezvény.")
    assert error_rows(page) == [["4", "Cím"]], main.inner_text()
    expect(page.get_by_role("button", name="2 sor importálása")).to_have_count(0)


def test_dates_as_hungarians_type_them_are_read(page, axe, demo, tmp_path):
    people = tmp_path / "kapcsolattartok.csv"
    people.write_text(
        "Név;Szervezet;Jogalap;Hozzájárulás dátuma;Megőrzés vége\n"
        "Kovács Éva;Csepreg Város Önkormányzata;közfeladat;;2030. 12. 31.\n"
        "Szabó Ödön;Csepreg Város Önkormányzata;hozzájárulás;2019.03.15;2030.12.31.\n",
        encoding="utf-8")
    meetings = tmp_path / "ulesek.csv"
    meetings.write_text("Dátum;Helyszín;Cím;Létszám\n2015. 07. 20;Kőszeg;Nyári ülés;17\n",
                        encoding="utf-8")
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    main = check(page, axe, f"{MANAGE}/directory/people/import/", people, "people")
    expect(main).to_contain_text("Minden sor hibátlan")
    expect(page.get_by_role("button", name="2 sor importálása")).to_have_count(1)
    main = check(page, axe, f"{MANAGE}/meetings/held/import/", meetings, "held meetings")
    expect(main).to_contain_text("Minden sor hibátlan")
    # a day that does not exist is answered with the forms a date takes
    agreements = tmp_path / "megallapodasok.csv"
    agreements.write_text(
        "Megállapodás;Típus;Szöveg elkészült;Szervezet;Aláírva\n"
        "Tematikus megállapodás az oktatásról;tematikus;2019.02.30;Kőszeg Város "
        "Önkormányzata;2019. 03. 15.\n"
        "Tematikus megállapodás az oktatásról;tematikus;2019.02.20;Kőszegi Általános "
        "Iskola;2019. 03. 18.\n", encoding="utf-8")
    main = check(page, axe, f"{MANAGE}/agreements/import/", agreements, "agreements")
    expect(main).to_contain_text("Érvénytelen dátum; így írja: 2024. 03. 15. vagy 2024-03-15.")
    assert error_rows(page)[0] == ["2", "A szöveg elkészült"], main.inner_text()


def test_indicator_target_and_manual_value_take_a_decimal_comma(page, axe, demo, tmp_path):
    scan = tmp_path / "szamla.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    open_project(page, dashboard=True)
    page.get_by_role("link", name="Új indikátor").click()
    axe("new indicator")
    page.get_by_label("Megnevezés").fill("Érzékenyítő tréning óraszáma")
    page.get_by_label("Mértékegység").fill("óra")
    page.get_by_label("Célérték").fill("12,5 óra")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_target_error")).to_contain_text("Adjon meg egy számot")
    axe("new indicator with an error")
    page.get_by_label("Célérték").fill("12,5")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    row = page.locator("tr", has=page.get_by_role(
        "link", name="Érzékenyítő tréning óraszáma", exact=True))
    expect(row).to_contain_text("12,5 óra")
    axe("dashboard with the new indicator")
    page.get_by_role("link", name="Érzékenyítő tréning óraszáma", exact=True).click()
    page.get_by_role("link", name="Kézi érték rögzítése").click()
    page.get_by_label("Ettől a naptól").fill("2015-10-15")
    page.get_by_label("Érték").fill("7,5")
    page.get_by_label("Bizonyíték").set_input_files(str(scan))
    axe("manual value form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    expect(page.locator("main")).to_contain_text("7,5")
    axe("indicator with its manual value")


def test_training_hours_and_grant_rate_take_a_decimal_comma(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto(f"{MANAGE}/events/")
    page.get_by_role("link", name="Megtartott rendezvény rögzítése").click()
    page.get_by_label("Típus").select_option("training")
    page.get_by_label("Cím", exact=True).fill("Esélyteremtő attitűd formálása – 3. alkalom")
    page.get_by_label("Kezdés").fill("2015-09-15T09:00")
    page.get_by_label("Befejezés").fill("2015-09-15T11:30")
    page.get_by_label("Helyszín").fill("Városháza")
    page.get_by_label("Települések").select_option(label="Kőszeg")
    page.get_by_label("Óraszám").fill("2,5")
    page.get_by_label("Résztvevők száma (fő)").fill("14")
    axe("held training form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    expect(page.locator("main")).to_contain_text("2,5")
    axe("held training")

    open_project(page)
    page.get_by_role("link", name="Adatok szerkesztése").click()
    page.get_by_label("Támogatási intenzitás (%)").fill("85,5")
    # forint sums as people write them: thousands by spaces or full stops, "Ft" after
    page.get_by_label("Támogatás összege (Ft)").fill("22 000 000")
    page.get_by_label("Elszámolható összköltség (Ft)").fill("25.882.353 Ft")
    axe("project form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("85,5")
    axe("project after the edit")
    page.get_by_role("link", name="Adatok szerkesztése").click()
    expect(page.get_by_label("Támogatás összege (Ft)")).to_have_value("22\u00a0000\u00a0000")
    expect(page.get_by_label("Elszámolható összköltség (Ft)")).to_have_value(
        "25\u00a0882\u00a0353")
    page.get_by_label("Elszámolható összköltség (Ft)").fill("huszonötmillió")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("Adjon meg egy egész összeget, például 22 000 000.",
                            exact=True)).to_be_visible()  # next to the field
    expect(page.get_by_label("Támogatás összege (Ft)")).to_have_value("22\u00a0000\u00a0000")
    axe("project form with a wrong sum")


def test_published_release_says_its_day_with_one_full_stop(page, axe, demo):
    """A Hungarian date ends with a full stop ("2015. november 30."), which also ends the
    sentence: "Közzétéve 2026. december 5.", never "5..". The released figure is the
    dashboard's."""
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    open_project(page, dashboard=True)
    members = page.get_by_role("row", name="Tagszervezetek száma").get_by_role("cell").nth(1)
    expect(members).to_have_text("21 szervezet")
    open_project(page)
    page.get_by_label("Dokumentum", exact=True).select_option("closing")
    page.get_by_label("Az adatok napja").fill("2015-11-30")
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    expect(page.get_by_label("Szöveg")).to_contain_text("Tagszervezetek száma: 21 szervezet")
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator(".message--success")).to_contain_text("Közzétettük")
    published = page.locator("main p", has_text="Közzétéve")
    expect(published).to_contain_text("Közzétéve 20")
    assert ".." not in published.inner_text(), published.inner_text()
    axe("published release")
    page.get_by_role("link", name="Megtekintés a nyilvános oldalon").click()
    expect(page.locator("main")).to_contain_text("Tagszervezetek száma: 21 szervezet")
    axe("public press release")


def test_an_extension_decided_in_the_future_is_refused_next_to_its_day(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    open_project(page)
    page.get_by_role("link", name="Hosszabbítás rögzítése").click()
    page.get_by_label("Új befejezés", exact=True).fill("2015-12-31")
    page.get_by_label("Indok", exact=True).fill("a záró konferencia áthelyezése")
    page.get_by_label("A módosítás napja", exact=True).fill("2099-01-01")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_decided_on_error")).to_contain_text("még nem érkezett el")
    expect(page.get_by_label("Indok", exact=True)).to_have_value(
        "a záró konferencia áthelyezése")
    axe("extension form with an error")
    page.get_by_label("A módosítás napja", exact=True).fill("2015-11-20")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("main")).to_contain_text("2015. április 1. – 2015. december 31.")
    axe("project after the extension")
