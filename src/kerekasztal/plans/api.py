"""Read endpoints of adopted plans and their measures with progress (mounted by the api app
under /api/v1/plans/). Only public plans: drafts never appear."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from kerekasztal.api.errors import MAX_ID

from .models import PUBLIC_STATUSES, Measure, Plan, Progress

router = Router(tags=["plans"])


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


@router.get("/plans", response=list[PlanOut])
@paginate
def plan_list(request, forum: str = "", scope: str = ""):
    plans = _public_plans(forum)
    return plans.filter(scope=scope) if scope else plans


@router.get("/plans/{plan_id}", response=PlanOut)
def plan_detail(request, plan_id: int):
    return get_object_or_404(_public_plans(), pk=plan_id)


@router.get("/measures", response=list[MeasureOut])
@paginate
def measure_list(request, forum: str = "",
                 plan: int | None = Query(None, ge=1, le=MAX_ID), status: str = ""):
    measures = Measure.objects.filter(plan__in=_public_plans(forum)).select_related(
        "target_group", "responsible_organisation").prefetch_related(
        Prefetch("progress", queryset=Progress.objects.order_by("reported_on", "pk"))
    ).order_by("plan_id", "number")
    if plan is not None:
        measures = measures.filter(plan_id=plan)
    if status:
        measures = measures.filter(status=status)
    return measures
