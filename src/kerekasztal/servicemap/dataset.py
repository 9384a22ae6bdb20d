"""Synthetic service map for the benchmark dataset (core/dataset.py): per forum, service
points of every kind with service areas, recorded gaps (some resolved, some public),
questionnaires and comments on the SZÚT draft. Grows with every run."""

from django.utils import timezone

from kerekasztal.core.dataset import DatasetContext

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
        points = []
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
            through(servicepoint_id=point.pk, settlement_id=served.pk)
            for point in points
            for served in ctx.sample(settlements, ctx.rng.randrange(5))
            if served.pk != point.settlement_id
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
