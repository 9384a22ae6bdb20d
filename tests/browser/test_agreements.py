"""Agreements in a real browser: draft from a template → parties → print → signatures by
three parties → in force → public register, with axe-core on every page."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import PASSWORD, World
from tests.factories import OrganisationFactory

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Tematikus együttműködési megállapodás a romák esélyegyenlőségéért"


def test_coordinator_drafts_prints_records_signatures_and_publishes(page, axe, live_server,
                                                                    settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = World()
    names = [world.organisation.name, "Kőszeg Város Önkormányzata",
             "Kőszegi Roma Nemzetiségi Önkormányzat"]
    for name in names[1:]:
        OrganisationFactory(forum=world.forum, name=name)
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Megállapodások").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Együttműködési megállapodások")
    axe("agreement list")

    # Draft from the built-in thematic template; a wrong validity is reported at the field.
    page.get_by_role("link", name="Új megállapodás").click()
    page.get_by_label("Típus").select_option("thematic")
    page.get_by_label("Sablon").select_option("builtin:thematic")
    page.get_by_label("Cím", exact=True).fill(TITLE)
    page.get_by_label("Tárgy és cél").fill("A romákat érintő intézkedések összehangolása.")
    page.get_by_label("Romák", exact=True).check()
    page.get_by_label("Hatály kezdete").fill("2025-01-01")
    page.get_by_label("Hatály vége").fill("2024-12-31")
    axe("agreement form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_valid_until_error")).to_contain_text(
        "nem lehet korábbi a kezdeténél")
    axe("agreement form with errors")
    page.get_by_label("Hatály kezdete").fill("")
    page.get_by_label("Hatály vége").fill("")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Tervezet", exact=True)).to_be_visible()
    axe("draft agreement")

    # Three parties from the directory; the same one twice is refused.
    page.get_by_role("link", name="Fél felvétele").click()
    for name in names:
        page.get_by_label("Szervezet").select_option(label=name)
        page.get_by_label("Aláíró neve").fill(f"Képviselő {names.index(name) + 1}")
        page.get_by_label("Aláíró beosztása").fill("polgármester")
        page.get_by_role("button", name="Mentés és újabb fél").click()
        expect(page.locator(".message--success")).to_contain_text("felkerült a felek közé")
    axe("party form")
    page.get_by_label("Szervezet").select_option(label=names[0])
    page.get_by_role("button", name="Mentés", exact=True).click()
    expect(page.locator("#id_organisation_error")).to_contain_text(
        "már szerepel a felek között")
    axe("party form with errors")
    page.get_by_role("link", name="Mégse").click()

    # Open for signature and print.
    page.get_by_role("button", name="Aláírásra bocsátás").click()
    expect(page.locator(".message--success")).to_contain_text("aláírásra bocsátottuk")
    axe("agreement open for signature")
    href = page.get_by_role("link", name="Aláírásra: PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in text
    assert "Képviselő 3" in text

    # Signatures of the three parties, each with its scan.
    today = timezone.localdate().isoformat()
    for index, name in enumerate(names):
        page.get_by_role("row").filter(has_text=name).get_by_role(
            "link", name=re.compile("^Aláírás rögzítése")).click()
        page.get_by_label("Az aláírás napja").fill(today)
        page.get_by_label("Aláírt példány (szkennelve)").set_input_files(
            {"name": "alairt.pdf", "mimeType": "application/pdf", "buffer": PDF})
        if index == 0:
            axe("signature form")
        page.get_by_role("button", name="Aláírás rögzítése").click()
    expect(page.locator(".message--success")).to_contain_text("hatályba lépett")
    expect(page.get_by_text("Hatályos", exact=True)).to_be_visible()
    axe("agreement in force")

    page.get_by_role("button", name="A teljes szöveg közzététele").click()
    expect(page.locator(".message--success")).to_contain_text("nyilvános")

    # A visitor reads it in the public register.
    page.locator("header").get_by_role("button", name="Kilépés").click()
    page.goto(f"/f/{world.forum.slug}/agreements/")
    row = page.get_by_role("row", name=TITLE)
    expect(row).to_contain_text("Kőszegi Roma Nemzetiségi Önkormányzat")
    axe("public register")
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="A megállapodás szövege")).to_be_visible()
    expect(page.locator(".prose")).to_contain_text("Kőszegi Roma Nemzetiségi Önkormányzat")
    axe("public agreement")
