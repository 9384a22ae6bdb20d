from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.ical import calendar_bytes, calendar_response
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import (
    paginate,
    querystring_without_page,
    render_public,
    render_workspace,
)
from kerekasztal.core.records import links
from kerekasztal.core.records.files import serve
from kerekasztal.core.tabular import Percent, table_response
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.publishing.cache import cached_public

from . import documents, queries, services
from .forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CancelForm,
    DecisionFilterForm,
    DecisionForm,
    ExtraInviteeForm,
    FollowUpForm,
    HeldMeetingForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesApproveForm,
    MinutesCommentForm,
    MinutesForm,
    MinutesSendForm,
    QuorumForm,
    RsvpForm,
)
from .imports import HELD_MEETINGS
from .models import CalendarToken, MeetingStatus, Minutes, QuorumRule, Visibility

DOCS = ("pdf", "docx")


def _detail(meeting):
    return redirect("meetings:detail", forum=meeting.forum.slug, pk=meeting.pk)


def _fail(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# --- list and export ---------------------------------------------------------------------


def _filter_data(params) -> tuple[MeetingFilterForm, dict]:
    form = MeetingFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {"year": data.get("year"), "status": data.get("status") or ""}


def _filtered(request, forum):
    form, filters = _filter_data(request.GET)
    return form, queries.meeting_list(forum, **filters)


def meeting_list(request, forum):
    forum = access.forum_for(request.user, forum, "meetings.view")
    form, qs = _filtered(request, forum)
    return render_workspace(request, forum, "meetings/meeting_list.html", {
        "filter_form": form, "page": paginate(request, qs),
        "querystring": querystring_without_page(request),
    })


def meeting_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "meetings.view")
    return exports.respond(request, forum, "meetings.meetings", fmt)


@exports.table("meetings.meetings", action="meetings.view")
def _meetings_table(forum, user, params) -> exports.Table:
    _form, filters = _filter_data(params)
    qs, found = queries.meetings_for_export(forum, **filters)
    headers = [_("Sorszám"), pgettext("title", "Cím"), _("Kezdés"), _("Befejezés"), _("Helyszín"),
               _("Állapot"), _("Láthatóság"), _("Meghívottak"), _("Igen válaszok"),
               _("Jelenlévők"), _("Vendégek"), _("Határozatok")]
    statuses, visibilities = dict(MeetingStatus.choices), dict(Visibility.choices)
    rows = ([m["number"], m["title"], timezone.localtime(m["starts_at"]),
             timezone.localtime(m["ends_at"]), m["venue"],
             str(statuses.get(m["status"], m["status"])),
             str(visibilities.get(m["visibility"], m["visibility"])), m["invited_count"],
             m["yes_count"], m["attendance_count"], m["guests"], m["decision_count"]]
            for m in found)
    return exports.Table(f"ulesek-{forum.slug}", headers, rows, qs.count)


# --- meeting -----------------------------------------------------------------------------


def _meeting_data(form):
    return {name: form.cleaned_data[name] for name in MeetingForm.Meta.fields}


def _warn_overlaps(request, meeting):
    for other in services.overlapping(meeting):
        messages.warning(request, _("Figyelem: a fórumnak ugyanekkor van egy másik ülése is "
                                    "(%(meeting)s).") % {"meeting": other})


