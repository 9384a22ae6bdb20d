from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports, hungarian
from kerekasztal.core.exports.rows import joined, related_values
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import (
    paginate,
    querystring_without_page,
    render_public,
    render_workspace,
)
from kerekasztal.core.records.files import serve
from kerekasztal.directory.models import Organisation
from kerekasztal.publishing.cache import cached_public
from kerekasztal.territory.geo import project

from . import imports, queries, services
from .forms import (
    AccessGrantForm,
    ForumCreateForm,
    ForumEditForm,
    MembershipEndForm,
    MembershipFilterForm,
    MembershipForm,
)
from .models import ForumKind, Membership

# --- public ------------------------------------------------------------------------------


@access.public
@cached_public
def public(request, forum):
    forum = access.forum_public(forum)
    settlements = list(forum.settlements().order_by("name"))
    territory_map = project(
        "settlements", [s.ksh_code for s in settlements], width=640,
    ) if settlements else None
    return render_public(request, forum, "forums/public.html", {
        "members": queries.public_members(forum),
        "settlements": settlements,
        "territory_map": territory_map,
        "settlement_names": {s.ksh_code: s.name for s in settlements},
        "working_groups": forum.working_groups.order_by("name"),
    })


# --- forum -------------------------------------------------------------------------------


def create(request):
    parents = access.forums_coordinated_by(request.user).exclude(kind=ForumKind.WORKING_GROUP)
    may_create_forum = access.can_create_forum(request.user)
    if not may_create_forum and not parents.exists():
        raise PermissionDenied
    initial = {}
    if parent_slug := request.GET.get("parent"):
        parent = parents.filter(slug=parent_slug).first()
        if parent:
            initial = {"kind": ForumKind.WORKING_GROUP, "parent": parent.pk}
    form = ForumCreateForm(request.POST or None, parents=parents, initial=initial)
    if not may_create_forum:
        form.fields["kind"].choices = [(ForumKind.WORKING_GROUP, ForumKind.WORKING_GROUP.label)]
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in ForumCreateForm.Meta.fields}
        try:
            forum = services.forum_create(
                creator=request.user,
                lead_organisation_name=form.cleaned_data["lead_organisation_name"],
                lead_organisation_kind=form.cleaned_data["lead_organisation_kind"],
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A fórum létrejött. Ön a koordinátora."))
            return redirect("forums:workspace", forum=forum.slug)
    return render(request, "forums/forum_create.html", {"form": form})


def workspace(request, forum):
    forum = access.forum_for(request.user, forum, "workspace.view")
    return render_workspace(request, forum, "forums/workspace.html", {
        "summary": queries.forum_summary(forum),
        "working_groups": forum.working_groups.order_by("name"),
        **_coming_up(request.user, forum),
    })


def _coming_up(user, forum) -> dict:
    """The next meetings and events and the latest decisions, each in one query, from the
    apps' queries (only what the viewer may read)."""
    from kerekasztal.events import queries as events
    from kerekasztal.meetings import queries as meetings

    context: dict = {}
    if access.can(user, "meetings.view", forum):
        context["next_meetings"] = meetings.upcoming_meetings(forum)
        context["latest_decisions"] = meetings.latest_decisions(forum)
    if access.has_rsvp_desk(user, forum):
        context["to_answer"] = meetings.awaiting_answer(forum, user)
    if access.can(user, "events.view", forum):
        context["next_events"] = events.upcoming_events(forum)
    has_hep_desk, settlements = access.hep_desk_settlements(user, forum)
    if has_hep_desk:
        from kerekasztal.plans import queries as plans

        context["hep_desk"] = plans.hep_desk(forum, settlements)
        context["hep_desk_officer"] = settlements is not None
    organisations = access.signing_desk_organisations(user, forum)
    if organisations:
        from kerekasztal.agreements import queries as agreements

        context["to_sign"] = list(agreements.awaiting_signature(forum, organisations)[:20])
    return context


def edit(request, forum):
    forum = access.forum_for(request.user, forum, "forum.edit")
    form = ForumEditForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.forum_update(forum=forum, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("forums:workspace", forum=forum.slug)
    return render_workspace(request, forum, "forums/forum_edit.html", {"form": form})


# --- memberships -------------------------------------------------------------------------


def _membership_filters(request, forum, params=None):
    form = MembershipFilterForm((request.GET if params is None else params) or None)
    data = form.cleaned_data if form.is_valid() else {}
    on = data.get("on") or timezone.localdate()
    former = data.get("former", False)
    return form, on, former, queries.membership_list(forum, on=on, former=former)


def membership_list(request, forum):
    forum = access.forum_for(request.user, forum, "membership.view")
    form, on, former, qs = _membership_filters(request, forum)
    return render_workspace(request, forum, "forums/membership_list.html", {
        "filter_form": form, "on": on, "former": former, "page": paginate(request, qs),
        "querystring": querystring_without_page(request),
    })


def membership_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "membership.view")
    return exports.respond(request, forum, "forums.memberships", fmt)


@exports.table("forums.memberships", action="membership.view")
def _memberships_table(forum, user, params) -> exports.Table:
    _form, on, _former, qs = _membership_filters(None, forum, params)
    qs = qs.prefetch_related(None)
    headers = [_("Szervezet"), _("Típus"), _("Szerep"), _("Tagság kezdete"), _("Tagság vége"),
               _("Kilépés oka"), _("Képviselők")]
    representatives = related_values(qs, "representatives", "name")
    kinds = dict(Organisation._meta.get_field("kind").flatchoices)
    roles = dict(Membership._meta.get_field("role").flatchoices)
    rows = (
        [m["organisation__name"], str(kinds.get(m["organisation__kind"], m["organisation__kind"])),
         str(roles.get(m["role"], m["role"])), m["since"], m["until"], m["leaving_reason"],
         joined(representatives, m["pk"])]
        for m in qs.values("pk", "organisation__name", "organisation__kind", "role", "since",
                           "until", "leaving_reason").iterator(2000)
    )
    return exports.Table(f"tagok-{forum.slug}-{on.isoformat()}", headers, rows, qs.count)


def membership_import(request, forum):
    forum = access.forum_for(request.user, forum, "membership.manage")
    return import_views.upload(request, forum, imports.MEMBERSHIPS,
                               back_url=import_views.url_for("forums:membership_list", forum),
                               preview_url_name="forums:membership_import_preview")


def membership_import_preview(request, forum, batch):
    forum = access.forum_for(request.user, forum, "membership.manage")
    batch = access.import_batch_for(request.user, forum, batch, imports.MEMBERSHIPS.kind,
                                    "membership.manage")
    return import_views.preview(request, forum, imports.MEMBERSHIPS, batch,
                                back_url=import_views.url_for("forums:membership_list", forum))


def membership_import_example(request, forum, fmt):
    access.forum_for(request.user, forum, "membership.manage")
    return import_views.example(imports.MEMBERSHIPS, fmt)


def membership_create(request, forum):
    forum = access.forum_for(request.user, forum, "membership.manage")
    initial = {}
    if organisation := request.GET.get("organisation"):
        initial["organisation"] = organisation
    form = MembershipForm(request.POST or None, request.FILES or None, forum=forum,
                          initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_add(
                forum=forum, organisation=data["organisation"], role=data["role"],
                since=data["since"], representatives=list(data["representatives"]),
                accession_declaration=data.get("accession_declaration"), user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%s felkerült a tagok közé.") % data["organisation"])
            return redirect("forums:membership_list", forum=forum.slug)
    return render_workspace(request, forum, "forums/membership_form.html", {"form": form})


def membership_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "membership.manage")
    membership = access.membership_for(request.user, forum, pk, "membership.manage")
    form = MembershipForm(request.POST or None, request.FILES or None, instance=membership,
                          forum=forum)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        representatives = list(data.pop("representatives"))
        data.pop("organisation")
        try:
            services.membership_update(membership=membership, representatives=representatives,
                                       user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("forums:membership_list", forum=forum.slug)
    return render_workspace(request, forum, "forums/membership_form.html", {
        "form": form, "membership": membership,
    })


def membership_end(request, forum, pk):
    forum = access.forum_for(request.user, forum, "membership.manage")
    membership = access.membership_for(request.user, forum, pk, "membership.manage")
    form = MembershipEndForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership=membership, until=form.cleaned_data["until"],
                                    reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A tagság megszűnését rögzítettük."))
            return redirect("forums:membership_list", forum=forum.slug)
    return render_workspace(request, forum, "forums/membership_end.html", {
        "form": form, "membership": membership,
    })


def membership_declaration(request, forum, pk):
    forum = access.forum_for(request.user, forum, "membership.declaration.view")
    membership = access.membership_for(request.user, forum, pk, "membership.declaration.view")
    return serve(membership.accession_declaration,
                 f"csatlakozasi-nyilatkozat-{membership.organisation.name}")


# --- role grants -------------------------------------------------------------------------


def access_list(request, forum):
    forum = access.forum_for(request.user, forum, "forum.access.view")
    form = AccessGrantForm(request.POST or None, forum=forum)
    if request.method == "POST":
        access.require(request.user, "forum.access.manage", forum)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.access_grant(forum=forum, email=data["email"],
                                      full_name=data["full_name"], role=data["role"],
                                      settlement=data["settlement"], granted_by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _(
                    "Meghívót küldtünk %s címre. Ha ehhez a címhez már tartozik fiók, a "
                    "hozzáférés a meghívó elfogadásakor jön létre.")
                    % hungarian.with_article(data["email"]))
                return redirect("forums:access_list", forum=forum.slug)
    return render_workspace(request, forum, "forums/access_list.html", {
        "grants": queries.access_grants(forum), "form": form, "confirm_form": ConfirmForm(),
        "invitations": queries.open_role_invitations(forum),
    })


@require_POST
def access_revoke(request, forum, pk):
    forum = access.forum_for(request.user, forum, "forum.access.manage")
    grant = access.grant_for(request.user, forum, pk, "forum.access.manage")
    try:
        services.access_revoke(grant=grant, revoked_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A hozzáférést visszavontuk."))
    return redirect("forums:access_list", forum=forum.slug)


# --- invitations of existing accounts ----------------------------------------------------


def invitation(request, token):
    """The owner of an existing account accepts or declines a forum's invitation."""
    invitation = access.account_invitation_for(request.user, token)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = request.POST.get("answer") == "accept"
        try:
            if accept:
                services.invitation_accept(invitation=invitation, user=request.user)
            else:
                services.invitation_decline(invitation=invitation, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if accept:
                messages.success(request, _("Elfogadta a meghívót: %s") % invitation.forum.name)
                return redirect("forums:workspace", forum=invitation.forum.slug)
            messages.info(request, _("Elutasította a meghívót."))
            return redirect("core:account")
    return render(request, "forums/invitation.html", {
        "invitation": invitation, "form": form, "what": services.invitation_what(invitation),
    })
