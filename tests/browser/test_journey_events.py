"""The event journeys of issues 16 and 17 in a real browser, through the pages only, with
axe-core on every page: (a) a member registers, the coordinator records the attendance after
the start, the member downloads their own certificate and can no longer withdraw; (b) a
waitlist moves up when someone withdraws, and the mail outbox has the notice; (c) an event
held in the past is recorded in one form and the project's events figure counts it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_out(page):
    page.locator("header").get_by_role("button", name="Kilépés").click()


def _fill_event(page, *, title, start, end, kind="training", venue="Kőszeg, Városháza"):
    page.get_by_label("Típus").select_option(kind)
    page.get_by_label("Cím", exact=True).fill(title)
    page.get_by_label("Kezdés").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Befejezés").fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Helyszín").fill(venue)
    page.get_by_label("Települések").select_option(label="Kőszeg")


def test_member_registers_attends_downloads_certificate_and_cannot_withdraw(
        page, axe, live_server):
    world = World()
    # The training starts at the next whole minute at least 40 seconds away (the form takes
    # minutes), so the member can still register and the test then waits for the start.
    now = timezone.localtime()
    start = (now + datetime.timedelta(seconds=100)).replace(second=0, microsecond=0)
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/new/")
    _fill_event(page, title="Esélyteremtő attitűd formálása", start=start,
                end=start + datetime.timedelta(hours=4))
    page.get_by_label("Jelentkezés", exact=True).check()
    page.get_by_label("Óraszám").fill("4")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Esélyteremtő attitűd formálása")
    # before the start there is nothing to record yet
    expect(page.get_by_role("link", name="Jelenlét rögzítése")).to_have_count(0)
    expect(page.get_by_text("A jelenlét a rendezvény kezdése után rögzíthető.")).to_be_visible()
    axe("planned training")
    page.get_by_role("button", name="Meghirdetés").click()
    expect(page.locator(".message--success")).to_contain_text("meghirdettük")
    event_url = page.url
    page.goto(event_url + "attendance/")
    expect(page.get_by_text("A jelenlét csak a rendezvény kezdése után rögzíthető.")
           ).to_be_visible()
    axe("attendance page before the start")
    _log_out(page)

    # The member registers from the workspace.
    log_in(page, world.member.email, PASSWORD)
    page.goto(event_url)
    expect(page.get_by_text("Meghirdetett", exact=True)).to_be_visible()
    page.get_by_role("link", name="Saját jelentkezés").click()
    axe("own registration form")
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.locator(".message--success").first).to_contain_text("Jelentkezését rögzítettük")
    expect(page.get_by_role("button", name="Jelentkezésem visszavonása")).to_be_visible()
    axe("registered")
    _log_out(page)

    # Once the training has started, the coordinator records who attended and completed.
    wait = (start - timezone.localtime()).total_seconds() + 1
    if wait > 0:
        page.wait_for_timeout(wait * 1000)
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(event_url)
    expect(page.get_by_text("Folyamatban", exact=True)).to_be_visible()  # no save needed
    axe("training under way")
    page.get_by_role("link", name="Jelenlét rögzítése").click()
    axe("attendance form")
    page.get_by_label("Résztvevők száma").fill("1")
    page.get_by_role("group", name="Jelen volt").get_by_label("Tag Tamás").check()
    page.get_by_role("group", name="Elvégezte a képzést (tanúsítványt kap)").get_by_label(
        "Tag Tamás").check()
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("jelenlétet rögzítettük")
    page.get_by_role("button", name="Tanúsítványok kiállítása").click()
    expect(page.locator(".message--success")).to_contain_text("1 tanúsítvány kiállítva")
    expect(page.get_by_text("Megtartott", exact=True)).to_be_visible()
    # The turnout as Hungarians write a percentage: no space before the sign (AkH 12).
    expect(page.locator("main")).to_contain_text(
        "A visszaigazolt jelentkezők közül megjelent: 1 / 1 fő (100%).")
    axe("training held")
    _log_out(page)

    # The member downloads their own certificate; withdrawing is no longer offered.
    log_in(page, world.member.email, PASSWORD)
    page.goto(event_url)
    page.get_by_role("link", name="Saját jelentkezés").click()
    expect(page.get_by_text("Részvételét rögzítettük.")).to_be_visible()
    expect(page.get_by_role("button", name="Jelentkezésem visszavonása")).to_have_count(0)
    axe("own registration after attending")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tanúsítványom letöltése (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:  # from Typst: tagged, in Hungarian
        certificate = handle.read()
    assert b"/StructTreeRoot" in certificate and b"/Lang(hu-HU)" in certificate
    # the other participants' certificates stay with the organisers
    response = page.request.get(event_url + "certificates.pdf")
    assert response.status == 403


def test_waitlist_moves_up_when_a_member_withdraws_and_the_notice_is_mailed(
        page, axe, live_server):
    world = World()
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=14, minute=0, second=0, microsecond=0)
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/new/")
    _fill_event(page, title="Szülői klub", kind="parent_club", start=start,
                end=start + datetime.timedelta(hours=2))
    page.get_by_label("Jelentkezés", exact=True).check()
    page.get_by_label("Férőhelyek száma").fill("1")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_role("button", name="Meghirdetés").click()
    event_url = page.url
    # the coordinator takes the only seat for themself
    page.get_by_role("link", name="Saját jelentkezés").click()
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.locator(".message--success").first).to_contain_text("Jelentkezését rögzítettük")
    _log_out(page)

    # The member finds it full and goes to the waitlist.
    log_in(page, world.member.email, PASSWORD)
    page.goto(event_url + "register/")
    expect(page.get_by_text("Minden hely betelt")).to_be_visible()
    axe("full event, own registration")
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.locator(".message--warning").first).to_contain_text("Várólistára került")
    expect(page.get_by_text("várólistán")).to_be_visible()
    axe("waitlisted")
    _log_out(page)

    # The coordinator withdraws; the member moves up and is mailed.
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(event_url + "register/")
    page.get_by_role("button", name="Jelentkezésem visszavonása").click()
    expect(page.locator(".message--success").first).to_contain_text("visszavontuk")
    axe("withdrawn")
    page.goto(event_url + "registrations/")
    row = page.get_by_role("row", name="Tag Tamás")
    expect(row).to_contain_text("Visszaigazolt")
    axe("registrations after the waitlist moved up")
    notices = [m for m in mail.outbox if m.to == [world.member.email]]
    assert [m.subject for m in notices] == ["Várólistára került: Szülői klub",
                                            "Jelentkezés visszaigazolása: Szülői klub"]
    _log_out(page)
    log_in(page, world.member.email, PASSWORD)
    page.goto(event_url + "register/")
    expect(page.get_by_text("Ön jelentkezett (visszaigazolt)")).to_be_visible()
    axe("confirmed after the waitlist")


def test_coordinator_records_a_past_event_and_the_project_figure_counts_it(
        page, axe, live_server):
    from kerekasztal.projects import services as project_services
    from tests.projects.conftest import project_data

    world = World()
    # the project the coordinator took over mid-way (part of the data before the journey)
    project = project_services.project_create(forum=world.forum, user=world.coordinator,
                                              **project_data(world))
    project_services.indicator_add(project=project, user=world.coordinator,
                                   name="Megtartott rendezvények", unit="rendezvény",
                                   target=Decimal(12), rule="events.held")

    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/")
    page.get_by_role("link", name="Megtartott rendezvény rögzítése").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Megtartott rendezvény rögzítése")
    axe("held event form")
    day = datetime.datetime(2015, 6, 10, 16, 0)  # noqa: DTZ001 - a wall-clock time typed in
    _fill_event(page, title="Szülői klub – egészséges táplálkozás", kind="parent_club",
                start=day, end=day + datetime.timedelta(hours=2), venue="Művelődési ház")
    page.get_by_label("Résztvevők száma (fő)").fill("-3")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_participants_count_error")).to_be_visible()
    axe("held event form with errors")
    page.get_by_label("Résztvevők száma (fő)").fill("")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".error-summary, .message--error, #id_participants_count_error")
           .first).to_contain_text("résztvevők számát")
    page.get_by_label("Résztvevők száma (fő)").fill("14")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    expect(page.get_by_text("Megtartott", exact=True)).to_be_visible()
    expect(page.get_by_text("14 résztvevő.")).to_be_visible()
    axe("held event page")

    page.goto(f"/f/{world.forum.slug}/manage/projects/{project.pk}/dashboard/")
    page.get_by_label("Állapot napja").fill("2015-06-09")
    page.get_by_role("button", name="Frissítés").click()
    expect(page.get_by_role("row", name="Megtartott rendezvények").get_by_role("cell").nth(1)
           ).to_have_text("0 rendezvény")
    page.get_by_label("Állapot napja").fill("2015-06-30")
    page.get_by_role("button", name="Frissítés").click()
    row = page.get_by_role("row", name="Megtartott rendezvények")
    expect(row.get_by_role("cell").nth(1)).to_have_text("1 rendezvény")
    axe("project dashboard")


def test_coordinator_imports_events_held_from_a_spreadsheet(page, axe, live_server, tmp_path):
    world = World()
    header = "Dátum;Cím;Típus;Helyszín;Település;Témák;Létszám\n"
    bad = tmp_path / "rendezvenyek.csv"
    bad.write_text(header + "2015. 06. 10.;Szülői klub;szülői klub;Művelődési ház;KOSZEG;;14\n"
                   "2015-09-12;Családi nap;Közösségi rendezvény;Várkert;Sehol;;80\n",
                   encoding="utf-8")
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/")
    page.get_by_role("link", name="Megtartott rendezvények importálása").click()
    axe("import upload page")
    page.get_by_label("Fájl").set_input_files(str(bad))
    page.get_by_role("button", name="Ellenőrzés").click()
    expect(page.get_by_text("Nincs ilyen nevű település: „Sehol”.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("sor importálása"))).to_have_count(0)
    axe("import preview with errors")

    good = tmp_path / "javitott.csv"
    good.write_text(bad.read_text(encoding="utf-8").replace("Sehol", "bozsok"),
                    encoding="utf-8")
    page.goto(f"/f/{world.forum.slug}/manage/events/import/")
    page.get_by_label("Fájl").set_input_files(str(good))
    page.get_by_role("button", name="Ellenőrzés").click()
    axe("import preview")
    page.get_by_role("button", name="2 sor importálása").click()
    expect(page.locator(".message--success")).to_contain_text("2 sor importálva")
    page.get_by_label("Állapot").select_option(label="Megtartott")
    page.get_by_role("button", name="Szűrés").click()
    expect(page.get_by_role("row", name="Családi nap")).to_contain_text("80")
    expect(page.get_by_role("row", name="Szülői klub")).to_contain_text("14")
    axe("event list of the events held")
