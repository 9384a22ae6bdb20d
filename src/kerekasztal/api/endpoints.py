"""The API's own endpoints: forums, their member organisations, and writing organisations."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kerekasztal.core import access
from kerekasztal.directory import services as directory_services
from kerekasztal.directory.models import OrganisationKind
from kerekasztal.forums import queries as forum_queries
from kerekasztal.forums.models import Forum, ForumKind, Membership
from kerekasztal.territory.models import Settlement

from .auth import TokenAuth
from .errors import BadRequest, reject_unknown
from .pagination import PageNumber

router = Router(tags=["fórumok"])


class ForumOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    county: str | None
    district: str | None
    territory: str
    parent: str | None
    founded_on: datetime.date | None
    description: str
    member_count: int
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str
    url: str

    @staticmethod
    def resolve_kind_label(forum):
        return forum.get_kind_display()

    @staticmethod
    def resolve_county(forum):
        county = forum.county or (forum.district.county if forum.district_id else None)
        return county.name if county else None

    @staticmethod
    def resolve_district(forum):
        return forum.district.name if forum.district_id else None

    @staticmethod
    def resolve_territory(forum):
        return forum.territory_label

    @staticmethod
    def resolve_parent(forum):
        return forum.parent.slug if forum.parent_id else None

    @staticmethod
    def resolve_url(forum):
        return reverse("forums:public", args=[forum.slug])


class MemberOut(Schema):
    organisation_id: int
    organisation: str
    kind: str
    kind_label: str
    role: str
    role_label: str
    since: datetime.date
    until: datetime.date | None

    @staticmethod
    def resolve_organisation(membership):
        return membership.organisation.name

    @staticmethod
    def resolve_kind(membership):
        return membership.organisation.kind

    @staticmethod
    def resolve_kind_label(membership):
        return membership.organisation.get_kind_display()

    @staticmethod
    def resolve_role_label(membership):
        return membership.get_role_display()


def _forum(slug: str) -> Forum:
    return access.forum_public(slug)


@router.get("/forums/", response=list[ForumOut], url_name="forum_list",
            summary="Fórumok (szűrés: county = vármegye KSH-kódja, kind = típus)")
@paginate(PageNumber)
def forum_list(request, county: str | None = None, kind: str | None = None):
    reject_unknown(request, {"county", "kind"})
    forums = forum_queries.forum_list().select_related("district__county")
    if kind:
        if kind not in ForumKind.values:
            raise BadRequest(f"kind: {', '.join(ForumKind.values)}", field="kind")
        forums = forums.filter(kind=kind)
    if county:
        forums = forums.filter(county__code=county) | forums.filter(district__county__code=county)
    return forums


@router.get("/forums/{slug}/", response=ForumOut, url_name="forum_detail")
def forum_detail(request, slug: str):
    reject_unknown(request, set())
    forum = _forum(slug)
    return forum_queries.forum_list().select_related("district__county").get(pk=forum.pk)


@router.get("/forums/{slug}/members/", response=list[MemberOut], url_name="member_list",
            summary="Tagszervezetek egy napon (on = ÉÉÉÉ-HH-NN, alapból ma)")
@paginate(PageNumber)
def member_list(request, slug: str, on: datetime.date | None = None):
    reject_unknown(request, {"on"})
    forum = _forum(slug)
    return (Membership.objects.on(on or timezone.localdate()).filter(forum=forum)
            .select_related("organisation").order_by("organisation__name", "pk"))


# --- writing: organisations (coordinators, with an API token) -----------------------------


class OrganisationIn(Schema):
    name: str = Field(..., min_length=1, max_length=255)
    kind: OrganisationKind
    seat: str | None = Field(None, description="A székhely KSH-kódja")
    postal_code: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    tax_number: str = ""


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    kind: OrganisationKind | None = None
    seat: str | None = None
    postal_code: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    tax_number: str | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    seat: str | None
    postal_code: str
    address: str
    email: str
    phone: str
    website: str

    @staticmethod
    def resolve_seat(organisation):
        return organisation.seat.ksh_code if organisation.seat_id else None


def _seat(code):
    if code in (None, ""):
        return None
    seat = Settlement.objects.filter(ksh_code=code).first()
    if seat is None:
        raise BadRequest(f"Ismeretlen település-KSH-kód: {code}", field="seat")
    return seat


@router.post("/forums/{slug}/organisations/", response={201: OrganisationOut},
             auth=TokenAuth(), url_name="organisation_create")
@transaction.atomic
def organisation_create(request, slug: str, payload: OrganisationIn):
    forum = _forum(slug)
    access.require(request.user, "directory.manage", forum)
    data = payload.dict()
    data["seat"] = _seat(data["seat"])
    organisation = directory_services.organisation_create(forum=forum, user=request.user,
                                                          **data)
    return Status(201, organisation)


@router.patch("/forums/{slug}/organisations/{pk}/", response=OrganisationOut,
              auth=TokenAuth(), url_name="organisation_update")
@transaction.atomic
def organisation_update(request, slug: str, pk: int, payload: OrganisationPatch):
    forum = _forum(slug)
    organisation = access.organisation_for(request.user, forum, pk, "directory.manage")
    data = payload.dict(exclude_unset=True)
    if "seat" in data:
        data["seat"] = _seat(data["seat"])
    return directory_services.organisation_update(organisation=organisation,
                                                  user=request.user, **data)


@router.get("/forums/{slug}/organisations/{pk}/", response=OrganisationOut,
            auth=TokenAuth(), url_name="organisation_detail")
def organisation_detail(request, slug: str, pk: int):
    forum = _forum(slug)
    return access.organisation_for(request.user, forum, pk, "directory.view")


