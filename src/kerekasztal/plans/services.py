"""Writes to plans. Every write is validated and runs in one transaction."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kerekasztal.core.history import set_history_user
from kerekasztal.core.links import link_create
from kerekasztal.core.models import TargetGroup, User
from kerekasztal.forums.models import Forum

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
)

PLAN_FIELDS = ("scope", "settlement", "district", "county", "title", "period_start",
               "period_end", "summary")
MEASURE_FIELDS = (
    "number", "title", "target_group", "goal_short", "goal_medium", "goal_long", "content",
    "responsible_organisation", "responsible", "responsible_person", "partners", "deadline",
    "deadline_note", "indicator_name", "indicator_baseline", "indicator_target",
    "indicator_source", "documentation", "risks", "resources_human", "resources_financial",
    "resources_technical", "sustainability", "strategy_fit", "weight",
)
PROBLEM_FIELDS = ("target_group", "title", "description", "baseline")
CHAPTER_FIELDS = ("text", "problems_found", "opportunities")


def _save(instance: Any, user: User | None, fields: list[str] | None = None) -> None:
    instance.full_clean()
    set_history_user(instance, user)
    instance.save(update_fields=fields)


def _assign(instance: Any, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
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
def plan_create(*, forum: Forum, user: User | None = None, **data: Any) -> Plan:
    plan = Plan(forum=forum)
    _assign(plan, data, PLAN_FIELDS)
    if plan.scope != "settlement":
        plan.settlement = None
    if plan.scope == "district" and not plan.district_id:
        plan.district_id = forum.district_id
    if plan.scope == "county" and not plan.county_id:
        plan.county_id = forum.county_id or (forum.district.county_id
                                             if forum.district is not None else None)
    _save(plan, user)
    Chapter.objects.bulk_create([Chapter(plan=plan, kind=kind) for kind in CHAPTER_ORDER])
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user: User | None = None, **data: Any) -> Plan:
    _require_editable(plan)
    _assign(plan, data, ("title", "period_start", "period_end", "summary"))
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


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str, user: User | None = None,
                    resolution_number: str = "", adopted_on: datetime.date | None = None
                    ) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in TRANSITIONS.get(plan.status, ()):
        raise ValidationError(
            _("A program „%(old)s” állapotból nem tehető „%(new)s” állapotba.") % {
                "old": plan.get_status_display(), "new": PlanStatus(status).label})
    fields = ["status", "updated_at"]
    if status == PlanStatus.ADOPTED:
        errors = adoption_problems(plan)
        if errors:
            raise ValidationError(errors)
        if resolution_number or adopted_on:
            plan.resolution_number, plan.adopted_on = resolution_number.strip(), adopted_on
            fields += ["resolution_number", "adopted_on"]
    plan.status = status
    _save(plan, user, fields)
    return plan


@transaction.atomic
def plan_record_review(*, plan: Plan, reviewed_on: datetime.date, outcome: str,
                       resolution_number: str = "", note: str = "",
                       user: User | None = None) -> PlanReview:
    """The two-yearly review; "reviewed, unchanged" keeps the plan adopted."""
    if plan.status not in (PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW):
        raise ValidationError(_("Csak elfogadott program vizsgálható felül."))
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
def chapter_update(*, chapter: Chapter, user: User | None = None, **data: Any) -> Chapter:
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
                   **data: Any) -> Problem:
    _require_editable(plan)
    problem = Problem(plan=plan)
    _assign(problem, data, PROBLEM_FIELDS)
    _save(problem, user)
    if sources:
        problem.sources.set(sources)
    return problem


@transaction.atomic
def problem_update(*, problem: Problem, user: User | None = None, **data: Any) -> Problem:
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
                   sources: Any = (), **data: Any) -> Measure:
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
                   **data: Any) -> Measure:
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


@transaction.atomic
def rollup_adopt_problem(*, plan: Plan, sources: list[Problem], title: str = "",
                         user: User | None = None) -> Problem:
    """Turn a group of settlement problems into one problem of the district / county plan."""
    if not sources:
        raise ValidationError(_("Nincs kiválasztott forrás."))
    first = sources[0]
    settlements = sorted({str(p.plan.territory) for p in sources})
    return problem_create(
        plan=plan, user=user, sources=sources, target_group=first.target_group,
        title=(title or first.title)[:255],
        description=_("Érintett területek (%(n)s): %(names)s.") % {
            "n": len(settlements), "names": ", ".join(settlements)},
        baseline="\n".join(filter(None, (p.baseline for p in sources)))[:5000],
    )


@transaction.atomic
def rollup_adopt_measure(*, plan: Plan, sources: list[Measure], title: str = "",
                         user: User | None = None) -> Measure:
    if not sources:
        raise ValidationError(_("Nincs kiválasztott forrás."))
    first = sources[0]
    settlements = sorted({str(m.plan.territory) for m in sources})
    return measure_create(
        plan=plan, user=user, sources=sources, target_group=first.target_group,
        title=(title or first.title)[:255], content=first.content,
        goal_short=first.goal_short, goal_medium=first.goal_medium, goal_long=first.goal_long,
        partners=_("A települési intézkedések felelősei: %s.") % ", ".join(settlements),
        indicator_name=first.indicator_name,
    )


def target_group_by_code(code: str) -> TargetGroup:
    return TargetGroup.objects.get(code=code)
