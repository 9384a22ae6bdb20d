"""The forums API (mounted by the api app under /api/v1/forums/): the forums and their member
organisations for everyone, and memberships with an API token: a member organisation joins
(on any day, also long past) and leaves, through the same services as the web forms."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import BadRequest, reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access

from . import queries, services
from .models import ForumKind, Membership, MembershipRole

router = Router(tags=["fórumok"])
WRITE_TAGS = ["írás: tagságok"]


# --- reading: forums and their member organisations (no key needed) -------------------------


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


@router.get("/", response=list[ForumOut], url_name="forum_list",
            summary="Fórumok (szűrés: county = vármegye KSH-kódja, kind = típus)")
@paginate(PageNumber)
def forum_list(request, county: str | None = None, kind: str | None = None):
    reject_unknown(request, {"county", "kind"})
    forums = queries.forum_list().select_related("district__county")
    if kind:
        if kind not in ForumKind.values:
            raise BadRequest(f"kind: {', '.join(ForumKind.values)}", field="kind")
        forums = forums.filter(kind=kind)
    if county:
        forums = forums.filter(county__code=county) | forums.filter(district__county__code=county)
    return forums


@router.get("/{slug}/", response=ForumOut, url_name="forum_detail")
def forum_detail(request, slug: str):
    reject_unknown(request, set())
    forum = access.forum_public(slug)
    return queries.forum_list().select_related("district__county").get(pk=forum.pk)


@router.get("/{slug}/members/", response=list[MemberOut], url_name="member_list",
            summary="Tagszervezetek egy napon (on = ÉÉÉÉ-HH-NN, alapból ma)")
@paginate(PageNumber)
def member_list(request, slug: str, on: datetime.date | None = None):
    reject_unknown(request, {"on"})
    forum = access.forum_public(slug)
    return (Membership.objects.on(on or timezone.localdate()).filter(forum=forum)
            .select_related("organisation").order_by("organisation__name", "pk"))


# --- writing: memberships (API token; membership.manage) ------------------------------------


MEMBERSHIP_EXAMPLE = {"organisation": "Cák Község Önkormányzata", "role": "member",
                      "since": "2015-06-16"}


class MembershipIn(WriteSchema):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [MEMBERSHIP_EXAMPLE]})

    organisation: int | str = Field(
        ..., description="A fórum címtárának szervezete: azonosító, vagy a neve úgy, ahogy "
                         "begépelik.")
    role: MembershipRole = MembershipRole.MEMBER
    since: datetime.date = Field(..., description="A csatlakozás napja (a múltban is).")
    until: datetime.date | None = Field(None, description="Korábbi tagnál a tagság utolsó "
                                                          "napja.")
    leaving_reason: str = Field("", max_length=255)


class MembershipEndIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"until": "2024-12-31", "reason": "A szervezet megszűnt."}]})

    until: datetime.date = Field(..., description="A tagság utolsó napja.")
    reason: str = Field("", max_length=255)


class MembershipOut(Schema):
    id: int
    forum: str
    organisation: int
    organisation_name: str
    role: str
    since: datetime.date
    until: datetime.date | None
    leaving_reason: str

    @staticmethod
    def resolve_forum(obj: Membership) -> str:
        return obj.forum.slug

    @staticmethod
    def resolve_organisation(obj: Membership) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_organisation_name(obj: Membership) -> str:
        return obj.organisation.name


@router.post("/{slug}/memberships/", response={201: MembershipOut}, auth=TokenAuth(),
             url_name="memberships_create", tags=WRITE_TAGS,
             summary="Új tagság, akár régebbi is (membership.manage: koordinátorok)")
@transaction.atomic
def membership_create(request, slug: str, payload: MembershipIn):
    forum = access.forum_for(request.user, slug, "membership.manage")
    organisation = writing.organisation(forum, payload.organisation, field="organisation")
    membership = services.membership_add(forum=forum, organisation=organisation,
                                         role=payload.role, since=payload.since,
                                         user=request.user)
    if payload.until:
        membership = services.membership_end(membership=membership, until=payload.until,
                                             reason=payload.leaving_reason, user=request.user)
    return HttpStatus(201, access.membership_for(request.user, forum, membership.pk,
                                                 "membership.manage"))


@router.post("/{slug}/memberships/{pk}/end/", response=MembershipOut, auth=TokenAuth(),
             url_name="memberships_end", tags=WRITE_TAGS,
             summary="A tagság vége: a szervezet kilépett (membership.manage)")
@transaction.atomic
def membership_end(request, slug: str, pk: int, payload: MembershipEndIn):
    forum = access.forum_for(request.user, slug, "membership.manage")
    membership = access.membership_for(request.user, forum, pk, "membership.manage")
    services.membership_end(membership=membership, until=payload.until, reason=payload.reason,
                            user=request.user)
    return access.membership_for(request.user, forum, pk, "membership.manage")
