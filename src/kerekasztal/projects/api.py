"""Read endpoints of the projects' public records (mounted by the api app under
/api/v1/projects/). Only what is public: project facts required by the publicity rules
and published press releases."""

import datetime

from django.db.models import QuerySet
from ninja import Router, Schema
from ninja.pagination import paginate

from .models import PressRelease, Project

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
@paginate
def project_list(request, forum: str | None = None) -> QuerySet[Project]:
    projects = (Project.objects.select_related("forum", "beneficiary")
                .prefetch_related("extensions").order_by("-start", "pk"))
    return projects.filter(forum__slug=forum) if forum else projects


@router.get("/press-releases", response=list[PressReleaseOut])
@paginate
def press_release_list(request, forum: str | None = None) -> QuerySet[PressRelease]:
    releases = (PressRelease.objects.filter(published_at__isnull=False)
                .select_related("project__forum").order_by("-published_at", "pk"))
    return releases.filter(project__forum__slug=forum) if forum else releases
