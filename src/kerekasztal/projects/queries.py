"""Reads of projects shared by pages, documents and the API."""

from django.db.models import Prefetch, QuerySet

from kerekasztal.forums.models import Forum

from .models import ConsortiumPartner, Indicator, PressRelease, Project


def project_list(forum: Forum) -> QuerySet[Project]:
    return (Project.objects.filter(forum=forum).select_related("beneficiary")
            .prefetch_related("extensions").order_by("-start", "code"))


def project_detail(forum: Forum) -> QuerySet[Project]:
    """Projects with every child record prefetched (detail, dashboard, documents)."""
    return (
        Project.objects.filter(forum=forum)
        .select_related("forum", "beneficiary", "contact")
        .prefetch_related(
            "extensions", "forums_funded", "assets", "deliverables", "milestones",
            "staff__person", "staff__employer",
            Prefetch("partners", ConsortiumPartner.objects.select_related("organisation")
                     .prefetch_related("renamings")),
            Prefetch("indicators", Indicator.objects.prefetch_related("manual_values")),
            Prefetch("press_releases", PressRelease.objects.order_by("-created_at")),
        )
    )


def published_releases(forum: Forum) -> QuerySet[PressRelease]:
    """Published press releases of the forum's projects (public)."""
    return (PressRelease.objects.filter(project__forum=forum, published_at__isnull=False)
            .select_related("project__forum").order_by("-published_at", "pk"))


def public_projects(forum: Forum) -> QuerySet[Project]:
    """The forum's projects for the public page, with their published releases and what
    their indicator figures need (figures.figures_of): a fixed number of queries."""
    return (Project.objects.filter(forum=forum).select_related("beneficiary", "contact")
            .prefetch_related("extensions", "forums_funded",
                              Prefetch("indicators",
                                       Indicator.objects.prefetch_related("manual_values")),
                              Prefetch("press_releases", PressRelease.objects.filter(
                                  published_at__isnull=False).order_by("-published_at", "pk")))
            .order_by("-start"))
