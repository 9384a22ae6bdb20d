"""The SZÚT report (Szolgáltatási Út Térkép) of a forum: per settlement and per service type,
what exists, what is missing, the solutions proposed, and the map; PDF and DOCX."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from kerekasztal.core import hungarian
from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder
from kerekasztal.forums.models import Forum

from . import maps, queries
from .coverage import Cell, Status
from .maps import cell_detail, coverage_map
from .models import Gap


@dataclass
class SettlementSection:
    name: str
    population: int
    local: list[str]
    served: list[str]
    gaps: list[tuple[str, str, str]]  # (type, detail, proposed solution)


def context(forum: Forum) -> dict:
    data = queries.forum_coverage(forum)
    gaps = {(g.settlement_id, g.service_type_id): g
            for g in Gap.objects.filter(forum=forum).select_related("settlement", "service_type")
            .order_by("found_on")}
    sections = []
    for settlement in data.settlements:
        local, served, missing = [], [], []
        for cell in data.coverage.row(settlement.pk):
            name = data.type(cell.type_id).name
            if cell.is_gap:
                gap = gaps.get((settlement.pk, cell.type_id))
                missing.append((name, _detail(cell), gap.proposed_solution if gap else ""))
            elif cell.status == Status.LOCAL:
                local.append(name)
            elif cell.status == Status.SERVED:
                served.append(f"{name}: {cell_detail(cell)}")
        sections.append(SettlementSection(settlement.name, settlement.population, local,
                                          served, missing))
    type_rows = [(t, data.coverage.totals(t.pk)) for t in data.types]
    type_maps = [coverage_map(data, t.pk, width=300) for t, totals in type_rows
                 if totals["gap"]]
    return {
        "forum": forum, "data": data, "sections": sections, "type_rows": type_rows,
        "map": coverage_map(data, None, width=520), "type_maps": type_maps,
        "today": timezone.localdate(),
        "gap_total": len(data.coverage.gaps()),
        "resolved": [g for g in gaps.values() if not g.is_open],
        "publicity": publicity_for(forum),
    }


def _detail(cell: Cell) -> str:
    if cell.status == Status.SERVED:
        return _("máshonnan, túl messze vagy helyben elvárt: %s") % cell_detail(cell)
    return cell_detail(cell)


def title(forum: Forum) -> str:
    return _("Szolgáltatási Út Térkép (SZÚT) – %(territory)s") % {
        "territory": forum.territory_label or forum.name}


def pdf(forum: Forum):
    return _write(TypstBuilder(title=title(forum), forum_name=forum.name), forum
                  ).response(f"szut-{forum.slug}")


def docx(forum: Forum):
    return _write(DocxBuilder(title=title(forum), forum_name=forum.name), forum
                  ).response(f"szut-{forum.slug}")


def _write(builder, forum: Forum):
    """The report, once, for both the PDF (Typst) and the Word file (python-docx)."""
    ctx = context(forum)
    builder.heading(title(forum), 0)
    builder.facts([(_("Fórum"), forum.name), (_("Készült"), hu_date(ctx["today"])),
                   (_("Települések"), str(len(ctx["sections"]))),
                   (_("Feltárt hiányok"), str(ctx["gap_total"]))])
    builder.paragraph(_("A távolságok a települések középpontjai közötti légvonalbeli "
                        "távolságok."), italic=True)
    builder.heading(_("Összesítés szolgáltatástípusonként"), 1)
    builder.table(
        [_("Szolgáltatás"), _("Helyben"), _("Máshonnan"), _("Nem érhető el"), _("Hiány")],
        [[t.name, n["local"], n["served"], n["missing"], n["gap"]]
         for t, n in ctx["type_rows"]],
    )
    builder.heading(_("Térképek"), 1)
    for coverage, width_cm in [(ctx["map"], 16), *((m, 11) for m in ctx["type_maps"])]:
        builder.heading(coverage.title, 2)
        builder.picture(
            svg=lambda c=coverage: maps.svg(c), png=lambda c=coverage: maps.png(c),
            width_cm=width_cm, alt=_(
                "%(title)s. Az adatok településenként a dokumentum táblázataiban is "
                "szerepelnek.") % {"title": coverage.title})
        builder.legend((fill, f"{label} ({count})")
                       for fill, label, count in coverage.print_legend)
    builder.heading(_("Települések"), 1)
    for section in ctx["sections"]:
        builder.heading(f"{section.name} ({hungarian.number(section.population)} {_('fő')})", 2)
        builder.paragraph(_("Helyben elérhető: %s") % (", ".join(section.local) or "–"))
        if section.served:
            builder.paragraph(_("Másik településről elérhető:"), bold=True)
            for line in section.served:
                builder.paragraph(f"• {line}")
        if section.gaps:
            builder.table([_("Hiányzó szolgáltatás"), _("Helyzet"), _("Javasolt megoldás")],
                          section.gaps)
        else:
            builder.paragraph(_("Nincs feltárt hiány."))
    if ctx["resolved"]:
        builder.heading(_("Megoldott hiányok"), 1)
        builder.table([_("Település"), _("Szolgáltatás"), _("Megoldva"), _("Hogyan")],
                      [[g.settlement.name, g.service_type.name, hu_date(g.resolved_on),
                        g.resolution] for g in ctx["resolved"]])
    builder.publicity(ctx["publicity"])
    return builder
