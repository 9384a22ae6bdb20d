"""Reliability flows in a real browser with axe-core: enrolling the second factor, logging in
with a code, reading the activity log."""

import datetime

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from kerekasztal.directory import services as directory_services
from tests.conftest import PASSWORD, World

from .conftest import log_in, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_enrols_then_reads_the_activity_log(page, axe, live_server):
    world = World()
    directory_services.person_create(
        forum=world.forum, user=world.coordinator, name="Napló Nándor", position="jegyző",
        legal_basis="public_task", retention_until=datetime.date(2030, 1, 1),
    )
    page.goto("/accounts/login/")
    page.get_by_label("E-mail-cím").fill(world.coordinator.email)
    page.get_by_label("Jelszó").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Belépés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kétlépcsős azonosítás beállítása")
    expect(page.locator(".qr svg")).to_be_visible()
    axe("enrolment page")

    page.get_by_label("Egyszer használható kód").fill("000000")
    page.get_by_role("button", name="Beállítás és belépés").click()
    expect(page.locator("#id_token_error")).to_be_visible()
    axe("enrolment with an error")
    device = TOTPDevice.objects.get(user=world.coordinator)
    device.throttle_reset()
    page.get_by_label("Egyszer használható kód").fill(totp_code(device))
    page.get_by_role("button", name="Beállítás és belépés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Helyreállító kódok")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    axe("recovery codes")
    page.get_by_role("link", name="Tovább").click()

    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("link", name="Tevékenységnapló").click()
    page.wait_for_url("**/manage/activity/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tevékenységnapló")
    expect(page.locator("main")).to_contain_text("Napló Nándor")
    axe("activity log")
    page.get_by_label("Adatfajta").select_option(label="Szervezet")
    page.get_by_role("button", name="Szűrés").click()
    page.wait_for_url("**/activity/?model=directory.organisation*")
    expect(page.locator("main")).not_to_contain_text("Napló Nándor")
    axe("filtered activity log")


def test_enrolled_coordinator_logs_in_with_a_code_and_sees_the_account(page, axe, live_server):
    world = World()
    log_in(page, world.coordinator.email, PASSWORD)  # enrols
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail-cím").fill(world.coordinator.email)
    page.get_by_label("Jelszó").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Belépés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Belépés: egyszer használható kód")
    axe("code step")
    device = TOTPDevice.objects.get(user=world.coordinator)
    # the enrolment used this step's code: the next one (within the allowed drift)
    page.get_by_label("Egyszer használható kód").fill(totp_code(device, steps_ahead=1))
    page.locator("main").get_by_role("button", name="Belépés").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto("/accounts/")
    expect(page.locator("main")).to_contain_text("Ebben a munkamenetben egyszer használható")
    axe("account page")


def test_coordinator_downloads_and_erases_a_persons_data(page, axe, live_server):
    world = World()
    person = directory_services.person_create(
        forum=world.forum, user=world.coordinator, name="Törlendő Tivadar",
        email="tivadar@example.org", legal_basis="public_task",
        retention_until=datetime.date(2030, 1, 1),
    )
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/directory/people/{person.pk}/")
    axe("person page with the data subject's rights")
    with page.expect_download() as download:
        page.get_by_role("link", name="Adatok letöltése (JSON)").click()
    assert download.value.suggested_filename == f"szemelyes-adatok-{person.pk}.json"
    page.get_by_role("link", name="Adatok törlése").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Személyes adatok törlése")
    axe("erasure confirmation")
    page.get_by_role("button", name="Végleges törlés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Törölt személy #{person.pk}")
    expect(page.locator("main")).to_contain_text("anonimizáltuk")
    axe("erased person")
