from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports, hungarian
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import paginate, querystring_without_page, render_workspace
from kerekasztal.forums import services as forum_services

from . import queries, services
from .forms import (
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from .imports import SPECS
from .models import Organisation, Person

# --- organisations -----------------------------------------------------------------------


def _organisation_filter_data(params, forum) -> tuple[OrganisationFilterForm, dict]:
    form = OrganisationFilterForm(params or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {"q": data.get("q", ""), "kind": data.get("kind", ""),
                  "seat": data.get("seat"), "archived": data.get("archived", False)}


def _organisation_filters(request, forum) -> dict:
    form, filters = _organisation_filter_data(request.GET, forum)
    return {"form": form, "qs": queries.organisation_list(forum, **filters)}


def organisation_list(request, forum):
    forum = access.forum_for(request.user, forum, "directory.view")
    filters = _organisation_filters(request, forum)
    return render_workspace(request, forum, "directory/organisation_list.html", {
        "filter_form": filters["form"], "page": paginate(request, filters["qs"]),
        "querystring": querystring_without_page(request),
    })


def organisation_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "directory.view")
    return exports.respond(request, forum, "directory.organisations", fmt)


@exports.table("directory.organisations", action="directory.view")
def _organisations_table(forum, user, params) -> exports.Table:
    _form, filters = _organisation_filter_data(params, forum)
    qs, found = queries.organisations_for_export(forum, **filters)
    headers = [_("Név"), _("Típus"), _("Székhely"), _("Irányítószám"), pgettext("address", "Cím"),
               _("E-mail"),
               _("Telefon"), _("Honlap"), _("Adószám"), _("Kapcsolattartók száma")]
    kinds = dict(Organisation._meta.get_field("kind").flatchoices)
    rows = (
        [o["name"], str(kinds.get(o["kind"], o["kind"])), o["seat__name"] or "",
         o["postal_code"], o["address"], o["email"], o["phone"], o["website"],
         o["tax_number"], o["people_count"]]
        for o in found
    )
    return exports.Table(f"szervezetek-{forum.slug}", headers, rows, qs.count)


def organisation_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.view")
    organisation = access.organisation_for(request.user, forum, pk, "directory.view")
    return render_workspace(request, forum, "directory/organisation_detail.html", {
        "organisation": queries.organisation_detail(organisation),
    })


def organisation_create(request, forum):
    forum = access.forum_for(request.user, forum, "directory.manage")
    form = OrganisationForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            forum=forum, user=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields}
        )
        messages.success(request, _("A szervezet felkerült a címtárba."))
        return redirect("directory:organisation_detail", forum=forum.slug, pk=organisation.pk)
    return render_workspace(request, forum, "directory/organisation_form.html", {"form": form})


def organisation_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.manage")
    organisation = access.organisation_for(request.user, forum, pk, "directory.manage")
    form = OrganisationForm(request.POST or None, instance=organisation, forum=forum)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            organisation=organisation, user=request.user,
            **{f: form.cleaned_data[f] for f in form.Meta.fields},
        )
        messages.success(request, _("A változásokat mentettük."))
        return redirect("directory:organisation_detail", forum=forum.slug, pk=organisation.pk)
    return render_workspace(request, forum, "directory/organisation_form.html", {
        "form": form, "organisation": organisation,
    })


