"""Synthetic plans for the benchmark dataset (core/datasets/synthetic.py): per forum, one district
(or county) programme plan that grows with every run, and settlement HEPs with problems,
measures and progress. Aggregate content only, never a person's target group."""

import datetime

from kerekasztal.core.datasets.synthetic import DatasetContext
from kerekasztal.core.models import TargetGroup

from .models import (
    CHAPTER_ORDER,
    Chapter,
    Comment,
    Measure,
    MeasureStatus,
    Plan,
    PlanStatus,
    Problem,
    Progress,
    Scope,
)

# At scale 1: 200 programmes + ~2,800 settlement HEPs (at most 27 per district, fewer where
# the district has fewer settlements) = ~3,000 plans; 5 × 300 + 195 × 54 + 2,800 × 10
# = ~40,000 measures. Every 40th forum (gen-0001, gen-0041, ...) has a large programme of
# 300 measures: `kerekasztal benchmark` times the documents on those.
HEPS_PER_FORUM = 27
PROBLEMS_PER_HEP = 5
MEASURES_PER_HEP = 10
DISTRICT_MEASURES = 54
LARGE_DISTRICT_MEASURES = 300
LARGE_EVERY = 40
DISTRICT_PROBLEMS = 5
COMMENTS = 5
PROBLEMS = [
    "Magas a tartós munkanélküliek aránya", "Nincs helyben bölcsőde",
    "Egyedül élő idősek elszigeteltsége", "Akadálymentesítés hiánya a közintézményekben",
    "Kisgyermekes anyák nehéz visszatérése a munkaerőpiacra", "Korai iskolaelhagyás",
    "Elégtelen lakhatási körülmények a telepszerű lakókörnyezetben",
]
MEASURES = [
    "Mentorprogram tartós álláskeresőknek", "Családi bölcsőde létesítése", "Idősek klubja",
    "A községháza akadálymentesítése", "Rugalmas munkavállalást segítő tanácsadás",
    "Tanodaprogram", "Lakhatási tanácsadás és felújítási alap",
]
STATUSES = [s for s, _label in MeasureStatus.choices]


def _plan(forum, scope, title, settlement=None, status=PlanStatus.ADOPTED):
    return Plan(forum=forum, scope=scope, settlement=settlement,
                district_id=forum.district_id if scope == Scope.DISTRICT else None,
                county_id=forum.county_id if scope == Scope.COUNTY else None, title=title,
                period_start=2024, period_end=2028, status=status,
                resolution_number="1/2024. határozat" if status == PlanStatus.ADOPTED else "",
                adopted_on=datetime.date(2024, 6, 27) if status == PlanStatus.ADOPTED else None)


def _content(ctx, plans, groups, problems_each, measures_each, start_numbers):
    problems, measures = [], []
    for plan in plans:
        for _index in range(problems_each):
            index = ctx.rng.randrange(len(PROBLEMS))
            problems.append(Problem(plan=plan, target_group=groups[index % len(groups)],
                                    title=PROBLEMS[index], baseline=f"{ctx.rng.randrange(200)} fő"))
        for number in range(measures_each):
            index = ctx.rng.randrange(len(MEASURES))
            status = ctx.rng.choice(STATUSES)
            measures.append(Measure(
                plan=plan, number=start_numbers.get(plan.pk, 0) + number + 1,
                title=MEASURES[index], target_group=groups[index % len(groups)],
                content="Tevékenységek, résztvevők, ütemezés.", responsible="Önkormányzat",
                deadline=datetime.date(2024 + ctx.rng.randrange(5), 12, 31),
                indicator_name="Bevontak száma", indicator_target="20 fő", status=status,
                percent=100 if status == MeasureStatus.DONE else ctx.rng.randrange(100),
                weight=1 + ctx.rng.randrange(3)))
    return problems, measures


def generate(ctx: DatasetContext) -> None:
    groups = list(TargetGroup.objects.order_by("order"))
    for position, forum in enumerate(ctx.forums):
        district_measures = ctx.count(LARGE_DISTRICT_MEASURES if position % LARGE_EVERY == 0
                                      else DISTRICT_MEASURES)
        scope = Scope.DISTRICT if forum.district_id else Scope.COUNTY
        main = Plan.objects.filter(forum=forum, scope=scope).order_by("pk").first()
        new_plans = []
        if main is None:
            main = ctx.bulk(Plan, [_plan(forum, scope, f"{forum.name} programterve")],
                            "programok")[0]
            new_plans.append(main)
        settlements = list(forum.settlements().order_by("pk"))
        heps = ctx.bulk(Plan, [
            _plan(forum, Scope.SETTLEMENT, f"{settlement.name} HEP", settlement,
                  ctx.rng.choice([PlanStatus.ADOPTED, PlanStatus.ADOPTED, PlanStatus.DRAFT]))
            for settlement in ctx.sample(settlements, ctx.count(HEPS_PER_FORUM))
        ], "programok")
        new_plans += heps
        ctx.bulk(Chapter, (Chapter(plan=plan, kind=kind) for plan in new_plans
                           for kind in CHAPTER_ORDER), "fejezetek")
        numbers = {main.pk: Measure.objects.filter(plan=main).count()}
        problems, measures = _content(ctx, [main], groups, ctx.count(DISTRICT_PROBLEMS),
                                      district_measures, numbers)
        more_problems, more_measures = _content(ctx, heps, groups, PROBLEMS_PER_HEP,
                                                MEASURES_PER_HEP, {})
        ctx.bulk(Problem, problems + more_problems, "problémák")
        measures = ctx.bulk(Measure, measures + more_measures, "intézkedések")
        ctx.bulk(Progress, (
            Progress(measure=measure, reported_on=ctx.day_zero.replace(year=2025),
                     status=measure.status, percent=measure.percent,
                     narrative="Beszámoló a képviselő-testületnek.")
            for measure in measures if measure.status != MeasureStatus.NOT_STARTED
        ), "előrehaladások")
        ctx.bulk(Comment, (
            Comment(plan=main, measure=ctx.rng.choice(measures[:district_measures]),
                    text="Javasoljuk a partnerek bővítését.")
            for _index in range(ctx.count(COMMENTS))
        ), "észrevételek")
