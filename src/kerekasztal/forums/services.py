"""Writes to forums, memberships and role grants."""

import datetime
import hashlib
import secrets
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kerekasztal.core import access, hungarian
from kerekasztal.core.accounts.services import user_invite
from kerekasztal.core.mail.services import send_templated
from kerekasztal.core.models import User
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory import services as directory_services
from kerekasztal.directory.models import Organisation, OrganisationKind, Person
from kerekasztal.territory.models import County, District, Settlement

from .models import AccessRole, AccountInvitation, Forum, ForumAccess, Membership, MembershipRole


class ForumFields(TypedDict, total=False):
    """What the services may set on a forum."""

    name: str
    slug: str
    kind: str
    parent: Forum | None
    district: District | None
    county: County | None
    founded_on: datetime.date | None
    description: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str
    lead_organisation: Organisation | None


class MembershipFields(TypedDict, total=False):
    """What the services may set on a membership."""

    role: str
    since: datetime.date
    until: datetime.date | None
    leaving_reason: str
    accession_declaration: File


FORUM_FIELDS = field_names(ForumFields)


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
    **data: Unpack[ForumFields],
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
def forum_update(*, forum: Forum, user: User | None = None, **data: Unpack[ForumFields]) -> Forum:
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
    **data: Unpack[MembershipFields],
) -> Membership:
    allowed = set(field_names(MembershipFields))
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
) -> ForumAccess | None:
    """A new address: a new account with the role at once (it sets its password from the
    mail). An existing account: an invitation it must accept first; returns None."""
    ForumAccess(forum=forum, role=role, settlement=settlement).clean()
    user = account_invite(forum=forum, email=email, full_name=full_name, invited_by=granted_by,
                          role=role, settlement=settlement)
    if user is None:
        return None
    return _grant(forum=forum, user=user, role=role, settlement=settlement, granted_by=granted_by)


def _grant(*, forum: Forum, user: User, role: str, settlement: Settlement | None,
           granted_by: User | None) -> ForumAccess:
    existing = ForumAccess.objects.filter(forum=forum, user=user, role=role,
                                          settlement=settlement).first()
    if existing is not None:
        return existing
    grant = ForumAccess(forum=forum, user=user, role=role, settlement=settlement)
    grant.full_clean()
    set_history_user(grant, granted_by)
    grant.save()
    access.forget_roles(user)
    return grant


# --- invitations of existing accounts -----------------------------------------------------


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def account_invite(*, forum: Forum, email: str, full_name: str, invited_by: User,
                   person: Person | None = None, role: str = "",
                   settlement: Settlement | None = None) -> User | None:
    """The account to link now, or None when it must accept first.

    An address without an account gets a new one (and a mail to set its password), linked at
    once: it is this forum's creation. An existing account is another person's: it gets an
    e-mailed invitation, and the link (the person's login, or the role) is made only when
    its owner accepts (`invitation_accept`). The coordinator is told the same in both cases
    and never sees the account's name before acceptance (issue 21).
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        return user_invite(email=email, full_name=full_name, invited_by=invited_by,
                           forum_name=forum.name)
    token = secrets.token_urlsafe(32)
    invitation = AccountInvitation(
        forum=forum, user=existing, email=email, person=person, role=role or "",
        settlement=settlement, token_hash=invitation_token_hash(token), invited_by=invited_by,
    )
    invitation.full_clean()
    invitation.save()
    context = {
        "invitation": invitation, "forum_name": forum.name, "inviter": invited_by.full_name,
        "what": invitation_what(invitation), "site_url": settings.SITE_URL,
        "url": settings.SITE_URL + reverse("forums:invitation", kwargs={"token": token}),
    }
    send_templated(to=[existing.email], subject=_("Meghívó: %s") % forum.name,
                   template="forums/email/account_invitation.txt", context=context)
    return None


def invitation_what(invitation: AccountInvitation) -> str:
    if invitation.person is not None:
        return _("%(name)s kapcsolattartó belépése") % {
            "name": hungarian.with_article(invitation.person.name)}
    role = invitation.get_role_display()
    if invitation.settlement is not None:
        return _("%(role)s szerepkör (%(settlement)s)") % {
            "role": role, "settlement": invitation.settlement.name}
    return _("%(role)s szerepkör") % {"role": role}


@transaction.atomic
def invitation_accept(*, invitation: AccountInvitation, user: User) -> None:
    invitation = AccountInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk or not invitation.is_open:
        raise ValidationError(_("Ez a meghívó már nem érvényes."))
    if invitation.person_id:
        person = Person.objects.select_for_update().get(pk=invitation.person_id)
        if person.user_id not in (None, user.pk):
            raise ValidationError(_("Ezt a kapcsolattartót időközben egy másik fiókhoz "
                                    "kapcsolták; kérjen új meghívót a koordinátortól."))
        if Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise ValidationError(_(
                "A fiókja már egy másik fórum kapcsolattartójához tartozik, és egy fiók csak "
                "egy kapcsolattartóé lehet. Kérje a koordinátort, hogy egy másik "
                "e-mail-címére küldjön meghívót."))
        directory_services.person_link_user(person=person, user=user)
    else:
        _grant(forum=invitation.forum, user=user, role=invitation.role,
               settlement=invitation.settlement, granted_by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])


@transaction.atomic
def invitation_decline(*, invitation: AccountInvitation, user: User) -> None:
    if invitation.user_id != user.pk or not invitation.is_open:
        raise ValidationError(_("Ez a meghívó már nem érvényes."))
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])


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