@require_POST
def organisation_archive(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.manage")
    organisation = access.organisation_for(request.user, forum, pk, "directory.manage")
    archive = not organisation.is_archived
    services.organisation_archive(organisation=organisation, archived=archive, user=request.user)
    messages.success(request, _("A szervezetet archiváltuk.") if archive
                     else _("A szervezet újra aktív."))
    return redirect("directory:organisation_detail", forum=forum.slug, pk=organisation.pk)


# --- people ------------------------------------------------------------------------------


def _person_filter_data(params, forum) -> tuple[PersonFilterForm, dict]:
    form = PersonFilterForm(params or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {"q": data.get("q", ""), "organisation": data.get("organisation"),
                  "archived": data.get("archived", False)}


def _person_filters(request, forum) -> dict:
    form, filters = _person_filter_data(request.GET, forum)
    return {"form": form, "qs": queries.person_list(forum, **filters)}


def person_list(request, forum):
    forum = access.forum_for(request.user, forum, "directory.view")
    filters = _person_filters(request, forum)
    return render_workspace(request, forum, "directory/person_list.html", {
        "filter_form": filters["form"], "page": paginate(request, filters["qs"]),
        "querystring": querystring_without_page(request),
    })


def person_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "directory.view")
    return exports.respond(request, forum, "directory.people", fmt)


@exports.table("directory.people", action="directory.view")
def _people_table(forum, user, params) -> exports.Table:
    _form, filters = _person_filter_data(params, forum)
    qs, found = queries.people_for_export(forum, **filters)
    headers = [_("Név"), _("E-mail"), _("Telefon"), _("Beosztás"), _("Szervezet"),
               _("Jogalap"), _("Hozzájárulás dátuma"), _("Megőrzés vége")]
    bases = dict(Person._meta.get_field("legal_basis").flatchoices)
    rows = (
        [p["name"], p["email"], p["phone"], p["position"], p["organisations"],
         str(bases.get(p["legal_basis"], p["legal_basis"] or "")), p["consent_given_on"],
         p["retention_until"]]
        for p in found
    )
    return exports.Table(f"kapcsolattartok-{forum.slug}", headers, rows, qs.count)


def person_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.view")
    person = access.person_for(request.user, forum, pk, "directory.view")
    return render_workspace(request, forum, "directory/person_detail.html", {
        "person": queries.person_detail(person), "confirm_form": ConfirmForm(),
    })


def _person_fields(form) -> dict:
    return {f: form.cleaned_data[f] for f in form.Meta.fields}


def person_create(request, forum):
    forum = access.forum_for(request.user, forum, "directory.manage")
    initial = {}
    if (organisation := request.GET.get("organisation", "")).isdigit():
        initial["organisations"] = [int(organisation)]
    form = PersonForm(request.POST or None, forum=forum, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(
            forum=forum, user=request.user,
            organisations=list(form.cleaned_data["organisations"]), **_person_fields(form),
        )
        messages.success(request, _("A kapcsolattartó felkerült a címtárba."))
        return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)
    return render_workspace(request, forum, "directory/person_form.html", {"form": form})


def person_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.manage")
    person = access.person_for(request.user, forum, pk, "directory.manage")
    form = PersonForm(request.POST or None, instance=person, forum=forum)
    if request.method == "POST" and form.is_valid():
        services.person_update(
            person=person, user=request.user,
            organisations=list(form.cleaned_data["organisations"]), **_person_fields(form),
        )
        messages.success(request, _("A változásokat mentettük."))
        return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)
    return render_workspace(request, forum, "directory/person_form.html", {
        "form": form, "person": person,
    })


@require_POST
def person_archive(request, forum, pk):
    forum = access.forum_for(request.user, forum, "directory.manage")
    person = access.person_for(request.user, forum, pk, "directory.manage")
    archive = person.archived_at is None
    services.person_archive(person=person, archived=archive, user=request.user)
    messages.success(request, _("A kapcsolattartót archiváltuk.") if archive
                     else _("A kapcsolattartó újra aktív."))
    return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)


@require_POST
def person_grant_login(request, forum, pk):
    """Give a representative a login: an e-mail with a link to set a password."""
    forum = access.forum_for(request.user, forum, "directory.manage")
    person = access.person_for(request.user, forum, pk, "directory.manage")
    if not person.email:
        messages.error(request, _("Belépést csak e-mail-címmel rendelkező kapcsolattartó kaphat."))
    elif person.user_id:
        messages.info(request, _("Ennek a kapcsolattartónak már van belépése."))
    else:
        user = forum_services.account_invite(forum=forum, email=person.email,
                                             full_name=person.name, invited_by=request.user,
                                             person=person)
        if user is not None:  # a new account; an existing one is linked when it accepts
            services.person_link_user(person=person, user=user)
        messages.success(request, _("Meghívót küldtünk %s címre.")
                         % hungarian.with_article(person.email))
    return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)


# --- imports -----------------------------------------------------------------------------


def _spec(kind: str):
    try:
        return SPECS[kind]
    except KeyError as exc:
        raise Http404 from exc


def _list_url(forum, kind: str) -> str:
    name = "organisation_list" if kind == "organisations" else "person_list"
    return import_views.url_for(f"directory:{name}", forum)


def import_upload(request, forum, kind):
    forum = access.forum_for(request.user, forum, "directory.manage")
    spec = _spec(kind)
    return import_views.upload(
        request, forum, spec, back_url=_list_url(forum, kind),
        preview_url_name=f"directory:import_preview_{kind}",
    )


def import_preview(request, forum, kind, batch):
    forum = access.forum_for(request.user, forum, "directory.manage")
    spec = _spec(kind)
    batch = access.import_batch_for(request.user, forum, batch, spec.kind, "directory.manage")
    return import_views.preview(request, forum, spec, batch, back_url=_list_url(forum, kind))


def import_example(request, forum, kind, fmt):
    access.forum_for(request.user, forum, "directory.manage")
    return import_views.example(_spec(kind), fmt)
