import calendar
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, exports, ical
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.imports import views as import_views
from kerekasztal.core.pages import (
    paginate,
    querystring_without_page,
    render_public,
    render_workspace,
)
from kerekasztal.core.records import links
from kerekasztal.core.records.files import serve
from kerekasztal.core.records.link_picker import picker_response
from kerekasztal.core.tabular import table_response
from kerekasztal.core.throttle import TOO_MANY, form_throttled
from kerekasztal.publishing.cache import cached_public

from . import documents, imports, queries, services
from .forms import (
    EVENT_FORM_FIELDS,
    HELD_FORM_FIELDS,
    AttendanceForm,
    AttendanceNamesForm,
    CancelForm,
    ColleagueRegistrationForm,
    EventFilterForm,
    EventForm,
    HeldEventForm,
    OrganiserRegistrationForm,
    PhotoEditForm,
    PhotoUploadForm,
    PublicFilterForm,
    RegistrationForm,
    ReportForm,
    SelfRegistrationForm,
    SeriesForm,
    VerifyForm,
)
from .models import EventKind, RegistrationStatus

# The public calendar also changes with time (an event that ended leaves "upcoming"), not
# only with records: its cached copy is kept at most this long (seconds).
CALENDAR_MAX_AGE = 300


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")



def _when(event) -> str:
    """The event's time on its pages: the long date in the page's language."""
    return event.when


# --- workspace: events ------------------------------------------------------------------


def _event_filter_data(params) -> tuple[EventFilterForm, dict]:
    form = EventFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {"q": data.get("q", ""), "kind": data.get("kind", ""),
                  "status": data.get("status", ""), "start": data.get("start"),
                  "end": data.get("end")}


def _event_filters(request, forum) -> tuple[EventFilterForm, object]:
    form, filters = _event_filter_data(request.GET)
    return form, queries.event_list(forum, **filters)


def event_list(request, forum):
    forum = access.forum_for(request.user, forum, "events.view")
    form, qs = _event_filters(request, forum)
    return render_workspace(request, forum, "events/event_list.html", {
        "filter_form": form, "page": paginate(request, qs),
        "querystring": querystring_without_page(request),
    })


def event_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "events.view")
    return exports.respond(request, forum, "events.events", fmt)


@exports.table("events.events", action="events.view")
def _events_table(forum, user, params) -> exports.Table:
    _form, filters = _event_filter_data(params)
    qs = queries.event_export(forum, **filters)
    headers = [pgettext("title", "Cím"), _("Típus"), _("Kezdés"), _("Befejezés"), _("Helyszín"),
               _("Helyszín címe"),
               _("Települések"), _("Témák"), _("Célcsoportok"), _("Szervező"),
               _("Partnerek"), _("Nyilvános"), _("Állapot"), _("Jelentkezők"),
               _("Várólista"), _("Résztvevők száma")]
    kinds = {code: str(label) for code, label in EventKind.choices}
    yes, no = _("igen"), _("nem")
    rows = (
        [e["title"], kinds.get(e["kind"], e["kind"]), _local(e["starts_at"]),
         _local(e["ends_at"]), e["venue"], e["address"], e["settlements"], e["topics"],
         e["target_groups"], e["organiser__name"] or "", e["partners"],
         yes if e["is_public"] else no, e["status_label"], e["confirmed_count"],
         e["waitlist_count"], e["participants_count"]]
        for e in queries.events_for_export(qs, counts=True)
    )
    return exports.Table(f"rendezvenyek-{forum.slug}", headers, rows, qs.count)


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None)


def _event_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in EVENT_FORM_FIELDS}


def event_create(request, forum):
    forum = access.forum_for(request.user, forum, "events.manage")
    form = EventForm(request.POST or None, forum=forum, initial={"is_public": True})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(forum=forum, user=request.user, **_event_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A rendezvényt rögzítettük (tervezett)."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/event_form.html", {"form": form})


def event_record_held(request, forum):
    """An event that has already taken place, saved as held with its attendance at once."""
    forum = access.forum_for(request.user, forum, "events.manage")
    form = HeldEventForm(request.POST or None, forum=forum, initial={"is_public": True})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in HELD_FORM_FIELDS}
        try:
            event = services.event_record_held(
                forum=forum, user=request.user, people=form.cleaned_data["people"],
                participants_count=form.cleaned_data["participants_count"],
                by_organisation=form.cleaned_data["by_organisation"], **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A megtartott rendezvényt a jelenléttel együtt "
                                        "rögzítettük."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/event_form.html",
                            {"form": form, "held": True})


