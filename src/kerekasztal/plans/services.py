"""Writes to plans. Every write is validated and runs in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kerekasztal.core.mail.services import send_templated
from kerekasztal.core.models import TargetGroup, User
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.records.links import link_create
from kerekasztal.core.tasks import enqueue
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory.models import Organisation
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import County, District, Settlement

from .models import (
    CHAPTER_ORDER,
    TRANSITIONS,
    Chapter,
    Comment,
    CommentDecision,
    Measure,
    MeasureStatus,
    Plan,
    PlanReview,
    PlanStatus,
    Problem,
    Progress,
    Statistic,
    StatisticValue,
    forum_territory,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

class PlanEditFields(TypedDict, total=False):
    """What may change on a plan once it exists."""

    title: str
    period_start: int
    period_end: int
    summary: str


class PlanFields(PlanEditFields, total=False):
    """What the services may set on a new plan: also its scope and territory."""

    scope: str
    settlement: Settlement | None
    district: District | None
    county: County | None


class ChapterFields(TypedDict, total=False):
    """What the services may set on a chapter."""

    text: str
    problems_found: str
    opportunities: str


class ProblemFields(TypedDict, total=False):
    """What the services may set on a problem."""

    target_group: TargetGroup
    title: str
    description: str
    baseline: str


class MeasureFields(TypedDict, total=False):
    """What the services may set on a measure."""

    number: int
    title: str
    target_group: TargetGroup
    goal_short: str
    goal_medium: str
    goal_long: str
    content: str
    responsible_organisation: Organisation | None
    responsible: str
    responsible_person: str
    partners: str
    deadline: datetime.date | None
    deadline_note: str
    indicator_name: str
    indicator_baseline: str
    indicator_target: str
    indicator_source: str
    documentation: str
    risks: str
    resources_human: str
    resources_financial: str
    resources_technical: str
    sustainability: str
    strategy_fit: str
    weight: int


PLAN_FIELDS = field_names(PlanFields)
MEASURE_FIELDS = field_names(MeasureFields)
PROBLEM_FIELDS = field_names(ProblemFields)
CHAPTER_FIELDS = field_names(ChapterFields)


def _save(instance: Any, user: User | None, fields: list[str] | None = None) -> None:
    instance.full_clean()
    set_history_user(instance, user)
    instance.save(update_fields=fields)
    _prepare_pdf(instance)


def _prepare_pdf(instance: Any) -> None:
    """After the change commits, compile the plan's new PDF in the background if it was
    printed before (documents/stored.py), so its next download is the stored file."""
    from .documents import prepare_plan_pdf

    plan_id: int | None
    if isinstance(instance, Plan):
        plan_id = instance.pk
    elif isinstance(instance, Progress):
        plan_id = instance.measure.plan_id
    elif isinstance(instance, StatisticValue):
        plan_id = instance.statistic.plan_id
    else:
        plan_id = getattr(instance, "plan_id", None)
    if not plan_id or any(getattr(entry[1], "plan_pdf_id", None) == plan_id
                          for entry in connection.run_on_commit):
        return  # one task per plan and transaction (an import saves 300 measures)

    def prepare() -> None:
        enqueue(prepare_plan_pdf, plan_id)

    prepare.plan_pdf_id = plan_id  # type: ignore[attr-defined]
    transaction.on_commit(prepare)


def _assign(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(_("Az elfogadott program nem módosítható; a módosításhoz "
                                "indítson felülvizsgálatot."))


# --- plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, forum: Forum, user: User | None = None, **data: Unpack[PlanFields]) -> Plan:
    plan = Plan(forum=forum)
    _assign(plan, data, PLAN_FIELDS)
    if plan.scope != "settlement":
        plan.settlement = None
    territory = forum_territory(forum, plan.scope)
    if plan.scope == "district" and not plan.district_id:
        plan.district_id = territory["district_id"]
    if plan.scope == "county" and not plan.county_id:
        plan.county_id = territory["county_id"]
    _save(plan, user)
    Chapter.objects.bulk_create([Chapter(plan=plan, kind=kind) for kind in CHAPTER_ORDER])
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user: User | None = None, **data: Unpack[PlanEditFields]) -> Plan:
    _require_editable(plan)
    _assign(plan, data, field_names(PlanEditFields))
    _save(plan, user, [*data.keys(), "updated_at"])
    return plan


def adoption_problems(plan: Plan) -> list[str]:
    """Why the plan cannot be adopted yet (empty when it can)."""
    problems = []
    missing = [m for m in plan.measures.all() if not m.has_responsible]
    if missing:
        numbers = ", ".join(str(m.number) for m in missing[:20])
        problems.append(_("Felelős nélküli intézkedések: %s. Felelős nélkül a program nem "
                          "fogadható el.") % numbers)
    return problems


def not_in_future(day: datetime.date | None, field: str, message: StrOrPromise) -> None:
    """Adoption and review are things that happened: their date cannot be in the future."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


