from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports
from kerekasztal.core.exports.rows import joined, related_values
from kerekasztal.core.forms import UploadForm
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.imports.services import import_preview as import_preview_file
from kerekasztal.core.models import TARGET_GROUP_LABELS
from kerekasztal.core.pages import paginate, render_public, render_workspace
from kerekasztal.core.records import links
from kerekasztal.core.records.files import serve
from kerekasztal.core.records.link_picker import picker_response
from kerekasztal.core.records.links import targets_of
from kerekasztal.core.tabular import Percent, table_response

from . import documents, queries, services
from .forms import (
    ChapterForm,
    ChapterStatisticForm,
    CommentDecisionForm,
    CommentForm,
    EvidenceForm,
    MeasureForm,
    PlanForm,
    PlanStatusForm,
    ProblemForm,
    ProgressForm,
    ReviewForm,
    RollupAdoptForm,
    StatisticForm,
    StatisticTableForm,
    StatisticYearsForm,
    ask_files_again,
)
from .imports import measure_spec, statistic_spec
from .models import (
    TRANSITIONS,
    Chapter,
    ChapterKind,
    Comment,
    Measure,
    MeasureStatus,
    PlanStatus,
    Problem,
    Scope,
    Statistic,
)


def _plan_url(plan) -> str:
    return reverse("plans:plan_detail", kwargs={"forum": plan.forum.slug, "pk": plan.pk})


def _plan(request, forum, pk, action="plans.view"):
    forum = access.forum_for(request.user, forum, action)
    return forum, access.plan_for(request.user, forum, pk, action)


# --- plans -------------------------------------------------------------------------------


def _plan_rows(plans):
    return [[p.title, p.get_scope_display(), str(p.territory or ""), p.period_label,
             p.get_status_display(), p.resolution_number, p.adopted_on, p.problem_count,
             p.measure_count] for p in plans]


# A plan may have hundreds of measures: its pages show them a page at a time (the progress
# summary above them still counts every measure).
MEASURES_PER_PAGE = 50
PUBLIC_MEASURES_PER_PAGE = 20
PLAN_HEADERS = [pgettext_lazy("title", "Cím"), _lazy("Típus"), _lazy("Terület"), _lazy("Időszak"),
                _lazy("Állapot"), _lazy("Határozat"), _lazy("Elfogadva"), _lazy("Problémák"),
                _lazy("Intézkedések")]


def plan_list(request, forum):
    forum = access.forum_for(request.user, forum, "plans.view")
    return render_workspace(request, forum, "plans/plan_list.html", {
        "plans": queries.plan_list(forum),
        "can_create": access.can(request.user, "plans.edit", forum),
    })


def plan_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "plans.view")
    headers = [str(h) for h in PLAN_HEADERS]
    return table_response(f"programok-{forum.slug}", headers,
                          _plan_rows(queries.plan_list(forum)), fmt)


def plan_create(request, forum):
    forum = access.forum_for(request.user, forum, "plans.edit")
    form = PlanForm(request.POST or None, forum=forum,
                    settlement_ids=access.settlements_editable_by(request.user, forum))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(forum=forum, user=request.user, **{
                f: form.cleaned_data[f] for f in form.Meta.fields})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A program tervezete elkészült."))
            return redirect(_plan_url(plan))
    return render_workspace(request, forum, "plans/plan_form.html", {"form": form})


