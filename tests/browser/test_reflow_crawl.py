"""Every page reflows at 320 CSS px (WCAG 1.4.10): a crawl of the demo forum's pages, as a
visitor and as its coordinator, in a phone-sized browser; nothing may scroll sideways."""

from urllib.parse import urldefrag, urlparse

import pytest

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
FORUM = "/f/koszegi-jarasi-kerekasztal/"
# Links a crawler must not follow: they change something, download a file, or leave.
SKIP = ("logout", "/admin/", "/api/", ".csv", ".xlsx", ".pdf", ".docx", ".ics", ".json",
        ".svg", ".png", "/media/", "/static/", "download", "/delete", "/cancel", "/revoke",
        "/resend", "/sign", "/withdraw", "/erase", "/export")
LIMIT = 220
LINKS = "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"


def _crawl(page, start: str, base: str, limit: int) -> tuple[int, list[str]]:
    """(pages visited, those wider than the screen), by links from `start`, breadth first."""
    seen, queue, wide, visited = {start}, [start], [], 0
    while queue and visited < limit:
        url = queue.pop(0)
        response = page.goto(url)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get(
                "content-type", ""):
            continue
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprit = page.evaluate("""(limit) => {
                const wide = [...document.querySelectorAll('body *')].filter(
                    e => e.getBoundingClientRect().right > limit + 1);
                // the innermost wide element outside a scrolling table box
                const own = wide.filter(e => !e.parentElement.closest('.table-scroll'));
                const e = own[own.length - 1];
                return e ? e.tagName.toLowerCase() + '.' + e.className : '';
            }""", WIDTH)
            wide.append(f"{url}: {width} px ({culprit})")
        # getAttribute, not .href: the map's SVG links have an SVGAnimatedString there
        for href in page.eval_on_selector_all("a[href]", LINKS):
            href = urldefrag(href)[0]
            path = urlparse(href).path
            if (not href.startswith(base) or href in seen or any(s in href for s in SKIP)
                    or not (path.startswith(FORUM) or path in ("/", "/accounts/"))):
                continue
            seen.add(href)
            queue.append(href)
    return visited, wide


def test_every_page_reflows_at_320_px(browser, live_server, settings, media):
    settings.KEREKASZTAL_REQUIRE_2FA = False
    demo_load()
    wide = []
    for email, start in ((None, FORUM), ("koordinator@example.org", FORUM + "manage/")):
        context = browser.new_context(base_url=live_server.url, locale="hu-HU",
                                      viewport={"width": WIDTH, "height": 800},
                                      timezone_id="Europe/Budapest")
        context.set_default_timeout(30_000)
        page = context.new_page()
        if email:
            log_in(page, email, DEMO_PASSWORD)
        visited, too_wide = _crawl(page, live_server.url + start, live_server.url, LIMIT // 2)
        assert visited > 30, f"the crawl from {start} reached only {visited} pages"
        wide += too_wide
        context.close()
    assert not wide, "Pages wider than 320 px:\n" + "\n".join(wide)
