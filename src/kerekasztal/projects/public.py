"""The projects' public records: project pages and published press releases
(core/contracts.py). Drafts are never public."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import PressRelease, Project


def _projects(forums):
    return Project.objects.filter(forum__in=forums).select_related("forum", "beneficiary")


def _releases(forums):
    return (PressRelease.objects.filter(project__forum__in=forums, published_at__isnull=False)
            .select_related("project__forum"))


SOURCES = [
    PublicSource(
        kind="projects.project",
        label=_("Projektek"),
        records=_projects,
        title=lambda project: project.title,
        text=lambda project: " ".join(filter(None, [project.code, project.beneficiary.name,
                                                    project.summary])),
        url=lambda project: reverse("projects:public", args=[project.forum.slug]),
        date=lambda project: project.start,
    ),
    PublicSource(
        kind="projects.press_release",
        label=_("Sajtóközlemények"),
        records=_releases,
        title=lambda release: release.title,
        text=lambda release: release.body,
        url=lambda release: release.get_absolute_url(),
        date=lambda release: release.published_at,
    ),
]
