"""Endpoints of the projects app (mounted by the api app under /api/v1/projects/).

Reads without a key: only what is public (project facts required by the publicity rules and
published press releases). Writes with a forum user's API token (Authorization: Bearer):
projects with staff, consortium partners, extensions, indicators and manual values, through
the same services as the web forms (projects.services: validation, one transaction,
history); who may is decided in core/access/projects.py."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import ConfigDict

from kerekasztal.api.auth import TokenAuth
from kerekasztal.api.errors import BadRequest, reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.api.writing import WriteSchema, reject_nulls
from kerekasztal.core import access, hungarian

from . import services
from .models import (
    ConsortiumPartner,
    Indicator,
    ManualValue,
    PartnerRole,
    PressRelease,
    Project,
    StaffRole,
    StaffRoleKind,
)
from .programmes import BRAND_CHOICES, FUND_CHOICES, PROGRAMMES

router = Router(tags=["projects"])


class ProjectOut(Schema):
    id: int
    forum: str
    code: str
    title: str
    beneficiary: str
    programme: str
    call_code: str
    grant_amount: int
    grant_rate: float
    funds: list[str]
    start: datetime.date
    end: datetime.date
    sustainability_end: datetime.date | None
    website: str

    @staticmethod
    def resolve_forum(obj: Project) -> str:
        return obj.forum.slug

    @staticmethod
    def resolve_beneficiary(obj: Project) -> str:
        return obj.beneficiary.name

    @staticmethod
    def resolve_end(obj: Project) -> datetime.date:
        return obj.current_end


class PressReleaseOut(Schema):
    id: int
    forum: str
    project: str
    kind: str
    title: str
    body: str
    published_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_forum(obj: PressRelease) -> str:
        return obj.project.forum.slug

    @staticmethod
    def resolve_project(obj: PressRelease) -> str:
        return obj.project.code

    @staticmethod
    def resolve_url(obj: PressRelease) -> str:
        return obj.get_absolute_url()


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumber)
def project_list(request, forum: str | None = None) -> QuerySet[Project]:
    reject_unknown(request, {"forum"})
    projects = (Project.objects.select_related("forum", "beneficiary")
                .prefetch_related("extensions").order_by("-start", "pk"))
    return projects.filter(forum__slug=forum) if forum else projects


@router.get("/press-releases", response=list[PressReleaseOut])
@paginate(PageNumber)
def press_release_list(request, forum: str | None = None) -> QuerySet[PressRelease]:
    reject_unknown(request, {"forum"})
    releases = (PressRelease.objects.filter(published_at__isnull=False)
                .select_related("project__forum").order_by("-published_at", "pk"))
    return releases.filter(project__forum__slug=forum) if forum else releases


# --- writes with an API token ------------------------------------------------------------
# The same services as the web forms (projects.services), so the checks, the transaction and
# the history are the forms'. Who may: `project.manage` (coordinators) to write,
# `project.view` to read one project with its records.

PROJECT_EXAMPLE = {
    "programme": "AROP", "brand": "sz2020", "call_code": "ÁROP-1.A.3-2014",
    "code": "ÁROP-1.A.3-2014",
    "title": "Területi együttműködést segítő programok kialakítása a Kőszegi járásban",
    "beneficiary": 1, "grant_amount": 21980000, "grant_rate": "100", "funds": ["ESZA"],
    "start": "2015-04-01", "end": "2015-10-31", "sustainability_end": "2020-10-31",
}


class ProjectIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [PROJECT_EXAMPLE]})

    programme: str = Field(..., description="Az operatív program kódja: "
                                            + ", ".join(PROGRAMMES) + ".")
    brand: str = Field("", description="Arculat: üres (a program szerint), "
                                       + ", ".join(c for c, _l in BRAND_CHOICES if c) + ".")
    infoblock: str = Field("", description="Uniós infoblokk: üres (az arculat szerint), "
                                           "show vagy hide.")
    call_code: str = Field(..., min_length=1, max_length=60)
    call_title: str = Field("", max_length=300)
    code: str = Field(..., min_length=1, max_length=80,
                      description="Projektazonosító; ha a sorszámot nem tették közzé, a "
                                  "felhívás kódja.")
    title: str = Field(..., min_length=1, max_length=300)
    summary: str = ""
    beneficiary: int = Field(..., description="A kedvezményezett szervezet azonosítója.")
    grant_amount: int = Field(..., ge=0, le=10**15)
    grant_rate: Decimal = Field(Decimal("100"), ge=0, le=100, max_digits=5,
                                decimal_places=2)
    total_cost: int | None = Field(None, ge=0, le=10**15)
    funds: list[str] = Field([], description="Alapok: "
                                             + ", ".join(c for c, _l in FUND_CHOICES) + ".")
    start: datetime.date
    end: datetime.date
    sustainability_end: datetime.date | None = None
    closed_on: datetime.date | None = Field(None, description="A lezárás napja (nem "
                                                               "jövőbeli).")
    website: str = Field("", max_length=200)
    contact: int | None = Field(None, description="A kapcsolattartó személy azonosítója.")


class ProjectPatch(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"closed_on": "2015-11-30", "brand": "uszt"}]})

    programme: str | None = None
    brand: str | None = None
    infoblock: str | None = None
    call_code: str | None = Field(None, min_length=1, max_length=60)
    call_title: str | None = Field(None, max_length=300)
    code: str | None = Field(None, min_length=1, max_length=80)
    title: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = None
    beneficiary: int | None = None
    grant_amount: int | None = Field(None, ge=0, le=10**15)
    grant_rate: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    total_cost: int | None = Field(None, ge=0, le=10**15)
    funds: list[str] | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    sustainability_end: datetime.date | None = None
    closed_on: datetime.date | None = None
    website: str | None = Field(None, max_length=200)
    contact: int | None = None


NULLABLE = ("total_cost", "sustainability_end", "closed_on", "contact")


class StaffIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"role": "catch_up_officer", "person": 1, "since": "2015-04-01"}]})

    role: StaffRoleKind
    person: int = Field(..., description="A személy azonosítója a fórum címtárában.")
    employer: int | None = Field(None, description="A munkáltató szervezet, ha nem a "
                                                   "kedvezményezett.")
    since: datetime.date
    until: datetime.date | None = None


class PartnerIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"organisation": 1, "role": "consortium", "tasks": "Instruktor biztosítása"}]})

    organisation: int
    role: PartnerRole = PartnerRole.CONSORTIUM
    tasks: str = Field("", max_length=300)


class ExtensionIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"new_end": "2021-05-31", "reason": "a pandémiás helyzet",
         "decided_on": "2020-11-20"}]})

    new_end: datetime.date
    reason: str = Field(..., min_length=1, max_length=300)
    decided_on: datetime.date | None = None


class IndicatorIn(WriteSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "Képzésen részt vett HEP-megbízottak", "unit": "fő", "target": "12"}]})

    name: str = Field(..., min_length=1, max_length=200)
    unit: str = Field(..., min_length=1, max_length=40)
    target: Decimal = Field(..., ge=0, max_digits=12, decimal_places=2)
    rule: str = Field("", description="Számítási szabály kódja; üresen kézi indikátor.")
    params: dict[str, str] = {}
    order: int = Field(0, ge=0, le=2_147_483_647)


class StaffOut(Schema):
    id: int
    role: str
    person: int
    employer: int | None
    since: datetime.date
    until: datetime.date | None

    @staticmethod
    def resolve_person(obj: StaffRole) -> int:
        return obj.person_id

    @staticmethod
    def resolve_employer(obj: StaffRole) -> int | None:
        return obj.employer_id


class PartnerOut(Schema):
    id: int
    organisation: int
    name: str
    role: str
    tasks: str

    @staticmethod
    def resolve_organisation(obj: ConsortiumPartner) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_name(obj: ConsortiumPartner) -> str:
        return str(obj)


class ExtensionOut(Schema):
    id: int
    new_end: datetime.date
    reason: str
    decided_on: datetime.date | None


class ManualValueOut(Schema):
    id: int
    indicator: int
    as_of: datetime.date
    value: Decimal
    note: str

    @staticmethod
    def resolve_indicator(obj: ManualValue) -> int:
        return obj.indicator_id


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    target: Decimal
    rule: str
    params: dict
    order: int
    manual_values: list[ManualValueOut]

    @staticmethod
    def resolve_manual_values(obj: Indicator) -> list:
        return list(obj.manual_values.all())


class ProjectWriteOut(ProjectOut):
    brand: str
    infoblock: str
    call_title: str
    summary: str
    closed_on: datetime.date | None
    beneficiary_id: int
    contact_id: int | None
    staff: list[StaffOut]
    partners: list[PartnerOut]
    extensions: list[ExtensionOut]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_staff(obj: Project) -> list:
        return list(obj.staff.all())

    @staticmethod
    def resolve_partners(obj: Project) -> list:
        return list(obj.partners.all())

    @staticmethod
    def resolve_extensions(obj: Project) -> list:
        return list(obj.extensions.all())

    @staticmethod
    def resolve_indicators(obj: Project) -> list:
        return list(obj.indicators.all())


def _directory(forum, model_label: str, pk: int | None, field: str):
    """A record of the forum's directory by id, or a 400 naming the field."""
    from django.apps import apps

    if pk is None:
        return None
    model = apps.get_model(model_label)
    found = model.objects.filter(forum=forum.root, archived_at__isnull=True, pk=pk).first()
    if found is None:
        raise BadRequest(_("%(id)s azonosító nem szerepel a fórum címtárában.")
                         % {"id": hungarian.with_article(pk, capital=True)}, field=field)
    return found


