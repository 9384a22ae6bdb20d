"""The meetings API, mounted at /api/v1/ itself: the public meetings for everyone
(/meetings/; a closed meeting never appears there), and the forum's meetings (sessions) with
an API token (/forums/{slug}/meetings/: schedule, update, cancel, mark held with its
attendance, named people or a paper sheet's headcounts, and read one, closed ones too).

The writes take the web form's fields (`forms.MeetingForm`) and go through `services`
(numbering, rescheduling notices, history)."""

import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import BadRequest, reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access, hungarian
from kerekasztal.directory.models import Person

from . import services
from .models import Meeting, Visibility

router = Router(tags=["meetings"])
# The paths below are written from /api/v1/ (api/ninja_api.py): the reads are under
# /meetings/, the writes under the forum, /forums/{slug}/meetings/.
MOUNT = ""
WRITE_TAGS = ["írás: ülések"]


class MeetingFields(Schema):
    """What the public and the workspace answers say alike about a meeting."""

    id: int
    forum: str
    number: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_settlement: str | None
    venue_address: str
    online_url: str
    status: str
    description: str

    @staticmethod
    def resolve_forum(meeting: Meeting) -> str:
        return meeting.forum.slug


# --- reading: public meetings (no key needed) ------------------------------------------------


class AgendaItemOut(Schema):
    position: int
    title: str
    duration_minutes: int | None = None


class MeetingOut(MeetingFields):
    venue_settlement: str | None = None

    @staticmethod
    def resolve_venue_settlement(meeting: Meeting) -> str | None:
        return meeting.venue_settlement.name if meeting.venue_settlement_id else None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(meeting: Meeting) -> list:
        return list(meeting.agenda_items.order_by("position", "pk"))


def _public():
    return Meeting.objects.public().select_related("forum", "venue_settlement") \
        .order_by("-starts_at", "pk")


@router.get("/meetings/", response=list[MeetingOut])
@paginate(PageNumber)
def meeting_list(request, forum: str | None = None, since: datetime.date | None = None):
    """Public meetings (held or coming), newest first; filter by forum slug and start day."""
    reject_unknown(request, {"forum", "since"})
    qs = _public()
    if forum:
        qs = qs.filter(forum__slug=forum)
    if since:
        qs = qs.filter(starts_at__date__gte=since)
    return qs


@router.get("/meetings/{meeting_id}/", response=MeetingDetailOut)
def meeting_detail(request, meeting_id: int):
    return get_object_or_404(_public(), pk=meeting_id)


# --- writing: the forum's meetings (API token; meetings.view / meetings.manage) --------------


class MeetingIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "A járási esélyteremtő programterv véleményezése",
        "starts_at": "2027-03-04T10:00", "ends_at": "2027-03-04T12:00",
        "venue_settlement": "16832", "venue_address": "Jurisics tér 8.",
        "visibility": "public"}]})

    number: int | None = Field(None, ge=1, le=2_147_483_647,
                               description="Az ülés sorszáma; üresen a következő.")
    title: str = Field(..., min_length=1, max_length=255)
    starts_at: datetime.datetime = Field(..., description="Helyi idő, ha nincs időzóna.")
    ends_at: datetime.datetime
    venue_settlement: str | None = Field(
        None, description="A helyszín településének KSH-kódja (a fórum területéről).")
    venue_address: str = Field("", max_length=255)
    online_url: str = Field("", max_length=200)
    visibility: Visibility = Field(Visibility.CLOSED, description="closed: zárt (alapértelmezés);"
                                                                  " public: nyilvános.")
    description: str = ""


class MeetingPatch(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"online_url": "https://meet.example.org/kerekasztal"}]})

    number: int | None = Field(None, ge=1, le=2_147_483_647)
    title: str | None = Field(None, min_length=1, max_length=255)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    venue_settlement: str | None = None
    venue_address: str | None = Field(None, max_length=255)
    online_url: str | None = Field(None, max_length=200)
    visibility: Visibility | None = None
    description: str | None = None


class MeetingCancelIn(WriteSchema):
    reason: str = Field(..., min_length=1, max_length=255, description="Az elmaradás oka.")


class MeetingWriteOut(MeetingFields):
    """One meeting of the forum as its workspace sees it (closed ones too)."""

    visibility: str
    status_label: str
    cancel_reason: str

    @staticmethod
    def resolve_venue_settlement(meeting: Meeting) -> str | None:
        return meeting.venue_settlement.ksh_code if meeting.venue_settlement_id else None

    @staticmethod
    def resolve_status_label(meeting: Meeting) -> str:
        return str(meeting.get_status_display())


NULLABLE = {"number", "venue_settlement"}


def _references(forum, data: dict) -> dict:
    if data.get("venue_settlement"):
        data["venue_settlement"] = writing.settlements(
            forum.settlements(), [data["venue_settlement"]], field="venue_settlement")[0]
    elif "venue_settlement" in data:
        data["venue_settlement"] = None
    for name in ("starts_at", "ends_at"):
        if name in data:
            data[name] = writing.aware(data[name])
    return data


@router.post("/forums/{slug}/meetings/", response={201: MeetingWriteOut}, auth=TokenAuth(),
             url_name="meeting_create", tags=WRITE_TAGS,
             summary="Új ülés (meetings.manage: koordinátorok)")
@transaction.atomic
def meeting_create(request, slug: str, payload: MeetingIn):
    forum = access.forum_for(request.user, slug, "meetings.manage")
    meeting = services.meeting_schedule(forum=forum, user=request.user,
                                        **_references(forum, payload.dict()))
    return Status(201, access.meeting_for(request.user, forum, meeting.pk, "meetings.manage"))


