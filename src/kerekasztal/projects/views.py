from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access
from kerekasztal.core.pages import paginate, render_public, render_workspace
from kerekasztal.core.records import links
from kerekasztal.core.records.files import serve
from kerekasztal.core.tabular import Percent, table_response
from kerekasztal.publishing.cache import cached_public
from kerekasztal.territory.geo import project as map_projection

from . import charts, documents, figures, queries, services
from .forms import (
    AsOfForm,
    AssetForm,
    DeliverableForm,
    ExtensionForm,
    GenerateForm,
    IndicatorForm,
    IndicatorTargetsForm,
    ManualValueEditForm,
    ManualValueForm,
    MilestoneForm,
    PartnerForm,
    PressReleaseForm,
    ProjectForm,
    PublishForm,
    RenamingForm,
    StaffForm,
)
from .models import (
    Asset,
    ConsortiumPartner,
    Deliverable,
    Extension,
    Indicator,
    ManualValue,
    Milestone,
    PartnerName,
    PressRelease,
    StaffRole,
)
from .publicity import block as publicity_block
from .publicity import brand_line, eu_statement, infoblock, needs_slogan

# --- projects ----------------------------------------------------------------------------


def project_list(request, forum):
    forum = access.forum_for(request.user, forum, "project.view")
    return render_workspace(request, forum, "projects/project_list.html", {
        "page": paginate(request, queries.project_list(forum)),
    })


def project_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "project.view")
    headers = [_("Projektazonosító"), pgettext("title", "Cím"), _("Kedvezményezett"),
               _("Támogatás (Ft)"),
               _("Kezdés"), _("Befejezés")]
    rows = ([p.code, p.title, p.beneficiary.name, p.grant_amount, p.start, p.current_end]
            for p in queries.project_list(forum))
    return table_response(f"projektek-{forum.slug}", headers, rows, fmt)


def _save_project(request, form, forum, project=None):
    data = form.data_for_service()
    forums_funded = list(data.pop("forums_funded"))
    try:
        if project is None:
            project = services.project_create(forum=forum, user=request.user,
                                              forums_funded=forums_funded, **data)
        else:
            services.project_update(project=project, user=request.user,
                                    forums_funded=forums_funded, **data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    return project


def project_create(request, forum):
    forum = access.forum_for(request.user, forum, "project.manage")
    form = ProjectForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        project = _save_project(request, form, forum)
        if project:
            messages.success(request, _("A projektet rögzítettük."))
            return redirect(project.get_absolute_url())
    return render_workspace(request, forum, "projects/project_form.html", {"form": form})


def project_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    form = ProjectForm(request.POST or None, instance=project, forum=forum,
                       initial={"funds": project.funds})
    if request.method == "POST" and form.is_valid():
        if _save_project(request, form, forum, project):
            messages.success(request, _("A változásokat mentettük."))
            return redirect(project.get_absolute_url())
    return render_workspace(request, forum, "projects/project_form.html", {
        "form": form, "project": project})


def project_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "project.view")
    project = access.project_for(request.user, forum, pk, "project.view")
    return render_workspace(request, forum, "projects/project_detail.html", {
        "project": project, "publicity": publicity_block(project),
        "brand_line": brand_line(project),
        "generate_form": GenerateForm(initial={"kind": "closing",
                                               "as_of": min(project.current_end,
                                                            timezone.localdate())}),
    })


# --- child records -----------------------------------------------------------------------

RECORDS = {
    "extension": (Extension, ExtensionForm, _("Hosszabbítás")),
    "partner": (ConsortiumPartner, PartnerForm, _("Konzorciumi partner")),
    "renaming": (PartnerName, RenamingForm, _("Partner névváltozása")),
    "staff": (StaffRole, StaffForm, _("Projektmunkatárs")),
    "asset": (Asset, AssetForm, _("Beszerzett eszköz")),
    "deliverable": (Deliverable, DeliverableForm, _("Vállalt termék")),
    "milestone": (Milestone, MilestoneForm, _("Mérföldkő")),
}


