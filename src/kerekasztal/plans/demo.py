"""Demo plans for the Kőszeg roundtable: settlement HEPs of four villages, adopted with
measures and progress, and the district programme plan (Járási Esélyteremtő Programterv,
seed koszeg-arop-0019.txt) rolled up from them. The figures are invented."""

import datetime
from decimal import Decimal

from kerekasztal.core import hungarian
from kerekasztal.core.datasets.demo import DemoContext
from kerekasztal.core.models import TargetGroup
from kerekasztal.territory.models import Settlement

from . import queries, services
from .models import Plan, Scope

# settlement, problems [(target group, title, baseline)], measures [(tg, title, content,
# deadline, indicator, baseline, target)], progress percent of the first measure
HEPS = [
    ("Bozsok", [
        ("poverty_roma", "Magas a tartós munkanélküliek aránya", "tartós álláskeresők: 14 fő"),
        ("children", "Nincs helyben bölcsőde", "0–2 évesek: 11 fő"),
        ("elderly", "Egyedül élő idősek elszigeteltsége", "65 év felettiek: 98 fő"),
    ], [
        ("poverty_roma", "Mentorprogram tartós álláskeresőknek",
         "Heti egyéni mentorálás, álláskeresési klub a járási hivatallal.",
         datetime.date(2026, 12, 31), "Elhelyezkedők száma", "0 fő", "5 fő"),
        ("children", "Családi bölcsőde létesítése",
         "Helyiség kialakítása, fenntartói engedély, két gondozó foglalkoztatása.",
         datetime.date(2027, 9, 1), "Férőhelyek száma", "0", "7"),
        ("elderly", "Idősek klubja és jelzőrendszeres segítségnyújtás",
         "Heti klubnap, falugondnoki látogatás, jelzőkészülékek.",
         datetime.date(2025, 12, 31), "Rendszeresen látogatott idősek", "0 fő", "25 fő"),
    ], 60),
    ("Velem", [
        ("poverty_roma", "A tartós munkanélküliek aránya magas", "tartós álláskeresők: 9 fő"),
        ("children", "Nincs helyben bölcsőde", "0–2 évesek: 6 fő"),
    ], [
        ("poverty_roma", "Mentorprogram az álláskeresőknek",
         "Egyéni fejlesztési terv, képzésbe irányítás.",
         datetime.date(2026, 6, 30), "Képzésbe bevontak", "0 fő", "4 fő"),
    ], 30),
    ("Cák", [
        ("poverty_roma", "Magas a tartós munkanélküliek aránya a településen",
         "tartós álláskeresők: 7 fő"),
        ("disability", "Akadálymentesítés hiánya a közintézményekben",
         "akadálymentes közintézmény: 1 / 4"),
    ], [
        ("disability", "A községháza akadálymentesítése",
         "Rámpa, akadálymentes mosdó, indukciós hurok.",
         datetime.date(2027, 12, 31), "Akadálymentes közintézmények", "1", "3"),
    ], 0),
    ("Horvátzsidány", [
        ("women", "Kisgyermekes anyák nehéz visszatérése a munkaerőpiacra",
         "GYED/GYES-en lévők: 12 fő"),
        ("children", "Nincs helyben bölcsőde", "0–2 évesek: 9 fő"),
    ], [
        ("women", "Rugalmas munkavállalást segítő tanácsadás",
         "Tanácsadás, részmunkaidős lehetőségek feltérképezése a helyi vállalkozásokkal.",
         datetime.date(2026, 12, 31), "Tanácsadásban részesülők", "0 fő", "10 fő"),
    ], 100),
]

ADOPTED = datetime.date(2024, 6, 27)

# HEPs still in the making, of villages whose HEP officer is the demo officer too (a common
# municipal office's officer serves several villages): one being drafted, one returned by
# the coordinator for revision; and one of another village submitted for adoption, waiting
# on the coordinator. Same shape as HEPS, plus the stage and the coordinator's note.
IN_PROGRESS = [
    ("Kőszegdoroszló", [
        ("elderly", "Egyedül élő idősek elszigeteltsége", "65 év felettiek: 41 fő"),
    ], [
        ("elderly", "Falugondnoki látogatások az egyedül élő időseknél",
         "Heti látogatás, bevásárlás és gyógyszerkiváltás a falugondnokkal.",
         datetime.date(2028, 12, 31), "Rendszeresen látogatott idősek", "0 fő", "15 fő"),
    ], "draft", ""),
    ("Kőszegpaty", [
        ("children", "Nincs helyben óvoda", "3–6 évesek: 8 fő"),
    ], [
        ("children", "Óvodabusz Kőszegre",
         "Reggeli és délutáni járat a kőszegi óvodához, kísérővel.",
         datetime.date(2028, 8, 31), "Óvodába járó gyermekek", "5 fő", "8 fő"),
    ], "returned",
     "Kérjük, a gyermekek helyzetéről szóló fejezetben mutassa be az óvodába járás adatait "
     "is, majd nyújtsa be újra a programot."),
    ("Lukácsháza", [
        ("women", "Kevés a részmunkaidős munkahely", "GYED/GYES-en lévők: 15 fő"),
    ], [
        ("women", "Részmunkaidős állások a helyi vállalkozásokkal",
         "Egyeztetés a helyi vállalkozásokkal, állásbörze a községházán.",
         datetime.date(2028, 12, 31), "Részmunkaidőben elhelyezkedők", "0 fő", "6 fő"),
    ], "submitted", ""),
]


