"""The coordinator sends a session's invitations and follows their delivery: queued while
the task worker has not run, sent once it has (run as an operator's cron would run it),
sent again with one click; the registrations page of an event shows the same."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD
from tests.core.test_mail_queue import run_worker

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(task_queue):
    call_command("demo", verbosity=0)
    run_worker()  # what the demo itself queued (search index)
    mail.outbox.clear()


def test_coordinator_sees_invitations_queued_then_sent_and_resends_one(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Ülések").click()
    page.get_by_role("link", name="Új ülés").click()
    page.get_by_label("Az ülés címe").fill("Rendkívüli ülés a téli krízisellátásról")
    page.get_by_label("Kezdés").fill("2031-01-15T10:00")
    page.get_by_label("Befejezés").fill("2031-01-15T12:00")
    page.get_by_label("Helyszín (település)").select_option(label="Kőszeg")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_role("link", name="Tovább a meghívókhoz").click()
    axe("invitations before sending")

    page.get_by_role("button", name="Meghívók kiküldése").click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("sorban áll")
    count = rows.count()
    assert count > 1
    expect(page.locator("table tbody", has_text="elküldve")).to_have_count(0)
    assert mail.outbox == []  # the request only queued them
    axe("invitations queued")

    run_worker()
    page.reload()
    expect(page.locator(".mail-status--sent")).to_have_count(
        page.locator(".mail-status").count())
    expect(rows.first).to_contain_text("elküldve")
    sent = len(mail.outbox)
    assert sent >= 1
    axe("invitations sent")

    first = rows.first
    name = first.locator("td").first.inner_text().strip()
    first.get_by_role("button", name=re.compile("Újraküldés")).click()
    expect(page.locator(".message--success")).to_contain_text("újra elküldjük")
    expect(page.locator("table tbody tr", has_text=name).first).to_contain_text("sorban áll")
    axe("invitation resent")
    run_worker()
    page.reload()
    expect(page.locator("table tbody tr", has_text=name).first).to_contain_text("elküldve")
    assert len(mail.outbox) == sent + 1


def test_the_registrations_page_shows_the_confirmations(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Rendezvények").click()
    page.get_by_role("link", name="Esélyteremtő attitűd formálása").first.click()
    page.get_by_role("link", name="Jelentkezők", exact=True).click()
    expect(page.get_by_role("columnheader", name="Visszaigazoló e-mail")).to_be_visible()
    expect(page.locator(".mail-status--sent").first).to_be_visible()
    axe("registrations with e-mail status")
