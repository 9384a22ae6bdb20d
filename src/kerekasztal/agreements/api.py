"""API of agreements (mounted by the api app under /api/v1/agreements/): the public
register (only signed agreements; the full text only when published), and recording an
agreement with its parties and signature days with a coordinator's token."""

import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema
from kerekasztal.core import access
from kerekasztal.core.models import Topic
from kerekasztal.core.richtext import sanitize
from kerekasztal.directory.matching import OrganisationMatcher
from kerekasztal.forums.models import Forum

from . import queries, services
from .models import AgreementKind, PartyRole, Status

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
@paginate(PageNumber)
def agreement_list(request, forum: str | None = None, kind: str | None = None):
    reject_unknown(request, {"forum", "kind"})
    return _public(forum, kind)


@router.get("/{agreement_id}", response=AgreementOut, summary="Egy aláírt megállapodás")
def agreement_detail(request, agreement_id: int):
    return get_object_or_404(_public(None, None), pk=agreement_id)


# --- writing with a forum token (the same service as the web's one-form record) ------------

AGREEMENT_EXAMPLE = {
    "kind": "multilateral", "title": "Együttműködési megállapodás a szülői klubokról",
    "topics": [], "drafted_on": "2020-03-02", "valid_from": None, "valid_until": None,
    "parties": [
        {"organisation": "Kőszeg Város Önkormányzata", "signed_on": "2020-03-16",
         "signatory_name": "Básthy Béla", "signatory_position": "polgármester"},
        {"organisation": "Bozsok Község Önkormányzata", "signed_on": "2020-03-18",
         "signatory_name": "Pócza Alexandra", "signatory_position": "polgármester"},
    ],
}


class PartyIn(WriteSchema):
    organisation: int | str = Field(
        ..., description="A fórum címtárának szervezete: azonosító, vagy a neve úgy, ahogy "
                         "begépelik (ékezet, kis- és nagybetű, „Község Önkormányzata” / "
                         "„Önkormányzat” mindegy).")
    role: PartyRole = PartyRole.PARTY
    signed_on: datetime.date | None = Field(None, description="Az aláírás napja; üresen a "
                                                              "fél még nem írta alá.")
    signatory_name: str = Field("", max_length=200)
    signatory_position: str = Field("", max_length=200)


class AgreementIn(WriteSchema):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [AGREEMENT_EXAMPLE]})

    kind: AgreementKind
    title: str = Field(..., min_length=1, max_length=255)
    purpose: str = Field("", description="Üresen hagyva a cím.")
    body: str = ""
    topics: list[str] = Field([], description="Témák azonosítói (slug).")
    drafted_on: datetime.date | None = Field(None, description="A szöveg elkészült "
                                                               "(alapértelmezés: ma).")
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    place: str = Field("", max_length=100)
    parties: list[PartyIn] = Field(..., min_length=2, description="A felek (legalább kettő) "
                                   "az aláírás napjával; aláírt, ha mindegyiknek van.")


class PartyWriteOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    role: str
    signed_on: datetime.date | None


class AgreementWriteOut(Schema):
    id: int
    forum: str
    kind: str
    title: str
    status: str
    drafted_on: datetime.date
    opened_on: datetime.date | None
    signed_on: datetime.date | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    topics: list[str]
    parties: list[PartyWriteOut]
    url: str

    @staticmethod
    def resolve_forum(obj) -> str:
        return obj.forum.slug

    @staticmethod
    def resolve_status(obj) -> str:
        return str(obj.status.value)

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_parties(obj) -> list[dict]:
        return [{"id": p.pk, "organisation": p.organisation_id,
                 "organisation_name": p.organisation.name, "role": p.role,
                 "signed_on": s.signed_on if (s := p.current_signature) else None}
                for p in obj.parties.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("agreements:detail", args=[obj.forum.slug, obj.pk])


@router.post("/forums/{slug}/", response={201: AgreementWriteOut}, auth=TokenAuth(),
             url_name="agreements_create",
             summary="Megállapodás a feleivel és aláírásaival (agreements.manage)")
@transaction.atomic
def agreement_create(request, slug: str, payload: AgreementIn):
    forum = access.forum_for(request.user, slug, "agreements.manage")
    data = payload.dict()
    matcher = OrganisationMatcher.for_forum(forum)
    parties = [services.PartyEntry(
        organisation=writing.organisation(forum, party["organisation"], matcher=matcher,
                                          field=f"parties.{index}.organisation"),
        role=party["role"], signed_on=party["signed_on"],
        signatory_name=party["signatory_name"], signatory_position=party["signatory_position"],
    ) for index, party in enumerate(data.pop("parties"))]
    topics = writing.by_codes(Topic.objects.all(), data.pop("topics"), field="topics",
                              lookup="slug", unknown=_("Ismeretlen téma: %(code)s"))
    if data["drafted_on"] is None:
        data.pop("drafted_on")
    if not data["purpose"].strip():
        data["purpose"] = data["title"]
    agreement = services.agreement_create(forum=forum, user=request.user, topics=topics,
                                          parties=parties, **data)
    return HttpStatus(201, queries.agreement_detail(
        access.agreement_for(request.user, forum, agreement.pk, "agreements.manage")))
