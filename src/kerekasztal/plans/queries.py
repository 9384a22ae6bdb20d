"""Reads shared by pages, documents and the API, prefetched so that the number of queries
does not grow with the data."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from rapidfuzz import fuzz

from kerekasztal.core.counting import count_of
from kerekasztal.core.models import TARGET_GROUP_LABELS, TargetGroup
from kerekasztal.core.text import fold

from .models import (
    PUBLIC_STATUSES,
    Chapter,
    Comment,
    Measure,
    MeasureStatus,
    Plan,
    PlanStatus,
    Problem,
    Progress,
    Scope,
    Statistic,
    StatisticValue,
)


def plan_list(forum, *, scope: str = "", status: str = "",
              public_only: bool = False) -> QuerySet[Plan]:
    plans = Plan.objects.filter(forum=forum).select_related(
        "settlement", "district", "county").annotate(
        measure_count=count_of(Plan, "measures"), problem_count=count_of(Plan, "problems"))
    if scope:
        plans = plans.filter(scope=scope)
    if status:
        plans = plans.filter(status=status)
    if public_only:
        plans = plans.filter(status__in=PUBLIC_STATUSES)
    return plans.order_by("scope", "settlement__name", "-period_start", "title")


def hep_desk(forum, settlement_ids: Iterable[int] | None = None) -> list[Plan]:
    """The settlements' HEPs waiting on the viewer: for coordinators (`settlement_ids` None)
    those submitted for adoption, oldest first; for a HEP officer their settlements' drafts
    and submitted HEPs (a returned one among them). One query."""
    plans = Plan.objects.filter(forum=forum, scope="settlement").select_related("settlement")
    if settlement_ids is None:
        return list(plans.filter(status=PlanStatus.SUBMITTED).order_by("submitted_at", "pk")[:50])
    return list(plans.filter(settlement_id__in=list(settlement_ids),
                             status__in=(PlanStatus.DRAFT, PlanStatus.SUBMITTED))
                .order_by("-updated_at", "pk")[:50])


def measures_of(plan: Plan) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(plan=plan)
        .select_related("target_group", "responsible_organisation", "plan")
        .prefetch_related(Prefetch("problems", queryset=Problem.objects.only("pk", "title")))
        .order_by("number")
    )


def plan_progress(plan: Plan) -> tuple["ProgressSummary", list["ProgressSummary"]]:
    """`progress_rollup` of every measure of the plan, summed by the database: one grouped
    row per target group and status instead of thousands of measures (the plan pages show
    one page of measures, and the completion of all of them)."""
    rows = (Measure.objects.filter(plan=plan).order_by()
            .values("target_group", "target_group__code", "target_group__name",
                    "target_group__order", "status")
            .annotate(n=Count("pk"), weights=Sum("weight"),
                      weighted=Sum(F("weight") * F("percent"))))
    total = ProgressSummary(label="")
    groups: dict[int, ProgressSummary] = {}
    orders: dict[int, int] = {}
    for row in rows:
        key = row["target_group"]
        group = groups.get(key)
        if group is None:
            # the label as str(TargetGroup) gives it
            group = groups[key] = ProgressSummary(label=str(TARGET_GROUP_LABELS.get(
                row["target_group__code"], row["target_group__name"])))
            orders[key] = row["target_group__order"]
        for summary in (total, group):
            summary.measures += row["n"]
            summary.by_status[row["status"]] = summary.by_status.get(row["status"], 0) + row["n"]
            if row["status"] != MeasureStatus.DROPPED:
                summary.weight += row["weights"] or 0
                summary.weighted += row["weighted"] or 0
    ordered = [groups[key] for key in sorted(groups, key=lambda key: (orders[key], key))]
    return total, ordered


def measures_with_progress(plan: Plan) -> QuerySet[Measure]:
    return measures_of(plan).prefetch_related(
        Prefetch("progress", queryset=Progress.objects.order_by("-reported_on", "-pk")))


def problems_of(plan: Plan) -> QuerySet[Problem]:
    return Problem.objects.filter(plan=plan).select_related("target_group").annotate(
        measure_count=Count("measures")).order_by("target_group__order", "pk")


def chapters_of(plan: Plan) -> list[Chapter]:
    chapters = list(Chapter.objects.filter(plan=plan))
    chapters.sort(key=lambda chapter: chapter.order)
    return chapters


def statistics_of(plan: Plan, chapter: str | None = None) -> list[Statistic]:
    statistics = Statistic.objects.filter(plan=plan).prefetch_related(
        Prefetch("values", queryset=StatisticValue.objects.select_related("settlement")))
    if chapter:
        statistics = statistics.filter(chapter=chapter)
    return list(statistics)


@dataclass
class StatTable:
    """A statistic as a table: settlements as rows, years as columns."""

    statistic: Statistic
    years: list[int]
    rows: list[tuple[str, list[Any]]]


def stat_table(statistic: Statistic) -> StatTable:
    values = list(statistic.values.all())
    years = sorted({value.year for value in values})
    by_settlement: dict[str, dict[int, Any]] = defaultdict(dict)
    for value in values:
        number = value.value
        by_settlement[value.settlement.name][value.year] = (
            int(number) if number == number.to_integral_value() else number)
    rows = [(name, [cells.get(year, "") for year in years])
            for name, cells in sorted(by_settlement.items())]
    return StatTable(statistic, years, rows)


def comments_of(plan: Plan) -> QuerySet[Comment]:
    return Comment.objects.filter(plan=plan).select_related("author", "measure").order_by(
        "created_at", "pk")


def comment_threads(comments: Iterable[Comment]) -> dict[Any, list[tuple[Comment, int]]]:
    """Comments by subject (measure id or chapter code or ""), each thread depth-first, with
    the depth of each comment."""
    comments = list(comments)
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)
    threads: dict[Any, list[tuple[Comment, int]]] = defaultdict(list)

    def walk(comment: Comment, depth: int, key: Any) -> None:
        threads[key].append((comment, depth))
        for reply in children.get(comment.pk, []):
            walk(reply, depth + 1, key)

    for root in children.get(None, []):
        walk(root, 0, root.measure_id or root.chapter or "")
    return threads


# --- progress roll-up ----------------------------------------------------------------------


@dataclass
class ProgressSummary:
    label: str
    measures: int = 0
    weight: int = 0
    weighted: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> Decimal:
        """The weighted mean of the measures' completion, to one decimal rounded half up
        (never truncated); dropped measures do not count."""
        if not self.weight:
            return Decimal(0)
        return (Decimal(self.weighted) / Decimal(self.weight)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)


def progress_rollup(measures: Iterable[Measure]) -> tuple[ProgressSummary,
                                                          list[ProgressSummary]]:
    """The plan's completion and each target group's, weighted by the measures' weight."""
    total = ProgressSummary(label="")
    groups: dict[int, ProgressSummary] = {}
    orders: dict[int, int] = {}
    for measure in measures:
        group = groups.get(measure.target_group_id)
        if group is None:
            group = groups[measure.target_group_id] = ProgressSummary(
                label=str(measure.target_group))
            orders[measure.target_group_id] = measure.target_group.order
        for summary in (total, group):
            summary.measures += 1
            summary.by_status[measure.status] = summary.by_status.get(measure.status, 0) + 1
            if measure.status != MeasureStatus.DROPPED:
                summary.weight += measure.weight
                summary.weighted += measure.weight * measure.percent
    ordered = [groups[key] for key in sorted(groups, key=lambda key: orders[key])]
    return total, ordered


