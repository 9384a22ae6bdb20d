"""A role's first day on the demo data, through the pages only (axe-core on every page): the
pages offer no link that answers 403 to the one who follows it."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER, MEMBER = "hep@example.org", "tag@example.org"
WORKSPACE = "/f/koszegi-jarasi-kerekasztal/manage/"


@pytest.fixture
def demo(live_server):
    demo_load()
    mail.outbox = []


def open_indicator(page, name):
    page.goto(WORKSPACE)
    page.get_by_role("navigation").get_by_role("link", name="Projektek").click()
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019", exact=False).first.click()
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_officer_is_offered_only_their_own_settlements_questionnaire(page, axe, demo):
    log_in(page, OFFICER, DEMO_PASSWORD)
    page.goto(WORKSPACE)
    page.get_by_role("navigation").get_by_role("link", name="Szolgáltatási térkép").click()
    axe("coverage")
    matrix = page.get_by_role("table", name="Lefedettség településenként és "
                                            "szolgáltatástípusonként")
    expect(matrix.get_by_role("rowheader", name="Kőszeg", exact=True)).to_be_visible()
    expect(matrix.get_by_role("link", name="Kőszeg", exact=True)).to_have_count(0)
    matrix.get_by_role("link", name="Bozsok", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bozsok")
    axe("questionnaire")


def test_officer_sees_the_sessions_counted_but_no_link_to_closed_pages(page, axe, demo):
    log_in(page, OFFICER, DEMO_PASSWORD)
    open_indicator(page, "Megtartott kerekasztal-ülések")
    axe("sessions indicator")
    records = page.locator(".drill-down")
    expect(records).to_contain_text("Nemzetiségek és esélyegyenlőség")
    expect(records.get_by_role("link")).to_have_count(0)
    open_indicator(page, "Képzésen részt vett HEP-megbízottak")
    expect(page.locator(".drill-down").get_by_role("link")).to_have_count(0)


def test_member_sees_the_member_organisations_counted_and_the_events_linked(page, axe, demo):
    log_in(page, MEMBER, DEMO_PASSWORD)
    open_indicator(page, "Tagszervezetek száma")
    axe("members indicator")
    records = page.locator(".drill-down")
    expect(records).to_contain_text("Bozsok Község Önkormányzata")
    expect(records.get_by_role("link")).to_have_count(0)
    # Records on pages the member may read stay linked.
    open_indicator(page, "Megtartott rendezvények")
    records.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/manage/events/" in page.url
    axe("event from the indicator")


def test_resident_finds_the_open_data_of_the_plans_and_the_service_map(page, axe, demo):
    import json

    page.goto("/f/koszegi-jarasi-kerekasztal/")
    page.get_by_role("navigation").get_by_role("link", name="Esélyegyenlőségi programok").click()
    open_data = page.get_by_role("region", name="Nyílt adatok")
    expect(open_data).to_be_visible()
    axe("public plans")
    open_data.get_by_role("link", name="intézkedések").click()
    measures = json.loads(page.locator("body").inner_text())
    assert "Mentorprogram tartós álláskeresőknek" in [m["title"] for m in measures["items"]]
    page.go_back()
    page.get_by_role("navigation").get_by_role("link", name="Szolgáltatási térkép").click()
    axe("public service map")
    page.get_by_role("region", name="Nyílt adatok").get_by_role("link", name="hiányok").click()
    gaps = json.loads(page.locator("body").inner_text())
    assert gaps["count"] > 0 and {"settlement", "service_type"} <= set(gaps["items"][0])
    page.go_back()
    page.get_by_role("region", name="Nyílt adatok").get_by_role(
        "link", name="Az API leírása").click()
    expect(page.get_by_role("heading", name="Kerekasztal API", exact=False).first).to_be_visible()
