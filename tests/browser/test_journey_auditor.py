"""The auditor's journey (issue 17, item 5) on the demo forum's project, through the pages
only: open the indicators, every indicator's drill-down, one record behind each value (it
must open for the auditor: 200, not 403), and the drill-down's CSV, whose rows are as many
as the value, each with the absolute URL of its record in "Hivatkozás". axe-core on every
page visited."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_auditor_follows_every_indicator_to_its_records(page, axe, live_server):
    demo_load()
    log_in(page, "ellenor@example.org", DEMO_PASSWORD)
    page.goto("/f/koszegi-jarasi-kerekasztal/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name="Projektek").click()
    axe("project list")
    page.get_by_role("link", name="ÁROP-1.A.3-2014-2014-0019").click()
    axe("project page")
    page.get_by_role("link", name="Indikátorok és előrehaladás").click()
    axe("indicator dashboard")
    indicators = page.evaluate(
        "() => Array.from(document.querySelectorAll("
        "'table.table > tbody > tr > td:first-child > a:first-child'))"
        ".map(a => [a.textContent.trim(), a.getAttribute('href')])")
    assert len(indicators) >= 5, indicators

    followed = 0
    for name, href in indicators:
        page.goto(href)
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        axe(f"indicator {name}")
        if page.get_by_role("heading", name="Rögzített értékek").count():
            continue  # a manual value: its evidence is a file, not a record page
        value_text = page.locator("dl.facts dd strong").first.inner_text()
        value = int(re.match(r"[\d\u202f\u00a0 ]+", value_text).group(0).replace(
            "\u202f", "").replace("\u00a0", "").replace(" ", ""))
        heading = page.get_by_role("heading", name=re.compile(r"^Az értéket adó ")).inner_text()
        listed = int(re.search(r"Az értéket adó (\d+)", heading).group(1))
        assert listed == value, f"{name}: {value} counted, {listed} listed"

        csv_href = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
        response = page.request.get(live_server.url + csv_href)
        assert response.ok
        rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig"))))
        assert len(rows) == value, f"{name}: {value} counted, {len(rows)} rows exported"
        assert all(row["Hivatkozás"].startswith(live_server.url + "/") for row in rows), name

        if not value:
            expect(page.get_by_text("Ezen a napon nincs ilyen tétel.")).to_be_visible()
            continue
        links = page.locator("ul.drill-down > li > a")
        assert links.count() == page.locator("ul.drill-down > li").count(), name
        record = links.first.get_attribute("href")
        response = page.goto(record)
        assert response.status == 200, f"{name}: {record} answered {response.status}"
        axe(f"record behind {name}")
        followed += 1
    assert followed >= 5, followed
