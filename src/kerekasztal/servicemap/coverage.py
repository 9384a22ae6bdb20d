"""Coverage arithmetic: for each settlement and service type, is the service available
locally, from another settlement (how far, from which provider), or missing; and is that a
gap under the type's rule. Pure functions over plain data, so a forum's district and the
whole country (3,155 settlements) are computed the same way; queries.py feeds them.

Distances are straight lines between the settlements' centre points (KSH/GeoNames reference
coordinates), not travel distances.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (straight-line) distance in kilometres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Status(StrEnum):
    LOCAL = "local"
    SERVED = "served"
    MISSING = "missing"


LOW, MEDIUM, HIGH = 1, 2, 3


@dataclass(frozen=True)
class Rule:
    """When a settlement is expected to have a service (None: never)."""

    required_from: int | None = None
    local_from: int | None = None
    max_km: int | None = None

    def expects_available(self, population: int) -> bool:
        return self.required_from is not None and population >= self.required_from

    def expects_local(self, population: int) -> bool:
        return self.local_from is not None and population >= self.local_from


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    lat: float
    lon: float
    population: int
    ksh_code: str = ""


@dataclass(frozen=True)
class Point:
    """A service point reduced to what coverage needs."""

    id: int
    type_id: int
    provider: str
    seat: Place
    served_ids: frozenset[int] = frozenset()


@dataclass
class Cell:
    place: Place
    type_id: int
    status: Status
    expected: bool = False
    distance: float | None = None  # km to the provider (served) or the nearest one (missing)
    provider: Point | None = None
    severity: int | None = None  # computed gap severity; None when the rule is met
    recorded_gap: object | None = None  # an open Gap record of the forum, if any

    @property
    def is_gap(self) -> bool:
        return self.severity is not None or self.recorded_gap is not None

    @property
    def gap_severity(self) -> int | None:
        if self.severity is not None:
            return self.severity
        return getattr(self.recorded_gap, "severity", None)


@dataclass
class Coverage:
    places: list[Place]
    type_ids: list[int]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)

    def cell(self, place_id: int, type_id: int) -> Cell:
        return self.cells[(place_id, type_id)]

    def row(self, place_id: int) -> list[Cell]:
        return [self.cells[(place_id, type_id)] for type_id in self.type_ids]

    def column(self, type_id: int) -> list[Cell]:
        return [self.cells[(place.id, type_id)] for place in self.places]

    def gap_count(self, place_id: int) -> int:
        return sum(1 for cell in self.row(place_id) if cell.is_gap)

    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell.is_gap]

    def totals(self, type_id: int) -> dict[str, int]:
        counts = {status.value: 0 for status in Status} | {"gap": 0}
        for cell in self.column(type_id):
            counts[cell.status.value] += 1
            counts["gap"] += cell.is_gap
        return counts


def _severity(cell: Cell, rule: Rule, population: int) -> int | None:
    if cell.status == Status.MISSING:
        if not cell.expected:
            return None
        too_far = rule.max_km is not None and (cell.distance or 0) > rule.max_km
        return HIGH if cell.provider is None or too_far else MEDIUM
    if cell.status == Status.SERVED:
        if rule.expects_local(population):
            return MEDIUM
        if cell.expected and rule.max_km is not None and (cell.distance or 0) > rule.max_km:
            return LOW
    return None


def compute(
    places: Iterable[Place],
    type_ids: Iterable[int],
    points: Iterable[Point],
    rules: dict[int, Rule],
    recorded_gaps: Mapping[tuple[int, int], object] | None = None,
) -> Coverage:
    """Coverage of every place × type. A point serves its seat and its service area."""
    places = list(places)
    type_ids = list(type_ids)
    recorded_gaps = recorded_gaps or {}
    by_type: dict[int, list[Point]] = defaultdict(list)
    for point in points:
        by_type[point.type_id].append(point)
    coverage = Coverage(places, type_ids)
    for type_id in type_ids:
        rule = rules.get(type_id, Rule())
        type_points = by_type.get(type_id, [])
        local: dict[int, Point] = {}
        serving: dict[int, list[Point]] = defaultdict(list)
        for point in type_points:
            local.setdefault(point.seat.id, point)
            for served_id in point.served_ids:
                if served_id != point.seat.id:
                    serving[served_id].append(point)
        for place in places:
            cell = Cell(place, type_id, Status.MISSING,
                        expected=rule.expects_available(place.population))
            if place.id in local:
                cell.status, cell.provider, cell.distance = Status.LOCAL, local[place.id], 0.0
            else:
                candidates = serving.get(place.id) or type_points
                if candidates:
                    cell.distance, cell.provider = min(
                        ((distance_km(place.lat, place.lon, p.seat.lat, p.seat.lon), p)
                         for p in candidates),
                        key=lambda pair: (pair[0], pair[1].id),
                    )
                    cell.distance = round(cell.distance, 1)
                if place.id in serving:
                    cell.status = Status.SERVED
            cell.severity = _severity(cell, rule, place.population)
            cell.recorded_gap = recorded_gaps.get((place.id, type_id))
            coverage.cells[(place.id, type_id)] = cell
    return coverage
