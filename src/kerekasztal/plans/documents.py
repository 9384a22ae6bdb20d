"""The plan as PDF and as editable DOCX in the HEP chapter order, and the progress report."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kerekasztal.core import hungarian
from kerekasztal.documents import stored
from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder

from . import queries
from .models import Plan

SUMMARY_WIDTHS_CM = [2.2, 5.0, 3.2, 3.0, 3.3, 1.1]


def _fact_labels() -> list[tuple[str, str]]:
    """The measure sheet's rows (label, attribute), translated once per document."""
    return [
        (_("Célcsoport"), "target_group"),
        (_("Kezelt problémák"), "problem_titles"),
        (_("Rövid távú cél"), "goal_short"),
        (_("Középtávú cél"), "goal_medium"),
        (_("Hosszú távú cél"), "goal_long"),
        (_("Tartalom, tevékenységek"), "content"),
        (_("Felelős"), "responsible_label"),
        (_("Partnerek"), "partners"),
        (_("Határidő"), "deadline_text"),
        (_("Eredményességi mutató"), "indicator_name"),
        (_("Kiinduló érték"), "indicator_baseline"),
        (_("Célérték"), "indicator_target"),
        (_("A mutató forrása"), "indicator_source"),
        (_("Dokumentáltság"), "documentation"),
        (_("Kockázatok és csökkentésük"), "risks"),
        (_("Humán erőforrás"), "resources_human"),
        (_("Pénzügyi erőforrás"), "resources_financial"),
        (_("Technikai erőforrás"), "resources_technical"),
        (_("Fenntarthatóság"), "sustainability"),
        (_("Kapcsolódás más stratégiákhoz"), "strategy_fit"),
    ]


def _measure_facts(measure, labels: list[tuple[str, str]] | None = None
                   ) -> list[tuple[str, str]]:
    computed = {
        "target_group": str(measure.target_group),
        "problem_titles": "; ".join(p.title for p in measure.problems.all()),
        "deadline_text": ", ".join(filter(None, [
            hu_date(measure.deadline) if measure.deadline else "", measure.deadline_note])),
    }
    rows = [(label, computed[name] if name in computed else getattr(measure, name))
            for label, name in labels or _fact_labels()]
    return [(label, value) for label, value in rows if value]


def plan_context(plan: Plan) -> dict:
    measures = list(queries.measures_of(plan))
    chapters = queries.chapters_of(plan)
    statistics = queries.statistics_of(plan)
    tables: dict[str, list] = {}
    for statistic in statistics:
        tables.setdefault(statistic.chapter, []).append(queries.stat_table(statistic))
    problems = list(queries.problems_of(plan))
    total, groups = queries.progress_rollup(measures)
    labels = _fact_labels()
    return {
        "plan": plan, "forum": plan.forum, "publicity": publicity_for(plan),
        "chapters": [(chapter, tables.get(chapter.kind, [])) for chapter in chapters],
        "problems": problems, "total": total, "groups": groups,
        "measures": [(measure, _measure_facts(measure, labels)) for measure in measures],
        "adopted_on": hu_date(plan.adopted_on) if plan.adopted_on else "",
    }


def stored_name(plan_id: int) -> str:
    return f"plan-{plan_id}"


def plan_pdf(plan: Plan):
    """Served from the stored file while the plan (and all it prints) is unchanged: a
    300-measure plan takes ~0.4 s of CPU to typeset, the stored file ~0.05 s to find."""
    return write_plan(TypstBuilder(title=plan.title, forum_name=plan.forum.name), plan
                      ).response(plan.title, stored_as=stored_name(plan.pk))


@task()
def prepare_plan_pdf(plan_id: int) -> bool:
    """Compile and store the new version of a plan's PDF after a change, when someone has
    printed the plan before (most plans are never printed). Safe to run more than once:
    an unchanged plan finds its stored file. Returns whether there was one to prepare."""
    plan = Plan.objects.select_related("forum").filter(pk=plan_id).first()
    if plan is None or not stored.has_any(stored_name(plan_id)):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        stored.pdf_bytes(write_plan(TypstBuilder(title=plan.title, forum_name=plan.forum.name),
                                    plan), stored_name(plan_id))
    return True


