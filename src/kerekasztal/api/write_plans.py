"""Progress of a plan's measures with an API token: report progress (who may is decided by
`core.access.can_report_progress`: coordinators, the settlement's HEP officer for their
settlement's plan, a member for the measures their organisation is responsible for) and
list a measure's reports. The write goes through `plans.services.measure_report_progress`
(only adopted plans; the latest report sets the measure's status and percent; history)."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.core import access
from kerekasztal.plans import services as plan_services
from kerekasztal.plans.models import MeasureStatus, Progress

from .auth import TokenAuth
from .errors import reject_unknown
from .pagination import PageNumber
from .writing import WriteSchema

router = Router(tags=["írás: intézkedések előrehaladása"])

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


class ProgressWriteOut(Schema):
    id: int
    measure: int
    reported_on: datetime.date
    status: str
    status_label: str
    percent: int
    narrative: str
    evidence: str
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
             url_name="progress_create",
             summary="Előrehaladás rögzítése egy elfogadott program intézkedéséről "
                     "(plans.progress és can_report_progress)")
@transaction.atomic
def progress_create(request, slug: str, plan_pk: int, measure_pk: int, payload: ProgressIn):
    measure = _measure(request, slug, plan_pk, measure_pk, "plans.progress")
    progress = plan_services.measure_report_progress(measure=measure, user=request.user,
                                                     **payload.dict())
    return Status(201, _reports(measure).get(pk=progress.pk))


@router.get(PATH, response=list[ProgressWriteOut], auth=TokenAuth(),
            url_name="progress_list",
            summary="Egy intézkedés előrehaladási beszámolói, a legújabb elöl (plans.view)")
@paginate(PageNumber)
def progress_list(request, slug: str, plan_pk: int, measure_pk: int):
    reject_unknown(request, set())
    return _reports(_measure(request, slug, plan_pk, measure_pk, "plans.view"))
