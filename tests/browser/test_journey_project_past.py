"""The coordinator records the demo project's past truthfully, through the pages only (one
test per fault, each failing before its fix): a manual indicator nobody has measured yet
shows "–" (never "0") on the dashboard, in the release facts and on the public page, while a
real 0 entered later shows 0; the closing release recorded now keeps its real publication
day (a future day is refused next to the field) on the public pages and lists; the public
project page shows the dashboard's figures as of the project's end; an extension past the
sustainability period is refused next to its field. axe-core on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUM = "/f/koszegi-jarasi-kerekasztal"
CODE = "ÁROP-1.A.3-2014-2014-0019"
SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open_project(page):
    page.goto(f"{FORUM}/manage/projects/")
    page.get_by_role("link", name=CODE, exact=True).click()
    expect(page.locator("main")).to_contain_text(CODE)


def _value_cell(page, name):
    return page.get_by_role("row", name=name).get_by_role("cell").nth(1)


def _add_manual_indicator(page, axe):
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("link", name="Új indikátor").click()
    page.get_by_label("Megnevezés").fill("Mentorált családok")
    page.get_by_label("Mértékegység").fill("család")
    page.get_by_label("Célérték").fill("20")
    axe("indicator form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")


def _draft_closing_release(page):
    _open_project(page)
    page.get_by_label("Dokumentum", exact=True).select_option("closing")
    page.get_by_label("Az adatok napja").fill("2015-11-30")
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    return page.get_by_label("Szöveg")


def test_a_manual_indicator_without_a_value_says_so_until_a_real_zero_is_entered(
        page, axe, live_server, tmp_path):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    _open_project(page)
    axe("project page")
    _add_manual_indicator(page, axe)
    families = _value_cell(page, "Mentorált családok")
    expect(families).to_have_text("– (nincs még adat)")
    expect(families).not_to_contain_text("0")
    axe("dashboard with an unmeasured indicator")
    page.get_by_role("row", name="Mentorált családok").get_by_role(
        "link", name="Mentorált családok", exact=True).click()
    expect(page.locator("main dl")).to_contain_text("– (nincs még adat)")
    axe("manual indicator without a value")

    text = _draft_closing_release(page)
    expect(text).to_contain_text("Mentorált családok: –")
    expect(text).not_to_contain_text("Mentorált családok: 0")
    axe("closing release draft")
    page.goto(f"{FORUM}/projekt/")
    expect(page.get_by_role("row", name="Mentorált családok").get_by_role("cell").nth(1)
           ).to_have_text("– (nincs még adat)")
    axe("public project page with an unmeasured indicator")

    scan = tmp_path / "jelenleti-iv.pdf"
    scan.write_bytes(SCAN)
    _open_project(page)
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("row", name="Mentorált családok").get_by_role(
        "link", name="Mentorált családok", exact=True).click()
    page.get_by_role("link", name="Kézi érték rögzítése").click()
    page.get_by_label("Ettől a naptól").fill("2015-10-01")
    page.get_by_label("Érték").fill("0")
    page.get_by_label("Bizonyíték").set_input_files(str(scan))
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    _open_project(page)
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    expect(_value_cell(page, "Mentorált családok")).to_have_text("0 család")
    axe("dashboard with a real zero")
    text = _draft_closing_release(page)
    expect(text).to_contain_text("Mentorált családok: 0 család")
    page.goto(f"{FORUM}/projekt/")
    expect(page.get_by_role("row", name="Mentorált családok").get_by_role("cell").nth(1)
           ).to_have_text("0 család")
    axe("public project page with a real zero")


def test_a_release_recorded_now_keeps_its_real_publication_day(page, axe, live_server):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    _draft_closing_release(page)
    axe("closing release draft")
    future = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("A közzététel napja").fill(future.isoformat())
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator("#id_publish-published_on_error")).to_contain_text(
        "nem lehet a jövőben")
    expect(page.get_by_text("Vázlat: a nyilvános oldalon nem látszik.")).to_be_visible()
    axe("publication day in the future")
    # the day before the day of the draft's data (30 November 2015)
    page.get_by_label("A közzététel napja").fill("2015-11-29")
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator("#id_publish-published_on_error")).to_contain_text(
        "nem lehet korábbi az adatok napjánál (2015. november 30.)")
    axe("publication day before the day of the data")
    page.get_by_label("A közzététel napja").fill("2015-12-02")
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator(".message--success")).to_contain_text("Közzétettük")
    expect(page.locator("main")).to_contain_text("Közzétéve 2015. december 2.")
    expect(page.get_by_label("A közzététel napja")).to_have_value("2015-12-02")
    axe("published release")

    page.get_by_role("link", name="Megtekintés a nyilvános oldalon").click()
    expect(page.locator("main article")).to_contain_text("2015. december 2.")
    axe("public press release")
    page.get_by_role("link", name="A projekt adatai").click()
    expect(page.locator("main")).to_contain_text("(2015. december 2.)")
    axe("public project page")
    page.goto(f"{FORUM}/news/")
    releases = page.get_by_role("region", name="A projektek sajtóközleményei")
    expect(releases.locator("time")).to_have_attribute("datetime", "2015-12-02")
    axe("news page with the project's releases")


def test_the_public_project_page_shows_the_dashboards_figures(page, axe, live_server):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    _open_project(page)
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    expect(page.locator("main")).to_contain_text("Értékek 2015. november 30. végén")
    names = ["Tagszervezetek száma", "Képzésen részt vett HEP-megbízottak",
             "Megtartott kerekasztal-ülések", "Megtartott rendezvények"]
    dashboard = {name: _value_cell(page, name).inner_text() for name in names}
    assert dashboard["Képzésen részt vett HEP-megbízottak"] == "14 fő", dashboard
    axe("dashboard")
    page.goto(f"{FORUM}/projekt/")
    figures = page.get_by_role("table").filter(has_text="Tagszervezetek száma")
    expect(figures.locator("caption")).to_contain_text("2015. november 30.")
    for name, value in dashboard.items():
        row = figures.get_by_role("row", name=name)
        expect(row.get_by_role("cell").nth(1)).to_have_text(value)
    expect(figures.get_by_role("row", name="Képzésen részt vett HEP-megbízottak")
           ).to_contain_text("12 fő")  # the target
    axe("public project page with figures")


def test_an_extension_stays_within_the_projects_dates(page, axe, live_server):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    _open_project(page)
    page.get_by_role("link", name="Hosszabbítás rögzítése").click()
    page.get_by_label("Új befejezés", exact=True).fill("2021-06-30")
    page.get_by_label("Indok", exact=True).fill("a záró konferencia áthelyezése")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_new_end_error")).to_contain_text(
        "nem lehet későbbi a fenntartási időszak végénél (2020. november 30.)")
    axe("extension past the sustainability period")
    page.get_by_label("Új befejezés", exact=True).fill("2015-12-31")
    page.get_by_label("A módosítás napja", exact=True).fill("2014-12-01")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_decided_on_error")).to_contain_text(
        "nem lehet korábbi a projekt kezdeténél")
    axe("extension decided before the start")
    page.get_by_label("A módosítás napja", exact=True).fill("2015-11-20")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("main")).to_contain_text("2015. április 1. – 2015. december 31.")
    axe("project after the extension")
