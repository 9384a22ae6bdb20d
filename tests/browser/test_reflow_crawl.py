"""Every page reflows at 320 CSS px (WCAG 1.4.10): the access matrix's pages, as the role
that may see each, in a phone-sized browser; nothing may make the page scroll sideways."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import OK
from tests.access_matrix.test_matrix import ROWS
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Which role looks at a page: the first of these that may open it.
VIEWERS = ("coordinator", "anonymous", "auditor", "member", "settlement_officer", "operator")
SKIP_NAMESPACES = ("admin", "api")
WIDTH = 320


def _pages(world) -> list[tuple[str, str]]:
    pages = []
    for row in ROWS:
        if row.method != "GET" or row.query or row.name.split(":")[0] in SKIP_NAMESPACES:
            continue
        role = next((r for r in VIEWERS if row.expect.get(r) == OK), None)
        if role is None:
            continue
        if row.setup:
            row.setup(world)
        try:
            pages.append((role, reverse(row.name, kwargs=row.kwargs(world))))
        except Exception as exc:  # a row that needs records this world lacks
            pages.append((role, f"!{row.name}: {exc}"))
    return pages


def _cookies(user, base_url: str) -> list[dict]:
    client = Client()
    client.force_login(user)
    return [{"name": name, "value": morsel.value, "url": base_url}
            for name, morsel in client.cookies.items()]


def test_every_page_reflows_at_320_px(browser, live_server, settings, media):
    settings.KEREKASZTAL_REQUIRE_2FA = False
    world = World()
    pages = _pages(world)
    broken = [url for _, url in pages if url.startswith("!")]
    assert not broken, broken
    assert len(pages) > 150
    wide: list[str] = []
    for role in VIEWERS:
        urls = [url for r, url in pages if r == role]
        if not urls:
            continue
        context = browser.new_context(base_url=live_server.url, locale="hu-HU",
                                      viewport={"width": WIDTH, "height": 800},
                                      timezone_id="Europe/Budapest")
        context.set_default_timeout(30_000)
        user = world.user(role)
        if user is not None:
            context.add_cookies(_cookies(user, live_server.url))
        page = context.new_page()
        for url in urls:
            response = page.goto(url)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                culprit = page.evaluate("""(limit) => {
                    for (const e of document.querySelectorAll('main *, header *, nav *')) {
                        if (e.getBoundingClientRect().right > limit + 1) {
                            return e.tagName.toLowerCase() + '.' + e.className;
                        }
                    }
                    return '';
                }""", WIDTH)
                wide.append(f"{role} {url}: {width} px ({culprit})")
        context.close()
    assert not wide, "Pages wider than 320 px:\n" + "\n".join(wide)