def _plan_page(request, forum, plan, status_form=None, status=200):
    page = paginate(request, queries.measures_of(plan), per_page=MEASURES_PER_PAGE)
    total, groups = queries.plan_progress(plan)
    transitions = [PlanStatus(s) for s in TRANSITIONS[plan.status]]
    forms = {s.value: status_form if status_form is not None and status_form.data.get(
        "status") == s.value else PlanStatusForm(initial={"status": s.value})
        for s in transitions}
    return render_workspace(request, forum, "plans/plan_detail.html", {
        "plan": plan, "chapters": queries.chapters_of(plan), "measures": page.object_list,
        "page": page,
        "problems": queries.problems_of(plan), "total": total, "groups": groups,
        "reviews": plan.reviews.all(), "can_edit": access.can_edit_plan(request.user, forum,
                                                                          plan),
        "transitions": [(s, forms[s.value]) for s in transitions],
        "blockers": services.adoption_problems(plan)
        if plan.status in (PlanStatus.CONSULTATION, PlanStatus.SUBMITTED) else [],
        "open_comments": plan.comments.filter(decision="open").count(),
        "has_rollup": plan.scope != Scope.SETTLEMENT,
        "can_submit": plan.status == PlanStatus.DRAFT
        and access.can_submit_plan(request.user, forum, plan),
        "can_review": plan.status in (PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW)
        and access.can_review_plan(request.user, forum, plan),
    }, status=status)


