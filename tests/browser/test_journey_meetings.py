"""The meetings journeys on the demo data (`kerekasztal demo`), through the pages only, as
each role would, with axe-core on every page visited:

(a)+(b) the coordinator runs a session — schedules it from the dashboard, builds the agenda
with an attachment, adds an extra invitee, sends the invitations, prints the attendance
sheet — while a member answers the e-mailed invitation naming a substitute; after the
session the coordinator records attendance (the extra invitee too) and sees the quorum,
writes minutes whose paragraphs are kept, sends them for comments, records a decision
(refused when the votes outnumber those present) and a follow-up; the member reads the
agenda and the draft minutes and comments; approval before the comment deadline needs an
explicit confirmation;
(c) the coordinator records a session held before the platform, on paper, with a headcount
and the scan, and the project's "sessions held" figure counts it.

The one step no page can do is the passing of time: the session's day is moved into the
past once the invitations are out (as in test_meetings.py).
"""

import datetime
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load
from kerekasztal.meetings.models import Meeting
from tests.meetings.factories import at

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR, MEMBER = "koordinator@example.org", "tag@example.org"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(live_server, media):
    return demo_load()


def _log_out(page):
    page.locator("header").get_by_role("button", name="Kilépés").click()


def _nav(page, name):
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name=name, exact=True).click()


