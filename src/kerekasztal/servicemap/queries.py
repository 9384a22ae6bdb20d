"""Reads of the service map shared by pages, documents and the API. A fixed number of
queries whatever the number of settlements, types and points."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .coverage import Coverage, Place, Point, Rule, compute
from .models import Gap, GapStatus, Questionnaire, ServicePoint, ServiceRule, ServiceType


def service_types() -> QuerySet[ServiceType]:
    return ServiceType.objects.order_by("order", "name")


def effective_rules(forum: Forum, types: list[ServiceType]) -> dict[int, Rule]:
    """The forum's own rule where it set one, the catalogue's default otherwise."""
    own = {rule.service_type_id: rule for rule in ServiceRule.objects.filter(forum=forum)}
    rules = {}
    for service_type in types:
        source = own.get(service_type.pk, service_type)
        rules[service_type.pk] = Rule(source.required_from_population,
                                      source.local_from_population, source.max_distance_km)
    return rules


def forum_rules(forum: Forum) -> dict[int, ServiceRule]:
    return {rule.service_type_id: rule for rule in ServiceRule.objects.filter(forum=forum)}


def _place(settlement: Settlement) -> Place:
    return Place(settlement.pk, settlement.name, settlement.lat, settlement.lon,
                 settlement.population, settlement.ksh_code)


def point_list(forum: Forum, *, service_type=None, settlement=None, q: str = "",
               active: bool = True) -> QuerySet[ServicePoint]:
    qs = (
        ServicePoint.objects.filter(forum=forum)
        .select_related("service_type", "settlement", "organisation")
        .prefetch_related(Prefetch("served_settlements",
                                   Settlement.objects.order_by("name")))
        .order_by("service_type__order", "settlement__name", "provider_name")
    )
    if active:
        qs = qs.filter(is_active=True)
    if service_type is not None:
        qs = qs.filter(service_type=service_type)
    if settlement is not None:
        qs = qs.filter(Q(settlement=settlement) | Q(served_settlements=settlement)).distinct()
    if q:
        qs = qs.filter(provider_name__icontains=q.strip())
    return qs


def points_as_coverage_input(points) -> list[Point]:
    return [
        Point(p.pk, p.service_type_id, p.provider_name, _place(p.settlement),
              frozenset(s.pk for s in p.served_settlements.all()))
        for p in points
    ]


def _served_ids(point_ids: list[int]) -> dict[int, set[int]]:
    through = ServicePoint.served_settlements.through
    served: dict[int, set[int]] = defaultdict(set)
    for point_id, settlement_id in through.objects.filter(
        servicepoint_id__in=point_ids
    ).values_list("servicepoint_id", "settlement_id"):
        served[point_id].add(settlement_id)
    return served


def open_gaps(forum: Forum) -> dict[tuple[int, int], Gap]:
    return {
        (gap.settlement_id, gap.service_type_id): gap
        for gap in Gap.objects.filter(forum=forum).exclude(status=GapStatus.RESOLVED)
        .order_by("found_on")
    }


@dataclass
class ForumCoverage:
    coverage: Coverage
    types: list[ServiceType]
    settlements: list[Settlement]
    rules: dict[int, Rule]

    def type(self, type_id: int) -> ServiceType:
        return next(t for t in self.types if t.pk == type_id)


def forum_coverage(forum: Forum, *, types: list[ServiceType] | None = None,
                   on: datetime.date | None = None) -> ForumCoverage:
    """Coverage of the forum's settlements by the service points operating on a day (today
    unless given)."""
    settlements = list(forum.settlements().order_by("name"))
    types = types if types is not None else list(service_types())
    operating = ServicePoint.objects.filter(forum=forum).operating_on(
        on or timezone.localdate())
    if on is None:
        operating = operating.filter(is_active=True)
    points = list(operating.select_related("settlement").order_by("pk"))
    served = _served_ids([p.pk for p in points])
    rules = effective_rules(forum, types)
    coverage = compute(
        [_place(s) for s in settlements], [t.pk for t in types],
        [Point(p.pk, p.service_type_id, p.provider_name, _place(p.settlement),
               frozenset(served.get(p.pk, ()))) for p in points],
        rules, open_gaps(forum),
    )
    return ForumCoverage(coverage, types, settlements, rules)


def gap_list(forum: Forum, *, status: str = "", service_type=None,
             settlement=None) -> QuerySet[Gap]:
    qs = Gap.objects.filter(forum=forum).select_related("settlement", "service_type")
    if status:
        qs = qs.filter(status=status)
    if service_type is not None:
        qs = qs.filter(service_type=service_type)
    if settlement is not None:
        qs = qs.filter(settlement=settlement)
    return qs.order_by("-found_on", "settlement__name", "service_type__order")


def questionnaire_status(forum: Forum) -> list[tuple[Settlement, Questionnaire | None]]:
    """Every settlement of the territory with its questionnaire, if answered."""
    answered = {
        q.settlement_id: q
        for q in Questionnaire.objects.filter(forum=forum).select_related("submitted_by")
    }
    return [(s, answered.get(s.pk)) for s in forum.settlements().order_by("name")]


def point_counts_by_type(forum: Forum) -> dict[int, int]:
    rows = (ServicePoint.objects.filter(forum=forum, is_active=True)
            .values("service_type").annotate(n=Count("id")))
    return {row["service_type"]: row["n"] for row in rows}


def national_gaps_by_district() -> tuple[dict[str, str], dict[str, int], set[str]]:
    """District code → name; → number of published open gaps; districts with service points."""
    from kerekasztal.territory.models import District

    names = dict(District.objects.order_by("code").values_list("code", "name"))
    counts = {
        row["settlement__district__code"]: row["n"]
        for row in Gap.objects.filter(is_public=True).exclude(status=GapStatus.RESOLVED)
        .values("settlement__district__code").annotate(n=Count("id"))
        if row["settlement__district__code"]
    }
    mapped = set(ServicePoint.objects.filter(is_active=True, settlement__district__isnull=False)
                 .values_list("settlement__district__code", flat=True).distinct())
    return names, counts, mapped
