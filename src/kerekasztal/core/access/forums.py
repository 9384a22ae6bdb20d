"""Access rules: Forums."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kerekasztal.core.access.roles import ANY_ROLE, AUDITOR, COORDINATOR, _scoped_get, require

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum, Membership

    Viewer = User | AnonymousUser

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

    return get_object_or_404(
        Forum.objects.select_related("district__county", "county", "lead_organisation", "parent"),
        slug=slug)


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

    return _scoped_get(Membership.objects.select_related("organisation"), user, forum, action,
                       pk=pk, forum=forum)


def grant_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.forums.models import ForumAccess

    return _scoped_get(ForumAccess.objects.select_related("user"), user, forum, action, pk=pk,
                       forum=forum)


def account_invitation_for(user: Viewer, token: str):
    """An open invitation by its mailed token, only for the account it was sent to: anyone
    else (another account, a wrong or used token) gets 404, learning nothing."""
    from kerekasztal.forums.models import AccountInvitation
    from kerekasztal.forums.services import invitation_token_hash

    if not user.is_authenticated:
        raise Http404
    invitation = (AccountInvitation.objects.select_related("forum", "person", "settlement",
                                                           "invited_by")
                  .filter(token_hash=invitation_token_hash(token), user=user).first())
    if invitation is None or not invitation.is_open or invitation.expires_at() < timezone.now():
        raise Http404
    return invitation