def test_coordinator_runs_a_session_and_a_member_answers_and_comments(page, axe, demo, tmp_path):
    slug = demo.forum.slug
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"/f/{slug}/manage/")
    axe("dashboard")

    # Schedule from the dashboard's quick action.
    page.locator("main").get_by_role("link", name="Új ülés", exact=True).click()
    page.get_by_label("Az ülés címe").fill("Rendkívüli ülés a nyári táborokról")
    page.get_by_label("Kezdés").fill("2030-06-04T10:00")
    page.get_by_label("Befejezés").fill("2030-06-04T12:00")
    page.get_by_label("Helyszín (település)").select_option(label="Kőszeg")
    page.get_by_label("Helyszín címe").fill("Városháza, Jurisics tér 8.")
    axe("meeting form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rendkívüli ülés")

    # Agenda with an attachment.
    page.get_by_label("Napirendi pont", exact=True).fill("A nyári táborok programja")
    page.get_by_label("Időtartam (perc)").fill("40")
    page.get_by_role("button", name="Napirendi pont felvétele").click()
    expect(page.locator("#agenda-list")).to_contain_text("A nyári táborok programja")
    axe("agenda")
    page.locator("#agenda-list").get_by_role(
        "link", name=re.compile("Szerkesztés, mellékletek")).click()
    scan = tmp_path / "taborok.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("Melléklet megnevezése").fill("Tábori program")
    page.get_by_label("Fájl", exact=True).set_input_files(str(scan))
    page.get_by_role("button", name="Feltöltés").click()
    expect(page.locator("main")).to_contain_text("Tábori program")
    axe("agenda item with an attachment")

    # An extra invitee outside the directory, then the invitations.
    meeting = Meeting.objects.get(forum=demo.forum, title="Rendkívüli ülés a nyári táborokról")
    page.goto(f"/f/{slug}/manage/meetings/{meeting.pk}/invitations/")
    page.get_by_label("Név", exact=True).fill("Vendég Vera")
    page.get_by_label("E-mail-cím", exact=True).fill("vera@example.org")
    page.get_by_role("button", name="Meghívott felvétele").click()
    expect(page.locator("main")).to_contain_text("Vendég Vera")
    mail.outbox.clear()
    page.get_by_role("button", name="Meghívók kiküldése").click()
    expect(page.locator(".message--success")).to_contain_text("meghívót küldtünk ki")
    axe("invitations sent")

    # (b) The member answers from the e-mailed link: cannot come, names a substitute.
    # Kiss Andrea (tag@example.org) is invited at her directory address
    letter = next(m for m in mail.outbox if m.to == ["kiss.andrea@example.org"])
    rsvp_url = re.search(r"https?://\S+/meetings/rsvp/\S+/", letter.body).group(0)
    _log_out(page)
    page.goto("/" + rsvp_url.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rendkívüli ülés")
    expect(page.locator("main")).to_contain_text("A nyári táborok programja")
    page.get_by_label("Nem tudok részt venni").check()
    page.get_by_label("Helyettesem neve").fill("Helyettes Hanna")
    page.get_by_label("Helyettesem e-mail-címe").fill("hanna@example.org")
    axe("rsvp page")
    page.get_by_role("button", name="Válasz elküldése").click()
    expect(page.get_by_role("status")).to_contain_text("Nem vesz részt")
    axe("rsvp answered")

    # The coordinator prints the sheet: the substitute and the extra invitee are on it.
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"/f/{slug}/manage/meetings/{meeting.pk}/attendance/")
    axe("attendance before the session")
    response = page.request.get(
        page.locator("main a[href$='attendance-sheet.pdf']").get_attribute("href"))
    sheet = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(response.body())).pages).split())
    assert "Vendég Vera" in sheet, sheet
    assert "Helyettes Hanna" in sheet, sheet

    # The day of the session has come and gone.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=at(datetime.date(2025, 6, 4)), ends_at=at(datetime.date(2025, 6, 4), 12))

    page.locator("main").get_by_role("link", name="Jelenlét rögzítése").first.click()
    vera = page.get_by_label(re.compile("Vendég Vera"))
    expect(vera).to_be_visible()  # the extra invitee outside the directory is on the form
    boxes = page.locator("input[name=present]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    expect(vera).to_be_checked()
    page.get_by_label("Vendégek száma").fill("2")
    axe("attendance form")
    page.get_by_role("button", name="Jelenlét mentése").click()
    expect(page.locator("main")).to_contain_text("Határozatképes")
    expect(page.locator("main table")).to_contain_text("Vendég Vera")
    expect(page.locator("main table")).to_contain_text("Helyettes Hanna")
    axe("attendance")

    # Minutes: paragraphs and line breaks are kept.
    page.get_by_role("link", name="Emlékeztető és határozatok").click()
    page.get_by_role("link", name="Emlékeztető írása, szerkesztése").click()
    page.get_by_label("Az emlékeztető szövege").fill(
        "A tagok megvitatták a tábori programot.\n\nJavaslatok:\nkirándulás\nsportnap")
    page.get_by_label("Jegyzőkönyvvezető").fill("Horváth Katalin")
    axe("minutes form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".prose p")).to_have_count(2)
    expect(page.locator(".prose p").nth(1).locator("br")).to_have_count(2)
    page.get_by_label("Véleményezési határidő").fill("2099-12-31")
    page.get_by_role("button", name="Kiküldés véleményezésre a tagoknak").click()
    expect(page.locator(".message--success")).to_contain_text("véleményezésre megküldtük")
    axe("minutes sent for comments")

    # A decision: more votes than those present is refused next to the field.
    page.get_by_role("link", name="Határozat rögzítése").click()
    page.get_by_label("A határozat szövege").fill("A kerekasztal támogatja a tábori programot.")
    page.get_by_label("Igen szavazat").fill("150")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("main")).to_contain_text("nem lehet több a jelen lévő")
    axe("decision form with an error")
    page.get_by_label("Igen szavazat").fill("10")
    page.get_by_label("Tartózkodás").fill("1")
    page.get_by_label("Felelős szervezet").select_option(label="Kőszeg Város Önkormányzata")
    page.get_by_label("Határidő").fill("2025-07-31")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("A határozatot rögzítettük")
    page.locator("main").get_by_role("link", name=re.compile(r"\d+\/2025\. \(VI\. 4\.\)")).click()
    page.get_by_label("Állapot").select_option("in_progress")
    page.get_by_label("Megjegyzés").fill("A táborok szervezése elkezdődött.")
    page.get_by_role("button", name="Bejegyzés rögzítése").click()
    expect(page.locator("main")).to_contain_text("A táborok szervezése elkezdődött.")
    axe("decision with a follow-up")
    _log_out(page)

    # (b) The member reads the agenda and the draft minutes and comments.
    log_in(page, MEMBER, DEMO_PASSWORD)
    page.goto(f"/f/{slug}/manage/")
    _nav(page, "Ülések")
    page.get_by_role("link", name=re.compile("Rendkívüli ülés a nyári táborokról")).click()
    expect(page.locator("main")).to_contain_text("A nyári táborok programja")
    expect(page.get_by_role("link", name="Tábori program")).to_be_visible()
    axe("meeting as a member")
    page.get_by_role("link", name="Emlékeztető és határozatok").click()
    expect(page.locator(".prose")).to_contain_text("megvitatták a tábori programot")
    page.get_by_label("Észrevétel az emlékeztetőhöz").fill("A sportnap legyen szombaton.")
    page.get_by_role("button", name="Észrevétel küldése").click()
    expect(page.locator("main")).to_contain_text("A sportnap legyen szombaton.")
    axe("minutes with a comment")
    _log_out(page)

    # Approval before the comment deadline needs the explicit confirmation.
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"/f/{slug}/manage/meetings/{meeting.pk}/minutes/")
    page.get_by_role("button", name="Elfogadottnak jelölés").click()
    expect(page.locator(".message--error")).to_contain_text("még nem járt le")
    axe("approval refused")
    page.get_by_label("Tudomásul veszem, hogy a véleményezési határidő még nem járt le").check()
    page.get_by_role("button", name="Elfogadottnak jelölés").click()
    expect(page.locator(".message--success")).to_contain_text("elfogadottnak jelöltük")
    axe("minutes approved")


