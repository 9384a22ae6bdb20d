"""Query-count budgets: every main page makes the same number of SQL queries on a small
dataset and on one ten times larger, and no more than its budget. This is the one
performance check of the test suite; it counts queries, it does not time anything."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kerekasztal.core.datasets import synthetic
from kerekasztal.core.datasets.budgets import PAGES, refresh_session
from kerekasztal.core.models import User

pytestmark = pytest.mark.django_db


# Pages whose HTML must not grow with the data (they paginate or collapse what grows): on
# ten times the data at most GROWTH times the small dataset's size.
BOUNDED_HTML = {"plans:plan_detail", "plans:public_detail", "meetings:agenda",
                "events:registration_list", "events:public_calendar",
                # issue 18's second round: a typed organisation filter instead of a
                # <select> of every organisation, the invitees and the public map's
                # service points a page at a time. (The decision register and the
                # agreements' lists are paginated too, but this test's tenfold forum has
                # fewer than a page of them: their HTML grows up to 50 rows.)
                "directory:person_list", "meetings:invitations", "servicemap:public_map"}
GROWTH = 1.5


def _count(client: Client, url: str) -> tuple[int, int, int]:
    refresh_session(client)
    cache.clear()  # an anonymous page or API read is counted as rendered, not as cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    size = 0 if response.streaming else len(response.content)
    return response.status_code, len(queries), size


def _measure(forum) -> dict[str, tuple[int, int]]:
    coordinator = User.objects.get(email=f"koordinator-{forum.slug}@example.org")
    clients = {"anonymous": Client(), "coordinator": Client()}
    clients["coordinator"].force_login(coordinator)
    results = {}
    for page in PAGES:
        url = page.url(forum)
        clients[page.role].get(url)  # warm per-process caches (content types, sessions)
        results[page.key] = _count(clients[page.role], url)
    return results


def test_a_session_seen_over_a_minute_ago_is_not_saved_inside_the_counted_request(world):
    """The idle-timeout middleware saves a session last seen more than a minute ago; the
    count must not include that save (it made documents look over budget)."""
    from kerekasztal.core.middleware import SessionIdleTimeoutMiddleware

    client = Client()
    client.force_login(world.coordinator)
    url = f"/f/{world.forum.slug}/"
    client.get(url)
    session = client.session
    session[SessionIdleTimeoutMiddleware.KEY] -= 120
    session.save()
    refresh_session(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 302)
    saves = [q["sql"] for q in queries.captured_queries
             if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not saves, saves
    anonymous = Client()
    refresh_session(anonymous)  # nothing to refresh, and no session made for it
    assert settings.SESSION_COOKIE_NAME not in anonymous.cookies


def test_main_pages_make_as_many_queries_on_ten_times_the_data(settings):
    # Exports are counted as the files they send (their rows must not grow the count), not
    # as the task's page a large one answers with (core/exports/; its page has its row).
    settings.EXPORT_TASK_AFTER_ROWS = settings.EXPORT_TASK_AFTER_XLSX_ROWS = 10**6
    context = synthetic.generate(scale=0.0005, seed=7, forums=1)  # ~10 organisations
    forum = context.forums[0]
    small = _measure(forum)
    synthetic.generate(scale=0.0045, seed=8, existing=[forum])  # ~100 organisations in all
    large = _measure(forum)

    from kerekasztal.directory.models import Organisation
    assert Organisation.objects.filter(forum=forum).count() >= 90

    problems = []
    for page in PAGES:
        key = page.key
        (small_status, small_count, small_size), (large_status, large_count, large_size) = (
            small[key], large[key])
        if page.url_name in BOUNDED_HTML and large_size > GROWTH * small_size:
            problems.append(f"{key}: {small_size} bytes of HTML on the small dataset, "
                            f"{large_size} on the 10× one")
        if small_status != 200 or large_status != 200:
            problems.append(f"{key}: HTTP {small_status}/{large_status}")
        elif small_count != large_count:
            problems.append(f"{key}: {small_count} queries on the small dataset, "
                            f"{large_count} on the 10× one")
        elif large_count > page.budget:
            problems.append(f"{key}: {large_count} queries, budget {page.budget}")
    for page in PAGES:  # shown with -s: which other pages still grow with the data
        if large[page.key][2] > GROWTH * small[page.key][2]:
            print(f"HTML grows: {page.key} {small[page.key][2]} -> {large[page.key][2]}")
    assert not problems, "\n".join(problems)