ADOPTED_IN_FUTURE = gettext_lazy(
    "Az elfogadás napja nem lehet a jövőben: a már meghozott határozat napját adja meg.")
REVIEWED_IN_FUTURE = gettext_lazy(
    "A felülvizsgálat napja nem lehet a jövőben: a már megtörtént felülvizsgálat napját adja "
    "meg.")


@transaction.atomic
def plan_submit(*, plan: Plan, user: User | None = None) -> Plan:
    """The HEP officer hands the settlement's draft HEP over for adoption; the forum's
    coordinators are told by mail."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("forum", "settlement").get(
        pk=plan.pk)
    if plan.scope != "settlement":
        raise ValidationError(_("Csak települési HEP nyújtható be."))
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Csak tervezet nyújtható be; a program állapota: %s.")
                              % plan.get_status_display())
    plan.status, plan.submitted_at = PlanStatus.SUBMITTED, timezone.now()
    plan.returned_at, plan.return_note = None, ""
    _save(plan, user, ["status", "submitted_at", "returned_at", "return_note", "updated_at"])
    _notify_coordinators(plan, user)
    return plan


def _emails(plan: Plan, role: str, **access_filter: Any) -> list[str]:
    from kerekasztal.forums.models import ForumAccess

    return sorted(set(ForumAccess.objects.filter(
        forum=plan.forum, role=role, user__is_active=True, **access_filter,
    ).exclude(user__email="").values_list("user__email", flat=True)))


def officer_emails(plan: Plan) -> list[str]:
    """The addresses of the active HEP officers of the plan's settlement (none for a
    district or county plan)."""
    from kerekasztal.forums.models import AccessRole

    if plan.settlement_id is None:
        return []
    return _emails(plan, AccessRole.SETTLEMENT_OFFICER, settlement_id=plan.settlement_id)


def _notify(plan: Plan, emails: list[str], *, subject: str, template: str,
            context: dict[str, Any]) -> None:
    """Mail the plan's news (a task per message, core/mail)."""
    if emails:
        send_templated(to=emails, subject=subject, template=template, context={
            "plan": plan, **context, "url": settings.SITE_URL + reverse(
                "plans:plan_detail", kwargs={"forum": plan.forum.slug, "pk": plan.pk})})


def _notify_coordinators(plan: Plan, user: User | None) -> None:
    from kerekasztal.forums.models import AccessRole

    with translation.override("hu"):
        subject = _("Benyújtott HEP: %s") % plan.title
    _notify(plan, _emails(plan, AccessRole.COORDINATOR), subject=subject,
            template="plans/email/submitted.txt", context={"submitter": user})


def _notify_officers(plan: Plan, user: User | None) -> None:
    """The settlement's HEP officers learn what the coordinator decided on their submitted
    HEP (returned for revision with the reason, or put forward / adopted)."""
    with translation.override("hu"):
        subject = _("A benyújtott HEP új állapota (%(status)s): %(title)s") % {
            "status": plan.get_status_display(), "title": plan.title}
    _notify(plan, officer_emails(plan), subject=subject, template="plans/email/decided.txt",
            context={"decider": user})


