"""Synthetic service map for the benchmark dataset (core/datasets/synthetic.py): per forum, full
coverage of every settlement × service type (as `benchmark.synthetic_points`: for each type,
the settlements above a per-type population threshold have a local point and the district
seat serves the rest of its district), further random service points, recorded gaps (some
resolved, some public), questionnaires and comments on the SZÚT draft. Grows with every run."""

from collections import defaultdict

from django.utils import timezone

from kerekasztal.core.datasets.synthetic import DatasetContext

from .benchmark import THRESHOLDS
from .catalogue import ensure_service_types
from .models import Gap, GapStatus, Questionnaire, ReportComment, ServicePoint, ServiceType

POINTS = 40
GAPS = 8
QUESTIONNAIRES = 5
COMMENTS = 3
PROVIDERS = ["Önkormányzat", "Egyesített Szociális Intézmény", "Egészségügyi Központ",
             "Református Egyház", "Máltai Szeretetszolgálat", "Tankerületi Központ"]


def generate(ctx: DatasetContext) -> None:
    ensure_service_types()
    types = list(ServiceType.objects.order_by("order"))
    through = ServicePoint.served_settlements.through
    for forum in ctx.forums:
        settlements = list(forum.settlements().order_by("pk"))
        if not settlements:
            continue
        points, served_by = _coverage_points(ctx, forum, settlements, types)
        for _index in range(ctx.count(POINTS)):
            seat = ctx.rng.choice(settlements)
            points.append(ServicePoint(
                forum=forum, service_type=ctx.rng.choice(types), settlement=seat,
                provider_name=f"{seat.name} {ctx.rng.choice(PROVIDERS)}",
                capacity=ctx.rng.randrange(5, 200), capacity_unit="fő",
                opening_hours="H–P 8–16", source="kérdőív", verified_on=ctx.day(),
            ))
        points = ctx.bulk(ServicePoint, points, "szolgáltatási pontok")
        ctx.bulk(through, [
            through(servicepoint_id=point.pk, settlement_id=served_pk)
            for index, point in enumerate(points)
            for served_pk in (served_by[index] if index < len(served_by) else
                              [s.pk for s in ctx.sample(settlements, ctx.rng.randrange(5))])
            if served_pk != point.settlement_id
        ], "ellátási területek")
        gaps = []
        for _index in range(ctx.count(GAPS)):
            found = ctx.day()
            resolved = ctx.rng.random() < 0.3
            gaps.append(Gap(
                forum=forum, settlement=ctx.rng.choice(settlements),
                service_type=ctx.rng.choice(types), severity=1 + ctx.rng.randrange(3),
                found_on=found, description="A szolgáltatás nem érhető el.",
                proposed_solution="Társulási megoldás a szomszéd településsel.",
                status=GapStatus.RESOLVED if resolved else GapStatus.OPEN,
                resolved_on=found if resolved else None,
                resolution="Megoldva társulásban." if resolved else "",
                is_public=ctx.rng.random() < 0.5,
            ))
        ctx.bulk(Gap, gaps, "szolgáltatáshiányok")
        answered = set(Questionnaire.objects.filter(forum=forum)
                       .values_list("settlement_id", flat=True))
        waiting = [s for s in settlements if s.pk not in answered]
        ctx.bulk(Questionnaire, [
            Questionnaire(forum=forum, settlement=settlement, submitted_at=timezone.now())
            for settlement in ctx.sample(waiting, ctx.count(QUESTIONNAIRES))
        ], "kérdőívek")
        ctx.bulk(ReportComment, [
            ReportComment(forum=forum, text="Észrevétel a SZÚT-tervezethez.")
            for _index in range(ctx.count(COMMENTS))
        ], "észrevételek")


def _coverage_points(ctx: DatasetContext, forum, settlements, types):
    """Points covering every settlement of the forum for every service type, and the
    settlements each serves besides its seat (in the same order)."""
    by_district = defaultdict(list)
    for settlement in settlements:
        by_district[settlement.district_id].append(settlement)
    points, served_by = [], []
    for index, service_type in enumerate(types):
        threshold = THRESHOLDS[index % len(THRESHOLDS)]
        for members in by_district.values():
            seat = max(members, key=lambda s: (s.is_district_seat, s.population, -s.pk))
            local = [s for s in members
                     if s.pk == seat.pk or (threshold is not None and s.population >= threshold)]
            local_ids = {s.pk for s in local}
            for settlement in local:
                points.append(ServicePoint(
                    forum=forum, service_type=service_type, settlement=settlement,
                    provider_name=f"{settlement.name} {ctx.rng.choice(PROVIDERS)}",
                    capacity=ctx.rng.randrange(5, 200), capacity_unit="fő",
                    opening_hours="H–P 8–16", source="ágazati nyilvántartás",
                    verified_on=ctx.day(),
                ))
                served_by.append([s.pk for s in members if s.pk not in local_ids]
                                 if settlement.pk == seat.pk else [])
    return points, served_by
