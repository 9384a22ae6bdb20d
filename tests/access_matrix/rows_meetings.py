"""The meetings app: closed materials are for members, coordinators and auditors only."""

import datetime

from . import MISSING, ROLES, Row, forum, logged_in, public, workspace

READERS = ("member", "auditor", "coordinator")


def _meeting(w, *, held=False, public_=False):
    from django.core.files.base import ContentFile

    from kerekasztal.core.records.uploads import RandomName
    from kerekasztal.meetings import services
    from kerekasztal.meetings.models import Meeting
    from tests.meetings.factories import at, future

    start = at(datetime.date(2015, 6, 16)) if held else future(14)
    meeting = services.meeting_schedule(
        forum=w.forum, title="Ülés", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        venue_settlement=w.forum.settlements().get(name="Kőszeg"),
        visibility="public" if public_ else "closed")
    w.item = services.agenda_item_add(meeting=meeting, title="Megnyitó")
    w.attachment = services.attachment_add(
        item=w.item, name="Melléklet",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="melleklet.pdf"))
    services.invitations_prepare(meeting=meeting)
    w.invitation = meeting.invitations.get(person=w.representative)
    if held:
        services.attendance_record(meeting=meeting,
                                   people=[(w.representative, w.organisation)])
        meeting.attendance_scan.save(RandomName("attendance")(None, "iv.pdf"),
                                     ContentFile(b"%PDF-1.4\n%%EOF\n"))
        services.minutes_save(meeting=meeting, kind="memo", body="<p>Emlékeztető</p>")
        services.minutes_approve(meeting=meeting, on=datetime.date(2015, 7, 1))
        w.decision = services.decision_record(meeting=meeting, text="Határozat.")
    w.meeting = Meeting.objects.get(pk=meeting.pk)


def _upcoming(w):
    _meeting(w)


def _held(w):
    _meeting(w, held=True)


def _consultation(w):
    from kerekasztal.meetings import services

    _meeting(w)
    services.minutes_save(meeting=w.meeting, kind="memo", body="<p>Tervezet</p>")
    services.minutes_send(meeting=w.meeting)


def _public(w):
    _meeting(w, public_=True)


def _token(w):
    from kerekasztal.meetings import services

    _meeting(w)
    w.token = services.calendar_token_issue(user=w.member).token


def m(w):
    return {"forum": w.forum.slug, "pk": w.meeting.pk}


def item(w):
    return {**m(w), "item": w.item.pk}


def attachment(w):
    return {**m(w), "attachment": w.attachment.pk}


def doc(kind):
    return lambda w: {**m(w), "doc": kind}


def fmt(w):
    return {**forum(w), "fmt": "csv"}


def decision(w):
    return {"forum": w.forum.slug, "pk": w.decision.pk}


def _rsvp(w):
    from kerekasztal.meetings import services

    return {"token": services.rsvp_token(w.invitation)}


def _member_only():
    expect = workspace("member")
    return expect


MEETING_DATA = {"title": "Ülés", "starts_at": "2030-03-04T10:00", "ends_at": "2030-03-04T12:00",
                "visibility": "closed"}


def _meeting_data(w):
    return {**MEETING_DATA, "venue_settlement": w.forum.settlements().get(name="Kőszeg").pk}


def _held_data(w):
    return {**_meeting_data(w), "starts_at": "2016-03-01T10:00", "ends_at": "2016-03-01T12:00",
            "headcount_total": "12", "guests": "0"}


def _held_batch(w):
    from kerekasztal.core.models import ImportBatch

    batch = ImportBatch.objects.create(forum=w.forum, kind="meetings.held", filename="x.csv")
    return {"forum": w.forum.slug, "batch": batch.pk}