def _record_form(form_class, request, forum, project, instance):
    kwargs = {"instance": instance}
    if form_class in (PartnerForm, RenamingForm, StaffForm):
        kwargs.update(forum=forum, project=project)
    return form_class(request.POST or None, request.FILES or None, **kwargs)


def record_form(request, forum, pk, kind, record=None):
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    if kind not in RECORDS or (record is not None and kind == "extension"):
        raise Http404
    model, form_class, label = RECORDS[kind]
    instance = None
    if record is not None:
        instance = access.project_record_for(request.user, forum, model, record,
                                             "project.manage")
    form = _record_form(form_class, request, forum, project, instance)
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "extension":
                services.extension_add(project=project, user=request.user, **form.cleaned_data)
            else:
                item = form.save(commit=False)
                if hasattr(item, "project_id") and not item.project_id:
                    item.project = project
                services.record_save(instance=item, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Mentettük."))
            return redirect(project.get_absolute_url())
    return render_workspace(request, forum, "projects/record_form.html", {
        "form": form, "project": project, "label": label, "instance": instance, "kind": kind})


@require_POST
def record_delete(request, forum, pk, kind, record):
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    instance = access.project_record_for(request.user, forum, RECORDS[kind][0], record,
                                         "project.manage")
    services.record_delete(instance=instance, user=request.user)
    messages.success(request, _("Töröltük: %(name)s.") % {"name": instance})
    return redirect(project.get_absolute_url())


def deliverable_document(request, forum, pk, record):
    forum = access.forum_for(request.user, forum, "project.details.view")
    deliverable = access.project_record_for(request.user, forum, Deliverable, record,
                                            "project.details.view")
    if deliverable.project_id != pk:
        raise Http404
    return serve(deliverable.document, deliverable.title)


# --- indicators --------------------------------------------------------------------------


def indicator_create(request, forum, pk):
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_add(project=project, user=request.user, name=data["name"],
                                   rule=data["rule"], params=data["params"], unit=data["unit"],
                                   target=data["target"], order=data.get("order") or 0)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Az indikátort rögzítettük."))
            return redirect("projects:dashboard", forum=forum.slug, pk=project.pk)
    return render_workspace(request, forum, "projects/indicator_form.html", {
        "form": form, "project": project})


def indicator_targets(request, forum, pk):
    """Computed indicators for every rule at once, from the targets of the grant contract."""
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    existing = {i.rule for i in project.indicators.all() if i.rule and not i.params}
    form = IndicatorTargetsForm(request.POST or None, existing=existing)
    if request.method == "POST" and form.is_valid():
        created = services.indicators_from_rules(project=project, user=request.user,
                                                 targets=form.targets())
        messages.success(request, _("%(n)s indikátort vettünk fel.") % {"n": len(created)})
        return redirect("projects:dashboard", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "projects/indicator_targets.html", {
        "form": form, "project": project})


def indicator_edit(request, forum, pk, ipk):
    forum = access.forum_for(request.user, forum, "project.manage")
    indicator = _indicator(request, forum, pk, ipk, "project.manage")
    initial = {"name": indicator.name, "rule": indicator.rule, "unit": indicator.unit,
               "target": indicator.target, "order": indicator.order,
               **{f"param_{k}": v for k, v in indicator.params.items()}}
    form = IndicatorForm(request.POST or None, initial=initial, version_of=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_update(indicator=indicator, user=request.user,
                                      name=data["name"], rule=data["rule"],
                                      params=data["params"], unit=data["unit"],
                                      target=data["target"], order=data.get("order") or 0)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("projects:dashboard", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "projects/indicator_form.html", {
        "form": form, "project": indicator.project, "indicator": indicator})


def _indicator(request, forum, pk, ipk, action):
    indicator = access.project_record_for(request.user, forum, Indicator, ipk, action)
    if indicator.project_id != pk:
        raise Http404
    return indicator


def manual_value_create(request, forum, pk, ipk):
    forum = access.forum_for(request.user, forum, "project.manage")
    indicator = _indicator(request, forum, pk, ipk, "project.manage")
    if not indicator.is_manual:
        raise Http404
    form = ManualValueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_value_add(indicator=indicator, user=request.user,
                                      **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A kézi értéket rögzítettük."))
            return redirect("projects:indicator", forum=forum.slug, pk=pk, ipk=ipk)
    return render_workspace(request, forum, "projects/manual_value_form.html", {
        "form": form, "indicator": indicator, "project": indicator.project})


def _manual_value(request, forum, pk, vpk, action):
    value = access.project_record_for(request.user, forum, ManualValue, vpk, action)
    if value.indicator.project_id != pk:
        raise Http404
    return value


def manual_value_edit(request, forum, pk, vpk):
    forum = access.forum_for(request.user, forum, "project.manage")
    value = _manual_value(request, forum, pk, vpk, "project.manage")
    indicator = value.indicator
    form = ManualValueEditForm(request.POST or None, request.FILES or None, initial={
        "as_of": value.as_of, "value": value.value, "note": value.note})
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_value_update(manual=value, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A kézi értéket javítottuk."))
            return redirect("projects:indicator", forum=forum.slug, pk=pk, ipk=indicator.pk)
    return render_workspace(request, forum, "projects/manual_value_form.html", {
        "form": form, "indicator": indicator, "project": indicator.project, "value": value})


@require_POST
def manual_value_delete(request, forum, pk, vpk):
    forum = access.forum_for(request.user, forum, "project.manage")
    value = _manual_value(request, forum, pk, vpk, "project.manage")
    indicator = value.indicator
    services.manual_value_delete(manual=value, user=request.user)
    messages.success(request, _("A kézi értéket töröltük."))
    return redirect("projects:indicator", forum=forum.slug, pk=pk, ipk=indicator.pk)


def manual_value_evidence(request, forum, pk, vpk):
    forum = access.forum_for(request.user, forum, "project.details.view")
    value = access.project_record_for(request.user, forum, ManualValue, vpk,
                                      "project.details.view")
    if value.indicator.project_id != pk:
        raise Http404
    return serve(value.evidence, f"bizonyitek-{value.indicator.name}-{value.as_of}")


def _drill(request, forum, pk, ipk):
    forum = access.forum_for(request.user, forum, "project.view")
    indicator = _indicator(request, forum, pk, ipk, "project.view")
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.day(min(indicator.project.current_end, timezone.localdate()))
    return forum, indicator, as_of_form, as_of


def _listing(indicator, as_of):
    """(records listed behind the value, what one of them is, how they are counted)."""
    records = figures.listed(indicator, as_of)
    if records is None:
        return None, "", ""
    rule = figures.rule_of(indicator)
    if not rule.distinct:
        return records, str(records.model._meta.verbose_name), ""
    if figures.counted_model(rule, rule.records(indicator.project.funded_forums(), as_of,
                                                **indicator.params).model) is not None:
        meta = records.model._meta
        return records, str(meta.verbose_name), _(
            "Az érték a különböző %(things)s száma: mindegyik egyszer szerepel, akárhány "
            "nyilvántartott tétel tartozik hozzá.") % {"things": meta.verbose_name_plural}
    return records, str(indicator.unit), _(
        "Az érték különböző személyeket (tételeket) számol: mindegyik egyszer szerepel, az "
        "első nyilvántartott előfordulásával (%(record)s).") % {
            "record": records.model._meta.verbose_name}


def indicator_detail(request, forum, pk, ipk):
    """The records behind an indicator's value (the drill-down): as many as the value, each
    linked to its page."""
    forum, indicator, as_of_form, as_of = _drill(request, forum, pk, ipk)
    item = figures.figure(indicator, as_of)
    records, noun, counting = _listing(indicator, as_of)
    breakdown = figures.by_settlement(indicator, as_of)
    page = paginate(request, records) if records is not None else None
    return render_workspace(request, forum, "projects/indicator_detail.html", {
        "project": indicator.project, "indicator": indicator, "figure": item,
        "as_of_form": as_of_form, "as_of": as_of,
        "page": page, "noun": noun, "counting": counting,
        "items": [(record, links.record_url(record)
                   if access.record_page_visible(request.user, forum, record) else None)
                  for record in page.object_list]
        if page is not None else [],
        "manual_values": indicator.manual_values.all(),
        "breakdown": _breakdown(forum, breakdown),
        "querystring": f"as_of={as_of.isoformat()}",
    })


def indicator_export(request, forum, pk, ipk, fmt):
    forum, indicator, _form, as_of = _drill(request, forum, pk, ipk)
    records, _noun, _counting = _listing(indicator, as_of)
    if records is None:
        rows = ([v.as_of, v.value, v.note, _("kézi adat")] for v in indicator.manual_values.all()
                if v.as_of <= as_of)
        headers = [_("Ettől a naptól"), _("Érték"), _("Megjegyzés"), _("Forrás")]
    else:
        def link(record):
            url = links.record_url(record)
            return request.build_absolute_uri(url) if url else ""

        rows = ([str(record), link(record)] for record in records)
        headers = [_("Nyilvántartott tétel"), _("Hivatkozás")]
    return table_response(f"indikator-{indicator.pk}-{as_of.isoformat()}", headers, rows, fmt)


def _breakdown(forum, counts):
    if not counts:
        return None
    from kerekasztal.territory.models import Settlement

    settlements = list(forum.settlements().order_by("name")) or list(
        Settlement.objects.filter(pk__in=counts).order_by("name"))
    highest = max(counts.values()) or 1
    rows = [(s, counts.get(s.pk, 0)) for s in settlements]
    projection = map_projection("settlements", [s.ksh_code for s in settlements], width=560)
    shades = {s.ksh_code: charts.shade(counts.get(s.pk, 0), highest) for s in settlements}
    return {"rows": rows, "projection": projection, "shades": shades,
            "names": {s.ksh_code: f"{s.name}: {counts.get(s.pk, 0)}" for s in settlements},
            "extra": sum(n for sid, n in counts.items()
                         if sid not in {s.pk for s in settlements})}


# --- dashboard ---------------------------------------------------------------------------


def _dashboard_data(request, forum, pk):
    forum = access.forum_for(request.user, forum, "project.view")
    project = access.project_for(request.user, forum, pk, "project.view")
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.day(figures.current_day(project, timezone.localdate()))
    return forum, project, as_of_form, as_of


def dashboard(request, forum, pk):
    forum, project, as_of_form, as_of = _dashboard_data(request, forum, pk)
    series = figures.series(project, as_of)
    items = figures.figures(project, as_of, series)  # the values are the series' last points
    places = [(item.indicator, _breakdown(forum, figures.by_settlement(item.indicator, as_of)))
              for item in items if item.has_places]
    return render_workspace(request, forum, "projects/dashboard.html", {
        "places": [(indicator, breakdown) for indicator, breakdown in places if breakdown],
        "project": project, "as_of_form": as_of_form, "as_of": as_of,
        "rows": [(item, charts.progress_chart(series[item.indicator.pk],
                                              item.indicator.target)) for item in items],
        "querystring": f"as_of={as_of.isoformat()}",
    })


def dashboard_export(request, forum, pk, fmt):
    forum, project, _form, as_of = _dashboard_data(request, forum, pk)
    items = figures.figures(project, as_of)
    headers = [_("Indikátor"), _("Mértékegység"), _("Célérték"), _("Érték"), _("Teljesülés (%)"),
               _("Forrás"), _("Állapot napja")]
    rows = ([i.indicator.name, i.indicator.unit, i.indicator.target, i.value,
             Percent(i.percent),
             _("kézi adat") if i.manual else i.indicator.rule, as_of] for i in items)
    return table_response(f"indikatorok-{project.code}-{as_of.isoformat()}", headers, rows, fmt)


# --- press releases and reports ----------------------------------------------------------


@require_POST
def release_generate(request, forum, pk):
    forum = access.forum_for(request.user, forum, "project.manage")
    project = access.project_for(request.user, forum, pk, "project.manage")
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Adja meg a dokumentum fajtáját és az adatok napját."))
        return redirect(project.get_absolute_url())
    release = services.press_release_generate(project=project, user=request.user,
                                              **form.cleaned_data)
    messages.success(request, _("A vázlat elkészült; szerkessze, majd tegye közzé."))
    return redirect("projects:release", forum=forum.slug, pk=pk, rpk=release.pk)


def _release(request, forum, pk, rpk, action):
    release = access.project_record_for(request.user, forum, PressRelease, rpk, action)
    if release.project_id != pk:
        raise Http404
    return release


def _release_page(request, forum, release, form, publish_form):
    return render_workspace(request, forum, "projects/release_edit.html", {
        "form": form, "publish_form": publish_form, "release": release,
        "project": release.project})


def _publish_form(release, data=None):
    day = (timezone.localdate(release.published_at) if release.published_at
           else timezone.localdate())
    return PublishForm(data, initial={"published_on": day}, prefix="publish")


def _edit_form(release, data=None):
    return PressReleaseForm(data, initial={"title": release.title, "body": release.body},
                            version_of=release)


def release_edit(request, forum, pk, rpk):
    forum = access.forum_for(request.user, forum, "project.details.view")
    release = _release(request, forum, pk, rpk, "project.details.view")
    form = _edit_form(release, request.POST or None)
    if request.method == "POST":
        access.require(request.user, "project.manage", forum)
        if form.is_valid():
            services.press_release_update(release=release, user=request.user,
                                          **form.cleaned_data)
            messages.success(request, _("A változásokat mentettük."))
            return redirect("projects:release", forum=forum.slug, pk=pk, rpk=rpk)
    return _release_page(request, forum, release, form, _publish_form(release))


@require_POST
def release_publish(request, forum, pk, rpk):
    """Publish on a day (today or the past day it really appeared), move the day of a
    published release, or withdraw it."""
    forum = access.forum_for(request.user, forum, "project.manage")
    release = _release(request, forum, pk, rpk, "project.manage")
    if request.POST.get("action") == "withdraw":
        services.press_release_publish(release=release, user=request.user, publish=False)
        messages.success(request, _("Visszavontuk a közzétételt."))
        return redirect("projects:release", forum=forum.slug, pk=pk, rpk=rpk)
    publish_form = _publish_form(release, request.POST)
    if publish_form.is_valid():
        try:
            services.press_release_publish(
                release=release, user=request.user,
                published_on=publish_form.cleaned_data.get("published_on"))
        except ValidationError as exc:
            publish_form.add_error(None, exc)
        else:
            messages.success(request, _("Közzétettük a nyilvános oldalon."))
            return redirect("projects:release", forum=forum.slug, pk=pk, rpk=rpk)
    return _release_page(request, forum, release, _edit_form(release), publish_form)


def release_document(request, forum, pk, rpk, doc):
    forum = access.forum_for(request.user, forum, "project.details.view")
    release = _release(request, forum, pk, rpk, "project.details.view")
    return documents.press_release(release, doc, forum_name=forum.name)


# --- public ------------------------------------------------------------------------------


# The public project page shows figures as of today: a cached copy is kept at most this long
# (seconds), so the day rolls over and the records of funded working groups (whose changes
# bump their own forum's version) show up soon.
PUBLIC_MAX_AGE = 600


@access.public
@cached_public(max_age=PUBLIC_MAX_AGE)
def public(request, forum):
    forum = access.forum_public(forum)
    projects = figures.figures_of(queries.public_projects(forum), timezone.localdate())
    return render_public(request, forum, "projects/public.html", {
        "projects": [(p, eu_statement(p), needs_slogan(p), infoblock(p), as_of, items)
                     for p, as_of, items in projects],
    })


@access.public
@cached_public
def public_release(request, forum, pk):
    forum = access.forum_public(forum)
    release = access.press_release_public(forum, pk)
    return render_public(request, forum, "projects/public_release.html", {
        "release": release, "paragraphs": documents.paragraphs(release.body),
        "publicity": publicity_block(release.project),
    })
