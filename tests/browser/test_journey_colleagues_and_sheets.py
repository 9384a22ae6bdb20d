"""Trainings as members and coordinators really record them, in a real browser, through the
pages only, axe-core on every page: (a) a member organisation's representative registers
colleagues of their organisation (with or without an e-mail address), sees and cancels
them, the capacity and the deadline apply; (b) the coordinator records the names of a paper
attendance sheet (names and organisations, no e-mail addresses) with its scan, each person
counted once, the accented names intact on the page and in the CSV and XLSX exports."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ["Kovács Árpádné", "Dr. Szőke-Nagy Ödön"]


def _log_out(page):
    page.locator("header").get_by_role("button", name="Kilépés").click()


def _fill_event(page, *, title, start, end, kind="training"):
    page.get_by_label("Típus").select_option(kind)
    page.get_by_label("Cím", exact=True).fill(title)
    page.get_by_label("Kezdés").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Befejezés").fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Helyszín").fill("Kőszeg, Városháza")
    page.get_by_label("Települések").select_option(label="Kőszeg")


def _training(page, forum, *, title, start, capacity="", deadline=None, email_required=True):
    """The coordinator creates and announces a members-only training; its page's URL."""
    page.goto(f"/f/{forum.slug}/manage/events/new/")
    _fill_event(page, title=title, start=start, end=start + datetime.timedelta(hours=6))
    page.get_by_label("Nyilvános").uncheck()
    page.get_by_label("Jelentkezés", exact=True).check()
    page.get_by_label("Férőhelyek száma").fill(capacity)
    if deadline is not None:
        page.get_by_label("Jelentkezési határidő").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    if not email_required:
        page.get_by_label("A jelentkezéshez e-mail-cím kell").uncheck()
    page.get_by_label("Óraszám").fill("6")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name="Meghirdetés").click()
    expect(page.locator(".message--success")).to_contain_text("meghirdettük")
    return page.url


def _register(page, name, email="", phone=""):
    page.get_by_label("Név", exact=True).fill(name)
    page.get_by_label("E-mail-cím").fill(email)
    page.get_by_label("Telefonszám (nem kötelező)").fill(phone)
    page.get_by_label("A munkatárs hozzájárult").check()
    page.get_by_role("button", name="Jelentkeztetés").click()