def _supersede_older(plan: Plan, user: User | None) -> list[Plan]:
    """Adopting a newer programme of the same territory puts the older one out of force."""
    same_territory = {"settlement_id": plan.settlement_id, "district_id": plan.district_id,
                      "county_id": plan.county_id}
    older = Plan.objects.select_for_update(of=("self",)).order_by("pk").filter(
        forum_id=plan.forum_id, scope=plan.scope, **same_territory,
        status__in=(PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW),
        period_start__lte=plan.period_start,
    ).exclude(pk=plan.pk)
    superseded = []
    for other in older:
        if other.period_start == plan.period_start and other.adopted_on and plan.adopted_on \
                and other.adopted_on > plan.adopted_on:
            continue
        other.status, other.superseded_by = PlanStatus.SUPERSEDED, plan
        _save(other, user, ["status", "superseded_by", "updated_at"])
        superseded.append(other)
    return superseded


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str, user: User | None = None,
                    resolution_number: str = "", adopted_on: datetime.date | None = None,
                    note: str = "") -> Plan:
    """The coordinator moves the plan on; a submitted HEP returned to draft keeps the reason
    (`note`) for its officers, who are told by mail of any decision on their submission."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("forum").get(pk=plan.pk)
    was_submitted = plan.status == PlanStatus.SUBMITTED
    if status not in TRANSITIONS.get(plan.status, ()):
        raise ValidationError(
            _("A program „%(old)s” állapotból nem tehető „%(new)s” állapotba.") % {
                "old": plan.get_status_display(), "new": PlanStatus(status).label})
    fields = ["status", "updated_at"]
    if status == PlanStatus.ADOPTED:
        errors = adoption_problems(plan)
        if errors:
            raise ValidationError(errors)
        not_in_future(adopted_on, "adopted_on", ADOPTED_IN_FUTURE)
        if resolution_number or adopted_on:
            plan.resolution_number, plan.adopted_on = resolution_number.strip(), adopted_on
            fields += ["resolution_number", "adopted_on"]
    if was_submitted and status == PlanStatus.DRAFT:
        plan.returned_at, plan.return_note = timezone.now(), note.strip()
        fields += ["returned_at", "return_note"]
    plan.status = status
    _save(plan, user, fields)
    if status == PlanStatus.ADOPTED:
        _supersede_older(plan, user)
    if was_submitted:
        _notify_officers(plan, user)
    return plan


@transaction.atomic
def plan_record_review(*, plan: Plan, reviewed_on: datetime.date, outcome: str,
                       resolution_number: str = "", note: str = "",
                       user: User | None = None) -> PlanReview:
    """The two-yearly review; "reviewed, unchanged" keeps the plan adopted."""
    if plan.status not in (PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW):
        raise ValidationError(_("Csak elfogadott program vizsgálható felül."))
    not_in_future(reviewed_on, "reviewed_on", REVIEWED_IN_FUTURE)
    if plan.adopted_on and reviewed_on < plan.adopted_on:
        raise ValidationError({"reviewed_on": _("A felülvizsgálat nem lehet az elfogadás "
                                                "előtt.")})
    review = PlanReview(plan=plan, reviewed_on=reviewed_on, outcome=outcome,
                        resolution_number=resolution_number, note=note)
    _save(review, user)
    if outcome in ("unchanged", "amended") and plan.status == PlanStatus.UNDER_REVIEW:
        plan.status = PlanStatus.ADOPTED
        _save(plan, user, ["status", "updated_at"])
    return review


# --- situation analysis ------------------------------------------------------------------


@transaction.atomic
def chapter_update(
    *, chapter: Chapter, user: User | None = None, **data: Unpack[ChapterFields],
) -> Chapter:
    _require_editable(chapter.plan)
    _assign(chapter, data, CHAPTER_FIELDS)
    _save(chapter, user, [*data.keys(), "updated_at"])
    return chapter


@transaction.atomic
def statistic_create(*, plan: Plan, chapter: str, name: str, unit: str = "fő",
                     source: str = "", user: User | None = None) -> Statistic:
    order = (plan.statistics.filter(chapter=chapter).aggregate(n=Max("order"))["n"] or 0) + 1
    statistic = Statistic(plan=plan, chapter=chapter, name=name.strip(), unit=unit.strip(),
                          source=source.strip(), order=order)
    _save(statistic, user)
    return statistic


@transaction.atomic
def statistic_set_value(*, statistic: Statistic, settlement: Any, year: int,
                        value: Decimal) -> StatisticValue:
    """Set (insert or replace) one figure of a statistical table."""
    record = StatisticValue.objects.filter(statistic=statistic, settlement=settlement,
                                           year=year).first()
    if record is None:
        record = StatisticValue(statistic=statistic, settlement=settlement, year=year)
    record.value = value
    record.full_clean(validate_constraints=False)
    record.save()
    return record


@transaction.atomic
def statistic_set_values(*, statistic: Statistic, values: dict[tuple[Any, int], Any],
                         user: User | None = None) -> int:
    """Set a whole statistical table at once: {(settlement, year): value}; a value of None
    clears the cell. Returns the number of cells changed."""
    _require_editable(statistic.plan)
    allowed = set(statistic.plan.settlements().values_list("pk", flat=True))
    existing = {(v.settlement_id, v.year): v for v in statistic.values.all()}
    changed = 0
    for (settlement, year), value in values.items():
        if settlement.pk not in allowed:
            raise ValidationError(_("A település nem a program területén van."))
        record = existing.get((settlement.pk, year))
        if value is None:
            if record is not None:
                record.delete()
                changed += 1
            continue
        if record is not None and record.value == value:
            continue
        if record is None:
            record = StatisticValue(statistic=statistic, settlement=settlement, year=year)
        record.value = value
        record.full_clean(validate_constraints=False)
        set_history_user(record, user)
        record.save()
        changed += 1
    return changed


POPULATION_NAME = "Lakónépesség"
POPULATION_SOURCE = "KSH Helységnévtár 2024"
POPULATION_YEAR = 2024


@transaction.atomic
def statistic_add_population(*, plan: Plan, user: User | None = None) -> Statistic:
    """The territory's resident population from the reference data, as the base table of
    the strategic-context chapter (idempotent)."""
    statistic = plan.statistics.filter(chapter="strategy", name=POPULATION_NAME).first()
    if statistic is None:
        statistic = statistic_create(plan=plan, chapter="strategy", name=POPULATION_NAME,
                                     unit="fő", source=POPULATION_SOURCE, user=user)
    existing = set(statistic.values.filter(year=POPULATION_YEAR).values_list(
        "settlement_id", flat=True))
    StatisticValue.objects.bulk_create([
        StatisticValue(statistic=statistic, settlement=settlement, year=POPULATION_YEAR,
                       value=Decimal(settlement.population))
        for settlement in plan.settlements() if settlement.pk not in existing
    ])
    return statistic


# --- problems and measures -----------------------------------------------------------------


@transaction.atomic
def problem_create(*, plan: Plan, user: User | None = None, sources: Any = (),
                   **data: Unpack[ProblemFields]) -> Problem:
    _require_editable(plan)
    problem = Problem(plan=plan)
    _assign(problem, data, PROBLEM_FIELDS)
    _save(problem, user)
    if sources:
        problem.sources.set(sources)
    return problem


@transaction.atomic
def problem_update(
    *, problem: Problem, user: User | None = None, **data: Unpack[ProblemFields],
) -> Problem:
    _require_editable(problem.plan)
    _assign(problem, data, PROBLEM_FIELDS)
    _save(problem, user, list(data.keys()))
    return problem


@transaction.atomic
def problem_add_evidence(*, problem: Problem, target: Any, note: str = "",
                         user: User | None = None):
    """Link the evidence behind a problem: a statistic, a session, an event, a service gap."""
    return link_create(source=problem, target=target, kind="evidence", note=note, user=user)


def next_measure_number(plan: Plan) -> int:
    return (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1


def _check_problems(plan: Plan, problems: Any) -> None:
    if any(problem.plan_id != plan.pk for problem in problems):
        raise ValidationError({"problems": _("Csak a program saját problémái választhatók.")})


@transaction.atomic
def measure_create(*, plan: Plan, user: User | None = None, problems: Any = (),
                   sources: Any = (), **data: Unpack[MeasureFields]) -> Measure:
    _require_editable(plan)
    measure = Measure(plan=plan)
    data.setdefault("number", next_measure_number(plan))
    _assign(measure, data, MEASURE_FIELDS)
    _check_problems(plan, problems)
    _save(measure, user)
    if problems:
        measure.problems.set(problems)
    if sources:
        measure.sources.set(sources)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, user: User | None = None, problems: Any = None,
                   **data: Unpack[MeasureFields]) -> Measure:
    _require_editable(measure.plan)
    _assign(measure, data, MEASURE_FIELDS)
    _save(measure, user, [*data.keys(), "updated_at"])
    if problems is not None:
        _check_problems(measure.plan, problems)
        measure.problems.set(problems)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    _require_editable(measure.plan)
    measure.delete()
    _prepare_pdf(measure)


@transaction.atomic
def measure_report_progress(*, measure: Measure, reported_on: datetime.date, status: str,
                            percent: int, narrative: str, evidence: str = "",
                            evidence_file: Any = None, user: User | None = None) -> Progress:
    """A dated report; the latest report sets the measure's status and percent."""
    plan_status = Plan.objects.values_list("status", flat=True).get(pk=measure.plan_id)
    if plan_status not in (PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW):
        raise ValidationError(_("Előrehaladást csak elfogadott program intézkedéséről lehet "
                                "rögzíteni."))
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("A beszámoló dátuma nem lehet a jövőben.")})
    if status == MeasureStatus.DONE and percent != 100:
        raise ValidationError({"percent": _("A megvalósult intézkedés teljesítése 100%.")})
    progress = Progress(measure=measure, reported_on=reported_on, status=status,
                        percent=percent, narrative=narrative.strip(),
                        evidence=evidence.strip(), reported_by=user)
    if evidence_file:
        progress.evidence_file = evidence_file
    _save(progress, user)
    latest = measure.progress.order_by("-reported_on", "-pk").first()
    if latest is not None and (measure.status, measure.percent) != (latest.status,
                                                                      latest.percent):
        measure.status, measure.percent = latest.status, latest.percent
        _save(measure, user, ["status", "percent", "updated_at"])
    return progress


