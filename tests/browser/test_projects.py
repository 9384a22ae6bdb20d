"""The projects flow in a real browser: record a project, see the dashboard, drill down,
generate, edit and publish the closing press release; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_records_project_follows_indicators_and_publishes_release(
        page, axe, live_server):
    world = World()
    world.organisation.seat = world.settlement  # Bozsok: the drill-down shows it on the map
    world.organisation.save()
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Projektek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projektek")
    axe("project list")

    page.get_by_role("link", name="Új projekt rögzítése").click()
    page.get_by_label("Operatív program").select_option("AROP")
    page.get_by_label("Felhívás kódja").fill("ÁROP-1.A.3-2014")
    page.get_by_label("Projektazonosító").fill("EFOP-1.6.3-17-2017-00009")
    page.get_by_label("Projekt címe").fill("Esélyteremtési Akcióprogram a Kőszegi Járásban")
    page.get_by_label("Kedvezményezett").select_option(label=world.organisation.name)
    page.get_by_label("Támogatás összege (Ft)").fill("22000000")
    page.get_by_label("Európai Szociális Alap", exact=True).check()
    page.get_by_label("Kezdés").fill("2015-04-01")
    page.get_by_label("Eredeti befejezés").fill("2015-03-01")
    axe("project form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_code_error")).to_contain_text("nem felel meg a program mintájának")
    expect(page.locator("#id_end_error")).to_contain_text("nem lehet korábbi a kezdésnél")
    axe("project form with errors")

    page.get_by_label("Projektazonosító").fill("ÁROP-1.A.3-2014-2014-0019")
    page.get_by_label("Eredeti befejezés").fill("2015-11-30")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Esélyteremtési Akcióprogram a Kőszegi Járásban")
    expect(page.get_by_text("22,0 millió forint").first).to_be_visible()
    axe("project page")

    page.get_by_role("link", name="Mérföldkő felvétele").click()
    page.get_by_label("Fajta").select_option("closing_event")
    page.get_by_label("Megnevezés").fill("Záró konferencia")
    page.get_by_label("Tervezett időpont").fill("2015-11-25")
    page.get_by_label("Teljesült").fill("2015-11-25")
    axe("milestone form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("Záró konferencia")).to_be_visible()

    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("link", name="Új indikátor").click()
    page.get_by_label("Megnevezés").fill("Tagszervezetek")
    page.get_by_label("Számítási szabály").select_option("forums.member_organisations")
    page.get_by_label("Célérték").fill("10")
    axe("indicator form")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_label("Állapot napja").fill("2015-11-30")
    page.get_by_role("button", name="Frissítés").click()
    row = page.get_by_role("row", name="Tagszervezetek")
    expect(row).to_contain_text("10%")
    expect(page.get_by_role("heading", name="Településenként")).to_be_visible()
    axe("dashboard")

    row.get_by_role("link", name="Tagszervezetek", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tagszervezetek")
    expect(page.get_by_role("listitem").filter(has_text=world.organisation.name)).to_be_visible()
    expect(page.get_by_role("heading", name="Településenként")).to_be_visible()
    expect(page.get_by_role("row", name="Bozsok 1")).to_be_visible()
    axe("drill-down")

    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019 – indikátorok").click()
    page.get_by_role("link", name="Esélyteremtési Akcióprogram a Kőszegi Járásban").click()
    page.get_by_label("Dokumentum", exact=True).select_option("closing")
    page.get_by_label("Az adatok napja").fill("2015-11-30")
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    expect(page.get_by_label("Szöveg")).to_contain_text(
        "2015. április 1. és 2015. november 30. között")
    expect(page.get_by_label("Szöveg")).to_contain_text("Tagszervezetek: 1 szervezet")
    axe("press release draft")
    page.get_by_label("Cím", exact=True).fill("Lezárult az Esélyteremtési Akcióprogram")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_role("button", name="Közzététel a nyilvános oldalon").click()
    expect(page.locator(".message--success")).to_contain_text("Közzétettük")

    page.get_by_role("link", name="Megtekintés a nyilvános oldalon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lezárult az Esélyteremtési Akcióprogram")
    expect(page.get_by_text("2015. november 25-én került sor")).to_be_visible()
    axe("public press release")
    page.get_by_role("link", name="A projekt adatai").click()
    expect(page.get_by_text("ÁROP-1.A.3-2014-2014-0019")).to_be_visible()
    axe("public project page")


def test_coordinator_records_corrects_and_deletes_a_manual_value(page, axe, live_server,
                                                                  tmp_path):
    import datetime
    from decimal import Decimal

    from kerekasztal.projects import services
    from kerekasztal.projects.models import ManualValue
    from tests.projects.conftest import project_data

    world = World()
    project = services.project_create(forum=world.forum, user=world.coordinator,
                                      **project_data(world))
    indicator = services.indicator_add(project=project, user=world.coordinator,
                                       name="Képzésen részt vettek", unit="fő",
                                       target=Decimal(40))
    scan = tmp_path / "jelenleti-iv.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/projects/{project.pk}/indicators/{indicator.pk}/")
    page.get_by_role("link", name="Kézi érték rögzítése").click()
    page.get_by_label("Ettől a naptól").fill("2015-06-01")
    page.get_by_label("Érték").fill("32")
    page.get_by_label("Bizonyíték").set_input_files(str(scan))
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    page.get_by_role("link", name="Javítás").click()
    axe("manual value correction form")
    page.get_by_label("Érték").fill("-2")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_value_error")).to_contain_text("nem lehet negatív")
    axe("manual value correction with errors")
    page.get_by_label("Érték").fill("23")
    page.get_by_label("Megjegyzés").fill("Elírás: 23 fő vett részt")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("javítottuk")
    expect(page.get_by_text("Elírás: 23 fő vett részt")).to_be_visible()
    value = ManualValue.objects.get(indicator=indicator)
    assert value.value == 23 and value.as_of == datetime.date(2015, 6, 1)
    page.get_by_role("link", name="Javítás").click()
    page.get_by_role("button", name="Az érték törlése").click()
    expect(page.get_by_text("Még nincs rögzített érték.")).to_be_visible()
    axe("indicator without values")
    assert not ManualValue.objects.filter(indicator=indicator).exists()