# --- district / county roll-up -------------------------------------------------------------

CHILD_SCOPE: dict[str, Scope] = {Scope.DISTRICT: Scope.SETTLEMENT, Scope.COUNTY: Scope.DISTRICT}
SIMILARITY = 70  # rapidfuzz token_set_ratio from which two titles are "similar"


def child_plan_ids(plan: Plan) -> list[int]:
    """The plans that roll up into `plan`: the settlement HEPs of a district, the district
    plans of a county, one per territory: the programme in force for the plan's period (the
    newest adopted one overlapping it; where none is adopted yet, the newest one in
    preparation). Those of the same forum in any state, others' only when adopted."""
    child = CHILD_SCOPE.get(plan.scope)
    if child is None:
        return []
    plans = Plan.objects.filter(scope=child, period_start__lte=plan.period_end,
                                period_end__gte=plan.period_start).exclude(
        status=PlanStatus.SUPERSEDED)
    area = plan.district_id if child == Scope.SETTLEMENT else plan.county_id
    if area is None:  # a plan without its area has nothing to roll up
        return []
    if child == Scope.SETTLEMENT:
        plans = plans.filter(settlement__district_id=area)
        territory = "settlement_id"
    else:
        plans = plans.filter(district__county_id=area)
        territory = "district_id"
    plans = plans.filter(Q(forum=plan.forum) | Q(status__in=PUBLIC_STATUSES))
    best: dict[int, tuple[tuple, int]] = {}
    for pk, place, status, start, adopted_on in plans.values_list(
            "pk", territory, "status", "period_start", "adopted_on"):
        rank = (status in PUBLIC_STATUSES, start, adopted_on or datetime.date.min, pk)
        if place not in best or rank > best[place][0]:
            best[place] = (rank, pk)
    return sorted(pk for _rank, pk in best.values())


