"""Read API of the public register of agreements (mounted by the api app under
/api/v1/agreements/). Only signed agreements; the full text only when published."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from kerekasztal.core.richtext import sanitize
from kerekasztal.forums.models import Forum

from . import queries
from .models import Status

router = Router(tags=["agreements"])
_STATUSES = dict(Status.choices)


class PartyOut(Schema):
    organisation: str
    seat: str | None
    role: str
    withdrawn_on: datetime.date | None


class AgreementOut(Schema):
    id: int
    forum: str
    title: str
    kind: str
    kind_label: str
    purpose: str
    status: str
    status_label: str
    signed_on: datetime.date | None
    in_force_from: datetime.date | None
    valid_until: datetime.date | None
    terminated_on: datetime.date | None
    topics: list[str]
    target_groups: list[str]
    parties: list[PartyOut]
    url: str
    text: str | None

    @staticmethod
    def resolve_forum(obj) -> str:
        return obj.forum.slug

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.status_code

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(_STATUSES[obj.status_code])

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.name for t in obj.topics.all()]

    @staticmethod
    def resolve_target_groups(obj) -> list[str]:
        return [g.code for g in obj.target_groups.all()]

    @staticmethod
    def resolve_parties(obj) -> list[dict]:
        return [{
            "organisation": p.organisation.name,
            "seat": p.organisation.seat.name if p.organisation.seat else None,
            "role": p.role, "withdrawn_on": p.withdrawn_on,
        } for p in obj.parties.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("agreements:public_detail", args=[obj.forum.slug, obj.pk])

    @staticmethod
    def resolve_text(obj) -> str | None:
        text = queries.public_text(obj)
        return sanitize(str(text)) if text else None


def _public(forum: str | None, kind: str | None):
    forums = Forum.objects.all()
    if forum:
        forums = forums.filter(slug=forum)
    qs = queries.public_agreements(forums)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.get("/", response=list[AgreementOut], summary="Aláírt megállapodások")
@paginate
def agreement_list(request, forum: str | None = None, kind: str | None = None):
    return _public(forum, kind)


@router.get("/{agreement_id}", response=AgreementOut, summary="Egy aláírt megállapodás")
def agreement_detail(request, agreement_id: int):
    return get_object_or_404(_public(None, None), pk=agreement_id)
