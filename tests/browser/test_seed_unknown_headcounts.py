"""A new coordinator recording a press release's sessions through the pages: the release
names the days of the sessions but not how many attended. The import's preview must say
so next to the row (before the fix it accepted 0, and the queued import then failed with
"Váratlan hiba (ValidationError)"); axe-core on every page."""

import pytest
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/f/koszegi-jarasi-kerekasztal/manage/"


def test_a_session_with_nobody_present_is_named_in_the_preview(page, live_server, axe,
                                                               tmp_path):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    path = tmp_path / "ulesek.csv"
    path.write_text("Dátum,Helyszín,Cím,Fajta,Létszám\n"
                    "2015-09-01,Kőszeg,Felzárkózási kerekasztal,zárt,14\n"
                    "2015-10-01,Kőszeg,Felzárkózási kerekasztal,zárt,0\n", encoding="utf-8")
    page.goto(WORKSPACE)
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Ülések").click()
    page.get_by_role("link", name="Megtartott ülések importálása táblázatból").click()
    axe("held sessions: upload")
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Ellenőrzés").click()
    errors = page.get_by_role("table", name="Hibák soronként")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the row with 0
    expect(errors.get_by_role("row").nth(1)).to_contain_text("Létszám")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("legalább egy jelenlévő")
    expect(page.get_by_role("button", name="2 sor importálása")).to_have_count(0)
    axe("held sessions: preview with the empty session")


def test_events_imported_as_public_are_on_the_public_site(page, live_server, axe, tmp_path):
    # the release's dissemination day at the bandstand is public; the import made every
    # event members-only, so each had to be opened and edited again to show it
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    path = tmp_path / "rendezvenyek.csv"
    path.write_text(
        "Dátum,Kezdés,Befejezés,Cím,Típus,Helyszín,Település,Létszám,Nyilvános\n"
        "2015.09.12.,13:00,15:00,Kőszegi Napok – disszeminációs esemény,"
        "Disszeminációs fórum,Zenepavilon környéke,Kőszeg,60,igen\n"
        "2015.09.14.,10:00,12:00,Belső szakmai egyeztetés,Szakmai rendezvény,"
        "Városháza,Kőszeg,9,nem\n", encoding="utf-8")
    page.goto(WORKSPACE)
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Rendezvények").click()
    page.get_by_role("link", name="Megtartott rendezvények importálása").click()
    expect(page.get_by_role("table").first).to_contain_text("Nyilvános")  # the column's help
    axe("held events: upload")
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Ellenőrzés").click()
    axe("held events: preview")
    page.get_by_role("button", name="2 sor importálása").click()
    expect(page.locator(".message--success")).to_contain_text("2 sor importálva")
    page.goto("/f/koszegi-jarasi-kerekasztal/events/")
    page.get_by_role("link", name="Korábbi rendezvények").click()
    main = page.locator("main")
    expect(main).to_contain_text("Kőszegi Napok – disszeminációs esemény")
    expect(main).not_to_contain_text("Belső szakmai egyeztetés")
    axe("public site: past events")


def test_an_extension_reason_typed_as_a_sentence_reads_well_in_the_release(page, live_server,
                                                                            axe):
    # Veszprém: "a pandémiás helyzet miatt" — typed as a sentence, the draft said
    # "… befejezés A pandémiás helyzet miatt miatt …"
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto(f"{WORKSPACE}projects/")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019", exact=True).click()
    page.get_by_role("link", name="Hosszabbítás rögzítése").click()
    expect(page.locator("main")).to_contain_text("például: a pandémiás helyzet")
    axe("extension form")
    page.get_by_label("Új befejezés", exact=True).fill("2015-12-31")
    page.get_by_label("Indok", exact=True).fill("A pandémiás helyzet miatt.")
    page.get_by_label("A módosítás napja", exact=True).fill("2015-11-20")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("main")).to_contain_text("2015. április 1. – 2015. december 31.")
    axe("project after the extension")
    page.get_by_label("Dokumentum", exact=True).select_option("Záró sajtóközlemény")
    page.get_by_label("Az adatok napja").fill("2015-12-31")
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    body = page.get_by_label("Szöveg")
    expect(body).to_contain_text("napra tervezett befejezés a pandémiás helyzet miatt "
                                 "2015. december 31. napra módosult.")
    expect(body).not_to_contain_text("miatt miatt")
    axe("closing release draft")


def test_the_grant_is_typed_as_the_release_writes_it(page, live_server, axe):
    # "21,98 millió" (Kunszentmiklós) was refused: the coordinator had to count the zeros
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto(f"{WORKSPACE}projects/")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019", exact=True).click()
    page.get_by_role("link", name="Adatok szerkesztése").click()
    axe("project form")
    page.get_by_label("Támogatás összege (Ft)").fill("21,98 millió forint")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("main")).to_contain_text("21,98 millió forint")
    axe("project page with the grant")