def import_upload(request, forum):
    forum = access.forum_for(request.user, forum, "events.manage")
    return import_views.upload(
        request, forum, imports.HELD_EVENTS,
        back_url=import_views.url_for("events:event_list", forum),
        preview_url_name="events:import_preview",
    )


def import_preview(request, forum, batch):
    forum = access.forum_for(request.user, forum, "events.manage")
    batch = access.import_batch_for(request.user, forum, batch, imports.HELD_EVENTS.kind,
                                    "events.manage")
    return import_views.preview(request, forum, imports.HELD_EVENTS, batch,
                                back_url=import_views.url_for("events:event_list", forum))


def import_example(request, forum, fmt):
    access.forum_for(request.user, forum, "events.manage")
    return import_views.example(imports.HELD_EVENTS, fmt)


def series_create(request, forum):
    forum = access.forum_for(request.user, forum, "events.manage")
    form = SeriesForm(request.POST or None, forum=forum,
                      initial={"is_public": True, "kind": "parent_club"})
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(
                forum=forum, user=request.user, every=form.cleaned_data["every"],
                count=form.cleaned_data["count"], **_event_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A sorozat %(count)s alkalmát rögzítettük. Az "
                                        "alkalmak egyenként szerkeszthetők.")
                             % {"count": series.events.count()})
            return redirect("events:event_list", forum=forum.slug)
    return render_workspace(request, forum, "events/event_form.html",
                            {"form": form, "series": True})


