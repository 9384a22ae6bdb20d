"""The coordinator downloads a large export: the list's link answers at once with the
export's page ("Az export készül…"), the task worker writes the file (run as an operator's
cron would run it), the page then offers the download, and the file has every event."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD
from kerekasztal.events.models import Event
from tests.core.test_mail_queue import run_worker

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(task_queue, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", verbosity=0)
    run_worker()  # what the demo itself queued (search index)
    settings.EXPORT_TASK_AFTER_ROWS = 1  # "large" from two events on, instead of thousands


def test_coordinator_downloads_a_large_events_export_made_by_a_task(page, axe, demo):
    titles = list(Event.objects.filter(forum__slug="koszegi-jarasi-kerekasztal")
                  .values_list("title", flat=True))
    assert len(titles) > 1

    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Rendezvények").click()
    axe("events list")
    page.locator("main .export-links").get_by_role("link", name="CSV").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Az export készül…")
    status = page.locator("#export-status")
    expect(status).to_contain_text("Az oldal magától frissül")
    axe("export being prepared")

    run_worker()
    # the page polls its status
    expect(status).to_contain_text(f"Az export elkészült: {len(titles)} sor.", timeout=15_000)
    page.reload()
    axe("export ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Letöltés: rendezvenyek-koszegi-jarasi-kerekasztal.csv"
                         ).click()
    download = download_info.value
    assert download.suggested_filename == "rendezvenyek-koszegi-jarasi-kerekasztal.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        content = handle.read()
    for title in titles:
        assert title in content

    page.get_by_role("link", name="Vissza a listához").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rendezvények")