def _project_data(forum, data: dict) -> dict:
    if "beneficiary" in data:
        data["beneficiary"] = _directory(forum, "directory.Organisation",
                                         data["beneficiary"], "beneficiary")
    if "contact" in data:
        data["contact"] = _directory(forum, "directory.Person", data["contact"], "contact")
    if "programme" in data and data["programme"] not in PROGRAMMES:
        raise BadRequest(_("Ismeretlen operatív program."), field="programme")
    return data


def _fresh(forum, pk: int) -> Project:
    from .queries import project_detail

    return project_detail(forum).get(pk=pk)


PROJECTS = "/forums/{slug}/"
ONE = "/forums/{slug}/{pk}/"


@router.post(PROJECTS, response={201: ProjectWriteOut}, auth=TokenAuth(),
             url_name="projects_project_create",
             summary="Projekt rögzítése (project.manage)")
def project_create(request, slug: str, payload: ProjectIn):
    forum = access.forum_for(request.user, slug, "project.manage")
    data = _project_data(forum, payload.dict())
    project = services.project_create(forum=forum, user=request.user, **data)
    return Status(201, _fresh(forum, project.pk))


@router.get(ONE, response=ProjectWriteOut, auth=TokenAuth(), url_name="projects_project_detail",
            summary="Egy projekt munkatársakkal, partnerekkel, hosszabbításokkal és "
                    "indikátorokkal (project.details.view)")