def event_detail(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.view")
    event = queries.event_detail(access.event_for(request.user, forum, pk, "events.view"))
    report = getattr(event, "report", None)
    return render_workspace(request, forum, "events/event_detail.html", {
        "event": event, "report": report, "when": _when(event),
        "seats_taken": queries.seats_taken(event), "confirm_form": ConfirmForm(),
        "figures": queries.attendance_figures(event),
        "own": (queries.own_registration(event, request.user) if "events.register_self"
                in access.allowed_actions(request.user, forum) else None),
        "series_events": event.series.events.order_by("starts_at") if event.series else None,
        "raised": links.visible_to(links.linked_targets(report, "raised"), request.user,
                                  forum) if report else [],
        "pointing": links.visible_to(links.linked_sources(event), request.user, forum),
    })


def event_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    form = EventForm(request.POST or None, instance=event, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, base_url=_base_url(request),
                                  **_event_data(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A változásokat mentettük."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/event_form.html",
                            {"form": form, "event": event})


@require_POST
def event_publish(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    try:
        services.event_publish(event=event, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A rendezvényt meghirdettük.") if event.is_public else
                         _("A rendezvényt meghirdettük a fórum tagjainak."))
    return redirect("events:event_detail", forum=forum.slug, pk=event.pk)


def event_cancel(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, reason=form.cleaned_data["reason"],
                                  user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A rendezvény elmarad; a jelentkezőket értesítettük."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/event_cancel.html",
                            {"form": form, "event": event})


# --- workspace: registrations, attendance -------------------------------------------------


def register_self(request, forum, pk):
    """A member registers themself (members-only trainings, too), or sees their registration."""
    forum = access.forum_for(request.user, forum, "events.register_self")
    event = access.event_for(request.user, forum, pk, "events.register_self")
    own = queries.own_registration(event, request.user)
    closed_reason = event.registration_closed_reason()
    organisations = list(access.represented_organisations(request.user, forum))
    form = SelfRegistrationForm(request.POST if request.method == "POST" else None,
                                forum=forum, organisations=organisations)
    if request.method == "POST" and own is None and not closed_reason and form.is_valid():
        data = dict(form.cleaned_data)
        # the organisation they represent, so that it lists them among its registrations
        data.setdefault("organisation", organisations[0] if len(organisations) == 1 else None)
        try:
            registration = services.register(
                event=event, name=request.user.full_name or request.user.email,
                email=request.user.email, base_url=_base_url(request), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(request, _("Várólistára került; ha hely szabadul fel, "
                                            "e-mailben értesítjük."))
            else:
                messages.success(request, _("Jelentkezését rögzítettük; a visszaigazolást "
                                            "e-mailben is elküldtük."))
            return redirect("events:register_self", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/register_self.html", {
        "event": event, "form": form, "own": own, "closed_reason": closed_reason,
        "when": _when(event),
        "withdrawal_closed": own.withdrawal_closed_reason() if own else "",
        "seats_taken": queries.seats_taken(event) if event.capacity else None,
    })


@require_POST
def register_self_cancel(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.register_self")
    event = access.event_for(request.user, forum, pk, "events.register_self")
    own = queries.own_registration(event, request.user)
    if own is None:
        messages.info(request, _("Erre a rendezvényre nincs élő jelentkezése."))
    else:
        try:
            services.registration_cancel(registration=own, base_url=_base_url(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Jelentkezését visszavontuk."))
    return redirect("events:register_self", forum=forum.slug, pk=event.pk)


def register_colleagues(request, forum, pk):
    """A member organisation's representative registers colleagues of their organisation,
    and sees and cancels whom their organisation registered."""
    forum = access.forum_for(request.user, forum, "events.register_colleagues")
    event = access.event_for(request.user, forum, pk, "events.register_colleagues")
    organisations = access.represented_organisations(request.user, forum)
    closed_reason = event.registration_closed_reason()
    form = ColleagueRegistrationForm(request.POST if request.method == "POST" else None,
                                     organisations=organisations, event=event)
    if request.method == "POST" and not closed_reason and form.is_valid():
        try:
            registration = services.registration_add_colleague(
                event=event, user=request.user, base_url=_base_url(request),
                **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(request, _("Minden hely betelt: %s várólistára került; ha "
                                            "hely szabadul fel, automatikusan bekerül.")
                                 % registration.name)
            else:
                messages.success(request, _("%s jelentkezését rögzítettük.")
                                 % registration.name)
            return redirect("events:register_colleagues", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/register_colleagues.html", {
        "event": event, "form": form, "closed_reason": closed_reason, "when": _when(event),
        "registrations": queries.colleague_registrations(event, organisations),
        "seats_taken": queries.seats_taken(event) if event.capacity else None,
    })


@require_POST
def colleague_cancel(request, forum, pk, registration):
    forum = access.forum_for(request.user, forum, "events.register_colleagues")
    event = access.event_for(request.user, forum, pk, "events.register_colleagues")
    registration = access.colleague_registration_for(request.user, event, registration)
    try:
        services.registration_cancel(registration=registration, base_url=_base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%s jelentkezését visszavontuk.") % registration.name)
    return redirect("events:register_colleagues", forum=forum.slug, pk=event.pk)


def own_certificate(request, forum, pk):
    """A participant downloads their own certificate of attendance."""
    forum = access.forum_for(request.user, forum, "events.register_self")
    registration = access.own_certificate_for(request.user, forum, pk)
    return _certificates_response(request, forum, registration.event, [registration],
                                  f"tanusitvany-{registration.event.pk}")



def registration_list(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.participants.view")
    event = access.event_for(request.user, forum, pk, "events.participants.view")
    page = paginate(request, queries.registrations(event))
    return render_workspace(request, forum, "events/registration_list.html", {
        "event": event, "page": page, "registrations": page.object_list,
        "seats_taken": queries.seats_taken(event), "confirm_form": ConfirmForm(),
        "querystring": querystring_without_page(request),
    })


def registration_export(request, forum, pk, fmt):
    forum = access.forum_for(request.user, forum, "events.participants.view")
    event = access.event_for(request.user, forum, pk, "events.participants.view")
    headers = [_("Név"), _("Szervezet"), _("E-mail"), _("Telefonszám"), _("Település"),
               _("Állapot"), _("Jelentkezés ideje"), _("Részt vett"), _("Elvégezte"),
               _("Tanúsítvány száma")]
    rows = (
        [r.name, r.organisation_label, r.email, r.phone,
         r.settlement.name if r.settlement else "", r.get_status_display(),
         timezone.localtime(r.created_at).replace(tzinfo=None),
         _("igen") if r.attended else _("nem"), _("igen") if r.completed else _("nem"),
         r.certificate_number]
        for r in queries.registrations(event)
    )
    return table_response(f"jelentkezok-{event.pk}", headers, rows, fmt)


def registration_add(request, forum, pk):
    """The organiser adds someone who applied by phone or in person."""
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    form = OrganiserRegistrationForm(request.POST or None, forum=forum, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(event=event, base_url=_base_url(request),
                                              by_organiser=True, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(request, _("%s várólistára került.") % registration.name)
            else:
                messages.success(request, _("%s jelentkezését rögzítettük.") % registration.name)
            return redirect("events:registration_list", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/registration_form.html",
                            {"event": event, "form": form})


@require_POST
def registration_remove(request, forum, pk, registration):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    registration = access.event_registration_for(request.user, event, registration,
                                                 "events.manage")
    promoted = services.registration_cancel(registration=registration,
                                            base_url=_base_url(request), by_organiser=True)
    messages.success(request, _("A jelentkezést töröltük."))
    for person in promoted:
        messages.info(request, _("%s a várólistáról bekerült.") % person.name)
    return redirect("events:registration_list", forum=forum.slug, pk=event.pk)


def attendance(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = queries.event_detail(access.event_for(request.user, forum, pk, "events.manage"))
    registrations = list(event.registrations.filter(
        status=RegistrationStatus.CONFIRMED).order_by("name", "pk"))
    form = AttendanceForm(request.POST or None, request.FILES or None, event=event,
                          registrations=registrations, version_of=event)
    if request.method == "POST" and form.is_valid():
        by_age, by_settlement = form.breakdowns()
        data = form.cleaned_data
        try:
            services.attendance_record(
                event=event, participants_count=data["participants_count"], by_age=by_age,
                by_settlement=by_settlement, by_organisation=form.organisation_counts(),
                attended_ids=set(data["attended"]) if registrations else None,
                completed_ids=set(data.get("completed") or []), sheet=data["sheet"],
                user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A jelenlétet rögzítettük."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/attendance.html",
                            {"event": event, "form": form})


def attendance_names(request, forum, pk):
    """The names on a past event's signed attendance sheet (no e-mail addresses needed)."""
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    form = AttendanceNamesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and event.has_started and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.attendance_sheet_record(
                event=event, people=data["people"], sheet=data["sheet"],
                participants_count=data["participants_count"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A jelenléti ív %(count)s nevét rögzítettük.")
                             % {"count": len(added)})
            return redirect("events:attendance_names", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/attendance_names.html", {
        "event": event, "form": form, "attendees": queries.attendees(event),
    })


def attendance_sheet(request, forum, pk):
    """A pre-filled attendance sheet to print and have signed."""
    forum = access.forum_for(request.user, forum, "events.participants.view")
    event = queries.event_detail(
        access.event_for(request.user, forum, pk, "events.participants.view"))
    names = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED)
                 .select_related("settlement").order_by("name", "pk"))
    blank_rows = max(10, (event.capacity or 0) - len(names), 25 - len(names))
    return documents.attendance_sheet("pdf", forum=forum, event=event, registrations=names,
                                      blank_rows=blank_rows)


def attendance_scan(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.participants.view")
    event = access.event_for(request.user, forum, pk, "events.participants.view")
    return serve(event.attendance_sheet, f"jelenleti-iv-{event.pk}")


# --- workspace: report, photos, certificates ----------------------------------------------


def report(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    existing = getattr(event, "report", None)
    initial = ({"summary": existing.summary, "outcomes": existing.outcomes,
                "problems_raised": existing.problems_raised} if existing else {})
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A beszámolót mentettük."))
            return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/report_form.html",
                            {"event": event, "form": form})


def report_links(request, forum, pk):
    """Link the report to the plan problems raised at the event (kind "raised")."""
    forum = access.forum_for(request.user, forum, "events.link")
    event = access.event_for(request.user, forum, pk, "events.link")
    report = getattr(event, "report", None)
    if report is None:
        raise Http404
    return picker_response(
        request, forum=forum, source=report, kind="raised",
        title=_("A rendezvényen felvetett problémák"),
        back_url=reverse("events:event_detail", kwargs={"forum": forum.slug, "pk": event.pk}),
        back_label=str(event),
    )


def report_pdf(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.view")
    event = queries.event_detail(access.event_for(request.user, forum, pk, "events.view"))
    return documents.report("pdf", forum=forum, event=event)


def report_docx(request, forum, pk):
    """The report as an editable Word document (the same contents as the PDF)."""
    forum = access.forum_for(request.user, forum, "events.view")
    event = queries.event_detail(access.event_for(request.user, forum, pk, "events.view"))
    return documents.report("docx", forum=forum, event=event)


def photos(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.view")
    event = access.event_for(request.user, forum, pk, "events.view")
    form = None
    if "events.manage" in access.allowed_actions(request.user, forum):
        form = PhotoUploadForm(request.POST or None, request.FILES or None)
    elif request.method == "POST":
        access.require(request.user, "events.manage", forum)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                for image in data["images"]:
                    services.photo_add(event=event, image=image, alt_text=data["alt_text"],
                                       caption=data["caption"], consent=data["consent"],
                                       user=request.user)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for field, items in errors.items():
                form.add_error("images" if field == "image" else
                               (field if field in form.fields else None), items)
        else:
            messages.success(request, _("%(count)s fényképet feltöltöttünk.")
                             % {"count": len(data["images"])})
            return redirect("events:photos", forum=forum.slug, pk=event.pk)
    return render_workspace(request, forum, "events/photos.html", {
        "event": event, "form": form, "photos": event.photos.order_by("created_at", "pk"),
        "edit_forms": None,
    })


@require_POST
def photo_edit(request, forum, pk, photo):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    photo = access.event_photo_for(request.user, event, photo, "events.manage")
    form = PhotoEditForm(request.POST)
    if form.is_valid():
        services.photo_update(photo=photo, user=request.user, **form.cleaned_data)
        messages.success(request, _("A kép adatait mentettük."))
    else:
        messages.error(request, _("A kép szöveges leírása (alt) kötelező."))
    return redirect("events:photos", forum=forum.slug, pk=event.pk)


@require_POST
def photo_delete(request, forum, pk, photo):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    photo = access.event_photo_for(request.user, event, photo, "events.manage")
    services.photo_delete(photo=photo)
    messages.success(request, _("A képet töröltük."))
    return redirect("events:photos", forum=forum.slug, pk=event.pk)


def _size(photo, size):
    if size not in ("display", "thumb"):
        raise Http404
    return photo.display if size == "display" else photo.thumbnail


def photo_file(request, forum, pk, photo, size):
    forum = access.forum_for(request.user, forum, "events.view")
    event = access.event_for(request.user, forum, pk, "events.view")
    photo = access.event_photo_for(request.user, event, photo, "events.view")
    return serve(_size(photo, size), f"foto-{photo.pk}", inline=True)


@require_POST
def certificates_issue(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.manage")
    event = access.event_for(request.user, forum, pk, "events.manage")
    try:
        certified = services.certificates_issue(event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if certified:
            messages.success(request, _("%(count)s tanúsítvány kiállítva.")
                             % {"count": len(certified)})
        else:
            messages.warning(request, _("Még senki nem végezte el a képzést: a jelenlétnél "
                                        "jelölje, ki kap tanúsítványt."))
    return redirect("events:event_detail", forum=forum.slug, pk=event.pk)


def certificates_pdf(request, forum, pk):
    forum = access.forum_for(request.user, forum, "events.participants.view")
    event = access.event_for(request.user, forum, pk, "events.participants.view")
    if not event.is_training:
        raise Http404
    certified = list(event.registrations.filter(completed=True).exclude(
        certificate_number="").order_by("certificate_number"))
    if not certified:
        messages.warning(request, _("Még nincs kiállított tanúsítvány."))
        return redirect("events:event_detail", forum=forum.slug, pk=event.pk)
    return _certificates_response(request, forum, event, certified,
                                  f"tanusitvanyok-{event.pk}")


def _certificates_response(request, forum, event, certified, filename):
    verify_url = _base_url(request) + reverse("events:certificate_verify", args=[forum.slug])
    return documents.certificates("pdf", forum=forum, event=event, certified=certified,
                                  verify_url=verify_url, filename=filename)


# --- public site --------------------------------------------------------------------------


def _public_filters(request, forum):
    form = PublicFilterForm(request.GET or None, forum=forum)
    data = form.cleaned_data if form.is_valid() else {}
    filters = {key: data.get(key) for key in ("topic", "target_group", "settlement")}
    filters["kind"] = data.get("kind", "")
    return form, filters


def _month(request) -> datetime.date:
    value = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@access.public
@cached_public(max_age=CALENDAR_MAX_AGE)
def public_calendar(request, forum):
    forum = access.forum_public(forum)
    form, filters = _public_filters(request, forum)
    view = "month" if request.GET.get("view") == "month" else "list"
    context = {"filter_form": form, "view": view}
    params = request.GET.copy()
    for key in ("view", "month", "page"):
        params.pop(key, None)
    context["filter_query"] = params.urlencode()
    if view == "month":
        first = _month(request)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        events = list(queries.public_events(forum, start=weeks[0][0], end=weeks[-1][-1],
                                            **filters))
        by_day: dict[datetime.date, list] = {}
        for event in events:
            day = timezone.localtime(event.starts_at).date()
            end = timezone.localtime(event.ends_at).date()
            while day <= end:
                by_day.setdefault(day, []).append(event)
                day += datetime.timedelta(days=1)
        context.update({
            "month": first,
            "previous": (first - datetime.timedelta(days=1)).replace(day=1),
            "next": (first + datetime.timedelta(days=32)).replace(day=1),
            "weeks": [[(day, by_day.get(day, []), day.month == first.month) for day in week]
                      for week in weeks],
        })
    else:
        past = request.GET.get("past") == "1"
        qs = queries.public_events(forum, **filters)
        now = timezone.now()
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at") if past else \
            qs.filter(ends_at__gte=now)
        context.update({"page": paginate(request, qs), "past": past,
                        "querystring": querystring_without_page(request)})
    return render_public(request, forum, "events/public_calendar.html", context)


@access.public
@cached_public(max_age=CALENDAR_MAX_AGE)
def public_export(request, forum, fmt):
    """The public calendar as a table (CSV/XLSX), with the calendar's filters. Anonymous, so
    never a task: plain values instead of events (events_for_export), and the file is kept
    in the public page cache per forum version, like the calendar."""
    forum = access.forum_public(forum)
    _form, filters = _public_filters(request, forum)
    headers = [pgettext("title", "Cím"), _("Típus"), _("Kezdés"), _("Befejezés"), _("Helyszín"),
               _("Helyszín címe"),
               _("Települések"), _("Témák"), _("Célcsoportok"), _("Szervező"), _("Állapot"),
               _("Webcím")]
    marker = "4611686018427387904"  # a key no event has: the detail URL's pattern
    prefix, suffix = (_base_url(request) + reverse(
        "events:public_detail", args=[forum.slug, int(marker)])).split(marker)
    kinds = {code: str(label) for code, label in EventKind.choices}
    here = timezone.get_current_timezone()  # looked up once, not for each of 2 × N moments

    def local(moment):
        return moment.astimezone(here).replace(tzinfo=None)

    rows = (
        [e["title"], kinds.get(e["kind"], e["kind"]), local(e["starts_at"]),
         local(e["ends_at"]), e["venue"], e["address"], e["settlements"], e["topics"],
         e["target_groups"], e["organiser__name"] or "", e["status_label"],
         f"{prefix}{e['pk']}{suffix}"]
        for e in queries.events_for_export(queries.public_events(forum, **filters))
    )
    return table_response(f"rendezvenyek-{forum.slug}", headers, rows, fmt, stream=False)


@access.public
def public_detail(request, forum, pk):
    forum = access.forum_public(forum)
    event = queries.event_detail(access.event_public(forum, pk))
    report = getattr(event, "report", None)
    return render_public(request, forum, "events/public_detail.html", {
        "event": event, "when": _when(event), "report": report,
        "photos": queries.public_photos(forum, event),
        "closed_reason": event.registration_closed_reason(),
        "seats_taken": queries.seats_taken(event) if event.capacity else None,
        "absolute_url": request.build_absolute_uri(),
    })


@access.public
def public_event_ics(request, forum, pk):
    forum = access.forum_public(forum)
    event = access.event_public(forum, pk)
    content = ical.calendar_bytes([services._calendar_item(event, _base_url(request))],
                                  name=forum.name)
    return ical.calendar_response(content, f"rendezveny-{event.pk}", attachment=True)


@access.public
def public_register(request, forum, pk):
    forum = access.forum_public(forum)
    event = access.event_public(forum, pk)
    form = RegistrationForm(request.POST or None, forum=forum)
    closed_reason = event.registration_closed_reason()
    if request.method == "POST" and not closed_reason and form.is_valid():
        try:
            if form_throttled(request, group="events.register",
                              email=form.cleaned_data["email"]):
                raise ValidationError(TOO_MANY)
            registration = services.register(event=event, base_url=_base_url(request),
                                             **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Redirect after POST: reloading the confirmation must not register again.
            request.session[_REGISTERED_KEY] = registration.pk
            return redirect("events:public_registered", forum=forum.slug, pk=event.pk)
    return render_public(request, forum, "events/public_register.html", {
        "event": event, "form": form, "closed_reason": closed_reason, "when": _when(event),
        "seats_taken": queries.seats_taken(event) if event.capacity else None,
    })


_REGISTERED_KEY = "events.registered"


@access.public
def public_registered(request, forum, pk):
    """The confirmation after a registration; the registration is the one this browser just
    sent (kept in the session), so the page shows no one else's address."""
    forum = access.forum_public(forum)
    event = access.event_public(forum, pk)
    registration = event.registrations.filter(pk=request.session.get(_REGISTERED_KEY)).first()
    if registration is None:
        return redirect("events:public_detail", forum=forum.slug, pk=event.pk)
    return render_public(request, forum, "events/public_registered.html", {
        "event": event, "registration": registration,
        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
    })


@access.public
def registration_cancel(request, forum, token):
    forum = access.forum_public(forum)
    try:
        registration = services.registration_from_token(token)
    except services.BadToken as exc:
        return render_public(request, forum, "events/registration_cancel.html",
                             {"error": exc.message}, status=400)
    if registration.event.forum_id != forum.pk:
        raise Http404
    done = registration.status == RegistrationStatus.CANCELLED
    closed = registration.withdrawal_closed_reason() if not done else ""
    if request.method == "POST" and not done and not closed:
        services.registration_cancel(registration=registration, base_url=_base_url(request))
        registration.refresh_from_db()
        done = True
        messages.success(request, _("A jelentkezését lemondtuk. Köszönjük, hogy jelezte."))
    return render_public(request, forum, "events/registration_cancel.html", {
        "registration": registration, "event": registration.event, "done": done,
        "form": ConfirmForm(), "closed_reason": closed,
    })


@access.public
def public_ical(request, forum):
    """The forum's public events as a subscribable calendar (filters as on the calendar)."""
    forum = access.forum_public(forum)
    _form, filters = _public_filters(request, forum)
    since = timezone.now() - datetime.timedelta(days=365)
    events = queries.public_events(forum, **filters).filter(ends_at__gte=since)
    base = _base_url(request)
    content = ical.calendar_bytes((services._calendar_item(e, base) for e in events),
                                  name=forum.name)
    return ical.calendar_response(content, f"rendezvenyek-{forum.slug}")


@access.public
def public_feed(request, forum):
    """Atom feed of the upcoming public events."""
    forum = access.forum_public(forum)
    base = _base_url(request)
    feed = feedgenerator.Atom1Feed(
        title=_("%s – közelgő rendezvények") % forum.name,
        link=base + reverse("events:public_calendar", args=[forum.slug]),
        description=_("A fórum nyilvános rendezvényei"), language="hu",
        feed_url=base + reverse("events:public_feed", args=[forum.slug]),
    )
    for event in queries.upcoming_public_events(forum)[:50]:
        link = base + reverse("events:public_detail", args=[forum.slug, event.pk])
        feed.add_item(
            title=f"{_when(event)} – {event.title}", link=link, unique_id=link,
            description=", ".join(filter(None, [event.venue, event.address]))
            + ("\n\n" + event.description if event.description else ""),
            pubdate=event.published_at, updateddate=event.updated_at,
            categories=[event.get_kind_display()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@access.public
def public_gallery(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "events/public_gallery.html", {
        "page": paginate(request, queries.public_photos(forum), per_page=48),
        "querystring": querystring_without_page(request),
    })


@access.public
def public_photo(request, forum, photo, size):
    forum = access.forum_public(forum)
    photo = access.event_photo_public(forum, photo)
    response = serve(_size(photo, size), f"foto-{photo.pk}", inline=True)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@access.public
def certificate_verify(request, forum):
    forum = access.forum_public(forum)
    form = VerifyForm(request.GET or None)
    result = None
    checked = False
    if form.is_valid():
        checked = True
        found = services.certificate_lookup(form.cleaned_data["code"])
        if found is not None and found.event.forum_id == forum.pk:
            result = found
    return render_public(request, forum, "events/certificate_verify.html", {
        "form": form, "result": result, "checked": checked,
    })