def test_representative_registers_colleagues_sees_and_cancels_them(page, axe, live_server):
    world = World()
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=9, minute=0, second=0, microsecond=0)
    log_in(page, world.coordinator.email, PASSWORD)
    event_url = _training(page, world.forum, title="Esélyteremtő attitűd formálása",
                          start=start, capacity="2", email_required=False)
    axe("members-only training announced")
    late_url = _training(page, world.forum, title="Lezárt jelentkezésű képzés", start=start,
                         deadline=timezone.localtime() - datetime.timedelta(hours=1))
    _log_out(page)

    log_in(page, world.member.email, PASSWORD)
    page.goto(event_url)
    page.get_by_role("link", name="Munkatársak jelentkeztetése").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Munkatársak jelentkeztetése")
    expect(page.get_by_text("Szervezetükből még senkit nem jelentkeztettek.")).to_be_visible()
    # only the member's own organisation is offered
    options = page.get_by_label("Szervezet").locator("option")
    expect(options).to_have_count(1)
    expect(options).to_have_text("Bozsok Község Önkormányzata")
    axe("colleagues page")
    page.get_by_role("button", name="Jelentkeztetés").click()
    expect(page.locator("#id_name_error")).to_be_visible()
    expect(page.locator("#id_consent_error")).to_contain_text("hozzájáruló munkatársat")
    axe("colleagues form with errors")

    mail.outbox.clear()
    _register(page, NAMES[0], email="arpadne@example.org", phone="+36 30 123 4567")
    expect(page.locator(".message--success")).to_contain_text(
        "Kovács Árpádné jelentkezését rögzítettük.")
    assert [m.to for m in mail.outbox] == [["arpadne@example.org"]]
    assert "Esélyteremtő attitűd formálása" in mail.outbox[0].subject
    _register(page, NAMES[1])  # no e-mail address: this training does not require one
    expect(page.locator(".message--success")).to_contain_text(
        "Dr. Szőke-Nagy Ödön jelentkezését rögzítettük.")
    assert len(mail.outbox) == 1
    expect(page.get_by_text("Minden hely betelt")).to_be_visible()
    _register(page, "Tóth Ödönné")
    expect(page.locator(".message--warning").first).to_contain_text(
        "Minden hely betelt: Tóth Ödönné várólistára került")
    expect(page.get_by_role("row", name="Tóth Ödönné")).to_contain_text("Várólistán")
    expect(page.get_by_role("row", name="Kovács Árpádné")).to_contain_text("+36 30 123 4567")
    axe("colleagues registered, one waiting")

    page.get_by_role("row", name="Kovács Árpádné").get_by_role(
        "button", name="Jelentkezés visszavonása").click()
    expect(page.locator(".message--success")).to_contain_text(
        "Kovács Árpádné jelentkezését visszavontuk.")
    expect(page.get_by_role("row", name="Kovács Árpádné")).to_contain_text("Lemondva")
    expect(page.get_by_role("row", name="Tóth Ödönné")).to_contain_text("Visszaigazolt")
    axe("a colleague cancelled, the waitlist moved up")

    # past the deadline nobody more may be registered
    page.goto(late_url + "colleagues/")
    expect(page.get_by_text("A jelentkezési határidő lejárt.")).to_be_visible()
    expect(page.get_by_role("button", name="Jelentkeztetés")).to_have_count(0)
    axe("colleagues page after the deadline")
    # the registrations list with everyone's details stays with the coordinators
    assert page.request.get(event_url + "registrations/").status == 403
    _log_out(page)

    # The coordinator sees who registered them, with their organisation.
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(event_url + "registrations/")
    row = page.get_by_role("row", name="Dr. Szőke-Nagy Ödön")
    expect(row).to_contain_text("Bozsok Község Önkormányzata")
    expect(row).to_contain_text("Visszaigazolt")
    axe("registrations with organisations")
    # someone who phoned, without an e-mail address: the seats are taken, so they wait
    page.get_by_role("link", name="Jelentkező felvétele").click()
    page.get_by_label("Név", exact=True).fill("Horváth Ödönné")
    page.get_by_label("Telefonszám (nem kötelező)").fill("+36 94 123 456")
    page.get_by_label("Szervezet (nem kötelező)").select_option(
        label="Bozsok Község Önkormányzata")
    page.get_by_label("A jelentkező hozzájárult").check()
    axe("organiser adds someone without an e-mail address")
    page.get_by_role("button", name="Felvétel").click()
    expect(page.locator(".message--warning")).to_contain_text(
        "Horváth Ödönné várólistára került.")
    expect(page.get_by_role("row", name="Horváth Ödönné")).to_contain_text("Várólistán")
    axe("registrations with the phoned-in person")


