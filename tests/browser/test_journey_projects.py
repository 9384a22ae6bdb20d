"""The coordinator's journey on the demo forum's project, through the pages only: set the
brand the project was published under (Széchenyi 2020) and its ID given by the call code
alone, close the project, generate the closing release and read the participants broken
down by kind, in the past tense; the public project page and the publicity box say the
project was carried out. axe-core on every page."""

import pytest
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_rebrands_closes_and_writes_the_closing_release(page, axe, live_server):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Projektek").click()
    axe("project list")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019").click()
    axe("project page")
    page.get_by_role("link", name="Adatok szerkesztése").click()
    page.get_by_label("Arculat (márka)").select_option("sz2020")
    page.get_by_label("Projektazonosító").fill("ÁROP-1.A.3-2014")
    page.get_by_label("Lezárás napja").fill("2999-01-01")
    axe("project form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_closed_on_error")).to_contain_text("nem lehet a jövőben")
    axe("project form with errors")
    page.get_by_label("Lezárás napja").fill("2015-12-15")
    page.get_by_role("button", name="Mentés").click()

    expect(page.locator(".lead")).to_have_text("ÁROP-1.A.3-2014")
    expect(page.get_by_text("a Széchenyi 2020 program keretében")).to_be_visible()
    publicity = page.locator(".publicity-preview")
    expect(publicity).to_contain_text("Befektetés a jövőbe")
    expect(publicity).to_contain_text("Széchenyi 2020 · Európai Unió")
    expect(publicity).to_contain_text("társfinanszírozásával valósult meg")
    axe("closed project page")

    page.get_by_label("Dokumentum", exact=True).select_option("closing")
    page.get_by_label("Az adatok napja").fill("2015-11-30")
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    text = page.get_by_label("Szöveg")
    expect(text).to_contain_text("a Széchenyi 2020 program keretében")
    expect(text).to_contain_text("ÁROP-1.A.3-2014 azonosítójú projekt 2015. április 1. és "
                                 "2015. november 30. között valósult meg")
    expect(text).to_contain_text("munkájában részt vett 10 települési önkormányzat, a "
                                 "Horvátzsidányi Horvát Nemzetiségi Önkormányzat és a "
                                 "Kőszegi Roma Nemzetiségi Önkormányzat, a járás "
                                 "1 köznevelési, 1 egészségügyi és 1 szociális intézménye")
    expect(text).to_contain_text("járásszékhely önkormányzatként vezette")
    expect(text).to_contain_text("A projekt célcsoportjai: mélyszegénységben élők és romák")
    expect(text).to_contain_text("1 instruktor (Vas Megyei Kormányhivatal Kőszegi Járási "
                                 "Hivatala)")
    expect(text).not_to_contain_text("valósul meg")
    axe("closing release draft")
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator(".message--success")).to_contain_text("Közzétettük")

    page.get_by_role("link", name="Megtekintés a nyilvános oldalon").click()
    expect(page.get_by_text("Befektetés a jövőbe").first).to_be_visible()
    axe("public press release")
    page.get_by_role("link", name="A projekt adatai").click()
    main = page.locator("main")
    expect(main).to_contain_text("valósult meg")
    expect(main).not_to_contain_text("valósul meg")
    expect(main).to_contain_text("lezárult")
    axe("public project page")