def child_plans(plan: Plan, ids: list[int] | None = None) -> QuerySet[Plan]:
    """The child plans (`child_plan_ids`); pass `ids` to reuse ids already read."""
    if ids is None:
        ids = child_plan_ids(plan)
    return Plan.objects.filter(pk__in=ids).select_related("settlement", "district", "county")


@dataclass
class RollupGroup:
    target_group: TargetGroup
    items: list[Any]
    key: str = ""
    # The records of the plan being built that this group was already taken over into.
    adopted: list[Any] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.items[0].title

    @property
    def territories(self) -> list[str]:
        return sorted({str(item.plan.territory) for item in self.items})

    @property
    def territory_count(self) -> int:
        return len(self.territories)

    @property
    def adopted_into(self) -> list[Any]:
        seen: dict[int, Any] = {}
        for item in self.items:
            for parent in item.rolled_into.all():
                seen[parent.pk] = parent
        return list(seen.values())


def group_similar(items: Iterable[Any], *, threshold: int = SIMILARITY) -> list[RollupGroup]:
    """Group problems or measures with the same target group and similar titles (greedy
    single pass: an item joins the first group whose first item it resembles). Groups are
    ordered by target group, then by how many territories share them."""
    by_group: dict[int, list[tuple[str, list[Any], TargetGroup]]] = defaultdict(list)
    for item in items:
        text = fold(f"{item.title}")
        buckets = by_group[item.target_group_id]
        for bucket_text, bucket, _target_group in buckets:
            if fuzz.token_set_ratio(text, bucket_text) >= threshold:
                bucket.append(item)
                break
        else:
            buckets.append((text, [item], item.target_group))
    groups = [
        RollupGroup(target_group=target_group, items=bucket,
                    key=f"{target_group.code}-{bucket[0].pk}")
        for buckets in by_group.values() for _text, bucket, target_group in buckets
    ]
    groups.sort(key=lambda g: (g.target_group.order, -g.territory_count, g.title))
    return groups


def _mark_adopted(plan: Plan, groups: list[RollupGroup]) -> list[RollupGroup]:
    for group in groups:
        group.adopted = [parent for parent in group.adopted_into if parent.plan_id == plan.pk]
    return groups


def rollup_problems(plan: Plan, ids: list[int] | None = None) -> list[RollupGroup]:
    problems = Problem.objects.filter(plan__in=child_plans(plan, ids)).select_related(
        "target_group", "plan__settlement", "plan__district", "plan__county",
    ).prefetch_related("rolled_into").order_by("pk")
    return _mark_adopted(plan, group_similar(problems))


def rollup_measures(plan: Plan, ids: list[int] | None = None) -> list[RollupGroup]:
    measures = Measure.objects.filter(plan__in=child_plans(plan, ids)).select_related(
        "target_group", "plan__settlement", "plan__district", "plan__county",
    ).prefetch_related("rolled_into").order_by("pk")
    return _mark_adopted(plan, group_similar(measures))


def counts_by_target_group(groups: list[RollupGroup]) -> list[tuple[TargetGroup, int, int]]:
    """(target group, number of groups, number of source records)."""
    counts: dict[int, list[Any]] = {}
    for group in groups:
        entry = counts.setdefault(group.target_group.pk, [group.target_group, 0, 0])
        entry[1] += 1
        entry[2] += len(group.items)
    return [tuple(entry) for entry in counts.values()]  # type: ignore[misc]


def counts_by_territory(plan: Plan, ids: list[int] | None = None
                        ) -> list[tuple[str, int, int, str]]:
    """(territory, problems, measures, status) of each child plan."""
    plans = child_plans(plan, ids).annotate(
        problem_count=count_of(Plan, "problems"), measure_count=count_of(Plan, "measures"))
    rows = [(str(p.territory), p.problem_count, p.measure_count, p.get_status_display())
            for p in plans]
    return sorted(rows)
