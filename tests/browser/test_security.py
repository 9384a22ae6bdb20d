"""Issue 17 and 21 in a real browser, with axe-core on every page: two people editing one
meeting (the second save is refused, saying what changed), and an existing account joining
another forum only by accepting the e-mailed invitation."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World
from tests.meetings.factories import MeetingFactory

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 60_000  # two sessions at once on a shared CI machine


@pytest.fixture(autouse=True)
def _patient(page):
    page.set_default_timeout(SLOW_MACHINE_MS)


def test_the_second_of_two_editors_is_told_what_changed(page, axe, browser, live_server):
    world = World()
    meeting = MeetingFactory(forum=world.forum, number=4, title="Eredeti cím")
    edit_url = f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/edit/"

    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(edit_url)
    axe("meeting edit, first editor")

    other_context = browser.new_context(base_url=live_server.url, locale="hu-HU",
                                        timezone_id="Europe/Budapest")
    other_context.set_default_timeout(SLOW_MACHINE_MS)
    other = other_context.new_page()
    other_axe = type(axe)(other)
    try:
        log_in(other, world.coordinator.email, PASSWORD)
        other.goto(edit_url)
        other_axe("meeting edit, second editor")

        page.get_by_label("Az ülés címe").fill("A programterv első olvasata")
        page.get_by_role("button", name="Mentés").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "A programterv első olvasata")
        axe("meeting saved by the first editor")

        other.get_by_label("Az ülés címe").fill("A programterv elfogadása")
        other.get_by_role("button", name="Mentés").click()
        summary = other.locator(".error-summary")
        expect(summary).to_contain_text("Időközben más módosította")
        expect(summary).to_contain_text("Az ülés címe: „A programterv első olvasata”")
        other_axe("second editor refused")

        page.reload()
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "A programterv első olvasata")  # not overwritten

        # Having seen the change, the second editor saves again on purpose.
        other.get_by_role("button", name="Mentés").click()
        expect(other.get_by_role("heading", level=1)).to_contain_text(
            "A programterv elfogadása")
        other_axe("second editor saved knowingly")
    finally:
        other_context.close()


def test_an_existing_account_joins_another_forum_by_accepting_the_invitation(page, axe):
    world = World()
    access_url = f"/f/{world.other_forum.slug}/manage/access/"

    # The other forum's coordinator offers a role to an address that has an account.
    log_in(page, world.outsider.email, PASSWORD)
    page.goto(access_url)
    axe("access page")
    page.get_by_label("Név").fill("Valaki Más")
    page.get_by_label("E-mail-cím").fill("member@example.org")
    page.get_by_label("Szerepkör").select_option(label="Ellenőr (csak olvasás)")
    page.get_by_role("button", name="Hozzáférés megadása").click()
    expect(page.locator(".message--success")).to_contain_text("Meghívót küldtünk")
    expect(page.locator("main")).not_to_contain_text("Tag Tamás")
    expect(page.locator("main")).to_contain_text("Elküldött meghívók")
    axe("access page with the invitation sent")
    page.locator("header").get_by_role("button", name="Kilépés").click()

    assert mail.outbox[-1].to == ["member@example.org"]
    link = re.search(r"https?://\S+(/accounts/invitations/\S+/)", mail.outbox[-1].body).group(1)

    # The owner logs in, reads the invitation and accepts it.
    page.goto(link)
    page.get_by_label("E-mail-cím").fill("member@example.org")
    page.get_by_label("Jelszó").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Belépés").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kunszentmiklósi Kerekasztal")
    expect(page.locator("main")).to_contain_text("Ellenőr (csak olvasás) szerepkör")
    axe("invitation")
    page.get_by_role("button", name="Elfogadom").click()
    expect(page.locator(".message--success")).to_contain_text("Elfogadta a meghívót")
    axe("other forum's workspace after accepting")
    page.locator("header").get_by_role("button", name="Kilépés").click()

    # Only now does the coordinator see whose account it is.
    log_in(page, world.outsider.email, PASSWORD)
    page.goto(access_url)
    expect(page.locator("main table")).to_contain_text("Tag Tamás")
    axe("access page after acceptance")