# --- consultation --------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, plan: Plan, author: User, text: str, measure: Measure | None = None,
                chapter: str = "", parent: Comment | None = None) -> Comment:
    if plan.status != PlanStatus.CONSULTATION:
        raise ValidationError(_("Észrevételt csak a véleményezés ideje alatt lehet tenni."))
    if measure is not None and measure.plan_id != plan.pk:
        raise ValidationError(_("Az intézkedés nem ehhez a programhoz tartozik."))
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise ValidationError(_("A megjegyzés nem ehhez a programhoz tartozik."))
        measure, chapter = parent.measure, parent.chapter
    comment = Comment(plan=plan, author=author, text=text.strip(), measure=measure,
                      chapter=chapter, parent=parent)
    _save(comment, author)
    return comment


@transaction.atomic
def comment_decide(*, comment: Comment, decision: str, reason: str,
                   user: User | None = None) -> Comment:
    if decision not in (CommentDecision.ACCEPTED, CommentDecision.REJECTED):
        raise ValidationError({"decision": _("Válassza ki, elfogadja vagy elutasítja.")})
    if decision == CommentDecision.REJECTED and not reason.strip():
        raise ValidationError({"decision_reason": _("Az elutasítást indokolni kell.")})
    comment.decision, comment.decision_reason = decision, reason.strip()
    comment.decided_at = timezone.now()
    _save(comment, user, ["decision", "decision_reason", "decided_at"])
    return comment