def project_detail(request, slug: str, pk: int):
    forum = access.forum_for(request.user, slug, "project.details.view")
    return access.project_for(request.user, forum, pk, "project.details.view")


@router.patch(ONE, response=ProjectWriteOut, auth=TokenAuth(), url_name="projects_project_update",
              summary="Projekt adatainak módosítása, lezárása (project.manage)")
def project_update(request, slug: str, pk: int, payload: ProjectPatch):
    forum = access.forum_for(request.user, slug, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    data = payload.dict(exclude_unset=True)
    reject_nulls(data, NULLABLE)
    services.project_update(project=project, user=request.user,
                            **_project_data(forum, data))
    return _fresh(forum, pk)


def _add_record(request, slug: str, pk: int, build) -> Project:
    forum = access.forum_for(request.user, slug, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    with transaction.atomic():
        services.record_save(instance=build(forum, project), user=request.user)
    return _fresh(forum, pk)


@router.post(ONE + "staff/", response={201: ProjectWriteOut}, auth=TokenAuth(),
             url_name="projects_staff_create",
             summary="Projektmunkatárs felvétele (project.manage)")
def staff_create(request, slug: str, pk: int, payload: StaffIn):
    def build(forum, project):
        return StaffRole(project=project, role=payload.role, since=payload.since,
                         until=payload.until,
                         person=_directory(forum, "directory.Person", payload.person, "person"),
                         employer=_directory(forum, "directory.Organisation",
                                             payload.employer, "employer"))
    return Status(201, _add_record(request, slug, pk, build))


@router.post(ONE + "partners/", response={201: ProjectWriteOut}, auth=TokenAuth(),
             url_name="projects_partner_create",
             summary="Konzorciumi vagy szakmai partner felvétele (project.manage)")
def partner_create(request, slug: str, pk: int, payload: PartnerIn):
    def build(forum, project):
        return ConsortiumPartner(project=project, role=payload.role, tasks=payload.tasks,
                                 organisation=_directory(forum, "directory.Organisation",
                                                         payload.organisation,
                                                         "organisation"))
    return Status(201, _add_record(request, slug, pk, build))


@router.post(ONE + "extensions/", response={201: ProjectWriteOut}, auth=TokenAuth(),
             url_name="projects_extension_create",
             summary="Hosszabbítás rögzítése (project.manage)")
def extension_create(request, slug: str, pk: int, payload: ExtensionIn):
    forum = access.forum_for(request.user, slug, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    services.extension_add(project=project, user=request.user, **payload.dict())
    return Status(201, _fresh(forum, pk))


@router.post(ONE + "indicators/", response={201: IndicatorOut}, auth=TokenAuth(),
             url_name="projects_indicator_create",
             summary="Indikátor felvétele: számított (rule) vagy kézi (project.manage)")
def indicator_create(request, slug: str, pk: int, payload: IndicatorIn):
    forum = access.forum_for(request.user, slug, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    indicator = services.indicator_add(project=project, user=request.user, **payload.dict())
    return Status(201, indicator)


@router.post(ONE + "indicators/{ipk}/values/", response={201: ManualValueOut},
             auth=TokenAuth(), url_name="projects_manual_value_create",
             summary="Kézi indikátor értéke bizonyítékkal (multipart/form-data; "
                     "project.manage)")
def manual_value_create(request, slug: str, pk: int, ipk: int,
                        as_of: Form[datetime.date], value: Form[Decimal],
                        evidence: File[UploadedFile], note: Form[str] = ""):
    forum = access.forum_for(request.user, slug, "project.manage")
    indicator = access.project_record_for(request.user, forum, Indicator, ipk,
                                          "project.manage")
    if indicator.project_id != pk:
        raise BadRequest(_("Az indikátor nem ehhez a projekthez tartozik."), field="ipk")
    if value < 0 or value.as_tuple().exponent < -2:
        raise ValidationError({"value": _("Az érték nem lehet negatív, és legfeljebb két "
                                          "tizedesjegyű.")})
    manual = services.manual_value_add(indicator=indicator, user=request.user, as_of=as_of,
                                       value=value, note=note, evidence=evidence)
    return Status(201, manual)
