"""Access rules: Projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from kerekasztal.core.access.roles import ANY_ROLE, AUDITOR, COORDINATOR, Role, _scoped_get

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_PROJECTS: dict[str, frozenset[Role]] = {
    # Project facts, indicators, drill-downs, deliverables and milestones.
    "project.view": ANY_ROLE,
    # Budget (total cost, assets with prices), staff, evidence files, drafts.
    "project.details.view": frozenset({COORDINATOR, AUDITOR}),
    "project.manage": frozenset({COORDINATOR}),
}


def project_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A project of the forum with every child record prefetched."""
    from kerekasztal.projects.queries import project_detail

    return _scoped_get(project_detail(forum), user, forum, action, pk=pk)


def project_record_for(user: Viewer, forum: Forum, model, pk: int, action: str):
    """A child record of one of the forum's projects (found through its `forum_path`)."""
    return _scoped_get(model, user, forum, action, pk=pk, **{model.forum_path: forum})


def press_release_public(forum: Forum, pk: int):
    """A published press release of the forum's projects (drafts are not public)."""
    from kerekasztal.projects.models import PressRelease

    return get_object_or_404(PressRelease.objects.select_related("project__beneficiary"), pk=pk,
                             project__forum=forum, published_at__isnull=False)
