"""The service map in a real browser: a settlement officer fills the questionnaire and sees
the map change; the coordinator records a service point, takes up a gap and prints the SZÚT.
axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from kerekasztal.servicemap.catalogue import ensure_service_types
from kerekasztal.territory.models import Settlement
from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _bozsok_class(page) -> str:
    code = Settlement.objects.get(name="Bozsok").ksh_code
    return page.locator(f'svg path[data-code="{code}"]').get_attribute("class")


def test_officer_fills_questionnaire_and_the_map_changes(page, axe):
    ensure_service_types()
    world = World()
    log_in(page, world.settlement_officer.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("link", name="Szolgáltatási térkép").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("lefedettség")
    axe("coverage matrix")

    page.get_by_role("link", name="Térkép", exact=True).click()
    page.get_by_label("Mit mutasson a térkép?").select_option(label="Könyvtár, közösségi tér")
    page.get_by_role("button", name="Megjelenítés").click()
    expect(page.locator("#sm-map-table")).to_contain_text("Bozsok")
    assert _bozsok_class(page) == "sm-gap"
    axe("map")

    page.get_by_role("link", name="Kérdőívek").click()
    axe("questionnaire list")
    page.get_by_role("link", name=re.compile(r"Kitöltés\s*:\s*Bozsok")).click()
    axe("questionnaire")
    page.get_by_label("Háziorvosi ellátás", exact=True).select_option(
        label="Másik településről érhető el")
    page.get_by_role("button", name="Kérdőív mentése").click()
    expect(page.locator(".error-summary")).to_contain_text("melyik településről")
    axe("questionnaire with errors")
    page.get_by_label("Háziorvosi ellátás – melyik településről").select_option(label="Kőszeg")
    page.get_by_label("Könyvtár, közösségi tér", exact=True).select_option(
        label="Helyben elérhető")
    page.get_by_role("button", name="Kérdőív mentése").click()
    expect(page.locator(".messages")).to_contain_text("A kérdőívet mentettük")

    page.get_by_role("link", name="Térkép", exact=True).click()
    page.get_by_label("Mit mutasson a térkép?").select_option(label="Könyvtár, közösségi tér")
    page.get_by_role("button", name="Megjelenítés").click()
    assert _bozsok_class(page) == "sm-local"
    page.get_by_label("Mit mutasson a térkép?").select_option(label="Háziorvosi ellátás")
    page.get_by_role("button", name="Megjelenítés").click()
    expect(page.locator("#sm-map-table tr", has_text="Bozsok")).to_contain_text("Kőszeg")
    assert _bozsok_class(page) == "sm-served"


def test_coordinator_records_a_point_takes_up_a_gap_and_prints_the_szut(page, axe):
    ensure_service_types()
    world = World()
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/services/points/")
    axe("service points")
    page.get_by_role("link", name="Új szolgáltatási pont").click()
    page.get_by_label("Szolgáltatástípus").select_option(label="Védőnői szolgálat")
    page.get_by_label("Szolgáltató", exact=True).fill("Kőszegi Védőnői Szolgálat")
    page.get_by_label("Székhely (település)").select_option(label="Kőszeg")
    page.get_by_label("Velem").check()
    page.get_by_label("Szélesség").fill("47,39")
    axe("point form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_lon_error")).to_contain_text("mindkét értékkel")
    axe("point form with errors")
    page.get_by_label("Hosszúság").fill("16,54")
    # the service has worked for years before it was typed in
    page.get_by_label("Működik ettől").fill("2010-01-01")
    page.get_by_label("Működött eddig").fill("2009-12-31")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_operating_until_error")).to_contain_text(
        "nem lehet korábbi a kezdeténél")
    axe("point form with an end before the start")
    page.get_by_label("Működött eddig").fill("")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("table")).to_contain_text("Kőszegi Védőnői Szolgálat")

    page.get_by_role("link", name="Hiányok").click()
    axe("gaps")
    page.get_by_role("link", name=re.compile(r"Rögzítés\s*:\s*Bozsok")).first.click()
    page.get_by_label("Javasolt megoldás").fill("Körzetbővítés a kőszegi szolgálattal")
    page.get_by_label("Nyilvános").check()
    axe("gap form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hiány: Bozsok")
    axe("gap")

    page.get_by_role("link", name="Szolgáltatási térkép").first.click()
    page.get_by_role("link", name="SZÚT-jelentés").click()
    axe("SZÚT draft")
    with page.expect_download(timeout=90_000) as download:  # a loaded CI machine is slow
        page.get_by_role("link", name="SZÚT letöltése PDF-ben").click(timeout=90_000)
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.goto(f"/f/{world.forum.slug}/services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Szolgáltatási térkép")
    expect(page.locator("main")).to_contain_text("Körzetbővítés a kőszegi szolgálattal")
    axe("public service map")
