from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports, hungarian
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import (
    paginate,
    querystring_without_page,
    render_public,
    render_workspace,
)
from kerekasztal.core.records.files import serve
from kerekasztal.core.records.link_picker import picker_response
from kerekasztal.core.tabular import table_response
from kerekasztal.publishing.cache import cached_public

from . import documents, imports, queries, services
from .forms import (
    AcceptForm,
    AgreementFilterForm,
    AgreementForm,
    CommitmentForm,
    CommitmentNoteForm,
    PaperAgreementForm,
    PartyForm,
    PartyRows,
    PublicFilterForm,
    SignatureForm,
    TemplateForm,
    TerminateForm,
    WithdrawForm,
)
from .models import Agreement, AgreementKind, AgreementTemplate, Status
from .templates_text import DEFAULT_TEMPLATES

# The public register's statuses change with the day, not only with records: its cached
# export is kept at most this long (seconds).
REGISTER_MAX_AGE = 300

VIEW, MANAGE, TEMPLATES = "agreements.view", "agreements.manage", "agreements.templates.manage"
PROGRESS, SIGN = "agreements.progress", "agreements.sign"


def _detail(forum, agreement):
    return redirect("agreements:detail", forum=forum.slug, pk=agreement.pk)


# --- list ----------------------------------------------------------------------------------


def _filtered(request, forum):
    return _filtered_by(request.GET, request.user, forum)


def _filtered_by(params, user, forum):
    form = AgreementFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = queries.agreement_list(user, forum, q=data.get("q", ""),
                                kind=data.get("kind", ""), status=data.get("status", ""))
    return form, qs


def agreement_list(request, forum):
    forum = access.forum_for(request.user, forum, VIEW)
    form, qs = _filtered(request, forum)
    roles = access.roles_in(request.user, forum)
    return render_workspace(request, forum, "agreements/list.html", {
        "filter_form": form, "page": paginate(request, queries.list_rows(qs)),
        "querystring": querystring_without_page(request), "statuses": dict(Status.choices),
        "my_commitments": queries.my_commitments(forum, roles.organisation_ids)[:50],
        "my_organisations": roles.organisation_ids,
    })


def agreement_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, VIEW)
    return exports.respond(request, forum, "agreements.agreements", fmt)


@exports.table("agreements.agreements", action=VIEW)
def _agreements_table(forum, user, params) -> exports.Table:
    _form, qs = _filtered_by(params, user, forum)
    statuses = dict(Status.choices)
    kinds = dict(Agreement._meta.get_field("kind").flatchoices)
    headers = [pgettext("title", "Cím"), _("Típus"), _("Állapot"), _("Felek"), _("Aláírva"),
               _("Hatály kezdete"), _("Hatály vége"), _("Témák"), _("Célcsoportok"),
               _("Szövegváltozat")]
    rows = (
        [a["title"], str(kinds.get(a["kind"], a["kind"])), statuses[a["status_code"]],
         a["parties"], a["signed_on"], a["in_force_from"] or a["valid_from"],
         a["valid_until"], a["topics"], a["target_groups"], a["version"]]
        for a in queries.agreements_for_export(qs)
    )
    return exports.Table(f"megallapodasok-{forum.slug}", headers, rows, qs.count)


# --- agreement -----------------------------------------------------------------------------


