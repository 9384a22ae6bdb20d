"""The coordinator imports organisations from a spreadsheet: accepting the preview answers
at once with the import queued, the task worker writes every row (run as an operator's cron
would run it), and the page then says how many rows were imported."""

import pytest
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


def test_coordinator_imports_organisations_through_the_task_queue(page, axe, demo, tmp_path):
    names = [f"Sorban Álló Egyesület {n}" for n in range(1, 4)]
    table = tmp_path / "szervezetek.csv"
    table.write_text("Név;Típus\n" + "".join(f"{name};Civil szervezet\n" for name in names),
                     encoding="utf-8")

    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Szervezetek").click()
    page.get_by_role("link", name="Importálás CSV-ből vagy XLSX-ből").click()
    axe("organisation import")
    page.get_by_label("Fájl (CSV vagy XLSX)").set_input_files(str(table))
    page.get_by_role("button", name="Ellenőrzés").click()
    expect(page.locator("main")).to_contain_text("Minden sor hibátlan")
    axe("import preview")

    page.get_by_role("button", name="3 sor importálása").click()
    status = page.locator("#import-status")
    expect(status).to_contain_text("Az importálás sorban áll")
    axe("import queued")
    page.get_by_role("link", name="Vissza a listához").click()
    expect(page.locator("main")).not_to_contain_text("Sorban Álló Egyesület")
    page.go_back()

    run_worker()
    # the page polls its status; a reload shows the same
    expect(status).to_contain_text("3 sor importálva", timeout=15_000)
    page.reload()
    expect(page.locator("#import-status")).to_contain_text("3 sor importálva")
    expect(page.get_by_role("button", name="3 sor importálása")).to_have_count(0)
    axe("import applied")

    page.get_by_role("link", name="Vissza a listához").click()
    for name in names:
        expect(page.locator("main")).to_contain_text(name)
    axe("organisations after the import")
