"""What the demo logins met on a first day, through the pages only (axe-core on every page):
the member finds the invitations waiting for their answer on the workspace front page (an
answer sent without a choice comes back with its error and what they typed), and
their own registration for a training is listed among their organisation's registrations,
next to the colleagues they registered."""

import pytest
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/f/koszegi-jarasi-kerekasztal/manage/"
SESSION = "9. Éves értékelő ülés"
TRAINING = "Továbbképzés a HEP-ek felülvizsgálatáról"


@pytest.fixture
def demo(live_server):
    demo_load()


def test_member_answers_the_invitation_waiting_on_the_workspace(page, axe, demo):
    log_in(page, "tag@example.org", DEMO_PASSWORD)
    page.goto(WORKSPACE)
    waiting = page.get_by_role("region", name="Válaszra váró meghívók")
    expect(waiting).to_contain_text("Csepreg Város Önkormányzata")
    axe("member workspace with the invitation to answer")
    waiting.get_by_role("link", name=SESSION).click()
    answer = page.get_by_role("region", name="Az Ön visszajelzése")
    expect(answer).to_contain_text("Jelenlegi válasza: Nem válaszolt")
    axe("session with the member's invitation")
    # a substitute named, but no answer chosen: the page says so and keeps the name
    answer.get_by_label("Helyettesem neve").fill("Szőke Ödönné")
    answer.get_by_role("button", name="Visszajelzés küldése").click()
    answer = page.get_by_role("region", name="Az Ön visszajelzése")
    expect(answer).to_contain_text("Válassza ki, részt vesz-e az ülésen.")
    expect(answer.get_by_label("Helyettesem neve")).to_have_value("Szőke Ödönné")
    axe("the answer shown again with its error")
    answer.get_by_label("Még nem tudom").check()
    answer.get_by_role("button", name="Visszajelzés küldése").click()
    expect(page.get_by_text("Köszönjük a visszajelzést.")).to_be_visible()
    axe("session answered")

    page.goto(WORKSPACE)
    expect(page.get_by_role("region", name="Válaszra váró meghívók")).to_contain_text(
        "Nincs megválaszolatlan meghívója.")
    axe("member workspace, nothing left to answer")


def test_coordinator_has_no_invitations_to_answer(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto(WORKSPACE)
    expect(page.get_by_role("region", name="Következő ülések")).to_be_visible()
    expect(page.get_by_role("region", name="Válaszra váró meghívók")).to_have_count(0)
    axe("coordinator workspace")


def test_members_own_registration_is_among_their_organisations(page, axe, demo):
    log_in(page, "tag@example.org", DEMO_PASSWORD)
    page.goto(WORKSPACE)
    page.get_by_role("region", name="Következő rendezvények").get_by_role(
        "link", name=TRAINING).click()
    axe("coming training")
    page.get_by_role("link", name="Saját jelentkezés").click()
    page.get_by_label("Hozzájárulok", exact=False).check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.get_by_text("Ön jelentkezett")).to_be_visible()
    axe("registered for the training")
    page.get_by_role("link", name="Vissza a rendezvényhez").click()
    page.get_by_role("link", name="Munkatársak jelentkeztetése").click()
    page.get_by_label("Név", exact=True).fill("Kovács Árpádné")
    page.get_by_label("E-mail-cím", exact=False).fill("kovacs.arpadne@example.org")
    page.get_by_label("A munkatárs hozzájárult", exact=False).check()
    page.get_by_role("button", name="Jelentkeztetés").click()
    expect(page.get_by_text("Kovács Árpádné jelentkezését rögzítettük.")).to_be_visible()
    listed = page.get_by_role("table", name="Szervezetünk jelentkezői")
    expect(listed.get_by_role("row").filter(has_text="Kovács Árpádné")).to_contain_text(
        "Csepreg Város Önkormányzata")
    own = listed.get_by_role("row").filter(has_text="tag@example.org")
    expect(own).to_contain_text("Csepreg Város Önkormányzata")
    axe("the organisation's registrations with the member's own")

    listed.get_by_role("row").filter(has_text="Kovács Árpádné").get_by_role(
        "button", name="Jelentkezés visszavonása").click()
    expect(page.get_by_role("table", name="Szervezetünk jelentkezői").get_by_role("row").filter(
        has_text="Kovács Árpádné")).to_contain_text("Lemondva")
    axe("a colleague's registration cancelled")


def test_a_resident_sees_and_is_mailed_a_two_day_events_last_day(page, axe, live_server):
    import datetime

    from django.core import mail
    from django.utils import timezone
    from django.utils.formats import date_format

    from tests.conftest import PASSWORD, World

    from .test_journey_colleagues_and_sheets import _fill_event, _log_out

    world = World()
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=9, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(days=1, hours=7)
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/new/")
    _fill_event(page, title="Kétnapos közösségfejlesztő műhely", start=start, end=end,
                kind="professional")
    page.get_by_label("Jelentkezés", exact=True).check()
    page.get_by_role("button", name="Mentés").click()
    page.get_by_role("button", name="Meghirdetés").click()
    expect(page.locator(".message--success")).to_contain_text("meghirdettük")
    _log_out(page)

    last_day = f"– {date_format(end, 'DATE_FORMAT')} 16:00"
    page.goto(f"/f/{world.forum.slug}/events/")
    listed = page.get_by_role("listitem").filter(has_text="Kétnapos közösségfejlesztő műhely")
    expect(listed).to_contain_text(last_day)
    axe("public events with the two-day event")
    listed.get_by_role("link", name="Kétnapos közösségfejlesztő műhely").click()
    page.get_by_role("link", name="Jelentkezem").click()
    page.get_by_label("Név", exact=True).fill("Kovács Árpádné")
    page.get_by_role("textbox", name="E-mail-cím").fill("kovacs.arpadne@example.org")
    page.get_by_label("Hozzájárulok", exact=False).check()
    mail.outbox.clear()
    page.get_by_role("button", name="Jelentkezés elküldése").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jelentkezését rögzítettük")
    axe("registered for the two-day event")
    assert [m.to for m in mail.outbox] == [["kovacs.arpadne@example.org"]]
    assert last_day in mail.outbox[0].body