# --- roll-up -------------------------------------------------------------------------------


def _refuse_taken_over(plan: Plan, model: Any, sources: list[Any]) -> None:
    if not sources:
        raise ValidationError(_("Nincs kiválasztott forrás."))
    taken = model.objects.filter(plan=plan, sources__in=sources).first()
    if taken is not None:
        raise ValidationError(_("Ezt a csoportot már átvette a programba: „%s”.") % taken.title)


@transaction.atomic
def rollup_adopt_problem(*, plan: Plan, sources: list[Problem], title: str = "",
                         user: User | None = None) -> Problem:
    """Turn a group of settlement problems into one problem of the district / county plan
    (once: a group already taken over is refused)."""
    _refuse_taken_over(plan, Problem, sources)
    first = sources[0]
    settlements = sorted({str(p.plan.territory) for p in sources})
    return problem_create(
        plan=plan, user=user, sources=sources, target_group=first.target_group,
        title=(title or first.title)[:255],
        description=_("Érintett területek (%(n)s): %(names)s.") % {
            "n": len(settlements), "names": ", ".join(settlements)},
        baseline="\n".join(filter(None, (p.baseline for p in sources)))[:5000],
    )


def _carried_responsible(plan: Plan, sources: list[Measure]) -> dict[str, Any]:
    """The responsible parties of the settlement measures, carried over: the organisation
    when they share one of the forum's directory, else their names."""
    organisations = {m.responsible_organisation_id for m in sources}
    data: dict[str, Any] = {}
    if len(organisations) == 1 and None not in organisations:
        organisation = sources[0].responsible_organisation
        if organisation is not None and organisation.forum_id == plan.forum.root.pk:
            data["responsible_organisation"] = organisation
            return data
    names = []
    for measure in sources:
        name = (measure.responsible_organisation.name if measure.responsible_organisation
                else measure.responsible.strip())
        if name and name not in names:
            names.append(name)
    data["responsible"] = "; ".join(names)[:255]
    return data


