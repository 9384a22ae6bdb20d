"""Every permission decision of the platform, in one place.

Roles are per forum (see DESIGN.md): coordinator, member (a representative of a
participating member organisation), settlement officer (for one settlement), auditor
(read only). The operator is the Django superuser: /admin/ and creating forums.
Anonymous visitors see only what a forum publishes.

Views call the helpers below; they return the object or raise Http404 / PermissionDenied.
Views never fetch a protected object with a bare `.objects.get()`. The access matrix test
(tests/access_matrix/) walks every URL for every role.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.directory.models import Organisation, Person
    from kerekasztal.forums.models import Forum, Membership

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


# ---------------------------------------------------------------------------
# Forums
# ---------------------------------------------------------------------------

_RULES_FORUMS = {
    "workspace.view": ANY_ROLE,
    "forum.edit": frozenset({COORDINATOR}),
    "forum.access.view": frozenset({COORDINATOR, AUDITOR}),
    "forum.access.manage": frozenset({COORDINATOR}),
    "membership.view": ANY_ROLE,
    "membership.manage": frozenset({COORDINATOR}),
    "membership.declaration.view": frozenset({COORDINATOR, AUDITOR}),
}


def can_create_forum(user: Viewer) -> bool:
    """Operators, and users the operator gave the 'add forum' permission in /admin/.
    (Coordinators may create working groups of their forums: see forums_coordinated_by.)"""
    return user.is_authenticated and user.has_perm("forums.add_forum")


def forums_coordinated_by(user: Viewer):
    """Forums the user coordinates (the possible parents of a new working group)."""
    from kerekasztal.forums.models import AccessRole, Forum

    if not user.is_authenticated:
        return Forum.objects.none()
    return Forum.objects.filter(
        access_grants__user=user, access_grants__role=AccessRole.COORDINATOR
    ).distinct()


def forum_public(slug: str) -> Forum:
    """A forum's public site is open to everyone."""
    from kerekasztal.forums.models import Forum

    try:
        return Forum.objects.select_related(
            "district__county", "county", "lead_organisation", "parent"
        ).get(slug=slug)
    except Forum.DoesNotExist as exc:
        raise Http404 from exc


def forum_for(user: Viewer, slug: str, action: str) -> Forum:
    """The forum of a workspace URL, if the user may take `action` in it."""
    forum = forum_public(slug)
    require(user, action, forum)
    return forum


def forums_of(user: Viewer) -> list[Forum]:
    """Forums where the user has any role (for the 'my forums' list)."""
    from kerekasztal.forums.models import Forum, Membership

    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    granted = Forum.objects.filter(access_grants__user=user)
    represented = Forum.objects.filter(
        pk__in=Membership.objects.on(today)
        .filter(representatives__user=user)
        .values("forum_id")
    )
    working_groups = Forum.objects.filter(parent__access_grants__user=user)
    return list(
        (granted | represented | working_groups)
        .distinct()
        .select_related("district", "county")
        .order_by("name")
    )


def membership_for(user: Viewer, forum: Forum, pk: int, action: str) -> Membership:
    from kerekasztal.forums.models import Membership

    require(user, action, forum)
    try:
        return Membership.objects.select_related("organisation").get(pk=pk, forum=forum)
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def grant_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.forums.models import ForumAccess

    require(user, action, forum)
    try:
        return ForumAccess.objects.select_related("user").get(pk=pk, forum=forum)
    except ForumAccess.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Directory (organisations and people belong to the forum's root)
# ---------------------------------------------------------------------------

_RULES_DIRECTORY = {
    "directory.view": frozenset({COORDINATOR, AUDITOR}),
    "directory.manage": frozenset({COORDINATOR}),
}


def organisation_for(user: Viewer, forum: Forum, pk: int, action: str) -> Organisation:
    from kerekasztal.directory.models import Organisation

    require(user, action, forum)
    try:
        return Organisation.objects.select_related("seat").get(pk=pk, forum=forum.root)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def person_for(user: Viewer, forum: Forum, pk: int, action: str) -> Person:
    from kerekasztal.directory.models import Person

    require(user, action, forum)
    try:
        return Person.objects.get(pk=pk, forum=forum.root)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------

_RULES_MEETINGS: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------

_RULES_EVENTS: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

_RULES_AGREEMENTS: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------

_RULES_PLANS: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Service map
# ---------------------------------------------------------------------------

_RULES_SERVICEMAP: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------

_RULES_PROJECTS: dict[str, frozenset[Role]] = {
}


# ---------------------------------------------------------------------------
# Publishing and API
# ---------------------------------------------------------------------------

_RULES_PUBLISHING: dict[str, frozenset[Role]] = {
}



def admin_site_allowed(user: Viewer) -> bool:
    """The Django admin is the operator's alone."""
    return bool(user.is_active and user.is_superuser)


# ---------------------------------------------------------------------------
# Imports
# ---------------------------------------------------------------------------


def import_batch_for(user: Viewer, forum: Forum, pk: int, kind: str, action: str):
    from kerekasztal.core.models import ImportBatch

    require(user, action, forum)
    try:
        return ImportBatch.objects.get(pk=pk, forum=forum, kind=kind)
    except ImportBatch.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Reliability and data protection
# ---------------------------------------------------------------------------

def requires_second_factor(user: Viewer) -> bool:
    """Coordinators (of any forum) and operators log in with a one-time code too."""
    from django.conf import settings

    from kerekasztal.forums.models import AccessRole, ForumAccess

    if not settings.KEREKASZTAL_REQUIRE_2FA or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or ForumAccess.objects.filter(
        user=user, role=AccessRole.COORDINATOR
    ).exists()


_RULES_RELIABILITY: dict[str, frozenset[Role]] = {
    "activity.view": frozenset({COORDINATOR, AUDITOR}),
    "privacy.person.export": frozenset({COORDINATOR}),
    "privacy.person.erase": frozenset({COORDINATOR}),
}


# ---------------------------------------------------------------------------
# All the rules
# ---------------------------------------------------------------------------

RULES.update({
    **_RULES_FORUMS, **_RULES_DIRECTORY, **_RULES_MEETINGS, **_RULES_EVENTS,
    **_RULES_AGREEMENTS, **_RULES_PLANS, **_RULES_SERVICEMAP, **_RULES_PROJECTS,
    **_RULES_PUBLISHING, **_RULES_RELIABILITY,
})
