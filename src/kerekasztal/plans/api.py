"""The plans API, mounted at /api/v1/ itself: adopted (public) plans and their measures with
progress for everyone (/plans/plans, /plans/measures; drafts never appear), and the progress
of a plan's measures with an API token
(/forums/{slug}/plans/{plan}/measures/{measure}/progress/).

Who may report progress is decided by `core.access.can_report_progress` (coordinators, the
settlement's HEP officer for their settlement's plan, a member for the measures their
organisation is responsible for); the report goes through
`services.measure_report_progress` (only adopted plans; the latest report sets the measure's
status and percent; history)."""

import datetime

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import MAX_ID, reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access

from . import services
from .models import PUBLIC_STATUSES, Measure, MeasureStatus, Plan, Progress

router = Router(tags=["plans"])
# The paths below are written from /api/v1/ (api/ninja_api.py): the reads are under
# /plans/, the progress of measures under the forum, /forums/{slug}/plans/.
MOUNT = ""
WRITE_TAGS = ["írás: intézkedések előrehaladása"]


# --- reading: public plans and measures (no key needed) --------------------------------------


class PlanOut(Schema):
    id: int
    forum: str
    scope: str
    title: str
    territory: str
    period_start: int
    period_end: int
    status: str
    resolution_number: str
    adopted_on: datetime.date | None

    @staticmethod
    def resolve_forum(plan) -> str:
        return plan.forum.slug

    @staticmethod
    def resolve_territory(plan) -> str:
        return str(plan.territory or "")


class ProgressOut(Schema):
    reported_on: datetime.date
    status: str
    percent: int
    narrative: str
    evidence: str


class MeasureOut(Schema):
    id: int
    plan: int
    number: int
    title: str
    target_group: str
    content: str
    responsible: str
    deadline: datetime.date | None
    indicator_name: str
    indicator_baseline: str
    indicator_target: str
    status: str
    percent: int
    progress: list[ProgressOut]

    @staticmethod
    def resolve_plan(measure) -> int:
        return measure.plan_id

    @staticmethod
    def resolve_target_group(measure) -> str:
        return measure.target_group.code

    @staticmethod
    def resolve_responsible(measure) -> str:
        return measure.responsible_label

    @staticmethod
    def resolve_progress(measure) -> list:
        return list(measure.progress.all())


def _public_plans(forum: str = ""):
    plans = Plan.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "forum", "settlement", "district", "county").order_by("pk")
    return plans.filter(forum__slug=forum) if forum else plans


@router.get("/plans/plans", response=list[PlanOut])
@paginate(PageNumber)
def plan_list(request, forum: str = "", scope: str = ""):
    reject_unknown(request, {"forum", "scope"})
    plans = _public_plans(forum)
    return plans.filter(scope=scope) if scope else plans


@router.get("/plans/plans/{plan_id}", response=PlanOut)
def plan_detail(request, plan_id: int):
    return get_object_or_404(_public_plans(), pk=plan_id)


@router.get("/plans/measures", response=list[MeasureOut])
@paginate(PageNumber)
def measure_list(request, forum: str = "",
                 plan: int | None = Query(None, ge=1, le=MAX_ID), status: str = ""):
    reject_unknown(request, {"forum", "plan", "status"})
    measures = Measure.objects.filter(plan__in=_public_plans(forum)).select_related(
        "target_group", "responsible_organisation").prefetch_related(
        Prefetch("progress", queryset=Progress.objects.order_by("reported_on", "pk"))
    ).order_by("plan_id", "number")
    if plan is not None:
        measures = measures.filter(plan_id=plan)
    if status:
        measures = measures.filter(status=status)
    return measures


# --- writing: progress of measures (API token; plans.progress / plans.view) ------------------


PATH = "/forums/{slug}/plans/{plan_pk}/measures/{measure_pk}/progress/"


class ProgressIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "reported_on": "2026-05-31", "status": "in_progress", "percent": 40,
        "narrative": "Tíz közfoglalkoztatott kezdett képzést.",
        "evidence": "Képzési szerződések"}]})

    reported_on: datetime.date = Field(..., description="A beszámoló napja (nem jövőbeli).")
    status: MeasureStatus
    percent: int = Field(..., ge=0, le=100, description="Teljesítés, 0–100.")
    narrative: str = Field(..., min_length=1, description="A beszámoló szövege.")
    evidence: str = Field("", max_length=500,
                          description="Hol ellenőrizhető: dokumentum, határozat, webcím.")


class ProgressWriteOut(ProgressOut):
    """A progress report as the forum's workspace sees it."""

    id: int
    measure: int
    status_label: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_measure(progress: Progress) -> int:
        return progress.measure_id

    @staticmethod
    def resolve_status_label(progress: Progress) -> str:
        return str(progress.get_status_display())


def _measure(request, slug: str, plan_pk: int, measure_pk: int, action: str):
    forum = access.forum_for(request.user, slug, action)
    plan = access.plan_for(request.user, forum, plan_pk, action)
    return access.measure_for(request.user, forum, plan, measure_pk, action)


def _reports(measure) -> QuerySet[Progress]:
    return measure.progress.order_by("-reported_on", "-pk")


@router.post(PATH, response={201: ProgressWriteOut}, auth=TokenAuth(),
             url_name="progress_create", tags=WRITE_TAGS,
             summary="Előrehaladás rögzítése egy elfogadott program intézkedéséről "
                     "(plans.progress és can_report_progress)")
@transaction.atomic
def progress_create(request, slug: str, plan_pk: int, measure_pk: int, payload: ProgressIn):
    measure = _measure(request, slug, plan_pk, measure_pk, "plans.progress")
    progress = services.measure_report_progress(measure=measure, user=request.user,
                                                **payload.dict())
    return Status(201, _reports(measure).get(pk=progress.pk))


@router.get(PATH, response=list[ProgressWriteOut], auth=TokenAuth(),
            url_name="progress_list", tags=WRITE_TAGS,
            summary="Egy intézkedés előrehaladási beszámolói, a legújabb elöl (plans.view)")
@paginate(PageNumber)
def progress_list(request, slug: str, plan_pk: int, measure_pk: int):
    reject_unknown(request, set())
    return _reports(_measure(request, slug, plan_pk, measure_pk, "plans.view"))
