import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports
from kerekasztal.core.exports.rows import joined, related_values
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import paginate, querystring_without_page, render_workspace
from kerekasztal.core.records.files import content_disposition
from kerekasztal.core.records.links import sources_of
from kerekasztal.core.tabular import table_response
from kerekasztal.publishing.cache import forum_version

from . import queries, report, services
from .forms import (
    STATUS_LABELS,
    CommentForm,
    GapEditForm,
    GapFilterForm,
    GapForm,
    GapResolveForm,
    MapForm,
    PointFilterForm,
    QuestionnaireForm,
    ServicePointForm,
    ServiceRuleForm,
)
from .hsds import hsds_document
from .imports import SERVICE_POINTS
from .maps import cell_detail, coverage_map
from .models import ReportComment

# The HSDS file is kept per version of the forum's data; service types are shared by every
# forum (a change of one does not change the forum's version), so a copy lives this long.
HSDS_CACHE_SECONDS = 60 * 60

# --- coverage ----------------------------------------------------------------------------


def coverage(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    data = queries.forum_coverage(forum)
    rows = [(s, data.coverage.row(s.pk), data.coverage.gap_count(s.pk))
            for s in data.settlements]
    return render_workspace(request, forum, "servicemap/coverage.html", {
        "data": data, "rows": rows, "status_labels": STATUS_LABELS,
        "editable_ids": access.settlements_editable_by(request.user, forum),
    })


def coverage_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    data = queries.forum_coverage(forum)
    headers = [_("Település"), _("KSH-kód"), _("Lakónépesség"), _("Szolgáltatástípus"),
               _("Elérhetőség"), _("Távolság (km, légvonalban)"), _("Szolgáltató"),
               _("Elvárt"), _("Hiány"), _("Súlyosság")]
    severity = {1: _("enyhe"), 2: _("közepes"), 3: _("súlyos")}
    rows = (
        [cell.place.name, cell.place.ksh_code, cell.place.population,
         data.type(cell.type_id).name, STATUS_LABELS[cell.status.value],
         cell.distance if cell.distance is not None else "", cell_detail(cell),
         _("igen") if cell.expected else _("nem"), _("igen") if cell.is_gap else _("nem"),
         severity.get(cell.gap_severity, "")]
        for settlement in data.settlements for cell in data.coverage.row(settlement.pk)
    )
    return table_response(f"lefedettseg-{forum.slug}", headers, rows, fmt)


def service_map(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    form = MapForm(request.GET or None)
    chosen = form.cleaned_data.get("service_type") if form.is_valid() else None
    data = queries.forum_coverage(forum)
    return render_workspace(request, forum, "servicemap/map.html", {
        "form": form, "map": coverage_map(data, chosen.pk if chosen else None),
        "chosen": chosen,
    })


# --- service types -----------------------------------------------------------------------


def type_list(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    types = list(queries.service_types())
    own = queries.forum_rules(forum)
    counts = queries.point_counts_by_type(forum)
    rows = [(t, own.get(t.pk), counts.get(t.pk, 0)) for t in types]
    return render_workspace(request, forum, "servicemap/type_list.html", {"rows": rows})


def type_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    own = queries.forum_rules(forum)
    headers = [_("Kód"), _("Név"), _("Kategória"), _("Elérhető legyen (lakos felett)"),
               _("Helyben legyen (lakos felett)"), _("Legnagyobb távolság (km)"),
               _("A fórum saját szabálya"), _("Indoklás")]
    rows = []
    for t in queries.service_types():
        rule = own.get(t.pk) or t
        rows.append([t.code, t.name, t.get_category_display(), rule.required_from_population,
                     rule.local_from_population, rule.max_distance_km,
                     _("igen") if t.pk in own else _("nem"), t.rule_note])
    return table_response(f"szolgaltatastipusok-{forum.slug}", headers, rows, fmt)


def type_rule(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    service_type = access.service_type_for(request.user, forum, pk, "servicemap.manage")
    rule = queries.forum_rules(forum).get(service_type.pk)
    initial = {} if rule else {
        "required_from_population": service_type.required_from_population,
        "local_from_population": service_type.local_from_population,
        "max_distance_km": service_type.max_distance_km,
    }
    form = ServiceRuleForm(request.POST or None, instance=rule, initial=initial)
    if request.method == "POST" and "reset" in request.POST:
        services.service_rule_reset(forum=forum, service_type=service_type)
        messages.success(request, _("Ismét a katalógus alapszabálya érvényes."))
        return redirect("servicemap:type_list", forum=forum.slug)
    if request.method == "POST" and form.is_valid():
        services.service_rule_set(forum=forum, service_type=service_type, **form.cleaned_data)
        messages.success(request, _("A fórum szabályát mentettük."))
        return redirect("servicemap:type_list", forum=forum.slug)
    return render_workspace(request, forum, "servicemap/type_rule.html", {
        "form": form, "service_type": service_type, "rule": rule,
    })


# --- service points ----------------------------------------------------------------------


def _point_filters(request, forum, params=None):
    form = PointFilterForm((request.GET if params is None else params) or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    return form, queries.point_list(forum, service_type=data.get("service_type"),
                                    settlement=data.get("settlement"), q=data.get("q", ""))


def point_list(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    form, qs = _point_filters(request, forum)
    return render_workspace(request, forum, "servicemap/point_list.html", {
        "filter_form": form, "page": paginate(request, qs),
        "querystring": querystring_without_page(request),
        "editable_ids": access.settlements_editable_by(request.user, forum),
    })


def point_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    return exports.respond(request, forum, "servicemap.points", fmt)


@exports.table("servicemap.points", action="servicemap.view")
def _points_table(forum, user, params) -> exports.Table:
    _form, qs = _point_filters(None, forum, params)
    qs = qs.prefetch_related(None)
    headers = [_("Szolgáltatástípus"), _("Szolgáltató"), _("Székhely"), pgettext("address", "Cím"),
               _("Ellátott települések"), _("Kapacitás"), _("Kapacitás egysége"),
               _("Nyitvatartás"), _("Elérhetőség"), _("Forrás"), _("Ellenőrizve"),
               _("Szélesség"), _("Hosszúság")]
    served = related_values(qs, "served_settlements", "name")
    rows = (
        [p["service_type__name"], p["provider_name"], p["settlement__name"], p["address"],
         joined(served, p["pk"]), p["capacity"], p["capacity_unit"], p["opening_hours"],
         p["contact"], p["source"], p["verified_on"], p["lat"], p["lon"]]
        for p in qs.values("pk", "service_type__name", "provider_name", "settlement__name",
                           "address", "capacity", "capacity_unit", "opening_hours", "contact",
                           "source", "verified_on", "lat", "lon").iterator(2000)
    )
    return exports.Table(f"szolgaltatasi-pontok-{forum.slug}", headers, rows, qs.count)


def point_create(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.point.edit")
    editable = access.settlements_editable_by(request.user, forum)
    form = ServicePointForm(request.POST or None, forum=forum, editable_ids=editable)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        served = fields.pop("served_settlements")
        services.service_point_create(forum=forum, user=request.user,
                                      served_settlements=served, **fields)
        messages.success(request, _("A szolgáltatási pontot rögzítettük."))
        return redirect("servicemap:point_list", forum=forum.slug)
    return render_workspace(request, forum, "servicemap/point_form.html", {"form": form})


def point_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.point.edit")
    point = access.service_point_for(request.user, forum, pk, "servicemap.point.edit")
    editable = access.settlements_editable_by(request.user, forum)
    form = ServicePointForm(request.POST or None, instance=point, forum=forum,
                            editable_ids=editable)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        served = fields.pop("served_settlements")
        services.service_point_update(point=point, user=request.user,
                                      served_settlements=served, **fields)
        messages.success(request, _("A változásokat mentettük."))
        return redirect("servicemap:point_list", forum=forum.slug)
    return render_workspace(request, forum, "servicemap/point_form.html", {
        "form": form, "point": point,
    })


@require_POST
def point_toggle(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.point.edit")
    point = access.service_point_for(request.user, forum, pk, "servicemap.point.edit")
    services.service_point_set_active(point=point, active=not point.is_active)
    messages.success(request, _("A szolgáltatási pont újra működik.") if point.is_active
                     else _("A szolgáltatási pontot megszűntként jelöltük."))
    return redirect("servicemap:point_list", forum=forum.slug)


def import_upload(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    return import_views.upload(
        request, forum, SERVICE_POINTS,
        back_url=import_views.url_for("servicemap:point_list", forum),
        preview_url_name="servicemap:import_preview",
    )


def import_preview(request, forum, batch):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    batch = access.import_batch_for(request.user, forum, batch, SERVICE_POINTS.kind,
                                    "servicemap.manage")
    return import_views.preview(request, forum, SERVICE_POINTS, batch,
                                back_url=import_views.url_for("servicemap:point_list", forum))


def import_example(request, forum, fmt):
    access.forum_for(request.user, forum, "servicemap.manage")
    return import_views.example(SERVICE_POINTS, fmt)


def hsds_export(request, forum):
    """The open-data file of the service map: the same for every viewer, so it is built
    once per version of the forum's data and kept in the cache (publishing/cache.py)."""
    forum = access.forum_for(request.user, forum, "servicemap.view")
    key = f"servicemap:hsds:{forum.slug}:{forum_version(forum.slug)}"
    content = cache.get(key)
    if content is None:
        content = json.dumps(hsds_document(forum), cls=DjangoJSONEncoder, ensure_ascii=False,
                             indent=1).encode()
        cache.set(key, content, HSDS_CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/json")
    response["Content-Disposition"] = content_disposition(f"hsds-{forum.slug}.json")
    return response


# --- questionnaires ----------------------------------------------------------------------


def questionnaire_list(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    editable = access.settlements_editable_by(request.user, forum)
    rows = queries.questionnaire_status(forum)
    return render_workspace(request, forum, "servicemap/questionnaire_list.html", {
        "rows": rows, "answered": sum(1 for _s, q in rows if q),
        "editable_ids": editable,
        "may_fill": "servicemap.questionnaire" in access.allowed_actions(request.user, forum),
    })


def questionnaire(request, forum, settlement):
    forum = access.forum_for(request.user, forum, "servicemap.questionnaire")
    settlement = access.questionnaire_settlement_for(request.user, forum, settlement)
    data = queries.forum_coverage(forum)
    cells = {cell.type_id: cell for cell in data.coverage.row(settlement.pk)}
    form = QuestionnaireForm(request.POST or None, forum=forum, settlement=settlement,
                             types=data.types, initial_cells=cells)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_submit(forum=forum, settlement=settlement,
                                          answers=form.answers(), user=request.user,
                                          note=form.cleaned_data["note"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("A kérdőívet mentettük; a térkép már az új adatokat "
                                        "mutatja."))
            return redirect("servicemap:questionnaire_list", forum=forum.slug)
    return render_workspace(request, forum, "servicemap/questionnaire_form.html", {
        "form": form, "settlement": settlement,
    })


# --- gaps --------------------------------------------------------------------------------


def _gap_filters(request, forum):
    form = GapFilterForm(request.GET or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    return form, queries.gap_list(forum, status=data.get("status", ""),
                                  service_type=data.get("service_type"),
                                  settlement=data.get("settlement"))


def gap_list(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    form, qs = _gap_filters(request, forum)
    data = queries.forum_coverage(forum)
    unrecorded = [(cell, data.type(cell.type_id)) for cell in data.coverage.gaps()
                  if cell.recorded_gap is None]
    return render_workspace(request, forum, "servicemap/gap_list.html", {
        "filter_form": form, "page": paginate(request, qs),
        "querystring": querystring_without_page(request), "unrecorded": unrecorded,
    })


def gap_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    _form, qs = _gap_filters(request, forum)
    headers = [_("Település"), _("Szolgáltatástípus"), _("Súlyosság"), _("Feltárva"),
               _("Állapot"), _("Leírás"), _("Javasolt megoldás"), _("Megoldva"),
               _("A megoldás módja"), _("Nyilvános")]
    rows = (
        [g.settlement.name, g.service_type.name, g.get_severity_display(), g.found_on,
         g.get_status_display(), g.description, g.proposed_solution, g.resolved_on,
         g.resolution, _("igen") if g.is_public else _("nem")]
        for g in qs
    )
    return table_response(f"szolgaltatashianyok-{forum.slug}", headers, rows, fmt)


def gap_create(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    initial = {key: request.GET[key] for key in ("settlement", "service_type", "severity")
               if request.GET.get(key, "").isdigit()}
    initial["found_on"] = timezone.localdate()
    form = GapForm(request.POST or None, forum=forum, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            gap = services.gap_record(forum=forum, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("A hiányt rögzítettük."))
            return redirect("servicemap:gap_detail", forum=forum.slug, pk=gap.pk)
    return render_workspace(request, forum, "servicemap/gap_form.html", {"form": form})


def gap_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    gap = access.service_gap_for(request.user, forum, pk, "servicemap.view")
    cell = None
    if forum.settlements().filter(pk=gap.settlement_id).exists():
        cell = queries.forum_coverage(forum, types=[gap.service_type]).coverage.cell(
            gap.settlement_id, gap.service_type_id)
    return render_workspace(request, forum, "servicemap/gap_detail.html", {
        "gap": gap, "resolve_form": GapResolveForm(), "cell": cell,
        "cell_label": STATUS_LABELS[cell.status.value] if cell else "",
        "cell_detail": cell_detail(cell) if cell else "",
        "addressed_by": sources_of(gap, kind="addresses"),
        "evidence_for": sources_of(gap, kind="evidence"),
    })


def gap_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    gap = access.service_gap_for(request.user, forum, pk, "servicemap.manage")
    form = GapEditForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        services.gap_update(gap=gap, user=request.user, **form.cleaned_data)
        messages.success(request, _("A változásokat mentettük."))
        return redirect("servicemap:gap_detail", forum=forum.slug, pk=gap.pk)
    return render_workspace(request, forum, "servicemap/gap_form.html", {
        "form": form, "gap": gap,
    })


def gap_resolve(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    gap = access.service_gap_for(request.user, forum, pk, "servicemap.manage")
    form = GapResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gap_resolve(gap=gap, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            gap.refresh_from_db()
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("A hiányt megoldottnak jelöltük."))
            return redirect("servicemap:gap_detail", forum=forum.slug, pk=gap.pk)
    return render_workspace(request, forum, "servicemap/gap_resolve.html", {
        "form": form, "gap": gap,
    })


@require_POST
def gap_reopen(request, forum, pk):
    forum = access.forum_for(request.user, forum, "servicemap.manage")
    gap = access.service_gap_for(request.user, forum, pk, "servicemap.manage")
    services.gap_reopen(gap=gap)
    messages.success(request, _("A hiányt újra nyitottnak jelöltük."))
    return redirect("servicemap:gap_detail", forum=forum.slug, pk=gap.pk)


# --- the SZÚT report ---------------------------------------------------------------------


def report_draft(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    allowed = access.allowed_actions(request.user, forum)
    form = CommentForm(request.POST or None) if "servicemap.comment" in allowed else None
    if request.method == "POST":
        if form is None:
            access.require(request.user, "servicemap.comment", forum)
        elif form.is_valid():
            services.report_comment_add(forum=forum, author=request.user,
                                        text=form.cleaned_data["text"])
            messages.success(request, _("Észrevételét rögzítettük."))
            return redirect(reverse("servicemap:report", kwargs={"forum": forum.slug})
                            + "#comments")
    return render_workspace(request, forum, "servicemap/report.html", {
        **report.context(forum), "comment_form": form,
        "comments": ReportComment.objects.filter(forum=forum).select_related("author"),
    })


def report_pdf(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    return report.pdf(forum)


def report_docx(request, forum):
    forum = access.forum_for(request.user, forum, "servicemap.view")
    return report.docx(forum)