def meeting_create(request, forum):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    form = MeetingForm(request.POST or None, forum=forum,
                       initial={"number": services.next_number(forum)})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(forum=forum, user=request.user,
                                                **_meeting_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Az ülést felvettük. Állítsa össze a napirendet."))
            _warn_overlaps(request, meeting)
            return redirect("meetings:agenda", forum=forum.slug, pk=meeting.pk)
    return render_workspace(request, forum, "meetings/meeting_form.html", {"form": form})


def meeting_record_held(request, forum):
    """A session already held, recorded at once with its attendance."""
    forum = access.forum_for(request.user, forum, "meetings.manage")
    people = [(f"{person.pk}:{org.pk}", f"{person.name} ({org.name})")
              for person, org in queries.forum_representatives(forum)]
    form = HeldMeetingForm(request.POST or None, request.FILES or None, forum=forum,
                           people=people, organisations=queries.forum_organisations(forum),
                           initial={"number": services.next_number(forum)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people_, _named = _attendees(forum, None, data["present"])
        try:
            meeting = services.meeting_record_held(
                forum=forum, user=request.user, people=people_,
                headcounts=form.headcounts(), headcount_total=data.get("headcount_total"),
                guests=data["guests"], scan=data.get("scan"), **_meeting_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A megtartott ülést rögzítettük a jelenléttel együtt."))
            return redirect("meetings:attendance", forum=forum.slug, pk=meeting.pk)
    return render_workspace(request, forum, "meetings/meeting_held_form.html", {"form": form})


def held_import(request, forum):
    """Sessions held before the platform, from a spreadsheet: preview, then all or none."""
    forum = access.forum_for(request.user, forum, "meetings.manage")
    return import_views.upload(request, forum, HELD_MEETINGS,
                               back_url=import_views.url_for("meetings:list", forum),
                               preview_url_name="meetings:held_import_preview")


def held_import_preview(request, forum, batch):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    batch = access.import_batch_for(request.user, forum, batch, HELD_MEETINGS.kind,
                                    "meetings.manage")
    return import_views.preview(request, forum, HELD_MEETINGS, batch,
                                back_url=import_views.url_for("meetings:list", forum))


def held_import_example(request, forum, fmt):
    access.forum_for(request.user, forum, "meetings.manage")
    return import_views.example(HELD_MEETINGS, fmt)


def meeting_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = MeetingForm(request.POST or None, instance=meeting, forum=forum)
    if request.method == "POST" and form.is_valid():
        # The form has written into its instance: the service compares with a fresh copy to
        # tell a rescheduling from an edit.
        stored = access.meeting_for(request.user, forum, pk, "meetings.manage")
        try:
            meeting = services.meeting_update(meeting=stored, user=request.user,
                                              **_meeting_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            _warn_overlaps(request, meeting)
            return _detail(meeting)
    return render_workspace(request, forum, "meetings/meeting_form.html", {
        "form": form, "meeting": meeting})


def meeting_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    return _detail_page(request, forum, meeting)


def _detail_page(request, forum, meeting, answered: RsvpForm | None = None,
                 invitation_pk: int | None = None):
    """The meeting's page; `answered` is the viewer's answer to the invitation `invitation_pk`
    that could not be taken, shown again with its errors and what they typed."""
    own = list(queries.own_invitations(meeting, request.user))
    return render_workspace(request, forum, "meetings/meeting_detail.html", {
        "meeting": meeting, "agenda": queries.agenda(meeting),
        "quorum": services.quorum(meeting) if meeting.status == "held" else None,
        "rsvp_counts": queries.rsvp_counts(meeting),
        "own": [(inv, answered if answered is not None and inv.pk == invitation_pk
                 else RsvpForm(initial=_rsvp_initial(inv),
                               substitutes=services.substitutes_for(inv),
                               prefix=f"inv{inv.pk}")) for inv in own],
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "decisions": queries.decisions_of(meeting), "confirm_form": ConfirmForm(),
        "pointing": links.visible_to(links.linked_sources(meeting), request.user, forum),
    })


def meeting_cancel(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"],
                                    user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Az ülést lemondtuk; a meghívottak értesítést kapnak."))
            return _detail(meeting)
    return render_workspace(request, forum, "meetings/meeting_cancel.html", {
        "form": form, "meeting": meeting})


# --- agenda ------------------------------------------------------------------------------


def agenda(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = AgendaItemForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A napirendi pontot felvettük."))
            return redirect("meetings:agenda", forum=forum.slug, pk=meeting.pk)
    return render_workspace(request, forum, "meetings/agenda.html", {
        "meeting": meeting, "agenda": queries.agenda(meeting), "form": form,
        "confirm_form": ConfirmForm(),
    })


def agenda_item_edit(request, forum, pk, item):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    item = access.agenda_item_for(request.user, forum, pk, item, "meetings.manage")
    form = AgendaItemForm(request.POST or None, instance=item, forum=forum, prefix="item")
    upload = AttachmentForm(request.POST or None, request.FILES or None, prefix="file")
    if request.method == "POST":
        target = upload if "file-file" in request.FILES else form
        if target.is_valid():
            try:
                if target is upload:
                    services.attachment_add(item=item, name=upload.cleaned_data["name"],
                                            file=upload.cleaned_data["file"], user=request.user)
                else:
                    services.agenda_item_update(item=item, user=request.user,
                                                **form.cleaned_data)
            except ValidationError as exc:
                target.add_error(None, exc)
            else:
                messages.success(request, _("A változásokat mentettük."))
                return redirect("meetings:agenda_item_edit", forum=forum.slug, pk=pk,
                                item=item.pk)
        if target is upload:
            form = AgendaItemForm(instance=item, forum=forum, prefix="item")
        else:
            upload = AttachmentForm(prefix="file")
    return render_workspace(request, forum, "meetings/agenda_item_form.html", {
        "meeting": item.meeting, "item": item, "form": form, "upload": upload,
        "attachments": item.attachments.all(), "confirm_form": ConfirmForm(),
    })


@require_POST
def agenda_item_move(request, forum, pk, item):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    item = access.agenda_item_for(request.user, forum, pk, item, "meetings.manage")
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.agenda_item_move(item=item, offset=offset)
    return redirect("meetings:agenda", forum=forum.slug, pk=pk)


@require_POST
def agenda_item_delete(request, forum, pk, item):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    item = access.agenda_item_for(request.user, forum, pk, item, "meetings.manage")
    services.agenda_item_delete(item=item)
    messages.success(request, _("A napirendi pontot töröltük."))
    return redirect("meetings:agenda", forum=forum.slug, pk=pk)


def attachment_download(request, forum, pk, attachment):
    forum = access.forum_for(request.user, forum, "meetings.view")
    attachment = access.agenda_attachment_for(request.user, forum, pk, attachment,
                                              "meetings.view")
    return serve(attachment.file, attachment.name)


@require_POST
def attachment_delete(request, forum, pk, attachment):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    attachment = access.agenda_attachment_for(request.user, forum, pk, attachment,
                                              "meetings.manage")
    item = attachment.item
    services.attachment_delete(attachment=attachment)
    messages.success(request, _("A mellékletet töröltük."))
    return redirect("meetings:agenda_item_edit", forum=forum.slug, pk=pk, item=item.pk)


# --- invitations -------------------------------------------------------------------------


def invitations(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    form = ExtraInviteeForm(request.POST or None, forum=forum)
    if request.method == "POST":
        access.require(request.user, "meetings.manage", forum)
        if form.is_valid():
            try:
                services.invitation_add_extra(meeting=meeting, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("A további meghívottat felvettük; a meghívót a "
                                            "„Meghívók kiküldése” gombbal kapja meg."))
                return redirect("meetings:invitations", forum=forum.slug, pk=pk)
    # Both lists grow with the forum's members (600 at ten times the data): a page at a time.
    page = paginate(request, queries.invitations(meeting))
    invitees = None if page.paginator.count else paginate(
        request, services.invited_memberships(meeting))
    return render_workspace(request, forum, "meetings/invitations.html", {
        "meeting": meeting, "page": page, "invitations": page.object_list, "form": form,
        "rsvp_counts": queries.rsvp_counts(meeting), "confirm_form": ConfirmForm(),
        "invitees": invitees, "querystring": querystring_without_page(request),
    })


@require_POST
def invitations_send(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    try:
        sent = services.invitations_send(meeting=meeting, user=request.user)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(n)s meghívót küldtünk ki e-mailben.") % {"n": sent})
    return redirect("meetings:invitations", forum=forum.slug, pk=pk)


@require_POST
def invitations_remind(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    try:
        sent = services.invitations_remind(meeting=meeting)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(n)s emlékeztetőt küldtünk ki.") % {"n": sent})
    return redirect("meetings:invitations", forum=forum.slug, pk=pk)


def _answer(form) -> dict:
    data = form.cleaned_data
    return {"answer": data["answer"], "substitute": data.get("substitute"),
            "substitute_name": data.get("substitute_name") or "",
            "substitute_email": data.get("substitute_email") or ""}


def _rsvp_initial(invitation) -> dict:
    return {"answer": invitation.rsvp if invitation.rsvp != "pending" else None,
            "substitute": invitation.substitute_id,
            "substitute_name": invitation.substitute_name,
            "substitute_email": invitation.substitute_email}


@require_POST
def rsvp_own(request, forum, pk, invitation):
    forum = access.forum_for(request.user, forum, "meetings.rsvp")
    invitation = access.invitation_for(request.user, forum, pk, invitation, "meetings.rsvp")
    form = RsvpForm(request.POST, substitutes=services.substitutes_for(invitation),
                    prefix=f"inv{invitation.pk}")
    if form.is_valid():
        try:
            services.invitation_respond(invitation=invitation, **_answer(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Köszönjük a visszajelzést."))
            return redirect("meetings:detail", forum=forum.slug, pk=pk)
    # shown again on the meeting's page with the errors, keeping what they typed
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    return _detail_page(request, forum, meeting, answered=form, invitation_pk=invitation.pk)


@access.public
def rsvp(request, token):
    """Answering an invitation through the e-mailed link, without logging in."""
    try:
        invitation = services.invitation_from_token(token)
    except services.RsvpLinkError as exc:
        return render(request, "meetings/rsvp_invalid.html", {"reason": str(exc)}, status=410)
    form = RsvpForm(request.POST or None, substitutes=services.substitutes_for(invitation),
                    initial=_rsvp_initial(invitation))
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_respond(invitation=invitation, **_answer(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            done = True
    return render(request, "meetings/rsvp.html", {
        "invitation": invitation, "meeting": invitation.meeting, "form": form, "done": done,
        "agenda": queries.agenda(invitation.meeting),
    })


# --- attendance --------------------------------------------------------------------------


def attendance(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    return render_workspace(request, forum, "meetings/attendance.html", {
        "meeting": meeting, "attendances": queries.attendances(meeting),
        "quorum": services.quorum(meeting), "recorded": queries.held_recorded(meeting),
    })


def _attendance_choices(meeting):
    """Everyone on the sheet: `person:organisation` pairs of the representatives, then
    invited others; `inv:<pk>` an extra invitee outside the directory, `sub:<pk>` a
    substitute named by name on the RSVP page."""
    choices, seen = [], set()

    def add(value, name, org):
        choices.append((value, f"{name} ({org.name})" if org else name))

    for row in queries.sheet_rows(meeting):
        for person in row.people:
            if person.pk and person.pk not in seen:
                seen.add(person.pk)
                add(f"{person.pk}:{row.organisation.pk if row.organisation else ''}",
                    person.name, row.organisation)
    for invitation in queries.invitations(meeting):
        org = invitation.organisation
        for person in (invitation.person, invitation.substitute):
            if person and person.pk not in seen:
                seen.add(person.pk)
                add(f"{person.pk}:{org.pk if org else ''}", person.name, org)
        if invitation.person_id is None:
            add(f"inv:{invitation.pk}", invitation.name, org)
        if invitation.substitute_name:
            add(f"sub:{invitation.pk}", invitation.substitute_name, org)
    return choices


def _attendance_values(meeting) -> list[str]:
    """The form's values of what is recorded (named attendances outside the directory are
    matched to their invitation by name)."""
    by_name = {}
    for invitation in meeting.invitations.all():
        if invitation.person_id is None:
            by_name.setdefault((invitation.name, invitation.organisation_id),
                               f"inv:{invitation.pk}")
        if invitation.substitute_name:
            by_name.setdefault((invitation.substitute_name, invitation.organisation_id),
                               f"sub:{invitation.pk}")
    values = []
    for a in meeting.attendances.all():
        if a.person_id:
            values.append(f"{a.person_id}:{a.organisation_id or ''}")
        elif a.name and (a.name, a.organisation_id) in by_name:
            values.append(by_name[(a.name, a.organisation_id)])
    return values


def _attendees(forum, meeting, values):
    """(people, named) for the service from the checked values."""
    pairs = [v.split(":") for v in values if not v.startswith(("inv:", "sub:"))]
    people = {p.pk: p for p in Person.objects.filter(
        pk__in=[int(p) for p, _o in pairs], forum=forum.root)}
    orgs = {o.pk: o for o in Organisation.objects.filter(
        pk__in=[int(o) for _p, o in pairs if o], forum=forum.root)}
    invitations = {inv.pk: inv for inv in meeting.invitations.select_related("organisation")
                   } if meeting else {}
    named = []
    for value in values:
        kind, _sep, pk = value.partition(":")
        invitation = invitations.get(int(pk)) if kind in ("inv", "sub") else None
        if invitation is not None:
            name = invitation.name if kind == "inv" else invitation.substitute_name
            named.append((name, invitation.organisation))
    return ([(people[int(p)], orgs.get(int(o)) if o else None) for p, o in pairs
             if int(p) in people], named)


def _kept_headcounts(meeting):
    """The headcounts recorded from a paper sheet, kept when names are edited."""
    counted = Counter(meeting.attendances.filter(counted=True)
                      .values_list("organisation_id", flat=True))
    if not counted:
        return {}, None
    orgs = Organisation.objects.in_bulk([pk for pk in counted if pk])
    return ({orgs[pk]: n for pk, n in counted.items() if pk in orgs},
            sum(counted.values()))


def attendance_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = AttendanceForm(request.POST or None, request.FILES or None,
                          choices=_attendance_choices(meeting),
                          initial={"present": _attendance_values(meeting),
                                   "guests": meeting.guests})
    if request.method == "POST" and form.is_valid():
        people, named = _attendees(forum, meeting, form.cleaned_data["present"])
        headcounts, total = _kept_headcounts(meeting)
        try:
            services.attendance_record(
                meeting=meeting, guests=form.cleaned_data["guests"],
                scan=form.cleaned_data.get("scan"), user=request.user,
                people=people, named=named, headcounts=headcounts, headcount_total=total,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A jelenlétet rögzítettük; az ülés megtartottként "
                                        "szerepel."))
            return redirect("meetings:attendance", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "meetings/attendance_form.html", {
        "meeting": meeting, "form": form,
        "counted": meeting.attendances.filter(counted=True).count()})


def attendance_scan(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    return serve(meeting.attendance_scan, f"jelenleti-iv-{meeting.number}")


def attendance_sheet(request, forum, pk, doc):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    if doc not in DOCS:
        raise Http404
    return documents.attendance_sheet(meeting, doc)


def invitation_document(request, forum, pk, doc):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    if doc not in DOCS:
        raise Http404
    return documents.invitation(meeting, doc)


def attendance_stats(request, forum):
    forum = access.forum_for(request.user, forum, "meetings.view")
    form = MeetingFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return render_workspace(request, forum, "meetings/attendance_stats.html", {
        "filter_form": form, "rows": queries.attendance_by_organisation(forum, year=year),
        "querystring": querystring_without_page(request),
    })


def attendance_stats_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "meetings.view")
    form = MeetingFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    rows = queries.attendance_by_organisation(forum, year=year)
    return table_response(
        f"reszvetel-{forum.slug}", [_("Szervezet"), _("Részvétel (ülés)"),
                                    _("Megtartott ülések"), _("Részvételi arány (%)")],
        ([r["organisation"], r["sessions"], r["held"], Percent(r["rate"], 0)] for r in rows),
        fmt)


# --- minutes -----------------------------------------------------------------------------


def minutes(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    record = Minutes.objects.filter(meeting=meeting).first()
    visible = record if access.minutes_visible(request.user, forum, record) else None
    return render_workspace(request, forum, "meetings/minutes.html", {
        "meeting": meeting, "minutes": visible, "quorum": services.quorum(meeting),
        "send_form": MinutesSendForm(),
        "approve_form": MinutesApproveForm(deadline_open=_deadline_open(record)),
        "body": queries.minutes_html(visible.body) if visible else "",
        "comment_form": MinutesCommentForm(), "decisions": queries.decisions_of(meeting),
        "comments": visible.comments.select_related("author") if visible else [],
    })


def _deadline_open(record) -> bool:
    return bool(record and record.status == "consultation" and record.comments_until
                and timezone.localdate() <= record.comments_until)


@require_POST
def minutes_comment(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.comment")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.comment")
    form = MinutesCommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Írja be az észrevételt."))
        services.minutes_comment_add(meeting=meeting, user=request.user,
                                     text=form.cleaned_data["text"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Köszönjük, az észrevételt rögzítettük."))
    return redirect("meetings:minutes", forum=forum.slug, pk=pk)


def minutes_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    record = Minutes.objects.filter(meeting=meeting).first()
    initial = {"kind": record.kind, "body": record.body, "recorder": record.recorder} \
        if record else {}
    form = MinutesForm(request.POST or None, initial=initial, version_of=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Az emlékeztetőt mentettük."))
            return redirect("meetings:minutes", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "meetings/minutes_form.html", {
        "meeting": meeting, "form": form})


@require_POST
def minutes_send(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = MinutesSendForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Érvénytelen határidő."))
        sent = services.minutes_send(meeting=meeting, user=request.user,
                                     comments_until=form.cleaned_data["comments_until"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Az emlékeztetőt véleményezésre megküldtük "
                                    "(%(n)s címzett).") % {"n": sent})
    return redirect("meetings:minutes", forum=forum.slug, pk=pk)


@require_POST
def minutes_approve(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = MinutesApproveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Adja meg az elfogadás napját."))
        services.minutes_approve(
            meeting=meeting, on=form.cleaned_data["approved_on"], user=request.user,
            before_deadline_confirmed=form.cleaned_data["before_deadline_confirmed"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Az emlékeztetőt elfogadottnak jelöltük."))
    return redirect("meetings:minutes", forum=forum.slug, pk=pk)


def minutes_document(request, forum, pk, doc):
    forum = access.forum_for(request.user, forum, "meetings.view")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.view")
    record = Minutes.objects.filter(meeting=meeting).first()
    if doc not in DOCS or not access.minutes_visible(request.user, forum, record):
        raise Http404
    return documents.minutes(meeting, record, doc)


# --- decisions ---------------------------------------------------------------------------


def decision_create(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    meeting = access.meeting_for(request.user, forum, pk, "meetings.manage")
    form = DecisionForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(meeting=meeting, user=request.user,
                                                **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A határozatot rögzítettük: %(label)s")
                             % {"label": decision.label})
            if decision.without_quorum:
                messages.warning(request, _("Az ülés nem volt határozatképes; a határozatot "
                                            "megjelöltük."))
            return redirect("meetings:minutes", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "meetings/decision_form.html", {
        "meeting": meeting, "form": form, "quorum": services.quorum(meeting),
        "next_label": services.next_decision_number(forum, meeting.date.year)})


def decision_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    decision = access.decision_for(request.user, forum, pk, "meetings.manage")
    form = DecisionForm(request.POST or None, instance=decision, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("number"):
            data.pop("number")
        try:
            services.decision_update(decision=decision, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("meetings:decision_detail", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "meetings/decision_form.html", {
        "meeting": decision.meeting, "decision": decision, "form": form})


def decision_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "meetings.view")
    decision = access.decision_for(request.user, forum, pk, "meetings.view")
    form = FollowUpForm(request.POST or None, initial={"status": decision.status})
    if request.method == "POST":
        access.require(request.user, "meetings.manage", forum)
        if form.is_valid():
            try:
                services.decision_follow_up(decision=decision, user=request.user,
                                            **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("A bejegyzést rögzítettük."))
                return redirect("meetings:decision_detail", forum=forum.slug, pk=pk)
    return render_workspace(request, forum, "meetings/decision_detail.html", {
        "decision": decision, "notes": decision.notes.select_related("author"), "form": form})


def _register(request, forum):
    form = DecisionFilterForm(request.GET or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    qs = queries.decision_register(
        forum, year=data.get("year"), status=data.get("status") or "",
        organisation=data.get("organisation"), overdue=data.get("overdue", False),
        today=timezone.localdate())
    return form, qs


def register(request, forum):
    forum = access.forum_for(request.user, forum, "meetings.view")
    form, qs = _register(request, forum)
    return render_workspace(request, forum, "meetings/register.html", {
        "filter_form": form, "page": paginate(request, qs), "today": timezone.localdate(),
        "querystring": querystring_without_page(request),
    })


def register_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "meetings.view")
    _form, qs = _register(request, forum)
    headers = [_("Határozat száma"), _("Ülés"), _("Szöveg"), _("Igen"), _("Nem"),
               _("Tartózkodás"), _("Felelős szervezet"), _("Határidő"), _("Állapot"),
               _("Határozatképtelen ülésen")]
    rows = ([d.label, str(d.meeting), d.text, d.votes_for, d.votes_against, d.votes_abstain,
             d.responsible_organisation, d.deadline, d.get_status_display(), d.without_quorum]
            for d in qs)
    return table_response(f"hatarozatok-{forum.slug}", headers, rows, fmt)


def quorum_rule(request, forum):
    forum = access.forum_for(request.user, forum, "meetings.manage")
    rule = QuorumRule.objects.filter(forum=forum).first()
    form = QuorumForm(request.POST or None, initial={"kind": rule.kind, "minimum": rule.minimum}
                      if rule else {})
    if request.method == "POST" and form.is_valid():
        try:
            services.quorum_rule_set(forum=forum, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A határozatképesség szabályát mentettük."))
            return redirect("meetings:list", forum=forum.slug)
    return render_workspace(request, forum, "meetings/quorum_form.html", {"form": form})


# --- calendars ---------------------------------------------------------------------------


def calendar_settings(request):
    """The user's secret feed URL of their forums' sessions (issue, renew, revoke)."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("A naptár-linket visszavontuk."))
        else:
            services.calendar_token_issue(user=request.user)
            messages.success(request, _("Új naptár-linket készítettünk; a korábbi már nem "
                                        "működik."))
        return redirect("meetings:calendar_settings")
    token = CalendarToken.objects.filter(user=request.user).first()
    url = services.absolute(reverse("meetings:calendar_feed", args=[token.token])) \
        if token else ""
    return render(request, "meetings/calendar_settings.html", {
        "feed_url": url, "forums": access.calendar_forums(request.user),
        "confirm_form": ConfirmForm()})


@access.public
def calendar_feed(request, token):
    record = CalendarToken.objects.select_related("user").filter(token=token).first()
    if record is None or not record.user.is_active:
        raise Http404
    items = [services.calendar_item(m) for m in
             queries.calendar_meetings(access.calendar_forums(record.user))[:500]]
    return calendar_response(calendar_bytes(items, name=_("Üléseim")), "ulesek")


# --- public site -------------------------------------------------------------------------


@access.public
def public_list(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "meetings/public_list.html", {
        "page": paginate(request, queries.public_meetings(forum)),
        "querystring": querystring_without_page(request),
    })


@access.public
def public_detail(request, forum, pk):
    forum = access.forum_public(forum)
    meeting = access.public_meeting_for(forum, pk)
    return render_public(request, forum, "meetings/public_detail.html", {
        "meeting": meeting, "agenda": queries.agenda(meeting)})


@access.public
@cached_public  # the public sessions change only with the forum's records
def public_calendar(request, forum):
    forum = access.forum_public(forum)
    items = [services.calendar_item(m, url=services.absolute(
        reverse("meetings:public_detail", args=[forum.slug, m.pk])))
        for m in queries.public_meetings(forum)[:500]]
    return calendar_response(calendar_bytes(items, name=forum.name), f"ulesek-{forum.slug}")
