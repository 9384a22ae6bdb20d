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
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
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

# Closed materials (agenda attachments, attendance, minutes, decisions) are for the forum's
# members (incl. permanent invitees), coordinators and auditors: nobody else.
_MEETING_READERS = frozenset({MEMBER, COORDINATOR, AUDITOR})

_RULES_MEETINGS: dict[str, frozenset[Role]] = {
    "meetings.view": _MEETING_READERS,
    "meetings.manage": frozenset({COORDINATOR}),
    "meetings.rsvp": frozenset({MEMBER}),
    "meetings.comment": frozenset({MEMBER, COORDINATOR}),
}


def meeting_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A meeting of the forum (of this forum only: a working group's are its own)."""
    from kerekasztal.meetings.models import Meeting

    require(user, action, forum)
    try:
        return Meeting.objects.select_related("forum", "venue_settlement").get(
            pk=pk, forum=forum)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def minutes_visible(user: Viewer, forum: Forum, minutes) -> bool:
    """Draft minutes are the coordinators' and auditors'; members see sent and approved ones."""
    from kerekasztal.meetings.models import MinutesStatus

    if minutes is None:
        return False
    return minutes.status != MinutesStatus.DRAFT or bool(
        roles_in(user, forum).roles & {COORDINATOR, AUDITOR})


def public_meeting_for(forum: Forum, pk: int):
    """A meeting the forum publishes (public, not cancelled); anyone may see it."""
    from kerekasztal.meetings.models import Meeting

    try:
        return Meeting.objects.public().select_related("forum", "venue_settlement").get(
            pk=pk, forum=forum)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def agenda_item_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    from kerekasztal.meetings.models import AgendaItem

    require(user, action, forum)
    try:
        return AgendaItem.objects.select_related("meeting__forum").get(
            pk=pk, meeting_id=meeting_pk, meeting__forum=forum)
    except AgendaItem.DoesNotExist as exc:
        raise Http404 from exc


def agenda_attachment_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    from kerekasztal.meetings.models import AgendaAttachment

    require(user, action, forum)
    try:
        return AgendaAttachment.objects.select_related("item__meeting").get(
            pk=pk, item__meeting_id=meeting_pk, item__meeting__forum=forum)
    except AgendaAttachment.DoesNotExist as exc:
        raise Http404 from exc


def invitation_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    """An invitation; members may only answer their own (or their organisation's)."""
    from kerekasztal.meetings.models import Invitation

    require(user, action, forum)
    try:
        invitation = Invitation.objects.select_related("meeting__forum", "person").get(
            pk=pk, meeting_id=meeting_pk, meeting__forum=forum)
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc
    if action == "meetings.rsvp" and (invitation.person is None
                                      or invitation.person.user_id != user.pk):
        raise PermissionDenied
    return invitation


def decision_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.meetings.models import Decision

    require(user, action, forum)
    try:
        return Decision.objects.select_related("meeting", "responsible_organisation").get(
            pk=pk, forum=forum)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


def calendar_forums(user: Viewer) -> list[Forum]:
    """Forums whose closed sessions the user may see in their calendar feed."""
    return [forum for forum in forums_of(user) if can(user, "meetings.view", forum)]


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------

_RULES_EVENTS: dict[str, frozenset[Role]] = {
    # the workspace calendar, members-only events, reports and photos
    "events.view": ANY_ROLE,
    "events.manage": frozenset({COORDINATOR}),
    # participants' personal data: registrations, check-in, certificates
    "events.participants.view": frozenset({COORDINATOR, AUDITOR}),
    # linking a report to the plan problems raised at the event (core/links.py)
    "events.link": frozenset({COORDINATOR}),
    # registering oneself (name and e-mail of one's account) for an event of the forum, e.g.
    # a members-only training; auditors check the events, they do not attend them
    "events.register_self": frozenset({COORDINATOR, MEMBER, SETTLEMENT_OFFICER}),
}


def event_for(user: Viewer, forum: Forum, pk: int, action: str):
    """An event of the forum, for a workspace action."""
    from kerekasztal.events.models import Event

    require(user, action, forum)
    try:
        return Event.objects.select_related("forum", "organiser", "series").get(
            pk=pk, forum=forum)
    except Event.DoesNotExist as exc:
        raise Http404 from exc


def event_public(forum: Forum, pk: int):
    """A public, published (or held) event of the forum; 404 for anything else."""
    from kerekasztal.events.models import Event

    try:
        return Event.objects.public().select_related("forum", "organiser").get(
            pk=pk, forum=forum)
    except Event.DoesNotExist as exc:
        raise Http404 from exc


def event_registration_for(user: Viewer, event, pk: int, action: str):
    from kerekasztal.events.models import Registration

    require(user, action, event.forum)
    try:
        return Registration.objects.get(pk=pk, event=event)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc


def event_photo_for(user: Viewer, event, pk: int, action: str):
    from kerekasztal.events.models import Photo

    require(user, action, event.forum)
    try:
        return Photo.objects.get(pk=pk, event=event)
    except Photo.DoesNotExist as exc:
        raise Http404 from exc


def event_photo_public(forum: Forum, pk: int):
    """A photo the public may see: consent given, the event public and published or held."""
    from kerekasztal.events.models import EventStatus, Photo

    try:
        return Photo.objects.select_related("event").get(
            pk=pk, event__forum=forum, consent=True, event__is_public=True,
            event__published_at__isnull=False, event__status__in=[
                EventStatus.PUBLISHED, EventStatus.HELD])
    except Photo.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

_RULES_AGREEMENTS: dict[str, frozenset[Role]] = {
    # Everyone with a role sees the signed agreements; drafts only coordinators and parties
    # (agreements_visible below narrows every list and page).
    "agreements.view": ANY_ROLE,
    "agreements.manage": frozenset({COORDINATOR}),
    "agreements.templates.manage": frozenset({COORDINATOR}),
    # Signed scans: coordinators, auditors (evidence) and the parties' representatives.
    "agreements.scans.view": frozenset({COORDINATOR, AUDITOR, MEMBER}),
    # Progress notes on commitments: coordinators, and members on their organisation's.
    "agreements.progress": frozenset({COORDINATOR, MEMBER}),
    # Linking a commitment to the plan measure it serves (core/links.py).
    "agreements.link": frozenset({COORDINATOR}),
}


def linked_records_visible(items: list, user: Viewer, forum: Forum) -> list:
    """Linked records (`core.links.LinkedRecord`) the viewer may read in the forum: those of
    apps whose `<app>.view` rule they pass, and agreements' commitments only of agreements
    visible to them (drafts are not)."""
    kept = []
    agreements: set[int] | None = None  # read once, when there is a commitment
    for item in items:
        app_label = item.record._meta.app_label
        action = f"{app_label}.view"
        if action in RULES and not can(user, action, forum):
            continue
        agreement_id = getattr(item.record, "agreement_id", None)
        if app_label == "agreements" and agreement_id is not None:
            if agreements is None:
                agreements = set(agreements_visible(user, forum).values_list("pk", flat=True))
            if agreement_id not in agreements:
                continue
        kept.append(item)
    return kept


def agreements_visible(user: Viewer, forum: Forum):
    """The forum's agreements the user may see: coordinators all; others the signed ones
    and those their organisation is a party to."""
    from django.db.models import Q

    from kerekasztal.agreements.models import Agreement

    roles = roles_in(user, forum)
    qs = Agreement.objects.filter(forum=forum)
    if COORDINATOR in roles:
        return qs
    if not roles:
        return qs.none()
    party_of = Agreement.objects.filter(
        forum=forum, parties__organisation_id__in=roles.organisation_ids
    ).values("pk")
    return qs.filter(Q(signed_on__isnull=False) | Q(pk__in=party_of))


def agreement_for(user: Viewer, forum: Forum, pk: int, action: str):
    require(user, action, forum)
    try:
        return agreements_visible(user, forum).get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def agreement_party_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    require(user, action, forum)
    try:
        return agreement.parties.select_related("organisation", "agreement__forum").get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def agreement_commitment_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    require(user, action, forum)
    try:
        return agreement.commitments.select_related("party__organisation", "agreement").get(
            pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def agreement_commitment_progress_for(user: Viewer, forum: Forum, agreement, pk: int):
    """A commitment whose progress the user may report: a coordinator any, a member those of
    their organisation (and those of every party, when their organisation is one)."""
    action = "agreements.progress"
    commitment = agreement_commitment_for(user, forum, agreement, pk, action)
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return commitment
    if commitment.party_id is None:
        if agreement.parties.filter(organisation_id__in=roles.organisation_ids).exists():
            return commitment
    elif commitment.party.organisation_id in roles.organisation_ids:
        return commitment
    raise PermissionDenied


def agreement_signature_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    """A signature (and its scan): a member only of an agreement their organisation signs."""
    from kerekasztal.agreements.models import Signature

    require(user, action, forum)
    roles = roles_in(user, forum)
    try:
        signature = Signature.objects.select_related("party__organisation",
                                                     "party__agreement").get(
            pk=pk, party__agreement=agreement)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    if roles.roles & {COORDINATOR, AUDITOR}:
        return signature
    if not agreement.parties.filter(organisation_id__in=roles.organisation_ids).exists():
        raise PermissionDenied
    return signature


def agreement_template_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.agreements.models import AgreementTemplate

    require(user, action, forum)
    try:
        return AgreementTemplate.objects.get(pk=pk, forum=forum)
    except AgreementTemplate.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------

_RULES_PLANS: dict[str, frozenset[Role]] = {
    # Members read drafts to comment on them; the public sees adopted plans only.
    "plans.view": ANY_ROLE,
    # Coordinators create and adopt plans, roll settlements up and decide on comments.
    "plans.manage": frozenset({COORDINATOR}),
    # Settlement officers edit their own settlement's HEP only (see plan_for).
    "plans.edit": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "plans.comment": frozenset({COORDINATOR, SETTLEMENT_OFFICER, MEMBER}),
    # Members report on measures their organisation is responsible for (see measure_for).
    "plans.progress": frozenset({COORDINATOR, SETTLEMENT_OFFICER, MEMBER}),
    # Linking a problem's evidence (meetings, events, statistics: core/links.py).
    "plans.link": frozenset({COORDINATOR}),
    # Files proving progress (scanned minutes, attendance sheets) may hold personal data:
    # coordinators, auditors, and those who may report on the measure (progress_evidence_for).
    "plans.progress.evidence": frozenset({COORDINATOR, AUDITOR, SETTLEMENT_OFFICER, MEMBER}),
}


def _plan_writable(user: Viewer, forum: Forum, plan, action: str) -> bool:
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return True
    if action in ("plans.edit", "plans.progress") and SETTLEMENT_OFFICER in roles:
        return plan.scope == "settlement" and plan.settlement_id in roles.settlement_ids
    return False


def plan_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A plan of the forum; settlement officers edit only their settlement's HEP."""
    from kerekasztal.plans.models import Plan

    require(user, action, forum)
    try:
        plan = Plan.objects.select_related("settlement", "district", "county").get(
            pk=pk, forum=forum)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    if action in ("plans.edit", "plans.manage") and not _plan_writable(user, forum, plan,
                                                                       action):
        raise PermissionDenied
    return plan


def can_edit_plan(user: Viewer, forum: Forum, plan) -> bool:
    return can(user, "plans.edit", forum) and _plan_writable(user, forum, plan, "plans.edit")


def can_report_progress(user: Viewer, forum: Forum, measure) -> bool:
    if not can(user, "plans.progress", forum):
        return False
    if _plan_writable(user, forum, measure.plan, "plans.progress"):
        return True
    organisation_id = measure.responsible_organisation_id
    return bool(organisation_id and organisation_id in roles_in(user, forum).organisation_ids)


def plan_child_for(user: Viewer, forum: Forum, plan, model, pk: int, action: str):
    """A record of a plan (measure, problem, statistic, comment, review) by its pk."""
    try:
        return model.objects.get(pk=pk, plan=plan)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def measure_for(user: Viewer, forum: Forum, plan, pk: int, action: str):
    """A measure of the plan; for progress, only who may report on it."""
    from kerekasztal.plans.models import Measure

    try:
        measure = Measure.objects.select_related(
            "plan", "target_group", "responsible_organisation").get(pk=pk, plan=plan)
    except Measure.DoesNotExist as exc:
        raise Http404 from exc
    if action == "plans.progress" and not can_report_progress(user, forum, measure):
        raise PermissionDenied
    return measure


def progress_evidence_for(user: Viewer, forum: Forum, plan, measure_pk: int, pk: int):
    """A progress report with an evidence file, for coordinators, auditors and who may report
    on the measure (its settlement's HEP officer, its responsible organisation's people)."""
    from kerekasztal.plans.models import Progress

    require(user, "plans.progress.evidence", forum)
    measure = measure_for(user, forum, plan, measure_pk, "plans.view")
    try:
        progress = Progress.objects.get(pk=pk, measure=measure)
    except Progress.DoesNotExist as exc:
        raise Http404 from exc
    roles = roles_in(user, forum)
    if not (COORDINATOR in roles or AUDITOR in roles
            or can_report_progress(user, forum, measure)):
        raise PermissionDenied
    return progress


def can_download_progress_evidence(user: Viewer, forum: Forum, measure) -> bool:
    roles = roles_in(user, forum)
    return can(user, "plans.progress.evidence", forum) and (
        COORDINATOR in roles or AUDITOR in roles or can_report_progress(user, forum, measure))


def public_plan(forum: Forum, pk: int):
    """An adopted plan on the forum's public site (drafts are not public)."""
    from kerekasztal.plans.models import PUBLIC_STATUSES, Plan

    try:
        return Plan.objects.select_related("settlement", "district", "county").get(
            pk=pk, forum=forum, status__in=PUBLIC_STATUSES)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Service map
# ---------------------------------------------------------------------------

_RULES_SERVICEMAP: dict[str, frozenset[Role]] = {
    "servicemap.view": ANY_ROLE,
    "servicemap.manage": frozenset({COORDINATOR}),
    # Settlement officers for their own settlements only (checked by the helpers below).
    "servicemap.point.edit": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "servicemap.questionnaire": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "servicemap.comment": frozenset({COORDINATOR, MEMBER, SETTLEMENT_OFFICER}),
}


def settlements_editable_by(user: Viewer, forum: Forum) -> frozenset[int] | None:
    """The settlements whose records (HEP, services) the user may create or edit: None means
    every settlement of the forum (coordinators), else a settlement officer's own."""
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return None
    if SETTLEMENT_OFFICER in roles:
        return roles.settlement_ids
    return frozenset()


def _servicemap_settlement_allowed(user: Viewer, forum: Forum, settlement_id: int) -> None:
    allowed = settlements_editable_by(user, forum)
    if allowed is not None and settlement_id not in allowed:
        raise PermissionDenied


def service_type_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.servicemap.models import ServiceType

    require(user, action, forum)
    try:
        return ServiceType.objects.get(pk=pk)
    except ServiceType.DoesNotExist as exc:
        raise Http404 from exc


def service_point_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A service point of the forum; a settlement officer may edit only points seated in
    their settlement."""
    from kerekasztal.servicemap.models import ServicePoint

    require(user, action, forum)
    try:
        point = ServicePoint.objects.select_related("service_type", "settlement").get(
            pk=pk, forum=forum)
    except ServicePoint.DoesNotExist as exc:
        raise Http404 from exc
    if action == "servicemap.point.edit":
        _servicemap_settlement_allowed(user, forum, point.settlement_id)
    return point


def questionnaire_settlement_for(user: Viewer, forum: Forum, settlement_pk: int):
    """A settlement of the forum's territory whose questionnaire the user may fill in."""
    require(user, "servicemap.questionnaire", forum)
    settlement = forum.settlements().filter(pk=settlement_pk).first()
    if settlement is None:
        raise Http404
    _servicemap_settlement_allowed(user, forum, settlement.pk)
    return settlement


def service_gap_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.servicemap.models import Gap

    require(user, action, forum)
    try:
        return Gap.objects.select_related("settlement", "service_type").get(pk=pk, forum=forum)
    except Gap.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------

_RULES_PROJECTS: dict[str, frozenset[Role]] = {
    # Project facts, indicators, drill-downs, deliverables and milestones.
    "project.view": ANY_ROLE,
    # Budget (total cost, assets with prices), staff, evidence files, drafts.
    "project.details.view": frozenset({COORDINATOR, AUDITOR}),
    "project.manage": frozenset({COORDINATOR}),
}


def project_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A project of the forum with every child record prefetched."""
    from kerekasztal.projects.models import Project
    from kerekasztal.projects.queries import project_detail

    require(user, action, forum)
    try:
        return project_detail(forum).get(pk=pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def project_record_for(user: Viewer, forum: Forum, model, pk: int, action: str):
    """A child record of one of the forum's projects (found through its `forum_path`)."""
    require(user, action, forum)
    try:
        return model.objects.get(pk=pk, **{model.forum_path: forum})
    except model.DoesNotExist as exc:
        raise Http404 from exc


def press_release_public(forum: Forum, pk: int):
    """A published press release of the forum's projects (drafts are not public)."""
    from kerekasztal.projects.models import PressRelease

    try:
        return PressRelease.objects.select_related("project__beneficiary").get(
            pk=pk, project__forum=forum, published_at__isnull=False)
    except PressRelease.DoesNotExist as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------
# Publishing and API
# ---------------------------------------------------------------------------

_RULES_PUBLISHING: dict[str, frozenset[Role]] = {
    "publishing.view": frozenset({COORDINATOR, AUDITOR}),
    "publishing.manage": frozenset({COORDINATOR}),
    "api.tokens": ANY_ROLE,
    # The API's write endpoints follow the rules of the records they change
    # (organisations: "directory.manage").
}


def _publishing_get(model, user: Viewer, in_forum: Forum, pk: int, action: str, **scope):
    require(user, action, in_forum)
    try:
        return model.objects.get(pk=pk, **scope)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def post_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Post

    return _publishing_get(Post, user, forum, pk, action, forum=forum)


def document_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Document

    return _publishing_get(Document, user, forum, pk, action, forum=forum)


def album_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Album

    return _publishing_get(Album, user, forum, pk, action, forum=forum)


def photo_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Photo

    return _publishing_get(Photo, user, forum, pk, action, album__forum=forum)


def public_post_file(forum: Forum, post_pk: int, pk: int, what: str):
    """An image or attachment of a post, only while the post is public."""
    from kerekasztal.publishing.models import Post, PostAttachment, PostImage

    model = PostImage if what == "image" else PostAttachment
    try:
        return model.objects.get(pk=pk, post_id=post_pk, post__forum=forum,
                                 post__in=Post.objects.public())
    except model.DoesNotExist as exc:
        raise Http404 from exc


def public_document(forum: Forum, pk: int):
    from kerekasztal.publishing.models import Document

    try:
        return Document.objects.public().get(pk=pk, forum=forum)
    except Document.DoesNotExist as exc:
        raise Http404 from exc


def public_photo(forum: Forum, pk: int):
    from kerekasztal.publishing.models import Photo

    try:
        return Photo.objects.get(pk=pk, album__forum=forum, album__published=True)
    except Photo.DoesNotExist as exc:
        raise Http404 from exc


def api_token_for(user: Viewer, pk: int):
    """One of the user's own API tokens."""
    from kerekasztal.api.models import ApiToken

    if not user.is_authenticated:
        raise PermissionDenied
    try:
        return ApiToken.objects.get(pk=pk, user=user)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc



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
