"""Benchmark of the meetings app (not a timed test): the attendance sheet PDF of a forum
with 60 member organisations, and the meetings list of a forum with 200 sessions.

    .venv/bin/python benchmarks/meetings.py

Runs on a throw-away SQLite database in a temporary directory and prints the figures
(median of a few runs, and the SQL queries of the list page). Results are kept in
benchmarks/meetings.md.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="kerekasztal-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ["KEREKASZTAL_VAR"] = TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerekasztal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

RUNS = 5


def timed(function, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _ok(response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"unexpected status {response.status_code}")


def main() -> None:
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    call_command("migrate", verbosity=0)
    from kerekasztal.core.reference import ensure_reference_lists
    from kerekasztal.territory.services import territory_load

    territory_load()
    ensure_reference_lists()
    from tests.factories import (
        ForumAccessFactory,
        ForumFactory,
        MembershipFactory,
        OrganisationFactory,
        PersonFactory,
        UserFactory,
    )
    from tests.meetings.factories import MeetingFactory

    from kerekasztal.meetings.models import Meeting

    forum = ForumFactory(slug="bench")
    coordinator = UserFactory(email="bench@example.org")
    ForumAccessFactory(forum=forum, user=coordinator, role="coordinator")
    for i in range(60):
        organisation = OrganisationFactory(forum=forum, name=f"Tagszervezet {i:02d}")
        people = [PersonFactory(forum=forum, name=f"Képviselő {i:02d}/{j}") for j in (1, 2)]
        MembershipFactory(forum=forum, organisation=organisation, representatives=people)
    now = timezone.now()
    for n in range(200):
        start = now - datetime.timedelta(days=30 * n)
        MeetingFactory(forum=forum, number=n + 1, starts_at=start,
                       ends_at=start + datetime.timedelta(hours=2),
                       status="held" if n else "planned")
    latest = Meeting.objects.get(forum=forum, number=1)

    client = Client()
    client.force_login(coordinator)
    sheet = f"/f/bench/manage/meetings/{latest.pk}/attendance-sheet.pdf"
    listing = "/f/bench/manage/meetings/"
    _ok(client.get(sheet))
    pdf_seconds = timed(lambda: client.get(sheet))
    pdf_size = len(client.get(sheet).content)
    list_seconds = timed(lambda: client.get(listing))
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        _ok(client.get(listing))
    export_seconds = timed(lambda: client.get("/f/bench/manage/meetings/export.xlsx"))
    print(f"attendance sheet PDF, 60 members × 2 representatives: {pdf_seconds * 1000:.0f} ms "
          f"(median of {RUNS}), {pdf_size / 1024:.0f} KiB")
    print(f"meetings list, 200 sessions (page of 50): {list_seconds * 1000:.0f} ms, "
          f"{len(queries)} SQL queries")
    print(f"meetings export XLSX, 200 sessions: {export_seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