def plan_docx(plan: Plan):
    return write_plan(DocxBuilder(title=plan.title, forum_name=plan.forum.name), plan
                      ).response(plan.title)


def progress_pdf(plan: Plan):
    measures = list(queries.measures_with_progress(plan))
    total, groups = queries.progress_rollup(measures)
    title = _("Előrehaladási jelentés")
    doc = TypstBuilder(title=f"{title} – {plan.title}", forum_name=plan.forum.name)
    doc.heading(title, 0)
    doc.paragraph(f"{plan.title} ({plan.period_label}) · {hu_date(timezone.localdate())}")
    doc.paragraph(_("A program teljesítése: %(percent)s") % {
        "percent": hungarian.percentage(total.percent)}, bold=True)
    doc.table([_("Célcsoport"), _("Intézkedések"), _("Teljesítés")],
              [[g.label, g.measures, hungarian.percentage(g.percent)] for g in groups])
    for measure in measures:
        doc.heading(f"{measure.number}. {measure.title} – {measure.get_status_display()}, "
                    f"{hungarian.percentage(measure.percent)}", 1)
        reports = list(measure.progress.all())
        for report in reports:
            evidence = f" – {_('Bizonyíték')}: {report.evidence}" if report.evidence else ""
            doc.paragraph(f"{hu_date(report.reported_on)} ({report.get_status_display()}, "
                          f"{hungarian.percentage(report.percent)}): "
                          f"{report.narrative}{evidence}")
        if not reports:
            doc.paragraph(_("Még nincs beszámoló."), italic=True)
    doc.publicity(publicity_for(plan))
    return doc.response(f"{plan.title} előrehaladás")


def write_plan(doc, plan: Plan):
    """The plan in the HEP chapter order, once for the PDF and the Word file."""
    context = plan_context(plan)
    doc.heading(plan.title, 0)
    doc.facts([
        (_("Típus"), plan.get_scope_display()),
        (_("Terület"), str(plan.territory or "")),
        (_("Időszak"), plan.period_label),
        (_("Állapot"), plan.get_status_display()),
        *([(_("Elfogadó határozat"), f"{plan.resolution_number} ({context['adopted_on']})")]
          if plan.resolution_number else []),
    ])
    if plan.summary:
        doc.heading(_("Bevezetés"), 1).paragraph(plan.summary)
    doc.heading(_("Helyzetelemzés"), 1)
    for number, (chapter, tables) in enumerate(context["chapters"], start=1):
        doc.heading(f"{number}. {chapter.get_kind_display()}", 2)
        if chapter.text:
            doc.paragraph(chapter.text)
        for table in tables:
            doc.paragraph(f"{table.statistic.name} ({table.statistic.unit}) – "
                          f"{_('Forrás')}: {table.statistic.source or '–'}", bold=True)
            doc.table([_("Település"), *[str(y) for y in table.years]],
                      [[name, *(hungarian.number(value, None) for value in values)]
                       for name, values in table.rows])
        if chapter.problems_found or chapter.opportunities:
            doc.heading(_("Következtetések"), 3)
            doc.table([_("Beazonosított problémák"), _("Fejlesztési lehetőségek")],
                      [[chapter.problems_found, chapter.opportunities]])
    doc.heading(_("Feltárt problémák"), 1)
    doc.table([_("Célcsoport"), _("Probléma"), _("Kiinduló értékek")],
              [[str(p.target_group), p.title, p.baseline] for p in context["problems"]])
    doc.heading(_("Intézkedési terv"), 1)
    doc.heading(_("Az intézkedések összefoglaló táblázata"), 2)
    doc.table([_("Sorszám"), _("Intézkedés"), _("Célcsoport"), _("Felelős"), _("Határidő"),
               "%"],
              [[m.number, m.title, str(m.target_group), m.responsible_label,
                hu_date(m.deadline) if m.deadline else m.deadline_note, m.percent]
               for m, _facts in context["measures"]],
              # Fixed widths (17.8 cm, the A4 text width): Typst need not measure every
              # cell of a 300-row table to size its columns.
              widths_cm=SUMMARY_WIDTHS_CM)
    for measure, facts in context["measures"]:
        doc.heading(f"{measure.number}. {measure.title}", 3)
        doc.facts(facts)
    doc.publicity(context["publicity"])
    return doc
