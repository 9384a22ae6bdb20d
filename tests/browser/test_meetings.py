"""The coordinator's whole session flow in a real browser, with axe-core on every page:
schedule → agenda → invite → RSVP through the e-mailed link → attendance → minutes →
decision, and the member who sees it."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from kerekasztal.meetings.models import Decision, Meeting, Rsvp
from tests.conftest import PASSWORD, World
from tests.meetings.factories import MeetingFactory, at

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_the_fourth_session(page, axe, live_server):
    world = World()
    for number in (1, 2, 3):
        day = datetime.date(2015, 6 + number, 16)
        MeetingFactory(forum=world.forum, number=number, starts_at=at(day),
                       ends_at=at(day, 12), status="held", title=f"{number}. ülés")
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Ülések").click()
    axe("meetings list")

    # Schedule: a wrong end time is reported next to the field, nothing is saved.
    page.get_by_role("link", name="Új ülés").click()
    expect(page.get_by_label("Sorszám")).to_have_value("4")
    page.get_by_label("Az ülés címe").fill("A járási esélyteremtő programterv")
    page.get_by_label("Kezdés").fill("2030-03-04T10:00")
    page.get_by_label("Befejezés").fill("2030-03-04T09:00")
    page.get_by_label("Helyszín (település)").select_option(label="Kőszeg")
    page.get_by_label("Helyszín címe").fill("Városháza, Jurisics tér 8.")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_ends_at_error")).to_contain_text("későbbi a kezdésnél")
    axe("meeting form with errors")
    page.get_by_label("Befejezés").fill("2030-03-04T12:00")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "4. ülés: A járási esélyteremtő programterv")

    # Agenda: two items, the second moved up (htmx, the page stays).
    for title in ("Beszámoló a helyzetelemzésről", "Megnyitó"):
        page.get_by_label("Napirendi pont", exact=True).fill(title)
        page.get_by_label("Időtartam (perc)").fill("20")
        page.get_by_role("button", name="Napirendi pont felvétele").click()
        expect(page.locator("#agenda-list")).to_contain_text(title)
    axe("agenda")
    page.get_by_role("button", name=re.compile(r"^Fel\s*:\s*Megnyitó")).click()
    expect(page.locator("#agenda-list tbody tr").first).to_contain_text("Megnyitó")

    # Invitations.
    page.get_by_role("link", name="Tovább a meghívókhoz").click()
    expect(page.get_by_text("Tag Tamás")).to_be_visible()
    axe("invitations before sending")
    page.get_by_role("button", name="Meghívók kiküldése").click()
    expect(page.locator(".message--success")).to_contain_text("1 meghívót küldtünk ki")
    axe("invitations")
    assert mail.outbox[0].to == ["member@example.org"]
    rsvp_url = re.search(r"https?://\S+/meetings/rsvp/\S+/", mail.outbox[0].body).group(0)
    assert mail.outbox[0].attachments[0][2] == "text/calendar"

    # The member answers through the e-mailed link, without logging in.
    page.locator("header").get_by_role("button", name="Kilépés").click()
    page.goto("/" + rsvp_url.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("A járási esélyteremtő")
    axe("rsvp page")
    page.get_by_label("Igen, részt veszek").check()
    page.get_by_role("button", name="Válasz elküldése").click()
    expect(page.get_by_role("status")).to_contain_text("Részt vesz")
    axe("rsvp answered")
    meeting = Meeting.objects.get(forum=world.forum, number=4)
    assert meeting.invitations.get().rsvp == Rsvp.YES

    # The day of the session has come (moved into the past for the test).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=at(datetime.date(2025, 3, 4)), ends_at=at(datetime.date(2025, 3, 4), 12))
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/")
    axe("meeting page")
    page.get_by_role("link", name="Jelenlét rögzítése").click()
    page.get_by_label("Tag Tamás (Bozsok Község Önkormányzata)").check()
    page.get_by_label("Vendégek száma").fill("2")
    axe("attendance form")
    page.get_by_role("button", name="Jelenlét mentése").click()
    expect(page.locator("main")).to_contain_text("Határozatképes")
    axe("attendance")

    # Minutes, then a decision.
    page.get_by_role("link", name="Emlékeztető és határozatok").click()
    page.get_by_role("link", name="Emlékeztető írása, szerkesztése").click()
    page.get_by_label("Az emlékeztető szövege").fill(
        "<p>A kerekasztal megvitatta a programtervet.</p>")
    page.get_by_label("Jegyzőkönyvvezető").fill("Koordinátor Kata")
    axe("minutes form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".prose")).to_contain_text("megvitatta a programtervet")
    page.get_by_role("button", name="Kiküldés véleményezésre a tagoknak").click()
    expect(page.locator(".message--success")).to_contain_text("véleményezésre megküldtük")
    axe("minutes")
    page.get_by_role("link", name="Határozat rögzítése").click()
    page.get_by_label("A határozat szövege").fill("A kerekasztal támogatja a programtervet.")
    page.get_by_label("Igen szavazat").fill("1")
    page.get_by_label("Felelős szervezet").select_option(label="Bozsok Község Önkormányzata")
    page.get_by_label("Határidő").fill("2025-06-30")
    axe("decision form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("1/2025. (III. 4.)")
    assert Decision.objects.get().label == "1/2025. (III. 4.)"

    # Follow-up in the register.
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Határozatok").click()
    axe("register")
    page.get_by_role("link", name="1/2025. (III. 4.)").click()
    page.get_by_label("Állapot").select_option("done")
    page.get_by_label("Megjegyzés").fill("A programterv végrehajtása elindult.")
    page.get_by_role("button", name="Bejegyzés rögzítése").click()
    expect(page.locator("main")).to_contain_text("A programterv végrehajtása elindult.")
    axe("decision")

    # The member sees the minutes and the decision of their forum.
    page.locator("header").get_by_role("button", name="Kilépés").click()
    log_in(page, world.member.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/minutes/")
    expect(page.locator(".prose")).to_contain_text("megvitatta a programtervet")
    expect(page.get_by_role("link", name="1/2025. (III. 4.)")).to_be_visible()
    axe("minutes as a member")


def test_other_meeting_pages_are_accessible(page, axe, live_server):
    world = World()
    from kerekasztal.meetings import services

    held = MeetingFactory(forum=world.forum, number=1, starts_at=at(datetime.date(2015, 6, 16)),
                          ends_at=at(datetime.date(2015, 6, 16), 12), visibility="public")
    services.attendance_record(meeting=held, people=[(world.representative,
                                                      world.organisation)], guests=1)
    services.decision_record(meeting=held, text="A kerekasztal megalakul.",
                             responsible_organisation=world.organisation)
    coming = MeetingFactory(forum=world.forum, number=2, title="Soron következő ülés",
                            visibility="public")
    services.invitations_prepare(meeting=coming)

    page.goto(f"/f/{world.forum.slug}/meetings/")
    page.get_by_role("link", name="1. Kerekasztal-ülés", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1. ülés")
    axe("public meeting")
    page.goto(f"/f/{world.forum.slug}/meetings/")
    axe("public meetings")

    log_in(page, world.coordinator.email, PASSWORD)
    for path, label in ((f"/f/{world.forum.slug}/manage/meetings/quorum/", "quorum rule"),
                        (f"/f/{world.forum.slug}/manage/attendance/", "attendance stats"),
                        (f"/f/{world.forum.slug}/manage/meetings/{coming.pk}/cancel/",
                         "cancel form"),
                        (f"/f/{world.forum.slug}/manage/meetings/{held.pk}/attendance/",
                         "attendance")):
        page.goto(path)
        axe(label)
    page.locator("header").get_by_role("button", name="Kilépés").click()

    log_in(page, world.member.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/meetings/{coming.pk}/")
    page.get_by_label("Még nem tudom").check()
    axe("meeting page as a member")
    page.get_by_role("button", name="Visszajelzés küldése").click()
    expect(page.locator(".message--success")).to_contain_text("Köszönjük")
    page.get_by_role("link", name="Meghívottak").click()
    expect(page.get_by_role("row", name=re.compile("Tag Tamás"))).to_contain_text("Talán")
    axe("invitations as a member")
    page.goto("/meetings/calendar/")
    page.get_by_role("button", name="Naptár-link készítése").click()
    expect(page.get_by_label("A naptár linkje")).to_have_value(
        re.compile(r"/meetings/calendar/.+\.ics$"))
    axe("calendar link")
