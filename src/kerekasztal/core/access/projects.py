"""Access rules: Projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from kerekasztal.core.access.roles import (
    ANY_ROLE,
    AUDITOR,
    COORDINATOR,
    RULES,
    Role,
    _scoped_get,
    can,
)

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


# The rule of the page a drill-down record links to, where it is not its app's `<app>.view`.
_RECORD_PAGE_ACTIONS = {
    "events.registration": "events.participants.view",
    "forums.membership": "membership.view",
}


def record_page_visible(user: Viewer, forum: Forum, record) -> bool:
    """Whether the viewer may open the workspace page an indicator's record links to (a
    settlement officer counts the sessions held but may not open their closed pages)."""
    label = record._meta.label_lower
    action = _RECORD_PAGE_ACTIONS.get(label, f"{record._meta.app_label}.view")
    return action not in RULES or can(user, action, forum)


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
