"""The national benchmark: coverage of all of Hungary's settlements × every service type,
computed and rendered as the settlement map. Synthetic providers (no database writes): for
each type, the settlements above a population threshold have a local point, and the district
seat serves the rest of its district. Run: `kerekasztal shell -c "from
kerekasztal.servicemap.benchmark import national; print(national())"`; figures in
docs/servicemap.md."""

from __future__ import annotations

import time
from collections import defaultdict

from django.template.loader import render_to_string

from kerekasztal.territory.models import Settlement

from . import queries
from .coverage import Place, Point, Rule, compute
from .maps import coverage_map
from .queries import ForumCoverage

THRESHOLDS = [500, 1000, 2000, 3000, 5000, 10000, 20000, None]


def synthetic_points(settlements: list[Settlement], type_ids: list[int]) -> list[Point]:
    places = {s.pk: Place(s.pk, s.name, s.lat, s.lon, s.population, s.ksh_code)
              for s in settlements}
    by_district: dict[int | None, list[Settlement]] = defaultdict(list)
    for settlement in settlements:
        by_district[settlement.district_id].append(settlement)
    points: list[Point] = []
    for index, type_id in enumerate(type_ids):
        threshold = THRESHOLDS[index % len(THRESHOLDS)]
        for members in by_district.values():
            seat = max(members, key=lambda s: (s.is_district_seat, s.population))
            local = {s.pk for s in members
                     if threshold is not None and s.population >= threshold} | {seat.pk}
            for pk in local:
                served = frozenset(s.pk for s in members if s.pk not in local) \
                    if pk == seat.pk else frozenset()
                points.append(Point(len(points) + 1, type_id, f"P{type_id}-{pk}", places[pk],
                                    served))
    return points


def national() -> dict[str, float | int]:
    settlements = list(Settlement.objects.order_by("name"))
    types = list(queries.service_types())
    type_ids = [t.pk for t in types]
    points = synthetic_points(settlements, type_ids)
    rules = {t.pk: Rule(t.required_from_population, t.local_from_population,
                                t.max_distance_km) for t in types}
    places = [Place(s.pk, s.name, s.lat, s.lon, s.population, s.ksh_code) for s in settlements]
    started = time.perf_counter()
    coverage = compute(places, type_ids, points, rules)
    computed = time.perf_counter() - started
    data = ForumCoverage(coverage, types, settlements, rules)
    started = time.perf_counter()
    the_map = coverage_map(data, None, width=900)
    svg = render_to_string("servicemap/_map.html", {"map": the_map})
    rendered = time.perf_counter() - started
    return {
        "settlements": len(settlements), "types": len(types), "points": len(points),
        "cells": len(coverage.cells), "gaps": len(coverage.gaps()),
        "compute_seconds": round(computed, 2), "render_seconds": round(rendered, 2),
        "svg_kilobytes": len(svg.encode()) // 1024,
    }
