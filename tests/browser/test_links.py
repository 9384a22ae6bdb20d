"""The link pickers in a real browser, with axe-core on every page: the coordinator links a
meeting as a problem's evidence (searching by text), a plan measure to a commitment and a
problem to an event report; each target's page shows what points at it; then unlinks."""

import pytest
from playwright.sync_api import expect

from kerekasztal.core.records.links import targets_of
from tests.conftest import PASSWORD, World
from tests.links.conftest import Records

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_links_records_across_apps(page, axe, live_server):
    world = World()
    records = Records(world)
    slug = world.forum.slug
    log_in(page, world.coordinator.email, PASSWORD)

    # A problem's evidence: search the meetings, events and statistics, pick the meeting.
    page.goto(f"/f/{slug}/manage/plans/{records.plan.pk}/problems/{records.problem.pk}/")
    page.get_by_role("link", name="Ülések, rendezvények kapcsolása").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A probléma bizonyítékai")
    axe("evidence picker")
    page.get_by_label("Keresés a rekordok között").fill("alakuló")
    page.get_by_role("button", name="Keresés").click()
    options = page.get_by_label("Kapcsolandó rekord").locator("option")
    expect(options).to_have_count(2)  # the empty choice and the meeting
    page.get_by_label("Kapcsolandó rekord").select_option(label=f"Ülés: {records.meeting}")
    page.get_by_label("Megjegyzés").fill("A jegyzőkönyv 2. napirendi pontja")
    page.get_by_role("button", name="Hozzákapcsolás").click()
    expect(page.locator(".message--success")).to_contain_text("A kapcsolatot rögzítettük")
    expect(page.locator("main .linked-records")).to_contain_text(str(records.meeting))
    axe("evidence picker with a link")
    assert targets_of(records.problem, "evidence") == [records.meeting]

    # The meeting's page lists the problem pointing at it.
    page.get_by_role("link", name=f"Ülés: {records.meeting}").click()
    expect(page.get_by_role("heading", name="Ami erre az ülésre hivatkozik")).to_be_visible()
    expect(page.locator("#pointing-heading + ul")).to_contain_text(records.problem.title)
    axe("meeting with a pointing problem")

    # A commitment serves a plan measure.
    page.goto(f"/f/{slug}/manage/agreements/{records.agreement.pk}/")
    page.get_by_role("link", name="Intézkedés kapcsolása").click()
    expect(page.get_by_label("Kapcsolandó rekord")).to_be_visible()
    axe("measure picker")
    page.get_by_label("Kapcsolandó rekord").select_option(
        label=f"Intézkedés: {records.measure}")
    page.get_by_role("button", name="Hozzákapcsolás").click()
    page.get_by_role("link", name=str(records.agreement)).first.click()
    expect(page.locator("main")).to_contain_text(records.measure.title)
    axe("agreement with a linked measure")

    # An event report raised a problem of the plan.
    page.goto(f"/f/{slug}/manage/events/{records.event.pk}/")
    page.get_by_role("link", name="Felvetett problémák kapcsolása").click()
    expect(page.get_by_label("Kapcsolandó rekord")).to_be_visible()
    axe("raised problems picker")
    page.get_by_label("Kapcsolandó rekord").select_option(
        label=f"Probléma: {records.other_problem}")
    page.get_by_role("button", name="Hozzákapcsolás").click()
    expect(page.locator("main .linked-records")).to_contain_text(records.other_problem.title)

    # Unlink it again.
    page.get_by_role("button", name="Kapcsolat megszüntetése").click()
    expect(page.locator(".message--success")).to_contain_text("A kapcsolatot megszüntettük")
    expect(page.get_by_text("Még nincs kapcsolódó rekord.")).to_be_visible()
    axe("picker after unlinking")
    assert targets_of(records.report, "raised") == []
