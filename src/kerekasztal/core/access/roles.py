"""Who a user is in a forum, and the shared predicates every app's rules use."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser



# Views that anyone may open, logged in or not. Everything else requires a login
# (LoginRequiredMiddleware) and then a rule below.
public = login_not_required


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MEMBER = "member"
    SETTLEMENT_OFFICER = "settlement_officer"
    AUDITOR = "auditor"


COORDINATOR = Role.COORDINATOR
MEMBER = Role.MEMBER
SETTLEMENT_OFFICER = Role.SETTLEMENT_OFFICER
AUDITOR = Role.AUDITOR
ANY_ROLE = frozenset(Role)

# The rules (action → roles that may take it in a forum) are kept per app in the sections
# below and gathered into RULES at the end of this module.
RULES: dict[str, frozenset[Role]] = {}


@dataclass(frozen=True)
class ForumRoles:
    """What one user is in one forum."""

    roles: frozenset[Role] = frozenset()
    settlement_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    def __contains__(self, role: object) -> bool:
        return role in self.roles

    def __bool__(self) -> bool:
        return bool(self.roles)


NO_ROLES = ForumRoles()


def _cache(user: Viewer) -> dict[int, ForumRoles]:
    cache = getattr(user, "_forum_roles_cache", None)
    if cache is None:
        cache = {}
        user._forum_roles_cache = cache  # type: ignore[union-attr]
    return cache


def forget_roles(user: Viewer) -> None:
    """Drop the per-request cache after a change of grants (tests, services)."""
    if hasattr(user, "_forum_roles_cache"):
        del user._forum_roles_cache  # type: ignore[union-attr]


def roles_in(user: Viewer, forum: Forum, *, on: datetime.date | None = None) -> ForumRoles:
    """The user's roles in `forum`. A working group inherits coordinators and auditors."""
    if not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cache = _cache(user)
    if on is None and forum.pk in cache:
        return cache[forum.pk]
    from kerekasztal.forums.models import PARTICIPATING_ROLES, AccessRole, ForumAccess, Membership

    day = on or timezone.localdate()
    roles: set[Role] = set()
    settlements: set[int] = set()
    granted_forums = [forum.pk] + ([forum.parent_id] if forum.parent_id else [])
    for role, settlement_id, forum_id in ForumAccess.objects.filter(
        user=user, forum_id__in=granted_forums
    ).values_list("role", "settlement_id", "forum_id"):
        if forum_id != forum.pk and role == AccessRole.SETTLEMENT_OFFICER:
            continue
        roles.add(Role(role))
        if settlement_id:
            settlements.add(settlement_id)
    organisations = frozenset(
        Membership.objects.on(day)
        .filter(forum=forum, role__in=PARTICIPATING_ROLES, representatives__user=user)
        .values_list("organisation_id", flat=True)
    )
    if organisations:
        roles.add(MEMBER)
    result = ForumRoles(frozenset(roles), frozenset(settlements), organisations)
    if on is None:
        cache[forum.pk] = result
    return result


def can(user: Viewer, action: str, forum: Forum) -> bool:
    allowed = RULES[action]
    return bool(roles_in(user, forum).roles & allowed)


def require(user: Viewer, action: str, forum: Forum) -> None:
    if not can(user, action, forum):
        raise PermissionDenied


def allowed_actions(user: Viewer, forum: Forum) -> set[str]:
    """Every action the user may take in the forum (for templates: `perms.<action>`)."""
    roles = roles_in(user, forum).roles
    return {action for action, allowed in RULES.items() if roles & allowed}


def _scoped_get(model_or_qs, user: Viewer, forum: Forum, action: str, /, **lookup):
    """The one record an app's object helper returns: `require` the action in the forum
    (403), then the record of `model_or_qs` (a model or a queryset already narrowed, e.g. to
    what the user may see) matching `lookup`, which scopes it to the forum (`forum=forum`,
    `meeting__forum=forum`, `event=event`...); 404 when there is none, so another forum's
    record is as unknown as a missing one."""
    require(user, action, forum)
    return get_object_or_404(model_or_qs, **lookup)
