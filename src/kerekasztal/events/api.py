"""The events API, mounted at /api/v1/ itself: the published public events for everyone
(/events/), and the forum's events with an API token (/forums/{slug}/events/: create,
update, publish, cancel, mark held, read one, planned and members-only ones too).

The writes take the web form's fields (`forms.EventForm`) and go through `services`, so the
checks are the same and the history (activity log) records the token's user."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access
from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.forums.models import Forum

from . import queries, services
from .models import Event, EventKind, EventStatus

router = Router(tags=["events"])
# The paths below are written from /api/v1/ (api/ninja_api.py): the reads are under
# /events/, the writes under the forum, /forums/{slug}/events/.
MOUNT = ""
WRITE_TAGS = ["írás: rendezvények"]


class EventFields(Schema):
    """What the public and the workspace answers say alike about an event."""

    id: int
    forum: str
    kind: str
    title: str
    description: str
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    address: str
    settlements: list[str]
    topics: list[str]
    target_groups: list[str]
    registration_open: bool

    @staticmethod
    def resolve_forum(event: Event) -> str:
        return event.forum.slug

    @staticmethod
    def resolve_target_groups(event: Event) -> list[str]:
        return [g.code for g in event.target_groups.all()]


# --- reading: published public events (no key needed) ----------------------------------------


class EventOut(EventFields):
    kind_label: str
    url: str

    @staticmethod
    def resolve_kind_label(event: Event) -> str:
        return str(event.get_kind_display())

    @staticmethod
    def resolve_settlements(event: Event) -> list[str]:
        return [s.name for s in event.settlements.all()]

    @staticmethod
    def resolve_topics(event: Event) -> list[str]:
        return [t.slug for t in event.topics.all()]

    @staticmethod
    def resolve_url(event: Event) -> str:
        return reverse("events:public_detail", args=[event.forum.slug, event.pk])


class EventFilters(Schema):
    forum: str | None = None
    kind: str | None = None
    start: datetime.date | None = Field(None, alias="from")
    end: datetime.date | None = Field(None, alias="to")


@router.get("/events/", response=list[EventOut])
@paginate(PageNumber)
def list_events(request, filters: Query[EventFilters]):
    """Published public events, oldest first; filters: forum slug, kind, `from` and `to`
    (days, inclusive)."""
    reject_unknown(request, {"forum", "kind", "from", "to"})
    forums = Forum.objects.all()
    if filters.forum:
        forums = forums.filter(slug=filters.forum)
    return queries.public_events(forums, kind=filters.kind or "", start=filters.start,
                                 end=filters.end)


@router.get("/events/{event_id}", response=EventOut)
def get_event(request, event_id: int):
    return get_object_or_404(queries.public_events(Forum.objects.all()), pk=event_id)


# --- writing: the forum's events (API token; events.view / events.manage) --------------------


EVENT_EXAMPLE = {
    "kind": "community", "title": "Családi nap a Várkertben",
    "starts_at": "2027-06-12T10:00", "ends_at": "2027-06-12T16:00",
    "venue": "Jurisics-vár, Várkert", "address": "Rajnis u. 9.", "settlements": ["16832"],
    "target_groups": ["children"], "is_public": True, "registration_open": True,
    "capacity": 80, "publish": True,
}


class EventIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EVENT_EXAMPLE]})

    kind: EventKind
    title: str = Field(..., min_length=1, max_length=255)
    description: str = ""
    starts_at: datetime.datetime = Field(..., description="Helyi idő, ha nincs időzóna.")
    ends_at: datetime.datetime
    venue: str = Field(..., min_length=1, max_length=255, description="A helyszín neve.")
    address: str = Field("", max_length=255)
    settlements: list[str] = Field(..., min_length=1,
                                   description="A települések KSH-kódjai (legalább egy).")
    topics: list[str] = Field([], description="Témák azonosítói (slug).")
    target_groups: list[str] = Field([], description="Célcsoportok kódjai.")
    audience: str = Field("", max_length=255, description="A résztvevők köre, ahogy a "
                          "közlemény írja (pl. „a megyei önkormányzat munkatársai”).")
    organiser: int | None = Field(None, description="A szervező szervezet azonosítója.")
    partners: list[int] = Field([], description="Partnerszervezetek azonosítói.")
    is_public: bool = True
    registration_open: bool = False
    capacity: int | None = Field(None, ge=0, le=2_147_483_647)
    registration_deadline: datetime.datetime | None = None
    registration_email_required: bool = Field(
        True, description="false: a tagszervezetek képviselői e-mail-cím nélkül is "
                          "jelentkeztethetik a munkatársaikat.")
    hours: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=1)
    trainer: str = Field("", max_length=200)
    curriculum: str = ""
    publish: bool = Field(False, description="true: rögtön meg is hirdeti (mint a "
                                             "„Meghirdetés” gomb); false: tervezett marad.")


class EventPatch(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"venue": "Városháza, díszterem", "capacity": 120}]})

    kind: EventKind | None = None
    title: str | None = Field(None, min_length=1, max_length=255)
    description: str | None = None
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    venue: str | None = Field(None, min_length=1, max_length=255)
    address: str | None = Field(None, max_length=255)
    settlements: list[str] | None = Field(None, min_length=1)
    topics: list[str] | None = None
    target_groups: list[str] | None = None
    audience: str | None = Field(None, max_length=255)
    organiser: int | None = None
    partners: list[int] | None = None
    is_public: bool | None = None
    registration_open: bool | None = None
    capacity: int | None = Field(None, ge=0, le=2_147_483_647)
    registration_deadline: datetime.datetime | None = None
    registration_email_required: bool | None = None
    hours: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=1)
    trainer: str | None = Field(None, max_length=200)
    curriculum: str | None = None
    publish: bool | None = Field(None, description="true: meghirdeti a tervezett vagy elmaradt "
                                                   "rendezvényt.")


class CancelIn(WriteSchema):
    reason: str = Field("", max_length=255, description="Az elmaradás oka.")


class EventWriteOut(EventFields):
    """One event of the forum as its workspace sees it (planned and members-only too)."""

    status_label: str
    audience: str
    organiser: int | None
    partners: list[int]
    is_public: bool
    published_at: datetime.datetime | None
    capacity: int | None
    registration_deadline: datetime.datetime | None
    registration_email_required: bool
    hours: float | None
    trainer: str
    curriculum: str
    cancel_reason: str
    public_url: str | None

    @staticmethod
    def resolve_status_label(event: Event) -> str:
        return event.status_label

    @staticmethod
    def resolve_settlements(event: Event) -> list[str]:
        return [s.ksh_code for s in event.settlements.order_by("name")]

    @staticmethod
    def resolve_topics(event: Event) -> list[str]:
        return [t.slug for t in event.topics.order_by("slug")]

    @staticmethod
    def resolve_organiser(event: Event) -> int | None:
        return event.organiser_id

    @staticmethod
    def resolve_partners(event: Event) -> list[int]:
        return sorted(event.partners.values_list("pk", flat=True))

    @staticmethod
    def resolve_hours(event: Event) -> float | None:
        return float(event.hours) if event.hours is not None else None

    @staticmethod
    def resolve_public_url(event: Event) -> str | None:
        if not event.is_visible_publicly:
            return None
        return reverse("events:public_detail", args=[event.forum.slug, event.pk])


NULLABLE = {"organiser", "capacity", "registration_deadline", "hours"}


def _references(forum, data: dict) -> dict:
    """Codes and ids of the body → the records the service expects."""
    if "settlements" in data:
        data["settlements"] = writing.settlements(
            queries.event_settlements(forum), data["settlements"], field="settlements")
    if "topics" in data:
        data["topics"] = writing.by_codes(
            Topic.objects.all(), data["topics"], field="topics", lookup="slug",
            unknown=_("Ismeretlen téma: %(code)s"))
    if "target_groups" in data:
        data["target_groups"] = writing.by_codes(
            TargetGroup.objects.all(), data["target_groups"], field="target_groups",
            lookup="code", unknown=_("Ismeretlen célcsoport: %(code)s"))
    if data.get("organiser") is not None:
        data["organiser"] = writing.organisations(forum, [data["organiser"]],
                                                  field="organiser")[0]
    if "partners" in data:
        data["partners"] = writing.organisations(forum, data["partners"], field="partners")
    for name in ("starts_at", "ends_at", "registration_deadline"):
        if name in data:
            data[name] = writing.aware(data[name])
    return data


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _publish(event: Event, user) -> Event:
    if event.status == EventStatus.PUBLISHED:
        return event
    return services.event_publish(event=event, user=user)


@router.post("/forums/{slug}/events/", response={201: EventWriteOut}, auth=TokenAuth(),
             url_name="event_create", tags=WRITE_TAGS,
             summary="Új rendezvény (events.manage: koordinátorok)")
@transaction.atomic
def event_create(request, slug: str, payload: EventIn):
    forum = access.forum_for(request.user, slug, "events.manage")
    data = payload.dict()
    publish = data.pop("publish")
    event = services.event_create(forum=forum, user=request.user,
                                  **_references(forum, data))
    if publish:
        event = _publish(event, request.user)
    return Status(201, access.event_for(request.user, forum, event.pk, "events.manage"))


@router.get("/forums/{slug}/events/{pk}/", response=EventWriteOut, auth=TokenAuth(),
            url_name="event_detail", tags=WRITE_TAGS,
            summary="Egy rendezvény, meghirdetés előtt is (events.view: a fórum szereplői)")
def event_detail(request, slug: str, pk: int):
    reject_unknown(request, set())
    forum = access.forum_for(request.user, slug, "events.view")
    return access.event_for(request.user, forum, pk, "events.view")


@router.patch("/forums/{slug}/events/{pk}/", response=EventWriteOut, auth=TokenAuth(),
              url_name="event_update", tags=WRITE_TAGS,
              summary="Rendezvény módosítása: csak a megadott mezők (events.manage)")
@transaction.atomic
def event_update(request, slug: str, pk: int, payload: EventPatch):
    forum = access.forum_for(request.user, slug, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    data = payload.dict(exclude_unset=True)
    writing.reject_nulls(data, NULLABLE)
    publish = data.pop("publish", None)
    if data:
        event = services.event_update(event=event, user=request.user,
                                      base_url=_base_url(request),
                                      **_references(forum, data))
    if publish:
        event = _publish(event, request.user)
    return access.event_for(request.user, forum, event.pk, "events.manage")


@router.post("/forums/{slug}/events/{pk}/cancel/", response=EventWriteOut, auth=TokenAuth(),
             url_name="event_cancel", tags=WRITE_TAGS,
             summary="A rendezvény elmarad; a jelentkezők e-mailt kapnak (events.manage)")
@transaction.atomic
def event_cancel(request, slug: str, pk: int, payload: CancelIn):
    forum = access.forum_for(request.user, slug, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    services.event_cancel(event=event, reason=payload.reason, user=request.user)
    return access.event_for(request.user, forum, event.pk, "events.manage")


class PersonIn(WriteSchema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field("", max_length=254,
                       description="A résztvevő e-mail-címe, ha a jelenléti íven szerepel.")
    organisation: str = Field("", max_length=255,
                              description="A résztvevő szervezete, ahogy a jelenléti ív írja "
                                          "(a címtárbeli névvel egyezőt a címtárhoz köti).")


class OrganisationCountIn(WriteSchema):
    model_config = ConfigDict(extra="forbid")

    organisation: int = Field(..., ge=1, le=2_147_483_647,
                              description="A szervezet azonosítója a fórum címtárából.")
    count: int = Field(..., ge=0, le=2_147_483_647, description="Létszám (fő).")


HELD_EXAMPLE = {"participants_count": 23,
                "people": [{"name": "Kiss Anna", "email": "anna@example.hu"}]}


class HeldIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [HELD_EXAMPLE]})

    participants_count: int | None = Field(
        None, ge=0, le=2_147_483_647,
        description="A résztvevők száma (fő); elhagyva a megnevezett résztvevők száma.")
    people: list[PersonIn] = Field(
        [], max_length=5000,
        description="Név szerinti résztvevők (nem kötelező): bekerülnek a jelenlévők közé.")
    by_organisation: list[OrganisationCountIn] = Field(
        [], max_length=1000,
        description="Létszám szervezetenként (nem kötelező); összesen nem lehet több a "
                    "résztvevők számánál, annak hiányában az összegük számít.")


@router.post("/forums/{slug}/events/{pk}/held/", response=EventWriteOut, auth=TokenAuth(),
             url_name="event_held", tags=WRITE_TAGS,
             summary="A rendezvény megtartottként, jelenléttel (events.manage; csak a "
                     "kezdés után)")
@transaction.atomic
def event_held(request, slug: str, pk: int, payload: HeldIn):
    forum = access.forum_for(request.user, slug, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    found = {o.pk: o for o in writing.organisations(
        forum, [item.organisation for item in payload.by_organisation],
        field="by_organisation")}
    by_organisation: dict = {}
    for item in payload.by_organisation:
        organisation = found[item.organisation]
        by_organisation[organisation] = by_organisation.get(organisation, 0) + item.count
    services.event_mark_held(
        event=event, participants_count=payload.participants_count,
        people=[services.SheetPerson(person.name, person.email, person.organisation)
                for person in payload.people],
        by_organisation=by_organisation, user=request.user)
    return access.event_for(request.user, forum, event.pk, "events.manage")


class ParticipantOut(Schema):
    """A registration or a name from the attendance sheet (personal data: coordinators and
    auditors only). Nothing about ethnicity, health or disability."""

    id: int
    name: str
    organisation: str = Field(..., description="A szervezet neve, ahogy rögzítették.")
    email: str = Field(..., description="Üres, ha nincs (pl. papír jelenléti ívről).")
    phone: str
    status: str
    attended: bool
    completed: bool
    certificate_number: str

    @staticmethod
    def resolve_organisation(registration) -> str:
        return registration.organisation_label


@router.get("/forums/{slug}/events/{pk}/participants/", response=list[ParticipantOut],
            auth=TokenAuth(), url_name="event_participant_list", tags=WRITE_TAGS,
            summary="Egy rendezvény jelentkezői és név szerint rögzített résztvevői "
                    "(events.participants.view: koordinátorok, ellenőrök)")
@paginate(PageNumber)
def event_participant_list(request, slug: str, pk: int):
    reject_unknown(request, set())
    forum = access.forum_for(request.user, slug, "events.participants.view")
    event = access.event_for(request.user, forum, pk, "events.participants.view")
    return queries.registrations(event)