def agreement_create(request, forum):
    forum = access.forum_for(request.user, forum, MANAGE)
    district = forum.root.district
    initial = {"place": district.seat if district else ""}
    if kind := request.GET.get("kind"):
        if kind in AgreementKind.values:
            initial.update(kind=kind, template=f"builtin:{kind}")
    form = AgreementForm(request.POST or None, forum=forum, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("template")
        if not data["body"]:
            data["body"] = form.template_body(forum)
        topics, groups = data.pop("topics"), data.pop("target_groups")
        try:
            agreement = services.agreement_create(forum=forum, user=request.user, topics=topics,
                                                  target_groups=groups, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A megállapodás tervezete elkészült. Vegye fel a "
                                        "feleket."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/agreement_form.html", {"form": form})


def agreement_record(request, forum):
    """An agreement signed earlier (on paper), with its parties and signature days, in one
    form: signed when every party has a signature day."""
    forum = access.forum_for(request.user, forum, MANAGE)
    district = forum.root.district
    posted = request.method == "POST"
    form = PaperAgreementForm(request.POST if posted else None,
                              initial={"place": district.seat if district else ""})
    rows = PartyRows(request.POST if posted else None, request.FILES if posted else None,
                     prefix="parties", form_kwargs={"forum": forum})
    if request.method == "POST" and form.is_valid() & rows.is_valid() \
            and rows.check(form.cleaned_data["drafted_on"]):
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        parties = [services.PartyEntry(**row) for row in rows.entries()]
        try:
            agreement = services.agreement_create(forum=forum, user=request.user,
                                                  topics=topics, parties=parties, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A megállapodást a feleivel és aláírásaival "
                                        "rögzítettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/record_form.html", {
        "form": form, "rows": rows})


def agreement_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, VIEW)
    agreement = queries.agreement_detail(access.agreement_for(request.user, forum, pk, VIEW))
    commitments = list(agreement.commitments.all())
    roles = access.roles_in(request.user, forum)
    return render_workspace(request, forum, "agreements/detail.html", {
        "agreement": agreement,
        "body_html": queries.body_html(agreement),
        "parties": list(agreement.parties.all()),
        "commitments": commitments,
        "measures": queries.linked_targets(commitments, "measure"),
        "gaps": queries.linked_targets([agreement], "addresses").get(agreement.pk, []),
        "history": queries.history(agreement),
        "confirm_form": ConfirmForm(),
        "is_party": any(p.organisation_id in roles.organisation_ids
                        for p in agreement.parties.all()),
        "my_organisations": roles.organisation_ids,
        "current_signed": any(v.signed_on for v in agreement.versions.all()
                              if v.number == agreement.version),
        "may_see_scans": access.can(request.user, "agreements.scans.view", forum),
    })


def commitment_measures(request, forum, pk, commitment):
    """Link a commitment to the plan measure it serves (kind "measure")."""
    forum = access.forum_for(request.user, forum, "agreements.link")
    agreement = access.agreement_for(request.user, forum, pk, "agreements.link")
    commitment = access.agreement_commitment_for(request.user, forum, agreement, commitment,
                                                 "agreements.link")
    return picker_response(
        request, forum=forum, source=commitment, kind="measure",
        title=_("A vállalás intézkedései"),
        back_url=reverse("agreements:detail", kwargs={"forum": forum.slug, "pk": agreement.pk}),
        back_label=str(agreement),
        link=_link_measure,
    )


def agreement_gaps(request, forum, pk):
    """Link the agreement to the service gaps it addresses (kind "addresses")."""
    forum = access.forum_for(request.user, forum, "agreements.link")
    agreement = access.agreement_for(request.user, forum, pk, "agreements.link")
    return picker_response(
        request, forum=forum, source=agreement, kind="addresses",
        title=_("Szolgáltatáshiányok, amelyekre a megállapodás választ ad"),
        back_url=reverse("agreements:detail", kwargs={"forum": forum.slug, "pk": agreement.pk}),
        back_label=str(agreement),
        link=_link_gap,
    )


def _link_gap(*, source, target, kind, note, user):
    link = services.agreement_link_gap(agreement=source, gap=target, user=user)
    if note:
        link.note = note
        link.save(update_fields=["note"])
    return link


def _link_measure(*, source, target, kind, note, user):
    link = services.commitment_link_measure(commitment=source, measure=target, user=user)
    if note:
        link.note = note
        link.save(update_fields=["note"])
    return link


def agreement_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    if not agreement.is_editable:
        messages.error(request, _("Megszűnt vagy lejárt megállapodás már nem módosítható."))
        return _detail(forum, agreement)
    initial = {
        "kind": agreement.kind, "title": agreement.title, "purpose": agreement.purpose,
        "body": agreement.body, "topics": list(agreement.topics.all()),
        "target_groups": list(agreement.target_groups.all()),
        "valid_from": agreement.valid_from, "valid_until": agreement.valid_until,
        "signature_rule": agreement.signature_rule,
        "minimum_signatures": agreement.minimum_signatures, "place": agreement.place,
        "drafted_on": agreement.drafted_on,
    }
    form = AgreementForm(request.POST or None, forum=forum, agreement=agreement,
                         initial=initial, version_of=agreement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        topics, groups = data.pop("topics"), data.pop("target_groups")
        version = agreement.version
        try:
            services.agreement_update(agreement=agreement, user=request.user, note=note,
                                      topics=topics, target_groups=groups, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if agreement.version != version:
                messages.warning(request, _(
                    "A szöveg aláírás után változott: elkészült %(n)s. szövegváltozat, "
                    "a feleknek újra alá kell írniuk.") % {
                        "n": hungarian.with_article(agreement.version)})
            else:
                messages.success(request, _("A változásokat mentettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/agreement_form.html", {
        "form": form, "agreement": agreement,
        "signed": agreement.parties.filter(signatures__version=agreement.version).exists(),
    })


@require_POST
def agreement_open(request, forum, pk):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    try:
        services.agreement_open(agreement=agreement, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A megállapodást aláírásra bocsátottuk. Nyomtassa ki, és "
                                    "rögzítse a felek aláírását."))
    return _detail(forum, agreement)


@require_POST
def agreement_publish(request, forum, pk):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    try:
        services.agreement_set_text_public(agreement=agreement, public=not agreement.text_public,
                                           user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A teljes szöveg nyilvános.") if agreement.text_public
                         else _("A teljes szöveg már nem nyilvános."))
    return _detail(forum, agreement)


def agreement_terminate(request, forum, pk):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    form = TerminateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_terminate(agreement=agreement,
                                         on=form.cleaned_data["terminated_on"],
                                         reason=form.cleaned_data["termination_reason"],
                                         user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A megszűnést rögzítettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/simple_form.html", {
        "form": form, "agreement": agreement,
        "heading": _("A megállapodás megszűnése"),
        "intro": _("A megszűnés napjától a megállapodás a nyilvántartásban megszűntként "
                   "szerepel."),
    })


# --- parties -------------------------------------------------------------------------------


def party_add(request, forum, pk):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    form = PartyForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.party_add(agreement=agreement, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%s felkerült a felek közé.") % data["organisation"])
            if "another" in request.POST:
                return redirect("agreements:party_add", forum=forum.slug, pk=agreement.pk)
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/party_form.html", {
        "form": form, "agreement": agreement,
    })


def party_edit(request, forum, pk, party):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    party = access.agreement_party_for(request.user, forum, agreement, party, MANAGE)
    form = PartyForm(request.POST or None, forum=forum, party=party, version_of=party, initial={
        "role": party.role, "signatory_name": party.signatory_name,
        "signatory_position": party.signatory_position,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.party_update(party=party, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/party_form.html", {
        "form": form, "agreement": agreement, "party": party,
    })


@require_POST
def party_remove(request, forum, pk, party):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    party = access.agreement_party_for(request.user, forum, agreement, party, MANAGE)
    try:
        services.party_remove(party=party, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A felet töröltük."))
    return _detail(forum, agreement)


def party_withdraw(request, forum, pk, party):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    party = access.agreement_party_for(request.user, forum, agreement, party, MANAGE)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_withdraw(party=party, on=form.cleaned_data["withdrawn_on"],
                                    reason=form.cleaned_data["withdrawal_reason"],
                                    user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A kilépést rögzítettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/simple_form.html", {
        "form": form, "agreement": agreement,
        "heading": _("Kilépés: %s") % party.organisation.name,
        "intro": _("A kilépő fél vállalásai megmaradnak a nyilvántartásban; a többi fél "
                   "együttműködése folytatódik."),
    })


def signature_record(request, forum, pk, party):
    """A coordinator records a signature made on paper; a party's representative accepts
    the agreement for their organisation; anyone else learns what to do instead."""
    forum = access.forum_for(request.user, forum, SIGN)
    agreement = access.agreement_for(request.user, forum, pk, SIGN)
    try:
        party, how = access.agreement_party_sign_for(request.user, forum, agreement, party)
    except access.CannotSign as refused:
        return render_workspace(request, forum, "agreements/cannot_sign.html", {
            "agreement": agreement, "reason": refused.reason}, status=403)
    if how == "accept":
        return _signature_accept(request, forum, agreement, party)
    form = SignatureForm(request.POST or None, request.FILES or None, initial={
        "signed_on": timezone.localdate(), "signatory_name": party.signatory_name,
        "signatory_position": party.signatory_position,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = agreement.status
        try:
            services.signature_record(party=party, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _signed(request, forum, agreement, status)
    return render_workspace(request, forum, "agreements/signature_form.html", {
        "form": form, "agreement": agreement, "party": party,
    })


def _signature_accept(request, forum, agreement, party):
    form = AcceptForm(request.POST if request.method == "POST" else None, initial={
        "signatory_position": party.signatory_position})
    if request.method == "POST" and form.is_valid():
        status = agreement.status
        try:
            services.signature_accept(party=party, user=request.user,
                                      position=form.cleaned_data["signatory_position"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _signed(request, forum, agreement, status)
    return render_workspace(request, forum, "agreements/accept_form.html", {
        "form": form, "agreement": agreement, "party": party,
        "body_html": queries.body_html(agreement),
    })


def _signed(request, forum, agreement, status_before):
    agreement.refresh_from_db()
    if agreement.status != status_before and agreement.status == Status.IN_FORCE:
        messages.success(request, _("Az aláírást rögzítettük. Minden szükséges aláírás "
                                    "megvan: a megállapodás hatályba lépett."))
    else:
        messages.success(request, _("Az aláírást rögzítettük."))
    return _detail(forum, agreement)


@require_POST
def signature_delete(request, forum, pk, signature):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    signature = access.agreement_signature_for(request.user, forum, agreement, signature,
                                               MANAGE)
    try:
        services.signature_delete(signature=signature, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Az aláírást töröltük."))
    return _detail(forum, agreement)


def signature_scan(request, forum, pk, signature):
    action = "agreements.scans.view"
    forum = access.forum_for(request.user, forum, action)
    agreement = access.agreement_for(request.user, forum, pk, action)
    signature = access.agreement_signature_for(request.user, forum, agreement, signature, action)
    return serve(signature.scan, f"alairt-{agreement.title}-{signature.party.organisation.name}",
                 inline=True)


# --- commitments ---------------------------------------------------------------------------


def commitment_form(request, forum, pk, commitment=None):
    forum = access.forum_for(request.user, forum, MANAGE)
    agreement = access.agreement_for(request.user, forum, pk, MANAGE)
    instance = None
    initial = {}
    if commitment is not None:
        instance = access.agreement_commitment_for(request.user, forum, agreement, commitment,
                                                   MANAGE)
        initial = {"party": instance.party, "text": instance.text, "due_on": instance.due_on,
                   "status": instance.status}
    elif party := request.GET.get("party"):
        initial["party"] = party
    form = CommitmentForm(request.POST or None, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                services.commitment_create(agreement=agreement, user=request.user,
                                           **form.cleaned_data)
            else:
                services.commitment_update(commitment=instance, user=request.user,
                                           **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A vállalást mentettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/simple_form.html", {
        "form": form, "agreement": agreement,
        "heading": _("Vállalás szerkesztése") if instance else _("Új vállalás"),
    })


def commitment_note(request, forum, pk, commitment):
    forum = access.forum_for(request.user, forum, PROGRESS)
    agreement = access.agreement_for(request.user, forum, pk, PROGRESS)
    commitment = access.agreement_commitment_progress_for(request.user, forum, agreement,
                                                          commitment)
    form = CommitmentNoteForm(request.POST or None, initial={
        "noted_on": timezone.localdate(), "status": commitment.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_note_add(commitment=commitment, user=request.user,
                                         **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Az előrehaladást rögzítettük."))
            return _detail(forum, agreement)
    return render_workspace(request, forum, "agreements/simple_form.html", {
        "form": form, "agreement": agreement,
        "heading": _("Előrehaladás: %s") % commitment.text[:80],
    })


# --- versions ------------------------------------------------------------------------------


def _version(agreement, number):
    try:
        return agreement.versions.select_related("created_by").get(number=number)
    except agreement.versions.model.DoesNotExist as exc:
        raise Http404 from exc


def version_detail(request, forum, pk, number):
    forum = access.forum_for(request.user, forum, VIEW)
    agreement = access.agreement_for(request.user, forum, pk, VIEW)
    version = _version(agreement, number)
    return render_workspace(request, forum, "agreements/version.html", {
        "agreement": agreement, "version": version,
        "body_html": queries.body_html(agreement, version.body, version.title),
    })


def version_diff(request, forum, pk):
    forum = access.forum_for(request.user, forum, VIEW)
    agreement = access.agreement_for(request.user, forum, pk, VIEW)
    numbers = list(agreement.versions.values_list("number", flat=True))
    try:
        new = int(request.GET.get("b") or numbers[-1])
        old = int(request.GET.get("a") or max(new - 1, numbers[0]))
    except (ValueError, IndexError) as exc:
        raise Http404 from exc
    old_version, new_version = _version(agreement, old), _version(agreement, new)
    return render_workspace(request, forum, "agreements/diff.html", {
        "agreement": agreement, "old": old_version, "new": new_version, "numbers": numbers,
        "lines": queries.version_diff(old_version, new_version),
    })


# --- documents -----------------------------------------------------------------------------


def agreement_pdf(request, forum, pk):
    forum = access.forum_for(request.user, forum, VIEW)
    agreement = queries.agreement_detail(access.agreement_for(request.user, forum, pk, VIEW))
    return documents.pdf(agreement)


def agreement_docx(request, forum, pk):
    forum = access.forum_for(request.user, forum, VIEW)
    agreement = queries.agreement_detail(access.agreement_for(request.user, forum, pk, VIEW))
    return documents.docx(agreement)


# --- templates -----------------------------------------------------------------------------


def template_list(request, forum):
    forum = access.forum_for(request.user, forum, TEMPLATES)
    return render_workspace(request, forum, "agreements/template_list.html", {
        "templates": AgreementTemplate.objects.filter(forum=forum),
        "builtin": [(kind, AgreementKind(kind).label, name)
                    for kind, (name, _body) in DEFAULT_TEMPLATES.items()],
        "confirm_form": ConfirmForm(),
    })


def template_form(request, forum, pk=None):
    forum = access.forum_for(request.user, forum, TEMPLATES)
    template = access.agreement_template_for(request.user, forum, pk, TEMPLATES) if pk else None
    initial = {}
    if template is not None:
        initial = {"kind": template.kind, "name": template.name, "body": template.body}
    elif (kind := request.GET.get("from")) in DEFAULT_TEMPLATES:
        name, body = DEFAULT_TEMPLATES[kind]
        initial = {"kind": kind, "name": name.replace(" (beépített)", ""), "body": body}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(forum=forum, template=template, user=request.user,
                                   **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A sablont mentettük."))
            return redirect("agreements:template_list", forum=forum.slug)
    return render_workspace(request, forum, "agreements/template_form.html", {
        "form": form, "template": template,
    })


@require_POST
def template_delete(request, forum, pk):
    forum = access.forum_for(request.user, forum, TEMPLATES)
    template = access.agreement_template_for(request.user, forum, pk, TEMPLATES)
    services.template_delete(template=template, user=request.user)
    messages.success(request, _("A sablont töröltük."))
    return redirect("agreements:template_list", forum=forum.slug)


# --- import from a spreadsheet ------------------------------------------------------------


def import_upload(request, forum):
    forum = access.forum_for(request.user, forum, MANAGE)
    return import_views.upload(request, forum, imports.AGREEMENTS,
                               back_url=import_views.url_for("agreements:list", forum),
                               preview_url_name="agreements:import_preview")


def import_preview(request, forum, batch):
    forum = access.forum_for(request.user, forum, MANAGE)
    batch = access.import_batch_for(request.user, forum, batch, imports.AGREEMENTS.kind, MANAGE)
    return import_views.preview(request, forum, imports.AGREEMENTS, batch,
                                back_url=import_views.url_for("agreements:list", forum))


def import_example(request, forum, fmt):
    access.forum_for(request.user, forum, MANAGE)
    return import_views.example(imports.AGREEMENTS, fmt)


# --- the public register -------------------------------------------------------------------


def _public_filtered(request, forum):
    form = PublicFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, queries.public_register(forum, q=data.get("q", ""), kind=data.get("kind", ""))


@access.public
def register(request, forum):
    forum = access.forum_public(forum)
    form, qs = _public_filtered(request, forum)
    return render_public(request, forum, "agreements/register.html", {
        "filter_form": form, "page": paginate(request, queries.list_rows(qs)),
        "statuses": dict(Status.choices), "querystring": querystring_without_page(request),
    })


@access.public
@cached_public(max_age=REGISTER_MAX_AGE)
def register_export(request, forum, fmt):
    """The public register as a table. Anonymous, so never a task: plain values instead of
    agreements (agreements_for_export), kept in the public page cache per forum version."""
    forum = access.forum_public(forum)
    _form, qs = _public_filtered(request, forum)
    statuses = dict(Status.choices)
    kinds = dict(Agreement._meta.get_field("kind").flatchoices)
    headers = [pgettext("title", "Cím"), _("Típus"), _("Tárgy"), _("Felek"), _("Aláírva"),
               _("Hatály kezdete"),
               _("Hatály vége"), _("Állapot"), _("Témák"), _("Célcsoportok")]
    rows = (
        [a["title"], str(kinds.get(a["kind"], a["kind"])), a["purpose"], a["parties"],
         a["signed_on"], a["in_force_from"], a["terminated_on"] or a["valid_until"],
         statuses[a["status_code"]], a["topics"], a["target_groups"]]
        for a in queries.agreements_for_export(qs)
    )
    return table_response(f"megallapodasok-nyilvantartasa-{forum.slug}", headers, rows, fmt,
                          stream=False)


@access.public
def public_detail(request, forum, pk):
    forum = access.forum_public(forum)
    try:
        agreement = queries.public_register(forum).get(pk=pk)
    except queries.Agreement.DoesNotExist as exc:
        raise Http404 from exc
    return render_public(request, forum, "agreements/public_detail.html", {
        "agreement": agreement, "statuses": dict(Status.choices),
        "body_html": queries.public_text(agreement),
    })
