"""Benchmark (issue 6, item 12): a district plan with 300 measures over a district of 60
settlement HEPs; times the plan page, the roll-up page, the DOCX and the PDF.

Slow, so it runs only with KEREKASZTAL_BENCHMARK=1; the figures are in docs/plans.md:
    KEREKASZTAL_BENCHMARK=1 .venv/bin/pytest tests/plans/test_benchmark.py -s
"""

import io
import os
import time

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from kerekasztal.core.models import TargetGroup
from kerekasztal.plans import services
from kerekasztal.plans.models import Measure, Problem
from kerekasztal.territory.models import District
from tests.conftest import login
from tests.factories import ForumFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("KEREKASZTAL_BENCHMARK"),
                       reason="set KEREKASZTAL_BENCHMARK=1 to run the benchmark"),
]

TITLES = ["Mentorprogram tartós álláskeresőknek", "Családi bölcsőde létesítése",
          "Idősek klubja", "Akadálymentesítés", "Anyák munkába való visszatérése"]


def _measures(plan, count, groups):
    return [Measure(plan=plan, number=i + 1, title=f"{TITLES[i % 5]} {i + 1}",
                    target_group=groups[i % 5], responsible="Önkormányzat",
                    content="Tevékenységek leírása. " * 8, goal_short="Rövid távú cél.",
                    indicator_name="Bevontak száma", indicator_target="10 fő",
                    percent=(i * 7) % 101) for i in range(count)]


def test_district_plan_with_300_measures_and_60_settlements(client, world):
    district = max(District.objects.all(), key=lambda d: d.settlements.count())
    forum = ForumFactory(slug="bench", district=district, county=district.county)
    groups = list(TargetGroup.objects.order_by("order"))
    for settlement in district.settlements.order_by("name")[:60]:
        hep = services.plan_create(forum=forum, scope="settlement", settlement=settlement,
                                   title=f"{settlement.name} HEP", period_start=2024,
                                   period_end=2028)
        Problem.objects.bulk_create([Problem(plan=hep, target_group=groups[i],
                                             title=f"{TITLES[i]} hiánya") for i in range(5)])
        Measure.objects.bulk_create(_measures(hep, 5, groups))
    plan = services.plan_create(forum=forum, scope="district", title="Járási programterv",
                                period_start=2024, period_end=2028)
    Measure.objects.bulk_create(_measures(plan, 300, groups))
    from tests.factories import ForumAccessFactory

    ForumAccessFactory(forum=forum, user=world.coordinator, role="coordinator")
    login(client, world.coordinator)
    kwargs = {"forum": forum.slug, "pk": plan.pk}
    figures = {}
    for name in ("plan_detail", "rollup", "plan_docx", "plan_pdf"):
        start = time.perf_counter()
        response = client.get(reverse(f"plans:{name}", kwargs=kwargs))
        figures[name] = time.perf_counter() - start
        assert response.status_code == 200
        if name == "plan_docx":
            document = Document(io.BytesIO(response.content))
            headings = [p for p in document.paragraphs if p.style.name == "Heading 3"]
            assert len(headings) >= 300
        if name == "plan_pdf":
            reader = PdfReader(io.BytesIO(response.content))
            figures["pdf_pages"] = len(reader.pages)
            assert "300. " in reader.pages[-1].extract_text() or len(reader.pages) > 30
        if name == "rollup":
            assert len(response.context["problem_groups"]) == 5
    print("\nbenchmark:", {k: round(v, 2) for k, v in figures.items()})
