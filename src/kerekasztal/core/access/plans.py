"""Access rules: Plans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kerekasztal.core.access.roles import (
    ANY_ROLE,
    AUDITOR,
    COORDINATOR,
    MEMBER,
    SETTLEMENT_OFFICER,
    Role,
    _scoped_get,
    can,
    require,
    roles_in,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_PLANS: dict[str, frozenset[Role]] = {
    # Members read drafts to comment on them; the public sees adopted plans only.
    "plans.view": ANY_ROLE,
    # Coordinators create and adopt plans, roll settlements up and decide on comments.
    "plans.manage": frozenset({COORDINATOR}),
    # Settlement officers edit their own settlement's HEP only (see plan_for).
    "plans.edit": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    # A settlement's HEP officer submits their settlement's HEP for adoption and records its
    # two-yearly review (see _plan_writable); coordinators do both for every plan.
    "plans.submit": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "plans.review": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "plans.comment": frozenset({COORDINATOR, SETTLEMENT_OFFICER, MEMBER}),
    # Members report on measures their organisation is responsible for (see measure_for).
    "plans.progress": frozenset({COORDINATOR, SETTLEMENT_OFFICER, MEMBER}),
    # Linking a problem's evidence (meetings, events, statistics: core/records/links.py).
    "plans.link": frozenset({COORDINATOR}),
    # Files proving progress (scanned minutes, attendance sheets) may hold personal data:
    # coordinators, auditors, and those who may report on the measure (progress_evidence_for).
    "plans.progress.evidence": frozenset({COORDINATOR, AUDITOR, SETTLEMENT_OFFICER, MEMBER}),
}


# What a settlement officer may do on their own settlement's HEP.
_OFFICER_ACTIONS = ("plans.edit", "plans.progress", "plans.submit", "plans.review")
# Actions checked against the plan itself (not only the forum) in plan_for.
_PLAN_ACTIONS = ("plans.edit", "plans.manage", "plans.submit", "plans.review")


def hep_desk_settlements(user: Viewer, forum: Forum) -> tuple[bool, frozenset[int] | None]:
    """Whose submitted or returned HEPs wait on the viewer's workspace desk: (has a desk,
    the settlements it covers). A coordinator's desk covers every settlement (None), a
    settlement officer's their own settlements; other roles have none."""
    roles = roles_in(user, forum)
    if can(user, "plans.manage", forum):
        return True, None
    if SETTLEMENT_OFFICER in roles:
        return True, frozenset(roles.settlement_ids)
    return False, frozenset()


def _plan_writable(user: Viewer, forum: Forum, plan, action: str) -> bool:
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return True
    if action in _OFFICER_ACTIONS and SETTLEMENT_OFFICER in roles:
        return plan.scope == "settlement" and plan.settlement_id in roles.settlement_ids
    return False


def plan_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A plan of the forum; settlement officers edit only their settlement's HEP."""
    from kerekasztal.plans.models import Plan

    plan = _scoped_get(Plan.objects.select_related("settlement", "district", "county"), user, forum,
                       action, pk=pk, forum=forum)
    if action in _PLAN_ACTIONS and not _plan_writable(user, forum, plan, action):
        raise PermissionDenied
    return plan


def can_edit_plan(user: Viewer, forum: Forum, plan) -> bool:
    return can(user, "plans.edit", forum) and _plan_writable(user, forum, plan, "plans.edit")


def can_submit_plan(user: Viewer, forum: Forum, plan) -> bool:
    """The settlement's HEP officer (or a coordinator) may submit a draft HEP for adoption."""
    return (plan.scope == "settlement" and can(user, "plans.submit", forum)
            and _plan_writable(user, forum, plan, "plans.submit"))


def can_review_plan(user: Viewer, forum: Forum, plan) -> bool:
    """Coordinators, and the settlement's HEP officer for their HEP, record reviews."""
    return can(user, "plans.review", forum) and _plan_writable(user, forum, plan,
                                                                "plans.review")


def can_report_progress(user: Viewer, forum: Forum, measure) -> bool:
    if not can(user, "plans.progress", forum):
        return False
    if _plan_writable(user, forum, measure.plan, "plans.progress"):
        return True
    organisation_id = measure.responsible_organisation_id
    return bool(organisation_id and organisation_id in roles_in(user, forum).organisation_ids)


def plan_child_for(user: Viewer, forum: Forum, plan, model, pk: int, action: str):
    """A record of a plan (measure, problem, statistic, comment, review) by its pk."""
    return get_object_or_404(model, pk=pk, plan=plan)


def measure_for(user: Viewer, forum: Forum, plan, pk: int, action: str):
    """A measure of the plan; for progress, only who may report on it."""
    from kerekasztal.plans.models import Measure

    measure = get_object_or_404(
        Measure.objects.select_related("plan", "target_group", "responsible_organisation"), pk=pk,
        plan=plan)
    if action == "plans.progress" and not can_report_progress(user, forum, measure):
        raise PermissionDenied
    return measure


def progress_evidence_for(user: Viewer, forum: Forum, plan, measure_pk: int, pk: int):
    """A progress report with an evidence file, for coordinators, auditors and who may report
    on the measure (its settlement's HEP officer, its responsible organisation's people)."""
    from kerekasztal.plans.models import Progress

    require(user, "plans.progress.evidence", forum)
    measure = measure_for(user, forum, plan, measure_pk, "plans.view")
    progress = get_object_or_404(Progress, pk=pk, measure=measure)
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

    return get_object_or_404(Plan.objects.select_related("settlement", "district", "county"), pk=pk,
                             forum=forum, status__in=PUBLIC_STATUSES)
