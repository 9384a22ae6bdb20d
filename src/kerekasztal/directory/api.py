"""The directory's API, mounted at /api/v1/ itself: the forum's organisations with an API
token (/forums/{slug}/organisations/: create, update, read one), through the same services
as the web forms."""

from django.db import transaction
from ninja import Field, Router, Schema, Status

from kerekasztal.api import writing
from kerekasztal.api.auth import TokenAuth
from kerekasztal.core import access
from kerekasztal.territory.models import Settlement

from . import services
from .models import OrganisationKind

router = Router(tags=["fórumok"])
# The paths below are written from /api/v1/ (api/ninja_api.py): a forum's directory is
# under the forum, /forums/{slug}/organisations/.
MOUNT = ""


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
    return writing.settlements(Settlement.objects.all(), [code], field="seat")[0]


@router.post("/forums/{slug}/organisations/", response={201: OrganisationOut},
             auth=TokenAuth(), url_name="organisation_create")
@transaction.atomic
def organisation_create(request, slug: str, payload: OrganisationIn):
    forum = access.forum_public(slug)
    access.require(request.user, "directory.manage", forum)
    data = payload.dict()
    data["seat"] = _seat(data["seat"])
    organisation = services.organisation_create(forum=forum, user=request.user,
                                                          **data)
    return Status(201, organisation)


@router.patch("/forums/{slug}/organisations/{pk}/", response=OrganisationOut,
              auth=TokenAuth(), url_name="organisation_update")
@transaction.atomic
def organisation_update(request, slug: str, pk: int, payload: OrganisationPatch):
    forum = access.forum_public(slug)
    organisation = access.organisation_for(request.user, forum, pk, "directory.manage")
    data = payload.dict(exclude_unset=True)
    if "seat" in data:
        data["seat"] = _seat(data["seat"])
    return services.organisation_update(organisation=organisation,
                                                  user=request.user, **data)


@router.get("/forums/{slug}/organisations/{pk}/", response=OrganisationOut,
            auth=TokenAuth(), url_name="organisation_detail")
def organisation_detail(request, slug: str, pk: int):
    forum = access.forum_public(slug)
    return access.organisation_for(request.user, forum, pk, "directory.view")


