"""`kerekasztal benchmark`: server time of every main page and document on the generated
dataset (`kerekasztal generate-dataset`), p50/p95 over repeated requests, written as JSON
under benchmarks/results/. Not part of the tests: timings belong here, not in CI."""

import datetime
import json
import os
import platform
import statistics
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kerekasztal.core.datasets.budgets import PAGES, refresh_session
from kerekasztal.core.datasets.synthetic import SLUG_PREFIX


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except (OSError, IndexError):
        pass
    return {
        "platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
        "memory": memory, "python": platform.python_version(),
        "django": django.get_version(), "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite" else str(connection.pg_version),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Oldalak és dokumentumok szerveridejének mérése (p50/p95) a generált adatokon."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--document-repeat", type=int, default=3,
                            help="Ennyiszer készíti el az egyes dokumentumokat.")
        parser.add_argument("--forums", type=int, default=5,
                            help="Hány generált fórum oldalait mérje (körbejárva).")
        parser.add_argument("--output", default="benchmarks/results")
        parser.add_argument("--only", default="", help="Csak az ezt tartalmazó URL-nevek.")
        parser.add_argument("--pages-only", action="store_true",
                            help="Csak az oldalak és API-listák: dokumentumok és az országos "
                                 "lefedettség nélkül.")

    def handle(self, *args, repeat, document_repeat, forums, output, only, pages_only=False,
               **options):
        from kerekasztal.core.models import User
        from kerekasztal.forums.models import Forum, ForumKind
        from kerekasztal.plans.dataset import LARGE_EVERY

        generated = list(Forum.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"))
        # Forums with settlements: the 23 Budapest districts have none in the territory data,
        # so no service map (its pages would have no records to open).
        with_settlements = [f for f in generated if f.settlements().exists()]
        sample = with_settlements[:forums]
        # Documents are made on the forums with a large programme (300 measures at scale 1).
        document_sample = generated[::LARGE_EVERY][:forums]
        # County documents (the SZÚT report) on the county forum with the most settlements.
        counties = sorted((f for f in generated if f.kind == ForumKind.COUNTY_FORUM),
                          key=lambda f: -f.settlements().count())[:1] or sample[:1]
        if not sample:
            raise CommandError("Nincs generált adat: futtassa előbb a "
                               "`kerekasztal generate-dataset --scale 1` parancsot.")
        call_command("collectstatic", interactive=False, verbosity=0)
        load_at_start = os.getloadavg()
        clients = {}
        for forum in {f.pk: f for f in sample + document_sample + counties}.values():
            coordinator = Client(SERVER_NAME="localhost")
            coordinator.force_login(User.objects.get(email=f"koordinator-{forum.slug}@example.org"))
            clients[forum.pk] = {"coordinator": coordinator,
                                 "anonymous": Client(SERVER_NAME="localhost")}
        results = []
        for page in PAGES:
            if only and only not in page.url_name or pages_only and page.document:
                continue
            timings, cpu, queries, status, size = [], [], 0, None, 0
            forums_used = counties if page.sample == "county" else \
                document_sample if page.document else sample
            for index in range((document_repeat if page.document else repeat) + 1):
                forum = forums_used[index % len(forums_used)]
                url = page.url(forum)
                client = clients[forum.pk][page.role]
                refresh_session(client)  # no session save inside the counted request
                reset_queries()  # the query log is capped: a full one would count nothing
                with CaptureQueriesContext(connection) as captured:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    if getattr(response, "streaming", False):
                        body = b"".join(response.streaming_content)
                    else:
                        body = response.content
                    elapsed = time.perf_counter() - started
                    elapsed_cpu = time.process_time() - started_cpu
                size = len(body)
                status = response.status_code
                if index:  # the first request warms caches
                    timings.append(elapsed * 1000)
                    cpu.append(elapsed_cpu * 1000)
                    queries = len(captured)
            arguments = page.kwargs(forums_used[0])
            variant = "".join(f".{arguments[key]}" for key in ("fmt", "doc") if key in arguments)
            row = {
                "page": page.url_name + variant + (f"?{page.query}" if page.query else "")
                + (f" ({page.sample})" if page.sample else ""),
                "forum": forums_used[0].slug,
                "kind": "document" if page.document else "page", "role": page.role,
                "status": status, "requests": len(timings), "queries": queries, "bytes": size,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
                # CPU time of this process (Django, templates and, with SQLite, the
                # database): what the page costs on a machine shared with other work.
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
            }
            results.append(row)
            self.stdout.write(f"{row['page']:<55} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} ms"
                              f" (CPU {row['cpu_p50_ms']:.1f}/{row['cpu_p95_ms']:.1f})"
                              f" {queries:>4} q  HTTP {status}")
        coverage = {} if only or pages_only else national_coverage(self.stdout)
        counts = {model: model_class.objects.count() for model, model_class in _counted()}
        report = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine(), "dataset": counts, "repeat": repeat,
            "document_repeat": document_repeat,
            # Other work on the machine inflates wall-clock times; CPU times are less affected.
            "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg(),
            "debug": settings.DEBUG, "results": results, "national_coverage": coverage,
        }
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"pages-{connection.vendor}-{timezone.localdate():%Y%m%d}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"Eredmény: {path}")


def national_coverage(out) -> dict:
    """The national service-coverage computation, two ways: the service map's synthetic
    national benchmark (all 3,155 settlements × every type in one computation, and its map),
    and the real per-forum coverage of every generated forum (queries + computation)."""
    from kerekasztal.forums.models import Forum
    from kerekasztal.servicemap import queries
    from kerekasztal.servicemap.benchmark import national

    started, started_cpu = time.perf_counter(), time.process_time()
    synthetic = national()
    synthetic["wall_seconds"] = round(time.perf_counter() - started, 2)
    synthetic["cpu_seconds"] = round(time.process_time() - started_cpu, 2)
    out.write(f"national(): {synthetic}")

    types = list(queries.service_types())
    cells = gaps = forums = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for forum in Forum.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"):
        data = queries.forum_coverage(forum, types=types)
        cells += len(data.coverage.cells)
        gaps += len(data.coverage.gaps())
        forums += 1
    generated = {
        "forums": forums, "cells": cells, "gaps": gaps,
        "wall_seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - started_cpu, 2),
    }
    out.write(f"every generated forum's coverage: {generated}")
    return {"synthetic_national": synthetic, "generated_forums": generated}


def _counted():
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in {"directory", "forums", "meetings", "events", "agreements",
                                     "plans", "servicemap", "projects", "publishing"} \
                and not model._meta.label.split(".")[1].startswith("Historical"):
            yield model._meta.label, model
