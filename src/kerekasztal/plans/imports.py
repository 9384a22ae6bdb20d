"""Imports into one plan: action-plan measures and statistical tables (core/imports/services.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from kerekasztal.core.imports.services import Column, ImportSpec
from kerekasztal.core.models import User

from . import services
from .forms import MeasureImportRow, StatisticImportRow
from .models import Plan

MEASURE_COLUMNS = [
    Column("number", _("Sorszám"), aliases=("ssz", "sorszam", "ssz.")),
    Column("title", _("Az intézkedés címe"), required=True, aliases=("cím", "intézkedés")),
    Column("target_group", _("Célcsoport"), required=True),
    Column("goal_short", _("Rövid távú cél")),
    Column("goal_medium", _("Középtávú cél")),
    Column("goal_long", _("Hosszú távú cél")),
    Column("content", _("Tartalom, tevékenységek"), aliases=("tartalom",)),
    Column("responsible", _("Felelős"), aliases=("felelős szervezet",)),
    Column("responsible_person", _("Felelős személy")),
    Column("partners", _("Partnerek"), aliases=("bevont partnerek",)),
    Column("deadline", _("Határidő"), help=_("ÉÉÉÉ-HH-NN")),
    Column("deadline_note", _("Határidő megjegyzés")),
    Column("indicator_name", _("Eredményességi mutató"), aliases=("mutató",)),
    Column("indicator_baseline", _("Kiinduló érték")),
    Column("indicator_target", _("Célérték")),
    Column("indicator_source", _("A mutató forrása")),
    Column("resources_financial", _("Pénzügyi erőforrás"), aliases=("forrás", "erőforrás")),
    Column("sustainability", _("Fenntarthatóság")),
]

STATISTIC_COLUMNS = [
    Column("chapter", _("Fejezet"), required=True, help=_("pl. A gyermekek helyzete")),
    Column("name", _("Mutató"), required=True),
    Column("unit", _("Mértékegység")),
    Column("source", _("Forrás")),
    Column("settlement", _("Település"), required=True),
    Column("year", _("Év"), required=True),
    Column("value", _("Érték"), required=True),
]


def measure_spec(plan: Plan) -> ImportSpec:
    def create(forum: Any, rows: list[dict[str, Any]], user: User) -> int:
        for row in rows:
            data = {key: value for key, value in row.items() if value not in (None, "")}
            services.measure_create(plan=plan, user=user, **data)
        return len(rows)

    return ImportSpec(
        kind=f"plans.measures.{plan.pk}",
        label=_("Intézkedések"),
        columns=MEASURE_COLUMNS,
        row_form=type("PlanMeasureImportRow", (MeasureImportRow,), {"plan": plan}),
        create=create,
        example=[["1", "Mentorprogram tartós álláskeresőknek", "Mélyszegénységben élők és romák",
                  "10 fő bevonása", "20 fő elhelyezkedése", "Csökkenő munkanélküliség",
                  "Heti egyéni mentorálás, álláskeresési klub", "Bozsok Község Önkormányzata",
                  "polgármester", "Járási Hivatal Foglalkoztatási Osztálya",
                  f"{plan.period_end}-12-31", "", "Elhelyezkedők száma", "0 fő", "20 fő",
                  "Önkormányzati nyilvántartás", "Pályázati forrás", "Önkormányzati költségvetés"]],
    )


def _create_statistics(plan: Plan):
    def create(forum: Any, rows: list[dict[str, Any]], user: User) -> int:
        statistics: dict[tuple[str, str], Any] = {
            (s.chapter, s.name): s for s in plan.statistics.all()}
        for row in rows:
            key = (row["chapter"], row["name"].strip())
            statistic = statistics.get(key)
            if statistic is None:
                statistic = statistics[key] = services.statistic_create(
                    plan=plan, chapter=row["chapter"], name=row["name"],
                    unit=row["unit"] or "fő", source=row["source"], user=user)
            services.statistic_set_value(statistic=statistic, settlement=row["settlement"],
                                         year=row["year"], value=row["value"])
        return len(rows)

    return create


def statistic_spec(plan: Plan) -> ImportSpec:
    settlement = plan.settlements().order_by("name").first()
    return ImportSpec(
        kind=f"plans.statistics.{plan.pk}",
        label=_("Statisztikai adatok"),
        columns=STATISTIC_COLUMNS,
        row_form=type("PlanStatisticImportRow", (StatisticImportRow,), {"plan": plan}),
        create=_create_statistics(plan),
        example=[["Mélyszegénységben élők és romák helyzete", "Nyilvántartott álláskeresők",
                  "fő", "NFSZ", settlement.name if settlement else "", "2023", "42"]],
    )


def spec_for(kind: str) -> ImportSpec | None:
    """The spec of a batch's kind (`plans.measures.<plan>`, `plans.statistics.<plan>`), for
    the task that applies it (core/imports.spec_for)."""
    _app, what, plan_id = (kind.split(".") + ["", ""])[:3]
    makers = {"measures": measure_spec, "statistics": statistic_spec}
    if what not in makers or not plan_id.isdigit():
        return None
    return makers[what](Plan.objects.get(pk=int(plan_id)))