def test_coordinator_records_a_past_session_held_on_paper(page, axe, demo, tmp_path):
    slug = demo.forum.slug
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"/f/{slug}/manage/")
    _nav(page, "Projektek")
    page.get_by_role("row", name=re.compile("Esélyteremtési Akcióprogram")).get_by_role(
        "link").first.click()
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("link", name="a projekt vége").click()
    row = page.get_by_role("row", name=re.compile("Megtartott kerekasztal-ülések"))
    before = int(re.search(r"(\d+) alkalom", row.inner_text()).group(1))
    axe("project dashboard")

    page.goto(f"/f/{slug}/manage/")
    page.get_by_role("link", name="Megtartott ülés utólagos rögzítése").click()
    axe("held session form")
    page.get_by_label("Az ülés címe").fill("Egyeztetés a nyári gyermekétkeztetésről")
    page.get_by_label("Az ülés kezdete").fill("2015-07-08T10:00")
    page.get_by_label("Az ülés vége").fill("2015-07-08T12:00")
    page.get_by_label("Helyszín (település)").select_option(label="Bük")
    # A future date and a negative headcount are told next to the fields, nothing is saved.
    page.get_by_label("Összlétszám (fő)").fill("-3")
    page.get_by_role("button", name="Megtartott ülés rögzítése").click()
    expect(page.locator("#id_headcount_total_error")).to_be_visible()
    axe("held session form with errors")
    page.get_by_label("Összlétszám (fő)").fill("14")
    page.get_by_label("Bük Város Önkormányzata: létszám (fő)").fill("2")
    page.get_by_label("Kőszeg Város Önkormányzata: létszám (fő)").fill("3")
    scan = tmp_path / "jelenleti-iv.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("Aláírt jelenléti ív (szkennelt)").set_input_files(str(scan))
    page.get_by_role("button", name="Megtartott ülés rögzítése").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    expect(page.locator("main")).to_contain_text("14 jelenlévő")
    expect(page.locator("main")).to_contain_text("A jelenlétet rögzítette: Horváth Katalin")
    expect(page.get_by_role("link", name="Az aláírt jelenléti ív")).to_be_visible()
    axe("held session's attendance")

    _nav(page, "Projektek")
    page.get_by_role("row", name=re.compile("Esélyteremtési Akcióprogram")).get_by_role(
        "link").first.click()
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    page.get_by_role("link", name="a projekt vége").click()
    row = page.get_by_role("row", name=re.compile("Megtartott kerekasztal-ülések"))
    expect(row).to_contain_text(f"{before + 1} alkalom")
    axe("project dashboard with the recorded session")