@router.get("/forums/{slug}/meetings/{pk}/", response=MeetingWriteOut, auth=TokenAuth(),
            url_name="meeting_detail", tags=WRITE_TAGS,
            summary="Egy ülés, zárt is (meetings.view: tagok, koordinátorok, ellenőrök)")
def forum_meeting_detail(request, slug: str, pk: int):
    reject_unknown(request, set())
    forum = access.forum_for(request.user, slug, "meetings.view")
    return access.meeting_for(request.user, forum, pk, "meetings.view")


@router.patch("/forums/{slug}/meetings/{pk}/", response=MeetingWriteOut, auth=TokenAuth(),
              url_name="meeting_update", tags=WRITE_TAGS,
              summary="Ülés módosítása: csak a megadott mezők; a kiküldött meghívók után "
                      "az időpont vagy helyszín változása áthelyezés (meetings.manage)")
@transaction.atomic
def meeting_update(request, slug: str, pk: int, payload: MeetingPatch):
    forum = access.forum_for(request.user, slug, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    data = payload.dict(exclude_unset=True)
    writing.reject_nulls(data, NULLABLE)
    if data:
        services.meeting_update(meeting=meeting, user=request.user,
                                **_references(forum, data))
    return access.meeting_for(request.user, forum, pk, "meetings.manage")


@router.post("/forums/{slug}/meetings/{pk}/cancel/", response=MeetingWriteOut,
             auth=TokenAuth(), url_name="meeting_cancel", tags=WRITE_TAGS,
             summary="Az ülés elmarad; a meghívottak e-mailt kapnak (meetings.manage)")
@transaction.atomic
def meeting_cancel(request, slug: str, pk: int, payload: MeetingCancelIn):
    forum = access.forum_for(request.user, slug, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    services.meeting_cancel(meeting=meeting, reason=payload.reason, user=request.user)
    return access.meeting_for(request.user, forum, pk, "meetings.manage")


class AttendeeIn(WriteSchema):
    person: int | None = Field(None, description="A résztvevő azonosítója a fórum "
                                                 "címtárából (vagy `name`).")
    name: str = Field("", max_length=200, description="A résztvevő neve, ha nincs a címtárban.")
    organisation: int | None = Field(None, description="A szervezet azonosítója a címtárból.")


class HeadcountIn(WriteSchema):
    organisation: int = Field(..., description="A szervezet azonosítója a címtárból.")
    count: int = Field(..., ge=0, le=services.MAX_HEADCOUNT)


class MeetingHeldIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "headcount_total": 18, "headcounts": [{"organisation": 1, "count": 2}],
        "guests": 3}]})

    attendees: list[AttendeeIn] = Field(
        default_factory=list, max_length=services.MAX_HEADCOUNT,
        description="Névvel: címtárbeli személyek (`person`) vagy nevek (`name`).")
    headcounts: list[HeadcountIn] = Field(
        default_factory=list, max_length=1000,
        description="Papíron vezetett ív: létszám szervezetenként.")
    headcount_total: int | None = Field(
        None, ge=0, le=services.MAX_HEADCOUNT,
        description="Papíron vezetett ív: az összlétszám (a szervezetenkéntiekkel együtt, "
                    "vendégek nélkül).")
    guests: int = Field(0, ge=0, le=services.MAX_HEADCOUNT)


class MeetingHeldOut(MeetingWriteOut):
    present: int
    guests: int
    quorum_known: bool
    quorum_reached: bool

    @staticmethod
    def resolve_present(meeting: Meeting) -> int:
        return meeting.attendances.count()

    @staticmethod
    def resolve_quorum_known(meeting: Meeting) -> bool:
        return services.quorum(meeting).known

    @staticmethod
    def resolve_quorum_reached(meeting: Meeting) -> bool:
        return services.quorum(meeting).reached


def _people(forum, ids: list[int]) -> dict:
    found = Person.objects.filter(forum=forum.root, archived_at__isnull=True).in_bulk(ids)
    for pk in ids:
        if pk not in found:
            raise BadRequest(_("%(id)s azonosítójú személy nincs a fórum címtárában.")
                             % {"id": hungarian.with_article(pk, capital=True)}, field="attendees")
    return found


@router.post("/forums/{slug}/meetings/{pk}/held/", response=MeetingHeldOut, auth=TokenAuth(),
             url_name="meeting_held", tags=WRITE_TAGS,
             summary="Az ülés megtartva, jelenléttel: névvel vagy létszámmal (papíron "
                     "vezetett ív); a korábbi jelenlétet felváltja (meetings.manage)")
@transaction.atomic
def meeting_held(request, slug: str, pk: int, payload: MeetingHeldIn):
    forum = access.forum_for(request.user, slug, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    for attendee in payload.attendees:
        if bool(attendee.person) == bool(attendee.name.strip()):
            raise BadRequest(_("Minden résztvevőnél adja meg vagy a személy azonosítóját, "
                               "vagy a nevét (egyiket)."), field="attendees")
    org_ids = [a.organisation for a in payload.attendees if a.organisation] + \
        [h.organisation for h in payload.headcounts]
    orgs = {o.pk: o for o in writing.organisations(forum, org_ids, field="organisation")}
    people = _people(forum, [a.person for a in payload.attendees if a.person])
    headcounts: dict = {}
    for line in payload.headcounts:
        headcounts[orgs[line.organisation]] = headcounts.get(orgs[line.organisation], 0) \
            + line.count
    services.attendance_record(
        meeting=meeting, user=request.user, guests=payload.guests,
        people=[(people[a.person], orgs.get(a.organisation)) for a in payload.attendees
                if a.person],
        named=[(a.name, orgs.get(a.organisation)) for a in payload.attendees if not a.person],
        headcounts=headcounts, headcount_total=payload.headcount_total)
    return access.meeting_for(request.user, forum, pk, "meetings.manage")
