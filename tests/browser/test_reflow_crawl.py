"""Every page reflows at 320 CSS px (WCAG 1.4.10): a crawl of the demo forum's pages, as a
visitor and as its coordinator, in a phone-sized browser; nothing may scroll sideways."""

from urllib.parse import urldefrag, urlparse

import pytest
from django.test import Client

from kerekasztal.core.demo_loader import demo_load
from kerekasztal.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
FORUM = "/f/koszegi-jarasi-kerekasztal/"
# Links a crawler must not follow: they change something, download a file, or leave.
SKIP = ("logout", "/admin/", "/api/", ".csv", ".xlsx", ".pdf", ".docx", ".ics", ".json",
        ".svg", ".png", "/media/", "/static/", "download", "/delete", "/cancel", "/revoke",
        "/resend", "/sign", "/withdraw", "/erase", "/export")
LIMIT = 220
LINKS = "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"


def _cookies(user, base_url: str) -> list[dict]:
    client = Client()
    client.force_login(user)
    return [{"name": name, "value": morsel.value, "url": base_url}
            for name, morsel in client.cookies.items()]


def _crawl(page, start: str, base: str, limit: int) -> tuple[int, list[str]]:
    """(pages visited, those wider than the screen), by links from `start`, breadth first."""
    seen, queue, wide, visited = {start}, [start], [], 0
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        response = page.goto(url)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get(
                "content-type", ""):
            continue
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprit = page.evaluate("""(limit) => {
                for (const e of document.querySelectorAll('body *')) {
                    if (e.getBoundingClientRect().right > limit + 1
                        && !e.closest('.table-scroll')) {
                        return e.tagName.toLowerCase() + '.' + e.className;
                    }
                }
                return '';
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
        if email:
            context.add_cookies(_cookies(User.objects.get(email=email), live_server.url))
        page = context.new_page()
        visited, too_wide = _crawl(page, live_server.url + start, live_server.url, LIMIT // 2)
        assert visited > 30, f"the crawl from {start} reached only {visited} pages"
        wide += too_wide
        context.close()
    assert not wide, "Pages wider than 320 px:\n" + "\n".join(wide)
