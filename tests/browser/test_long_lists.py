"""Issue 18, second round: the coordinator filters the people and the decision register by
typing part of an organisation's name (the pages no longer carry a <select> of every
organisation), an ambiguous name is answered next to the field, and the session's
invitees are listed a page at a time. Through the pages only, axe on every page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUM = "/f/koszegi-jarasi-kerekasztal/manage/"


@pytest.fixture
def demo():
    call_command("demo", verbosity=0)


def test_coordinator_filters_people_and_decisions_by_a_typed_organisation(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto(FORUM)
    menu = page.get_by_role("navigation", name="A fórum menüje")
    menu.get_by_role("link", name="Kapcsolattartók").click()
    expect(page.locator("select[name=organisation]")).to_have_count(0)
    axe("people list")

    page.get_by_label("Szervezet").fill("bozsok")
    page.get_by_role("button", name="Szűrés").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Szabó Péter")
    expect(page.get_by_label("Szervezet")).to_have_value("bozsok")
    axe("people of one organisation")

    page.get_by_label("Szervezet").fill("Önkormányzata")
    page.get_by_role("button", name="Szűrés").click()
    expect(page.locator("#id_organisation_error")).to_contain_text("Több találat")
    axe("ambiguous organisation")

    menu = page.get_by_role("navigation", name="A fórum menüje")
    menu.get_by_role("link", name="Határozatok", exact=True).click()
    page.get_by_label("Felelős szervezet").fill("Esélyt Mindenkinek")
    page.get_by_role("button", name="Szűrés").click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("6/2015.")
    for text in rows.all_inner_texts():
        assert "Esélyt Mindenkinek" in text
    axe("decisions of one organisation")