@transaction.atomic
def rollup_adopt_measure(*, plan: Plan, sources: list[Measure], title: str = "",
                         user: User | None = None) -> Measure:
    """Turn a group of settlement measures into one measure of the district / county plan,
    with their responsible parties, the latest deadline and the plan's problems that were
    taken over from the measures' problems (once: a group already taken over is refused)."""
    _refuse_taken_over(plan, Measure, sources)
    first = sources[0]
    settlements = sorted({str(m.plan.territory) for m in sources})
    deadlines = [m.deadline for m in sources if m.deadline]
    persons = {m.responsible_person for m in sources}
    problems = list(Problem.objects.filter(
        plan=plan, sources__measures__in=sources).distinct().order_by("pk"))
    return measure_create(
        plan=plan, user=user, sources=sources, target_group=first.target_group,
        title=(title or first.title)[:255], content=first.content,
        goal_short=first.goal_short, goal_medium=first.goal_medium, goal_long=first.goal_long,
        partners=_("A települési intézkedések felelősei: %s.") % ", ".join(settlements),
        indicator_name=first.indicator_name, problems=problems,
        deadline=max(deadlines) if deadlines else None, deadline_note=first.deadline_note,
        responsible_person=persons.pop() if len(persons) == 1 else "",
        **_carried_responsible(plan, sources),
    )


def target_group_by_code(code: str) -> TargetGroup:
    return TargetGroup.objects.get(code=code)
