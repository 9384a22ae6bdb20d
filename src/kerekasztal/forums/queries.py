"""Reads of forums and memberships shared by pages and the API."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kerekasztal.directory.models import Person

from .models import AccountInvitation, Forum, ForumAccess, Membership


def membership_list(
    forum: Forum, *, on: datetime.date | None = None, former: bool = False
) -> QuerySet[Membership]:
    """Members on a day (today by default); with `former`, everyone who ever was one."""
    qs = (
        Membership.objects.filter(forum=forum)
        .select_related("organisation__seat")
        .prefetch_related(
            Prefetch("representatives", Person.objects.order_by("name"))
        )
        .order_by("organisation__name", "-since")
    )
    if not former:
        qs = qs.on(on or timezone.localdate())
    return qs


def public_members(forum: Forum) -> QuerySet[Membership]:
    """Member organisations for the public page: names, kinds and roles only."""
    return (
        Membership.objects.on(timezone.localdate())
        .filter(forum=forum)
        .select_related("organisation")
        .only("role", "since", "organisation__name", "organisation__kind", "forum_id")
        .order_by("organisation__name")
    )


def forum_summary(forum: Forum) -> dict[str, int]:
    today = timezone.localdate()
    members = Membership.objects.on(today).filter(forum=forum)
    return {
        "members": members.count(),
        "organisations": forum.root.organisations.filter(archived_at__isnull=True).count(),
        "people": forum.root.people.filter(archived_at__isnull=True).count(),
        "working_groups": forum.working_groups.count(),
    }


def access_grants(forum: Forum) -> QuerySet[ForumAccess]:
    return (
        ForumAccess.objects.filter(forum=forum)
        .select_related("user", "settlement")
        .order_by("role", "user__full_name")
    )


def open_role_invitations(forum: Forum) -> QuerySet[AccountInvitation]:
    """Roles offered to existing accounts and not yet answered: the address typed, never the
    account's name (the owner has not agreed to be seen)."""
    return (
        AccountInvitation.objects.filter(forum=forum, accepted_at=None, declined_at=None)
        .exclude(role="").select_related("settlement").order_by("-created_at")
    )


def forum_list() -> QuerySet[Forum]:
    """Every forum for the platform's front page, with member counts."""
    today = timezone.localdate()
    return (
        Forum.objects.select_related("district", "county", "parent", "lead_organisation")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__since__lte=today)
                & (Q(memberships__until__isnull=True) | Q(memberships__until__gte=today)),
            )
        )
        .order_by("name")
    )