def _group(code: str) -> TargetGroup:
    return TargetGroup.objects.get(code=code)


def _hep(ctx: DemoContext, name: str, problems, measures, percent: int = 0,
         stage: str = "adopted", note: str = "") -> Plan:
    settlement = Settlement.objects.get(name=name)
    plan = Plan.objects.filter(forum=ctx.forum, scope=Scope.SETTLEMENT,
                               settlement=settlement).first()
    if plan is not None:
        return plan
    start = 2024 if stage == "adopted" else 2026
    plan = services.plan_create(
        forum=ctx.forum, scope=Scope.SETTLEMENT, settlement=settlement,
        title=f"{name} Helyi Esélyegyenlőségi Programja", period_start=start,
        period_end=start + 4,
        summary="A program a 2003. évi CXXV. törvény 31. §-a és a 321/2011. (XII. 27.) Korm. "
                "rendelet alapján készült. Bemutató adat.",
    )
    services.chapter_update(
        chapter=plan.chapters.get(kind="poverty_roma"),
        text=f"{name} lakónépessége {hungarian.number(settlement.population)} fő. "
             "A tartós munkanélküliség a járási átlag felett van.",
        problems_found="\n".join(title for code, title, _b in problems if code == "poverty_roma"),
        opportunities="Mentorálás, képzés, együttműködés a járási hivatallal.")
    statistic = services.statistic_create(plan=plan, chapter="poverty_roma",
                                          name="Nyilvántartott álláskeresők", source="NFSZ")
    for year, value in ((2021, 24), (2022, 21), (2023, 19)):
        services.statistic_set_value(statistic=statistic, settlement=settlement, year=year,
                                     value=Decimal(value))
    made = [services.problem_create(plan=plan, target_group=_group(code), title=title,
                                    baseline=baseline) for code, title, baseline in problems]
    services.problem_add_evidence(problem=made[0], target=statistic)
    organisation = ctx.organisations.get(f"{name} Község Önkormányzata")
    for code, title, content, deadline, indicator, baseline, target in measures:
        services.measure_create(
            plan=plan, target_group=_group(code), title=title, content=content,
            problems=[p for p in made if p.target_group.code == code],
            responsible_organisation=organisation,
            responsible="" if organisation else f"{name} Község Önkormányzata",
            responsible_person="polgármester", deadline=deadline, indicator_name=indicator,
            indicator_baseline=baseline, indicator_target=target,
            resources_financial="Önkormányzati költségvetés, pályázati forrás",
        )
    if stage != "adopted":
        if stage != "draft":
            services.plan_submit(plan=plan)
        if stage == "returned":
            services.plan_set_status(plan=plan, status="draft", note=note,
                                     user=ctx.users.get("coordinator"))
        return plan
    services.plan_set_status(plan=plan, status="consultation")
    services.plan_set_status(plan=plan, status="adopted", adopted_on=ADOPTED,
                             resolution_number=f"45/2024. (VI. 27.) {name} Kt. határozat")
    first = plan.measures.order_by("number").first()
    if percent:
        services.measure_report_progress(
            measure=first, reported_on=datetime.date(2025, 3, 31),
            status="done" if percent == 100 else "in_progress", percent=percent,
            narrative="A tevékenységek a terv szerint haladnak.",
            evidence="Beszámoló a képviselő-testületnek")
    return plan


def build(ctx: DemoContext) -> None:
    if ctx.forum is None:
        return
    for name, problems, measures, percent in HEPS:
        _hep(ctx, name, problems, measures, percent)
    if not Plan.objects.filter(forum=ctx.forum, scope=Scope.DISTRICT).exists():
        _district(ctx)
    for name, problems, measures, stage, note in IN_PROGRESS:
        _hep(ctx, name, problems, measures, stage=stage, note=note)


def _district(ctx: DemoContext) -> None:
    district = services.plan_create(
        forum=ctx.forum, scope=Scope.DISTRICT, title="Kőszegi Járási Esélyteremtő Programterv",
        period_start=2024, period_end=2028,
        summary="A járás esélyegyenlőségi problémáinak és beavatkozási pontjainak összegzése, "
                "a települési HEP-ekre építve (ÁROP-1.A.3-2014-2014-0019).",
    )
    for group in queries.rollup_problems(district):
        if group.territory_count >= 2:
            services.rollup_adopt_problem(plan=district, sources=group.items)
    for group in queries.rollup_measures(district):
        if group.territory_count >= 2:
            services.rollup_adopt_measure(plan=district, sources=group.items)
    services.measure_create(
        plan=district, target_group=_group("children"),
        title="Járási bölcsődei társulás előkészítése",
        content="Közös fenntartású családi bölcsődék a bölcsőde nélküli településeken.",
        responsible="Kőszeg Város Önkormányzata", deadline=datetime.date(2026, 12, 31),
        problems=list(district.problems.filter(target_group__code="children")),
    )
