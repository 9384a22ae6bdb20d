"""Writes to forums, memberships and role grants."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kerekasztal.core import access
from kerekasztal.core.history import set_history_user
from kerekasztal.core.models import User
from kerekasztal.core.services import user_invite
from kerekasztal.directory import services as directory_services
from kerekasztal.directory.models import Organisation, OrganisationKind, Person
from kerekasztal.territory.models import Settlement

from .models import AccessRole, Forum, ForumAccess, Membership, MembershipRole

FORUM_FIELDS = (
    "name", "slug", "kind", "parent", "district", "county", "founded_on", "description",
    "contact_name", "contact_email", "contact_phone", "contact_address", "lead_organisation",
)


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "forum"
    slug, n = base, 2
    while Forum.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug



@transaction.atomic
def forum_create(
    *,
    creator: User,
    lead_organisation_name: str = "",
    lead_organisation_kind: str = OrganisationKind.LOCAL_GOVERNMENT,
    **data: Any,
) -> Forum:
    """A new forum; its creator becomes its coordinator, the lead organisation its first
    directory entry."""
    if set(data) - set(FORUM_FIELDS):
        raise TypeError(f"unknown forum fields: {sorted(set(data) - set(FORUM_FIELDS))}")
    forum = Forum(**data)
    if forum.parent is not None:
        forum.district_id, forum.county_id = forum.parent.district_id, forum.parent.county_id
    if forum.district is not None and not forum.county_id:
        forum.county_id = forum.district.county_id
    if not forum.slug:
        forum.slug = unique_slug(forum.name)
    forum.full_clean()
    set_history_user(forum, creator)
    forum.save()
    if lead_organisation_name.strip():
        lead = directory_services.organisation_create(
            forum=forum, user=creator, name=lead_organisation_name, kind=lead_organisation_kind,
            seat=_lead_seat(forum),
        )
        forum.lead_organisation = lead
        forum.save(update_fields=["lead_organisation"])
    grant = ForumAccess(forum=forum, user=creator, role=AccessRole.COORDINATOR)
    grant.full_clean()
    grant.save()
    access.forget_roles(creator)
    return forum


def _lead_seat(forum: Forum) -> Settlement | None:
    territory = forum.settlements()
    return (
        territory.filter(is_district_seat=True).first()
        or territory.filter(is_county_seat=True).first()
    )


@transaction.atomic
def forum_update(*, forum: Forum, user: User | None = None, **data: Any) -> Forum:
    if set(data) - set(FORUM_FIELDS):
        raise TypeError(f"unknown forum fields: {sorted(set(data) - set(FORUM_FIELDS))}")
    for name, value in data.items():
        setattr(forum, name, value)
    lead = forum.lead_organisation
    if lead is not None and lead.forum_id != forum.root.pk:
        raise ValidationError({"lead_organisation": _("A szervezet nem ennek a fórumnak a "
                                                      "címtárában van.")})
    forum.full_clean()
    set_history_user(forum, user)
    forum.save(update_fields=list(data))
    return forum


# --- memberships -------------------------------------------------------------------------


def _check_membership(membership: Membership) -> None:
    if membership.organisation.forum_id != membership.forum.root.pk:
        raise ValidationError({"organisation": _("A szervezet nem ennek a fórumnak a "
                                                 "címtárában van.")})
    overlapping = Membership.objects.filter(
        forum=membership.forum, organisation=membership.organisation
    ).exclude(pk=membership.pk)
    if membership.until:
        overlapping = overlapping.filter(since__lte=membership.until)
    overlapping = overlapping.filter(Q(until__isnull=True) | Q(until__gte=membership.since))
    if overlapping.exists():
        raise ValidationError({"since": _("A szervezet ebben az időszakban már tag; egy "
                                          "szervezetnek egyszerre egy tagsága lehet.")})


def _check_representatives(membership: Membership, representatives: list[Person]) -> None:
    for person in representatives:
        if person.forum_id != membership.forum.root.pk:
            raise ValidationError({"representatives": _("A képviselő nem ennek a fórumnak a "
                                                        "címtárában van.")})


@transaction.atomic
def membership_add(
    *,
    forum: Forum,
    organisation: Organisation,
    since: datetime.date,
    role: str = MembershipRole.MEMBER,
    representatives: list[Person] | tuple[Person, ...] = (),
    accession_declaration: Any = None,
    user: User | None = None,
) -> Membership:
    membership = Membership(forum=forum, organisation=organisation, since=since, role=role)
    if accession_declaration:
        membership.accession_declaration = accession_declaration
    membership.full_clean()
    _check_membership(membership)
    _check_representatives(membership, list(representatives))
    set_history_user(membership, user)
    membership.save()
    membership.representatives.set(representatives)
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    representatives: list[Person] | None = None,
    user: User | None = None,
    **data: Any,
) -> Membership:
    allowed = {"role", "since", "until", "leaving_reason", "accession_declaration"}
    if set(data) - allowed:
        raise TypeError(f"unknown membership fields: {sorted(set(data) - allowed)}")
    for name, value in data.items():
        if name == "accession_declaration" and not value:
            continue  # keep the stored file unless a new one is uploaded
        setattr(membership, name, value)
    membership.full_clean()
    _check_membership(membership)
    set_history_user(membership, user)
    membership.save()
    if representatives is not None:
        _check_representatives(membership, representatives)
        membership.representatives.set(representatives)
    return membership


@transaction.atomic
def membership_end(
    *, membership: Membership, until: datetime.date, reason: str, user: User | None = None
) -> Membership:
    if until < membership.since:
        raise ValidationError({"until": _("A tagság vége nem lehet korábbi a kezdeténél.")})
    membership.until = until
    membership.leaving_reason = reason
    membership.full_clean()
    set_history_user(membership, user)
    membership.save(update_fields=["until", "leaving_reason"])
    return membership


# --- role grants -------------------------------------------------------------------------


@transaction.atomic
def access_grant(
    *,
    forum: Forum,
    email: str,
    full_name: str,
    role: str,
    settlement: Settlement | None = None,
    granted_by: User,
) -> ForumAccess:
    user = user_invite(email=email, full_name=full_name, invited_by=granted_by,
                       forum_name=forum.name)
    grant = ForumAccess(forum=forum, user=user, role=role, settlement=settlement)
    grant.full_clean()
    set_history_user(grant, granted_by)
    grant.save()
    access.forget_roles(user)
    return grant


@transaction.atomic
def access_revoke(*, grant: ForumAccess, revoked_by: User) -> None:
    if grant.role == AccessRole.COORDINATOR:
        others = ForumAccess.objects.filter(
            forum=grant.forum, role=AccessRole.COORDINATOR
        ).exclude(pk=grant.pk)
        if not others.exists():
            raise ValidationError(_("A fórumnak legalább egy koordinátora kell legyen."))
    set_history_user(grant, revoked_by)
    grant.delete()
    access.forget_roles(grant.user)
