"""The coordinator's import previews through the pages (axe-core on every page): a bad row's
own error is what the preview names, not a consequence on its partner row; and typed
spreadsheet cells are shown as Hungarians write them (dates, times, decimal commas)."""

import datetime

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/f/koszegi-jarasi-kerekasztal/manage/"


@pytest.fixture
def coordinator(page, live_server):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    return page


def spreadsheet(tmp_path, name, headers, rows):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def open_import(page, axe, menu, link):
    page.goto(WORKSPACE)
    page.get_by_role("navigation", name="A fórum menüje").get_by_role("link", name=menu).click()
    page.get_by_role("link", name=link).click()
    axe(f"{menu}: upload")


def upload(page, path):
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(path)
    page.get_by_role("button", name="Ellenőrzés").click()


def test_a_bad_day_is_the_error_of_its_row_not_of_its_partner(coordinator, axe, tmp_path):
    page = coordinator
    title = "Együttműködési megállapodás a nyári táborokról"
    path = spreadsheet(tmp_path, "megallapodasok.xlsx", [
        "A megállapodás címe", "Típus", "A szöveg elkészült", "Aláíró szervezet",
        "Aláírás napja"], [
        [title, "többoldalú", datetime.date(2020, 3, 2), "Bozsok Község Önkormányzata",
         "2020. 13. 45."],
        [title, "többoldalú", datetime.date(2020, 3, 2), "Kőszeg Város Önkormányzata",
         datetime.date(2020, 3, 12)],
    ])
    open_import(page, axe, "Megállapodások", "Importálás táblázatból")
    upload(page, path)
    errors = page.get_by_role("table", name="Hibák soronként")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the bad row
    expect(errors.get_by_role("row").nth(1)).to_contain_text("Aláírás napja")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("Érvénytelen dátum")
    expect(page.locator("main")).not_to_contain_text("legalább két fele")
    expect(page.get_by_role("button", name="2 sor importálása")).to_have_count(0)
    axe("agreements preview with the bad row")


def test_typed_cells_are_previewed_as_hungarians_write_them(coordinator, axe, tmp_path):
    page = coordinator
    path = spreadsheet(tmp_path, "rendezvenyek.xlsx", [
        "Dátum", "Kezdés", "Befejezés", "Cím", "Típus", "Helyszín", "Település", "Létszám"], [
        [datetime.date(2025, 6, 20), datetime.time(16, 0), datetime.time(17, 30),
         "Szülői klub – nyári szünet", "Szülői klub", "Művelődési ház", "Csepreg", 12],
    ])
    open_import(page, axe, "Rendezvények", "Megtartott rendezvények importálása")
    upload(page, path)
    expect(page.get_by_text("Minden sor hibátlan")).to_be_visible()
    row = page.get_by_role("table", name="Az első sorok").get_by_role("row").nth(1)
    for shown in ("2025. 06. 20.", "16:00", "17:30"):
        expect(row.get_by_role("cell", name=shown, exact=True)).to_be_visible()
    expect(row).not_to_contain_text("2025-06-20")
    expect(row).not_to_contain_text("16:00:00")
    axe("events preview")

    path = spreadsheet(tmp_path, "pontok.xlsx", [
        "Szolgáltatástípus", "Szolgáltató", "Székhely", "Ellenőrizve", "Szélesség",
        "Hosszúság"], [
        ["Védőnői szolgálat", "Csepregi Védőnői Szolgálat", "Csepreg",
         datetime.date(2025, 3, 31), 47.4005, 16.7086],
    ])
    open_import(page, axe, "Szolgáltatási térkép", "Szolgáltatási pontok")
    page.get_by_role("link", name="Importálás CSV-ből vagy XLSX-ből").click()
    upload(page, path)
    expect(page.get_by_text("Minden sor hibátlan")).to_be_visible()
    row = page.get_by_role("table", name="Az első sorok").get_by_role("row").nth(1)
    for shown in ("2025. 03. 31.", "47,4005", "16,7086"):
        expect(row.get_by_role("cell", name=shown, exact=True)).to_be_visible()
    axe("service points preview")