def test_coordinator_records_the_names_of_a_paper_sheet_each_counted_once(
        page, axe, live_server, tmp_path):
    from kerekasztal.projects import services as project_services
    from tests.projects.conftest import project_data

    world = World()
    # the project whose participants figure the sheet feeds (data before the journey)
    project = project_services.project_create(forum=world.forum, user=world.coordinator,
                                              **project_data(world))
    project_services.indicator_add(project=project, user=world.coordinator,
                                   name="Résztvevők", unit="fő", target=Decimal(100),
                                   rule="events.participants")

    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/held/new/")
    day = datetime.datetime(2015, 10, 22, 9, 0)  # noqa: DTZ001 - a wall-clock time typed in
    _fill_event(page, title="Esélyteremtő attitűd formálása", start=day,
                end=day + datetime.timedelta(hours=8))
    page.get_by_label("Résztvevők száma (fő)").fill("14")
    # one participant was known by name and e-mail address already
    page.get_by_label("Résztvevők név szerint (nem kötelező)").fill(
        "Kovács Árpádné, arpadne@example.org")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    event_url = page.url

    page.get_by_role("link", name="Nevek a jelenléti ívről").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nevek a jelenléti ívről")
    axe("sheet names page")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_people_error")).to_contain_text("legalább egy nevet")
    axe("sheet names page with errors")
    sheet = ("Kovács Árpádné; Bozsok Község Önkormányzata\n"
             "Dr. Szőke-Nagy Ödön; Kőszegi Járási Hivatal\n"
             "kovács árpádné; BOZSOK KÖZSÉG ÖNKORMÁNYZATA\n")
    page.get_by_label("Résztvevők a jelenléti ívről").fill(sheet)
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".error-summary, #id_people_error").first).to_contain_text(
        "kétszer szerepel")
    axe("sheet names with a name twice")
    page.get_by_label("Résztvevők a jelenléti ívről").fill(
        sheet.rsplit("\n", 2)[0] + "\nTóth Ödönné\n")
    page.get_by_label("Résztvevők száma (fő, nem kötelező)").fill("-1")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_participants_count_error")).to_be_visible()
    page.get_by_label("Résztvevők száma (fő, nem kötelező)").fill("")
    scan = tmp_path / "jelenleti-iv.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("Aláírt jelenléti ív (szkennelve, nem kötelező)").set_input_files(
        str(scan))
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text(
        "A jelenléti ív 3 nevét rögzítettük.")
    table = page.get_by_role("table", name="Név szerint rögzített résztvevők")
    expect(table.get_by_role("row")).to_have_count(4)  # the header and three people
    expect(table.get_by_role("row", name="Kovács Árpádné")).to_contain_text(
        "Bozsok Község Önkormányzata")
    expect(table.get_by_role("row", name="Dr. Szőke-Nagy Ödön")).to_contain_text(
        "Kőszegi Járási Hivatal")
    expect(page.get_by_text("Rögzített létszám: 14 fő.")).to_be_visible()
    axe("sheet names recorded")

    page.goto(event_url)
    expect(page.get_by_text("14 résztvevő.")).to_be_visible()
    expect(page.get_by_role("link", name="Aláírt jelenléti ív")).to_be_visible()
    axe("event with the sheet")
    page.goto(event_url + "registrations/")
    expect(page.get_by_role("row", name="Dr. Szőke-Nagy Ödön")).to_contain_text(
        "Kőszegi Járási Hivatal")
    with page.expect_download() as download:
        page.locator("main .export-links").get_by_role("link", name="CSV").click()
    with open(download.value.path(), "rb") as handle:
        text = handle.read().decode("utf-8-sig")
    for expected in (*NAMES, "Tóth Ödönné", "Kőszegi Járási Hivatal",
                     "Bozsok Község Önkormányzata"):
        assert expected in text
    with page.expect_download() as download:
        page.locator("main .export-links").get_by_role("link", name="XLSX").click()
    with open(download.value.path(), "rb") as handle:
        sheet_rows = list(openpyxl.load_workbook(io.BytesIO(handle.read())).active.values)
    assert sheet_rows[0][:2] == ("Név", "Szervezet")
    assert sorted((row[0], row[1] or "") for row in sheet_rows[1:]) == [
        ("Dr. Szőke-Nagy Ödön", "Kőszegi Járási Hivatal"),
        ("Kovács Árpádné", "Bozsok Község Önkormányzata"),
        ("Tóth Ödönné", ""),
    ]
    axe("registrations after the sheet")

    # The project's participants figure counts each of the three once.
    page.goto(f"/f/{world.forum.slug}/manage/projects/{project.pk}/dashboard/")
    page.get_by_label("Állapot napja").fill("2015-10-31")
    page.get_by_role("button", name="Frissítés").click()
    expect(page.get_by_role("row", name="Résztvevők").get_by_role("cell").nth(1)
           ).to_have_text("3 fő")
    axe("project dashboard with the participants")