ROWS = [
    Row("meetings:list", forum, workspace(*READERS)),
    Row("meetings:export", fmt, workspace(*READERS)),
    Row("meetings:create", forum, workspace("coordinator")),
    Row("meetings:create", forum, workspace("coordinator"), method="POST", data=_meeting_data),
    Row("meetings:record_held", forum, workspace("coordinator")),
    Row("meetings:record_held", forum, workspace("coordinator"), method="POST",
        data=_held_data),
    Row("meetings:held_import", forum, workspace("coordinator")),
    Row("meetings:held_import_preview", _held_batch, workspace("coordinator")),
    Row("meetings:held_import_example", fmt, workspace("coordinator")),
    Row("meetings:quorum", forum, workspace("coordinator")),
    Row("meetings:quorum", forum, workspace("coordinator"), method="POST",
        data=lambda w: {"kind": "majority"}),
    Row("meetings:attendance_stats", forum, workspace(*READERS)),
    Row("meetings:attendance_stats_export", fmt, workspace(*READERS)),
    Row("meetings:detail", m, workspace(*READERS), setup=_upcoming),
    Row("meetings:edit", m, workspace("coordinator"), setup=_upcoming),
    Row("meetings:edit", m, workspace("coordinator"), setup=_upcoming, method="POST",
        data=_meeting_data),
    Row("meetings:cancel", m, workspace("coordinator"), setup=_upcoming),
    Row("meetings:cancel", m, workspace("coordinator"), setup=_upcoming, method="POST",
        data=lambda w: {"reason": "Betegség"}),
    Row("meetings:agenda", m, workspace("coordinator"), setup=_upcoming),
    Row("meetings:agenda", m, workspace("coordinator"), setup=_upcoming, method="POST",
        data=lambda w: {"title": "Egyebek"}),
    Row("meetings:agenda_item_edit", item, workspace("coordinator"), setup=_upcoming),
    Row("meetings:agenda_item_move", item, workspace("coordinator"), setup=_upcoming,
        method="POST", data=lambda w: {"direction": "down"}),
    Row("meetings:agenda_item_delete", item, workspace("coordinator"), setup=_upcoming,
        method="POST"),
    Row("meetings:attachment", attachment, workspace(*READERS), setup=_upcoming),
    Row("meetings:attachment_delete", attachment, workspace("coordinator"), setup=_upcoming,
        method="POST"),
    Row("meetings:invitations", m, workspace(*READERS), setup=_upcoming),
    Row("meetings:invitations", m, workspace("coordinator"), setup=_upcoming, method="POST",
        data=lambda w: {"name": "Vendég Vilma", "email": "vilma@example.org"}),
    Row("meetings:invitations_send", m, workspace("coordinator"), setup=_upcoming,
        method="POST"),
    Row("meetings:invitations_remind", m, workspace("coordinator"), setup=_upcoming,
        method="POST"),
    Row("meetings:rsvp_own", lambda w: {**m(w), "invitation": w.invitation.pk},
        _member_only(), setup=_upcoming, method="POST",
        data=lambda w: {f"inv{w.invitation.pk}-answer": "yes"}),
    Row("meetings:invitation_document", doc("pdf"), workspace(*READERS), setup=_upcoming),
    Row("meetings:attendance", m, workspace(*READERS), setup=_held),
    Row("meetings:attendance_edit", m, workspace("coordinator"), setup=_held),
    Row("meetings:attendance_edit", m, workspace("coordinator"), setup=_held, method="POST",
        data=lambda w: {"guests": "1"}),
    Row("meetings:attendance_scan", m, workspace(*READERS), setup=_held),
    Row("meetings:attendance_sheet", doc("docx"), workspace(*READERS), setup=_upcoming),
    Row("meetings:minutes", m, workspace(*READERS), setup=_held),
    Row("meetings:minutes_edit", m, workspace("coordinator"), setup=_upcoming),
    Row("meetings:minutes_send", m, workspace("coordinator"), setup=_held, method="POST"),
    Row("meetings:minutes_approve", m, workspace("coordinator"), setup=_held, method="POST",
        data=lambda w: {"approved_on": "2015-07-01"}),
    Row("meetings:minutes_document", doc("docx"), workspace(*READERS), setup=_held),
    Row("meetings:minutes_comment", m, workspace("member", "coordinator"), setup=_consultation,
        method="POST", data=lambda w: {"text": "Pontosítást kérünk."}),
    Row("meetings:decision_create", m, workspace("coordinator"), setup=_held),
    Row("meetings:decision_create", m, workspace("coordinator"), setup=_held, method="POST",
        data=lambda w: {"text": "Új határozat."}),
    Row("meetings:register", forum, workspace(*READERS)),
    Row("meetings:register_export", fmt, workspace(*READERS)),
    Row("meetings:decision_detail", decision, workspace(*READERS), setup=_held),
    Row("meetings:decision_detail", decision, workspace("coordinator"), setup=_held,
        method="POST", data=lambda w: {"day": "2015-08-01", "status": "done", "text": "Kész"}),
    Row("meetings:decision_edit", decision, workspace("coordinator"), setup=_held),
    Row("meetings:public_list", forum, public()),
    Row("meetings:public_calendar", forum, public()),
    Row("meetings:public_detail", m, public(), setup=_public),
    # A closed meeting is not on the public site, for nobody.
    Row("meetings:public_detail", m, {role: MISSING for role in ROLES}, setup=_upcoming),
    Row("meetings:rsvp", _rsvp, public(), setup=_upcoming),
    Row("meetings:rsvp", _rsvp, public(), setup=_upcoming, method="POST",
        data=lambda w: {"answer": "yes"}),
    Row("meetings:calendar_settings", lambda w: {}, logged_in()),
    Row("meetings:calendar_settings", lambda w: {}, logged_in(), method="POST",
        data=lambda w: {"action": "issue"}),
    Row("meetings:calendar_feed", lambda w: {"token": w.token}, public(), setup=_token),
]
