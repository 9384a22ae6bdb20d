"""Peak memory (ru_maxrss) and time of one generated document in a fresh process, on the
benchmark dataset:

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python benchmarks/document_memory.py \
        plans:plan_pdf            # or: servicemap:report_pdf county
"""

import io
import os
import resource
import sys
import time


def main(name: str, sample: str = "") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerekasztal.settings")
    import django

    django.setup()
    from django.test import Client
    from pypdf import PdfReader

    from kerekasztal.core.datasets.budgets import PAGES
    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum, ForumKind
    from kerekasztal.plans.dataset import LARGE_EVERY

    page = next(p for p in PAGES if p.url_name == name and p.sample == sample)
    generated = list(Forum.objects.filter(slug__startswith="gen-").order_by("slug"))
    if sample == "county":
        forum = sorted((f for f in generated if f.kind == ForumKind.COUNTY_FORUM),
                       key=lambda f: -f.settlements().count())[0]
    else:
        forum = generated[::LARGE_EVERY][0]
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email=f"koordinator-{forum.slug}@example.org"))
    url = page.url(forum)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    runs = []
    for _run in range(4):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = response.content
        runs.append((round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pages = len(PdfReader(io.BytesIO(body)).pages) if body[:4] == b"%PDF" else 0
    print(f"{name} {sample} forum={forum.slug} status={response.status_code} "
          f"size={len(body)} pages={pages}")
    print("runs (wall s, CPU s):", runs)
    print(f"maxrss before the first request {before / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB;"
          f" load {os.getloadavg()}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
