"""The main pages whose SQL query count must stay flat as the data grows.

Used by tests/budgets (query counts, in CI) and `kerekasztal benchmark` (timings).

Each app adds its pages here: the list, detail, dashboard, public and API pages. `kwargs`
builds the URL arguments from the generated forum; `role` is who opens the page
("coordinator" = the forum's generated coordinator, "anonymous" = a visitor); `budget`
is the most queries the page may make; `query` is the query string ("{forum}" stands for
the forum's slug: the API lists filter by it).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from kerekasztal.agreements.models import Agreement
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.events.models import TRAINING_KINDS, Event, EventStatus
from kerekasztal.meetings.models import Decision, Meeting, MeetingStatus, Visibility
from kerekasztal.plans.models import Plan
from kerekasztal.projects.models import PressRelease, PressReleaseKind, Project
from kerekasztal.servicemap.models import Gap


def refresh_session(client) -> None:
    """Stamp the test client's session as seen just now, before a counted request.

    SessionIdleTimeoutMiddleware saves a logged-in session when it was last seen more than a
    minute ago; without this, that save (one UPDATE) would be counted as the page's query
    whenever the previous request was over a minute earlier (a slow document, a busy
    machine), and the page would seem over budget."""
    from django.conf import settings

    from kerekasztal.core.middleware import SessionIdleTimeoutMiddleware

    if settings.SESSION_COOKIE_NAME not in client.cookies:
        return  # no session (reading `client.session` would create one)
    session = client.session
    if SessionIdleTimeoutMiddleware.KEY not in session:
        return  # an anonymous visitor's session: the middleware does not save it
    session[SessionIdleTimeoutMiddleware.KEY] = int(time.time())
    session.save()


@dataclass(frozen=True)
class Page:
    url_name: str
    budget: int
    role: str = "coordinator"
    kwargs: Callable[[Any], dict] = lambda forum: {"forum": forum.slug}
    query: str = ""
    document: bool = False  # a generated PDF/DOCX: timed apart from the pages
    # Which generated forums `kerekasztal benchmark` times it on: "" the district forums
    # (documents: those with a 300-measure programme), "county" the largest county forum.
    sample: str = ""

    @property
    def key(self) -> str:
        return f"{self.url_name}?{self.query}"

    def url(self, forum) -> str:
        url = reverse(self.url_name, kwargs=self.kwargs(forum))
        return f"{url}?{self.query.format(forum=forum.slug)}" if self.query else url


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
    # + the COUNT that decides whether a task writes it (core/exports/)
    Page("servicemap:point_export", 8, kwargs=_csv),
    Page("servicemap:hsds", 7),
    Page("servicemap:questionnaire_list", 7),
    Page("servicemap:gap_list", 15),
    Page("servicemap:gap_export", 6, kwargs=_csv),
    Page("servicemap:gap_detail", 14, kwargs=_first(Gap)),
    Page("servicemap:report", 15),  # + the project's publicity block
    Page("servicemap:public_map", 12, role="anonymous"),  # + the service points' count
    # 4: the page cache's miss looks up the next scheduled post (as the front page)
    Page("servicemap:national_map", 4, role="anonymous", kwargs=lambda forum: {}),
    # The SZÚT report of a county (the benchmark's largest county forum: 301 settlements).
    Page("servicemap:report_pdf", 14, document=True, sample="county"),
    Page("servicemap:report_docx", 14, document=True, sample="county"),
]


def _fmt(fmt: str):
    return lambda forum: {"forum": forum.slug, "fmt": fmt}


def _held_meeting(forum) -> int:
    return Meeting.objects.filter(forum=forum, status=MeetingStatus.HELD).order_by("pk")[0].pk


def _meeting_kwargs(**extra):
    return lambda forum: {"forum": forum.slug, "pk": _held_meeting(forum), **extra}


def _public_meeting(forum):
    return {"forum": forum.slug, "pk": Meeting.objects.public().filter(
        forum=forum, visibility=Visibility.PUBLIC).order_by("pk")[0].pk}


def _event(forum, **filters) -> int:
    return Event.objects.filter(forum=forum, **filters).order_by("pk")[0].pk


def _event_kwargs(**filters):
    return lambda forum: {"forum": forum.slug, "pk": _event(forum, **filters)}


REGISTERED = {"registration_open": True, "status": EventStatus.HELD}
CERTIFIED = {"kind__in": TRAINING_KINDS, "registrations__completed": True}


def _project(forum) -> Project:
    return Project.objects.filter(forum=forum).order_by("pk")[0]


def _project_kwargs(**extra):
    return lambda forum: {"forum": forum.slug, "pk": _project(forum).pk, **extra}


def _indicator_kwargs(**extra):
    def kwargs(forum):
        project = _project(forum)
        return {"forum": forum.slug, "pk": project.pk,
                "ipk": project.indicators.order_by("pk")[0].pk, **extra}
    return kwargs


def _closing_release(forum) -> PressRelease:
    return PressRelease.objects.filter(project=_project(forum),
                                       kind=PressReleaseKind.CLOSING).order_by("pk")[0]


def _release_kwargs(**extra):
    def kwargs(forum):
        release = _closing_release(forum)
        return {"forum": forum.slug, "pk": release.project_id, "rpk": release.pk, **extra}
    return kwargs


MEETING_PAGES = [
    Page("meetings:list", 12),
    # + the COUNT of core/exports/; each count of the list its own grouped query
    Page("meetings:export", 11, kwargs=_fmt("xlsx")),
    Page("meetings:detail", 20, kwargs=_meeting_kwargs()),
    Page("meetings:agenda", 16, kwargs=_meeting_kwargs()),
    Page("meetings:invitations", 16, kwargs=_meeting_kwargs()),
    Page("meetings:attendance", 16, kwargs=_meeting_kwargs()),
    Page("meetings:minutes", 16, kwargs=_meeting_kwargs()),
    Page("meetings:attendance_stats", 12),
    Page("meetings:attendance_stats_export", 10, kwargs=_fmt("csv")),
    Page("meetings:register", 12),
    Page("meetings:register_export", 10, kwargs=_fmt("csv")),
    Page("meetings:decision_detail", 16, kwargs=_first(Decision)),
    Page("meetings:public_list", 8, role="anonymous"),
    Page("meetings:public_detail", 10, role="anonymous", kwargs=_public_meeting),
    Page("meetings:public_calendar", 6, role="anonymous"),
    Page("meetings:attendance_sheet", 16, kwargs=_meeting_kwargs(doc="pdf"), document=True),
]

EVENT_PAGES = [
    Page("events:event_list", 12),
    # + the COUNT of core/exports/ and one grouped count of the registrations
    Page("events:event_export", 12, kwargs=_fmt("xlsx")),
    Page("events:event_detail", 20, kwargs=_event_kwargs(**REGISTERED)),
    Page("events:registration_list", 14, kwargs=_event_kwargs(**REGISTERED)),
    Page("events:registration_export", 12,
         kwargs=lambda forum: {"forum": forum.slug, "pk": _event(forum, **REGISTERED),
                               "fmt": "csv"}),
    Page("events:attendance", 16, kwargs=_event_kwargs(**REGISTERED)),
    Page("events:report", 16, kwargs=_event_kwargs(**REGISTERED)),
    Page("events:photos", 14, kwargs=_event_kwargs(**REGISTERED)),
    Page("events:public_calendar", 10, role="anonymous"),
    Page("events:public_export", 8, role="anonymous", kwargs=_fmt("csv")),
    Page("events:public_feed", 8, role="anonymous"),
    Page("events:public_gallery", 8, role="anonymous"),
    Page("events:public_detail", 12, role="anonymous",
         kwargs=_event_kwargs(is_public=True, published_at__isnull=False)),
    Page("events:attendance_sheet", 16, kwargs=_event_kwargs(**REGISTERED), document=True),
    Page("events:certificates_pdf", 14, kwargs=_event_kwargs(**CERTIFIED), document=True),
]

PROJECT_PAGES = [
    Page("projects:list", 10),
    Page("projects:export", 10, kwargs=_fmt("csv")),
    Page("projects:detail", 24, kwargs=_project_kwargs()),
    # The charts: one query per computed indicator (every month in it), whatever the
    # records and months (projects/figures.py: series).
    Page("projects:dashboard", 45, kwargs=_project_kwargs()),
    Page("projects:dashboard_export", 30, kwargs=_project_kwargs(fmt="xlsx")),
    Page("projects:indicator", 20, kwargs=_indicator_kwargs()),
    Page("projects:indicator_export", 20, kwargs=_indicator_kwargs(fmt="csv")),
    Page("projects:release", 14, kwargs=_release_kwargs()),
    Page("projects:public", 12, role="anonymous"),
    Page("projects:public_release", 10, role="anonymous",
         kwargs=lambda forum: {"forum": forum.slug, "pk": _closing_release(forum).pk}),
    Page("projects:release_document", 16, kwargs=_release_kwargs(doc="pdf"), document=True),
    Page("projects:release_document", 16, kwargs=_release_kwargs(doc="docx"), document=True),
]

# An API read missing the application's cache (publishing/cache.cached_api) also looks up
# the forum it names and the forum's next scheduled post (how long the copy may be kept).
API_CACHE_MISS = 2


def _api(name: str, budget: int, query: str = "forum={forum}", **extra) -> Page:
    return Page(f"api:v1:{name}", budget + API_CACHE_MISS, role="anonymous",
                kwargs=lambda forum: {}, query=query, **extra)


# Every GET list of /api/v1/ (paginated: a count, the page, its prefetches).
API_PAGES = [
    _api("forum_list", 6, query=""),
    Page("api:v1:member_list", 6 + API_CACHE_MISS, role="anonymous",
         kwargs=lambda forum: {"slug": forum.slug}),
    _api("meetings_meeting_list", 6),
    _api("events_list_events", 6),
    _api("agreements_agreement_list", 8),
    _api("plans_plan_list", 6),
    _api("plans_measure_list", 6),
    _api("servicemap_types", 6, query=""),
    _api("servicemap_points", 6),
    _api("servicemap_coverage", 8),
    _api("servicemap_gaps", 6),
    _api("projects_project_list", 6),
    _api("projects_press_release_list", 6),
    _api("publishing_news_list", 6),
    _api("publishing_document_list", 6),
]

def _export_job(forum) -> dict:
    """A large export of the forum's events made for its coordinator (its page and file
    are the coordinator's alone); made once, through the service and its task."""
    from kerekasztal.core.exports.services import build_export, export_queue
    from kerekasztal.core.models import ExportJob, ExportStatus, User

    coordinator = User.objects.get(email=f"koordinator-{forum.slug}@example.org")
    job = ExportJob.objects.filter(forum=forum, created_by=coordinator,
                                   status=ExportStatus.DONE).order_by("-pk").first()
    if job is None:
        job = export_queue(forum=forum, user=coordinator, kind="events.events", fmt="csv")
        build_export.call(job.pk)
    return {"forum": forum.slug, "pk": job.pk}


EXPORT_PAGES = [
    Page("core:export_status", 10, kwargs=_export_job),
    Page("core:export_download", 10, kwargs=_export_job),
]

PAGES = [
    # Anonymous pages and API reads are counted as rendered, with the application's cache
    # emptied first (tests/budgets); served from the cache they make none or one.
    Page("publishing:home", 12, role="anonymous", kwargs=lambda forum: {}),
    Page("forums:public", 6, role="anonymous"),
    Page("forums:workspace", 14),  # + next meetings, next events, latest decisions, HEPs waiting
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
    Page("agreements:pdf", 16, kwargs=_first(Agreement), document=True),
    *SERVICEMAP_PAGES,
    *MEETING_PAGES,
    *EVENT_PAGES,
    *PROJECT_PAGES,
    *EXPORT_PAGES,
    *API_PAGES,
]
