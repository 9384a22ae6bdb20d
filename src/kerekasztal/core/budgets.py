"""The main pages whose SQL query count must stay flat as the data grows.

Used by tests/budgets (query counts, in CI) and `kerekasztal benchmark` (timings).

Each app adds its pages here: the list, detail, dashboard, public and API pages. `kwargs`
builds the URL arguments from the generated forum; `role` is who opens the page
("coordinator" = the forum's generated coordinator, "anonymous" = a visitor); `budget`
is the most queries the page may make.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kerekasztal.agreements.models import Agreement
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.plans.models import Plan
from kerekasztal.servicemap.models import Gap


@dataclass(frozen=True)
class Page:
    url_name: str
    budget: int
    role: str = "coordinator"
    kwargs: Callable[[Any], dict] = lambda forum: {"forum": forum.slug}
    query: str = ""
    document: bool = False  # a generated PDF/DOCX: timed apart from the pages


def _first(model, **filters):
    return lambda forum: {"forum": forum.slug,
                          "pk": model.objects.filter(forum=forum, **filters).order_by("pk")[0].pk}


def _programme(forum) -> int:
    return Plan.objects.filter(forum=forum, scope__in=["district", "county"]).order_by("pk")[0].pk


def _plan_kwargs(**extra):
    return lambda forum: {"forum": forum.slug, "pk": _programme(forum), **extra}


PLAN_PAGES = [
    Page("plans:plan_list", 8),
    Page("plans:plan_export", 8, kwargs=lambda forum: {"forum": forum.slug, "fmt": "csv"}),
    Page("plans:plan_detail", 14, kwargs=_plan_kwargs()),
    Page("plans:measure_export", 10, kwargs=_plan_kwargs(fmt="xlsx")),
    Page("plans:rollup", 14, kwargs=_plan_kwargs()),
    Page("plans:consultation", 9, kwargs=_plan_kwargs()),
    Page("plans:public_list", 4, role="anonymous"),
    Page("plans:public_detail", 10, role="anonymous", kwargs=_plan_kwargs()),
    Page("plans:plan_docx", 14, kwargs=_plan_kwargs(), document=True),
    Page("plans:plan_pdf", 14, kwargs=_plan_kwargs(), document=True),
]

def _csv(forum) -> dict:
    return {"forum": forum.slug, "fmt": "csv"}


SERVICEMAP_PAGES = [
    Page("servicemap:coverage", 11),
    Page("servicemap:coverage_export", 11, kwargs=_csv),
    Page("servicemap:map", 12),
    Page("servicemap:type_list", 8),
    Page("servicemap:point_list", 10),
    Page("servicemap:point_export", 7, kwargs=_csv),
    Page("servicemap:hsds", 7),
    Page("servicemap:questionnaire_list", 7),
    Page("servicemap:gap_list", 15),
    Page("servicemap:gap_export", 6, kwargs=_csv),
    Page("servicemap:gap_detail", 14, kwargs=_first(Gap)),
    Page("servicemap:report", 14),
    Page("servicemap:public_map", 11, role="anonymous"),
    Page("servicemap:national_map", 3, role="anonymous", kwargs=lambda forum: {}),
    Page("servicemap:report_pdf", 13, document=True),
    Page("servicemap:report_docx", 13, document=True),
]

PAGES = [
    Page("core:home", 4, role="anonymous", kwargs=lambda forum: {}),
    Page("forums:public", 6, role="anonymous"),
    Page("forums:workspace", 13),  # + next meetings, next events, latest decisions
    Page("forums:membership_list", 10),
    Page("forums:membership_export", 9, kwargs=lambda forum: {"forum": forum.slug, "fmt": "csv"}),
    Page("forums:access_list", 9),
    Page("directory:organisation_list", 10),
    Page("directory:organisation_list", 10, query="q=önkormányzat"),
    Page("directory:organisation_export", 8,
         kwargs=lambda forum: {"forum": forum.slug, "fmt": "xlsx"}),
    Page("directory:organisation_detail", 11, kwargs=_first(Organisation)),
    Page("directory:person_list", 11),
    Page("directory:person_export", 9, kwargs=lambda forum: {"forum": forum.slug, "fmt": "csv"}),
    Page("directory:person_detail", 11, kwargs=_first(Person)),
    *PLAN_PAGES,
    # agreements
    Page("agreements:list", 12),
    Page("agreements:export", 11, kwargs=lambda forum: {"forum": forum.slug, "fmt": "csv"}),
    Page("agreements:detail", 21, kwargs=_first(Agreement)),
    Page("agreements:register", 9, role="anonymous"),
    Page("agreements:register_export", 8, role="anonymous",
         kwargs=lambda forum: {"forum": forum.slug, "fmt": "xlsx"}),
    Page("agreements:public_detail", 8, role="anonymous",
         kwargs=_first(Agreement, signed_on__isnull=False)),
    Page("agreements:pdf", 15, kwargs=_first(Agreement), document=True),
    *SERVICEMAP_PAGES,
]