def plan_detail(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    return _plan_page(request, forum, plan)


def plan_edit(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    form = PlanForm(request.POST or None, instance=plan, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, user=request.user, **{
                f: form.cleaned_data[f] for f in ("title", "period_start", "period_end",
                                                  "summary")})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect(_plan_url(plan))
    return render_workspace(request, forum, "plans/plan_form.html", {"form": form, "plan": plan})


@require_POST
def plan_status(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.manage")
    form = PlanStatusForm(request.POST)
    was_submitted = plan.status == PlanStatus.SUBMITTED
    if form.is_valid():
        try:
            services.plan_set_status(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A program állapota: %s.")
                             % PlanStatus(form.cleaned_data["status"]).label)
            if was_submitted and services.officer_emails(plan):  # only when someone was told
                messages.info(request, _("A település HEP-felelősét e-mailben értesítettük."))
            for older in plan.supersedes.filter(status=PlanStatus.SUPERSEDED):
                messages.info(request, _("A korábbi program hatályon kívül került: %s.")
                              % older)
            return redirect(_plan_url(plan))
    if form.data.get("status") not in TRANSITIONS[plan.status]:
        for message in form.non_field_errors() or [_("Ismeretlen állapot.")]:
            messages.error(request, message)
        return redirect(_plan_url(plan))
    # The errors are shown next to the fields of the status form, with the input kept.
    return _plan_page(request, forum, plan, status_form=form)


@require_POST
def plan_submit(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.submit")
    try:
        services.plan_submit(plan=plan, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("A programot benyújtotta elfogadásra; a fórum "
                                    "koordinátorait e-mailben értesítettük."))
    return redirect(_plan_url(plan))


def plan_review(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.review")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_record_review(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A felülvizsgálatot rögzítettük."))
            return redirect(_plan_url(plan))
    return render_workspace(request, forum, "plans/review_form.html",
                            {"form": form, "plan": plan})


# --- chapters and statistics ---------------------------------------------------------------


def _chapter(plan, kind) -> Chapter:
    if kind not in ChapterKind.values:
        raise Http404
    chapter, _created = Chapter.objects.get_or_create(plan=plan, kind=kind)
    return chapter


def chapter_detail(request, forum, pk, kind):
    """The chapter's text and a new indicator are one form: adding an indicator saves the
    typed text too, and an error in one keeps the other's input."""
    forum, plan = _plan(request, forum, pk)
    chapter = _chapter(plan, kind)
    can_edit = access.can_edit_plan(request.user, forum, plan) and plan.is_editable
    form = ChapterForm(request.POST or None, instance=chapter)
    statistic_form = ChapterStatisticForm(request.POST or None,
                                          adding="add_statistic" in request.POST)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if _save_chapter(request, plan, chapter, form, statistic_form):
            return redirect(request.path)
    comments = queries.comment_threads(queries.comments_of(plan).filter(chapter=kind))
    return render_workspace(request, forum, "plans/chapter.html", {
        "plan": plan, "chapter": chapter, "form": form, "can_edit": can_edit,
        "tables": [queries.stat_table(s) for s in queries.statistics_of(plan, kind)],
        "statistic_form": statistic_form, "thread": comments.get(kind, []),
        "comment_form": CommentForm(initial={"chapter": kind}),
        "can_comment": plan.status == PlanStatus.CONSULTATION
        and access.can(request.user, "plans.comment", forum),
        "chapters": queries.chapters_of(plan),
    })


def _save_chapter(request, plan, chapter, form, statistic_form) -> bool:
    if not (form.is_valid() and statistic_form.is_valid()):
        return False
    try:
        with transaction.atomic():
            services.chapter_update(chapter=chapter, user=request.user, **form.cleaned_data)
            if statistic_form.wanted():
                services.statistic_create(plan=plan, chapter=chapter.kind, user=request.user,
                                          **statistic_form.cleaned_data)
    except ValidationError as error:
        (statistic_form if statistic_form.wanted() else form).add_error(None, error)
        return False
    messages.success(request, _("A fejezetet mentettük."))
    if statistic_form.wanted():
        messages.success(request, _("A mutatót felvettük; az adatait táblázatban adhatja "
                                    "meg."))
    return True


@require_POST
def statistic_create(request, forum, pk, kind):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    chapter = _chapter(plan, kind)
    form = StatisticForm(request.POST)
    if form.is_valid():
        try:
            services.statistic_create(plan=plan, chapter=chapter.kind, user=request.user,
                                      **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("A mutatót felvettük; az adatokat importálhatja."))
    else:
        messages.error(request, _("Adja meg a mutató nevét."))
    return redirect("plans:chapter", forum=forum.slug, pk=plan.pk, kind=chapter.kind)


def statistic_value(request, forum, pk, statistic):
    """A statistical table's figures, every settlement and year in one form."""
    forum, plan = _plan(request, forum, pk, "plans.edit")
    statistic = access.plan_child_for(request.user, forum, plan, Statistic, statistic,
                                      "plans.edit")
    years_form = StatisticYearsForm(request.GET)
    existing = sorted(set(statistic.values.values_list("year", flat=True)))
    years = years_form.years(existing)
    if request.method == "POST":
        years = sorted({*years, *_posted_years(request.POST)})
    form = StatisticTableForm(request.POST or None, statistic=statistic,
                              settlements=plan.settlements().order_by("name"), years=years)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.statistic_set_values(statistic=statistic, values=form.values(),
                                                    user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A táblázatot mentettük (%d adat változott).")
                             % changed)
            return redirect("plans:chapter", forum=forum.slug, pk=plan.pk,
                            kind=statistic.chapter)
    return render_workspace(request, forum, "plans/statistic_value_form.html", {
        "form": form, "plan": plan, "statistic": statistic, "years": years,
        "years_form": years_form})


def _posted_years(data) -> set[int]:
    years = set()
    for name in data:
        parts = name.split("_")
        if len(parts) == 3 and parts[0] == "v" and parts[2].isdigit() \
                and 1990 <= int(parts[2]) <= 2100:
            years.add(int(parts[2]))
    return years


@require_POST
def statistic_population(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    services.statistic_add_population(plan=plan, user=request.user)
    messages.success(request, _("A lakónépesség táblája elkészült a referenciaadatokból."))
    return redirect("plans:chapter", forum=forum.slug, pk=plan.pk, kind="strategy")


# --- problems ----------------------------------------------------------------------------


def problem_create(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    form = ProblemForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_create(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A problémát felvettük."))
            return redirect(f"{_plan_url(plan)}#problems")
    return render_workspace(request, forum, "plans/problem_form.html",
                            {"form": form, "plan": plan})


def problem_edit(request, forum, pk, problem):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    problem = access.plan_child_for(request.user, forum, plan, Problem, problem, "plans.edit")
    form = ProblemForm(request.POST or None, instance=problem, plan=plan)
    evidence_form = EvidenceForm(plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(problem=problem, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect(f"{_plan_url(plan)}#problems")
    return render_workspace(request, forum, "plans/problem_form.html", {
        "form": form, "plan": plan, "problem": problem, "evidence_form": evidence_form,
        "evidence": targets_of(problem, kind="evidence"), "sources": problem.sources.all(),
        "linked": links.visible_to(links.linked_targets(problem, "evidence"),
                                  request.user, forum),
        "pointing": links.visible_to(links.linked_sources(problem), request.user, forum),
    })


def problem_links(request, forum, pk, problem):
    """Link the evidence behind a problem: meetings, events, statistics of the forum."""
    forum, plan = _plan(request, forum, pk, "plans.link")
    problem = access.plan_child_for(request.user, forum, plan, Problem, problem, "plans.link")
    back = reverse("plans:problem_edit", kwargs={"forum": forum.slug, "pk": plan.pk,
                                                 "problem": problem.pk})
    return picker_response(
        request, forum=forum, source=problem, kind="evidence",
        title=_("A probléma bizonyítékai"), back_url=back, back_label=str(problem),
        link=lambda *, source, target, kind, note, user: services.problem_add_evidence(
            problem=source, target=target, note=note, user=user),
    )


@require_POST
def problem_evidence(request, forum, pk, problem):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    problem = access.plan_child_for(request.user, forum, plan, Problem, problem, "plans.edit")
    form = EvidenceForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.problem_add_evidence(problem=problem, target=form.cleaned_data["statistic"],
                                          note=form.cleaned_data["note"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("A bizonyítékot hozzákapcsoltuk."))
    return redirect("plans:problem_edit", forum=forum.slug, pk=plan.pk, problem=problem.pk)


# --- measures ----------------------------------------------------------------------------

MEASURE_HEADERS = [
    _lazy("Sorszám"),
    _lazy("Az intézkedés címe"),
    _lazy("Célcsoport"),
    _lazy("Rövid távú cél"),
    _lazy("Középtávú cél"),
    _lazy("Hosszú távú cél"),
    _lazy("Tartalom, tevékenységek"),
    _lazy("Felelős"),
    _lazy("Felelős személy"),
    _lazy("Partnerek"),
    _lazy("Határidő"),
    _lazy("Határidő megjegyzés"),
    _lazy("Eredményességi mutató"),
    _lazy("Kiinduló érték"),
    _lazy("Célérték"),
    _lazy("A mutató forrása"),
    _lazy("Pénzügyi erőforrás"),
    _lazy("Fenntarthatóság"),
    _lazy("Kezelt problémák"),
    _lazy("Állapot"),
    _lazy("Teljesítés (%)"),
]


def measure_export(request, forum, pk, fmt):
    forum, plan = _plan(request, forum, pk)
    return exports.respond(request, forum, "plans.measures", fmt, plan=plan.pk)


@exports.table("plans.measures", action="plans.view")
def _measures_table(forum, user, params, *, plan) -> exports.Table:
    plan = access.plan_for(user, forum, plan, "plans.view")
    qs = queries.measures_of(plan)
    return exports.Table(f"intezkedesek-{plan.pk}", [str(h) for h in MEASURE_HEADERS],
                         _measure_value_rows(qs), qs.count)


def _measure_value_rows(qs):
    """The HEP action-plan table's rows from plain values (no Measure instances)."""
    qs = qs.prefetch_related(None)
    problems = related_values(qs, "problems", "title")
    statuses = dict(MeasureStatus.choices)
    for m in qs.values(
            "pk", "number", "title", "target_group__code", "target_group__name", "goal_short",
            "goal_medium", "goal_long", "content", "responsible_organisation__name",
            "responsible", "responsible_person", "partners", "deadline", "deadline_note",
            "indicator_name", "indicator_baseline", "indicator_target", "indicator_source",
            "resources_financial", "sustainability", "status", "percent").iterator(2000):
        group = TARGET_GROUP_LABELS.get(m["target_group__code"], m["target_group__name"])
        yield [m["number"], m["title"], str(group), m["goal_short"], m["goal_medium"],
               m["goal_long"], m["content"],
               ", ".join(filter(None, [m["responsible_organisation__name"] or "",
                                       m["responsible"]])),
               m["responsible_person"], m["partners"], m["deadline"], m["deadline_note"],
               m["indicator_name"], m["indicator_baseline"], m["indicator_target"],
               m["indicator_source"], m["resources_financial"], m["sustainability"],
               joined(problems, m["pk"]), str(statuses.get(m["status"], m["status"])),
               Percent(m["percent"], 0)]


def _measure_data(form) -> dict:
    data = dict(form.cleaned_data)
    return {"problems": list(data.pop("problems")), **data}


def measure_create(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    problem = None
    if request.GET.get("problem", "").isdigit():
        problem = access.plan_child_for(request.user, forum, plan, Problem,
                                        int(request.GET["problem"]), "plans.edit")
    form = MeasureForm(request.POST or None, plan=plan, problem=problem,
                       initial={"number": services.next_measure_number(plan)})
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(plan=plan, user=request.user,
                                              **_measure_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Az intézkedést felvettük."))
            return redirect("plans:measure_detail", forum=forum.slug, pk=plan.pk,
                            measure=measure.pk)
    return render_workspace(request, forum, "plans/measure_form.html",
                            {"form": form, "plan": plan})


def measure_edit(request, forum, pk, measure):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    measure = access.measure_for(request.user, forum, plan, measure, "plans.edit")
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(measure=measure, user=request.user, **_measure_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("plans:measure_detail", forum=forum.slug, pk=plan.pk,
                            measure=measure.pk)
    return render_workspace(request, forum, "plans/measure_form.html",
                            {"form": form, "plan": plan, "measure": measure})


@require_POST
def measure_delete(request, forum, pk, measure):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    measure = access.measure_for(request.user, forum, plan, measure, "plans.edit")
    try:
        services.measure_delete(measure=measure)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:measure_detail", forum=forum.slug, pk=plan.pk,
                        measure=measure.pk)
    messages.success(request, _("Az intézkedést töröltük."))
    return redirect(f"{_plan_url(plan)}#measures")


def measure_detail(request, forum, pk, measure):
    forum, plan = _plan(request, forum, pk)
    measure = access.measure_for(request.user, forum, plan, measure, "plans.view")
    threads = queries.comment_threads(queries.comments_of(plan).filter(measure=measure))
    return render_workspace(request, forum, "plans/measure_detail.html", {
        "plan": plan, "measure": measure, "progress": measure.progress.select_related(
            "reported_by"), "problems": measure.problems.all(),
        "sources": measure.sources.select_related("plan__settlement", "plan__district"),
        "thread": threads.get(measure.pk, []),
        "comment_form": CommentForm(initial={"measure": measure.pk}),
        "can_comment": plan.status == PlanStatus.CONSULTATION
        and access.can(request.user, "plans.comment", forum),
        "can_edit": access.can_edit_plan(request.user, forum, plan) and plan.is_editable,
        "can_report": plan.is_public and access.can_report_progress(request.user, forum,
                                                                     measure),
        "outside_period": measure.deadline_outside_period(),
        "can_download_evidence": access.can_download_progress_evidence(request.user, forum,
                                                                       measure),
        "pointing": links.visible_to(links.linked_sources(measure), request.user, forum),
    })


def measure_progress(request, forum, pk, measure):
    forum, plan = _plan(request, forum, pk, "plans.progress")
    measure = access.measure_for(request.user, forum, plan, measure, "plans.progress")
    form = ProgressForm(request.POST or None, request.FILES or None, initial={
        "status": measure.status, "percent": measure.percent})
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_report_progress(measure=measure, user=request.user,
                                             **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Az előrehaladást rögzítettük."))
            return redirect("plans:measure_detail", forum=forum.slug, pk=plan.pk,
                            measure=measure.pk)
    ask_files_again(form)
    return render_workspace(request, forum, "plans/progress_form.html",
                            {"form": form, "plan": plan, "measure": measure})


def progress_evidence(request, forum, pk, measure, progress):
    forum, plan = _plan(request, forum, pk, "plans.progress.evidence")
    report = access.progress_evidence_for(request.user, forum, plan, measure, progress)
    return serve(report.evidence_file, f"bizonyitek-{report.reported_on.isoformat()}")


# --- consultation --------------------------------------------------------------------------


@require_POST
def comment_add(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.comment")
    form = CommentForm(request.POST)
    back = _plan_url(plan)
    if form.is_valid():
        data = form.cleaned_data
        measure = parent = None
        if data["measure"]:
            measure = access.measure_for(request.user, forum, plan, data["measure"],
                                         "plans.comment")
            back = reverse("plans:measure_detail", kwargs={
                "forum": forum.slug, "pk": plan.pk, "measure": measure.pk})
        elif data["chapter"]:
            back = reverse("plans:chapter", kwargs={
                "forum": forum.slug, "pk": plan.pk, "kind": data["chapter"]})
        else:
            back = reverse("plans:consultation", kwargs={"forum": forum.slug, "pk": plan.pk})
        if data["parent"]:
            parent = access.plan_child_for(request.user, forum, plan, Comment, data["parent"],
                                           "plans.comment")
        try:
            services.comment_add(plan=plan, author=request.user, text=data["text"],
                                 measure=measure, chapter=data["chapter"], parent=parent)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Észrevételét rögzítettük."))
    else:
        messages.error(request, _("Az észrevétel nem lehet üres."))
    return redirect(f"{back}#comments")


def comment_decide(request, forum, pk, comment):
    forum, plan = _plan(request, forum, pk, "plans.manage")
    comment = access.plan_child_for(request.user, forum, plan, Comment, comment,
                                    "plans.manage")
    form = CommentDecisionForm(request.POST or None, initial={
        "decision": comment.decision, "decision_reason": comment.decision_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_decide(comment=comment, user=request.user,
                                    decision=form.cleaned_data["decision"],
                                    reason=form.cleaned_data["decision_reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("A döntést rögzítettük."))
            return redirect("plans:consultation", forum=forum.slug, pk=plan.pk)
    return render_workspace(request, forum, "plans/comment_decide.html",
                            {"form": form, "plan": plan, "comment": comment})


def consultation(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    return render_workspace(request, forum, "plans/consultation.html", {
        "plan": plan, "comments": queries.comments_of(plan), "comment_form": CommentForm(),
        "can_comment": plan.status == PlanStatus.CONSULTATION
        and access.can(request.user, "plans.comment", forum),
    })


def consultation_export(request, forum, pk, fmt):
    forum, plan = _plan(request, forum, pk)
    headers = [_("Beküldve"), _("Szerző"), _("Tárgy"), _("Észrevétel"), _("Döntés"),
               _("Indoklás")]
    rows = ([c.created_at, str(c.author or ""), c.subject, c.text, c.get_decision_display(),
             c.decision_reason] for c in queries.comments_of(plan))
    return table_response(f"veleményezes-{plan.pk}", headers, rows, fmt)


# --- roll-up -------------------------------------------------------------------------------


def rollup(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    if plan.scope == Scope.SETTLEMENT:
        raise Http404
    ids = queries.child_plan_ids(plan)
    problem_groups = queries.rollup_problems(plan, ids)
    measure_groups = queries.rollup_measures(plan, ids)
    return render_workspace(request, forum, "plans/rollup.html", {
        "plan": plan, "problem_groups": problem_groups, "measure_groups": measure_groups,
        "by_target_group": queries.counts_by_target_group(problem_groups),
        "by_territory": queries.counts_by_territory(plan, ids),
        "can_adopt": access.can(request.user, "plans.manage", forum) and plan.is_editable,
    })


@require_POST
def rollup_adopt(request, forum, pk):
    forum, plan = _plan(request, forum, pk, "plans.manage")
    if plan.scope == Scope.SETTLEMENT:
        raise Http404
    form = RollupAdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Válasszon ki egy csoportot."))
        return redirect("plans:rollup", forum=forum.slug, pk=plan.pk)
    children = queries.child_plans(plan)
    model = Problem if form.cleaned_data["kind"] == "problem" else Measure
    sources = list(model.objects.filter(pk__in=form.item_ids(), plan__in=children)
                   .select_related("plan__settlement", "plan__district", "target_group",
                                   *(["responsible_organisation"] if model is Measure else []))
                   .order_by("pk"))
    adopt = services.rollup_adopt_problem if model is Problem else services.rollup_adopt_measure
    try:
        adopt(plan=plan, sources=sources, title=form.cleaned_data["title"], user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("A csoportot átvettük a programba."))
    return redirect("plans:rollup", forum=forum.slug, pk=plan.pk)


# --- imports -------------------------------------------------------------------------------

SPECS = {"measures": measure_spec, "statistics": statistic_spec}


def _spec(plan, kind):
    try:
        return SPECS[kind](plan)
    except KeyError as exc:
        raise Http404 from exc


def import_upload(request, forum, pk, kind):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    if not plan.is_editable:
        raise PermissionDenied
    spec = _spec(plan, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = import_preview_file(spec=spec, forum=forum, file=form.cleaned_data["file"],
                                    user=request.user)
        return redirect(f"plans:import_preview_{kind}", forum=forum.slug, pk=plan.pk,
                        batch=batch.pk)
    return render_workspace(request, forum, "core/import_upload.html", {
        "form": form, "spec": spec, "back_url": _plan_url(plan)})


def import_preview(request, forum, pk, kind, batch):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    spec = _spec(plan, kind)
    batch = access.import_batch_for(request.user, forum, batch, spec.kind, "plans.edit")
    return import_views.preview(request, forum, spec, batch, back_url=_plan_url(plan))


def import_example(request, forum, pk, kind, fmt):
    forum, plan = _plan(request, forum, pk, "plans.edit")
    return import_views.example(_spec(plan, kind), fmt)


# --- documents -----------------------------------------------------------------------------


def plan_pdf(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    return documents.plan_pdf(plan)


def plan_docx(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    return documents.plan_docx(plan)


def progress_pdf(request, forum, pk):
    forum, plan = _plan(request, forum, pk)
    return documents.progress_pdf(plan)


# --- public --------------------------------------------------------------------------------


@access.public
def public_list(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "plans/public_list.html", {
        "plans": queries.plan_list(forum, public_only=True)})


@access.public
def public_detail(request, forum, pk):
    forum = access.forum_public(forum)
    plan = access.public_plan(forum, pk)
    page = paginate(request, queries.measures_with_progress(plan),
                    per_page=PUBLIC_MEASURES_PER_PAGE)
    total, groups = queries.plan_progress(plan)
    return render_public(request, forum, "plans/public_detail.html", {
        "plan": plan, "measures": page.object_list, "page": page, "total": total,
        "groups": groups,
        "chapters": [c for c in queries.chapters_of(plan)
                     if c.text or c.problems_found or c.opportunities],
        "problems": queries.problems_of(plan), "reviews": plan.reviews.all(),
    })


@access.public
def public_pdf(request, forum, pk):
    forum = access.forum_public(forum)
    return documents.plan_pdf(access.public_plan(forum, pk))

