"""Writing memberships with a forum token (mounted by the api app under /api/v1/forums/):
a member organisation joins (on any day, also long past) and leaves, through the same
services as the web forms."""

import datetime

from django.db import transaction
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from pydantic import ConfigDict

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import BadRequest
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access
from kerekasztal.directory.matching import OrganisationMatcher

from . import services
from .models import Membership, MembershipRole

router = Router(tags=["írás: tagságok"])

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


def _organisation(forum, value: int | str):
    if isinstance(value, int):
        return writing.organisations(forum, [value], field="organisation")[0]
    try:
        return OrganisationMatcher.for_forum(forum).find(value)
    except ValueError as exc:
        raise BadRequest(str(exc), field="organisation") from exc


@router.post("/{slug}/memberships/", response={201: MembershipOut}, auth=TokenAuth(),
             url_name="memberships_create",
             summary="Új tagság, akár régebbi is (membership.manage: koordinátorok)")
@transaction.atomic
def membership_create(request, slug: str, payload: MembershipIn):
    forum = access.forum_for(request.user, slug, "membership.manage")
    membership = services.membership_add(
        forum=forum, organisation=_organisation(forum, payload.organisation),
        role=payload.role, since=payload.since, user=request.user)
    if payload.until:
        membership = services.membership_end(membership=membership, until=payload.until,
                                             reason=payload.leaving_reason, user=request.user)
    return HttpStatus(201, access.membership_for(request.user, forum, membership.pk,
                                                 "membership.manage"))


@router.post("/{slug}/memberships/{pk}/end/", response=MembershipOut, auth=TokenAuth(),
             url_name="memberships_end",
             summary="A tagság vége: a szervezet kilépett (membership.manage)")
@transaction.atomic
def membership_end(request, slug: str, pk: int, payload: MembershipEndIn):
    forum = access.forum_for(request.user, slug, "membership.manage")
    membership = access.membership_for(request.user, forum, pk, "membership.manage")
    services.membership_end(membership=membership, until=payload.until, reason=payload.reason,
                            user=request.user)
    return access.membership_for(request.user, forum, pk, "membership.manage")
