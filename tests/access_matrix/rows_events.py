"""Events: every URL × every role. Personal data of participants (registrations, check-in,
attendance sheets, certificates) only for coordinators and auditors; members-only events and
photos without consent never on the public site."""

from . import MISSING, ROLES, Row, forum, public, workspace

ANY = ("member", "settlement_officer", "auditor", "coordinator")
PEOPLE = ("coordinator", "auditor")
ATTENDEES = ("member", "settlement_officer", "coordinator")


def _event(w, **data):
    import datetime

    from django.utils import timezone

    from kerekasztal.events import services
    from kerekasztal.territory.models import Settlement

    start = timezone.now() + datetime.timedelta(days=20)
    defaults = {"kind": "training", "title": "Esélyteremtő attitűd formálása",
                "venue": "Városháza", "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=6), "hours": 6,
                "registration_open": True,
                "settlements": [Settlement.objects.get(name="Kőszeg")]}
    defaults.update(data)
    return services.event_publish(event=services.event_create(forum=w.forum, **defaults))


def _setup(w):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from kerekasztal.core.records.uploads import RandomName
    from kerekasztal.events import services
    from kerekasztal.territory.models import Settlement
    from tests.events.conftest import png_upload

    w.event = _event(w)
    w.registration = services.register(event=w.event, name="Kovács Éva",
                                       email="eva@example.org", consent=True)
    w.registration.completed = True
    w.registration.save()
    # a colleague the member organisation's representative registered
    w.colleague = services.registration_add_colleague(
        event=w.event, user=w.member, organisation=w.organisation, name="Kovács Árpádné",
        email="arpadne@example.org", consent=True)
    w.event.attendance_sheet.save(RandomName("events/sheets")(None, "iv.pdf"),
                                  ContentFile(b"%PDF-1.4\n%%EOF\n"))
    w.photo = services.photo_add(event=w.event, image=png_upload(), alt_text="Résztvevők",
                                 consent=True)
    w.private_photo = services.photo_add(event=w.event, image=png_upload(), alt_text="Titok",
                                         consent=False)
    w.closed_event = _event(w, is_public=False, title="Zárt műhely", kind="professional",
                            hours=None)
    w.closed_photo = services.photo_add(event=w.closed_event, image=png_upload(),
                                        alt_text="Zárt", consent=True)
    w.token = services.cancel_token(w.registration)
    # a training held yesterday: the member attended and completed it and has a certificate
    start = timezone.now() - datetime.timedelta(days=1)
    w.past_training = services.event_publish(event=services.event_create(
        forum=w.forum, kind="training", title="Tegnapi képzés", venue="Városháza",
        starts_at=start, ends_at=start + datetime.timedelta(hours=4), hours=4,
        settlements=[Settlement.objects.get(name="Kőszeg")]))
    attendee = services.register(event=w.past_training, name="Tag Tamás",
                                 email=w.member.email, consent=True, by_organiser=True)
    services.attendance_record(event=w.past_training, participants_count=1,
                               attended_ids={attendee.pk}, completed_ids={attendee.pk})
    services.certificates_issue(event=w.past_training)


def _pk(w):
    return {"forum": w.forum.slug, "pk": w.event.pk}


def _closed(w):
    return {"forum": w.forum.slug, "pk": w.closed_event.pk}


def _past(w):
    return {"forum": w.forum.slug, "pk": w.past_training.pk}


def _only_member():
    """Only the member has a certificate of that training: the other roles that may register
    find none (404); auditors may not register at all."""
    expect = workspace(*ATTENDEES)
    expect["settlement_officer"] = expect["coordinator"] = MISSING
    return expect


def _fmt(w):
    return {**_pk(w), "fmt": "xlsx"}


def _registration(w):
    return {**_pk(w), "registration": w.registration.pk}


def _colleague(w):
    return {**_pk(w), "registration": w.colleague.pk}


def _photo(w):
    return {**_pk(w), "photo": w.photo.pk}


def _photo_file(w):
    return {**_photo(w), "size": "thumb"}


def _public_photo(w, photo="photo"):
    return {"forum": w.forum.slug, "photo": getattr(w, photo).pk, "size": "display"}


def _token(w):
    return {"forum": w.forum.slug, "token": w.token}


def _batch(w):
    from kerekasztal.core.models import ImportBatch

    batch = ImportBatch.objects.create(forum=w.forum, kind="events.held", filename="x.csv")
    return {"forum": w.forum.slug, "batch": batch.pk}


def _missing() -> dict:
    return {role: MISSING for role in ROLES}


def R(name, kwargs, expect, **extra):
    return Row(f"events:{name}", kwargs, expect, setup=_setup, **extra)


ROWS = [
    # workspace
    R("event_list", forum, workspace(*ANY)),
    R("event_export", lambda w: {**forum(w), "fmt": "csv"}, workspace(*ANY)),
    R("event_create", forum, workspace("coordinator")),
    R("event_create", forum, workspace("coordinator"), method="POST"),
    R("series_create", forum, workspace("coordinator")),
    R("series_create", forum, workspace("coordinator"), method="POST"),
    R("event_detail", _pk, workspace(*ANY)),
    R("event_detail", _closed, workspace(*ANY)),
    R("event_edit", _pk, workspace("coordinator")),
    R("event_edit", _pk, workspace("coordinator"), method="POST"),
    R("event_publish", _pk, workspace("coordinator"), method="POST"),
    R("event_cancel", _pk, workspace("coordinator")),
    R("event_cancel", _pk, workspace("coordinator"), method="POST"),
    R("register_self", _pk, workspace(*ATTENDEES)),
    R("register_self", _closed, workspace(*ATTENDEES)),
    R("register_self", _pk, workspace(*ATTENDEES), method="POST"),
    R("register_self_cancel", _pk, workspace(*ATTENDEES), method="POST"),
    # a member organisation's representative registers colleagues of their organisation
    R("register_colleagues", _pk, workspace("member")),
    R("register_colleagues", _closed, workspace("member")),
    R("register_colleagues", _pk, workspace("member"), method="POST"),
    R("colleague_cancel", _colleague, workspace("member"), method="POST"),
    # another organisation's (here: the public's) registration is unknown to the member
    R("colleague_cancel", _registration, {**workspace("member"), "member": MISSING},
      method="POST"),
    R("registration_list", _pk, workspace(*PEOPLE)),
    R("registration_export", _fmt, workspace(*PEOPLE)),
    R("registration_add", _pk, workspace("coordinator")),
    R("registration_add", _pk, workspace("coordinator"), method="POST"),
    R("registration_remove", _registration, workspace("coordinator"), method="POST"),
    R("attendance", _pk, workspace("coordinator")),
    R("attendance", _pk, workspace("coordinator"), method="POST"),
    R("attendance_names", _pk, workspace("coordinator")),
    R("attendance_names", _past, workspace("coordinator")),
    R("attendance_names", _pk, workspace("coordinator"), method="POST"),
    R("attendance_sheet", _pk, workspace(*PEOPLE)),
    R("attendance_scan", _pk, workspace(*PEOPLE)),
    R("report", _pk, workspace("coordinator")),
    R("report", _pk, workspace("coordinator"), method="POST"),
    R("report_pdf", _pk, workspace(*ANY)),
    R("report_docx", _pk, workspace(*ANY)),
    R("photos", _pk, workspace(*ANY)),
    R("photos", _pk, workspace("coordinator"), method="POST"),
    R("photo_edit", _photo, workspace("coordinator"), method="POST",
      data=lambda w: {"alt_text": "Új leírás"}),
    R("photo_delete", _photo, workspace("coordinator"), method="POST"),
    R("photo_file", _photo_file, workspace(*ANY)),
    R("certificates_issue", _pk, workspace("coordinator"), method="POST"),
    R("certificates_pdf", _pk, workspace(*PEOPLE)),
    R("certificates_pdf", _past, workspace(*PEOPLE)),
    R("own_certificate", _past, _only_member()),
    R("own_certificate", _pk, {**workspace(*ATTENDEES), "member": MISSING,
                               "settlement_officer": MISSING, "coordinator": MISSING}),
    R("event_record_held", forum, workspace("coordinator")),
    R("event_record_held", forum, workspace("coordinator"), method="POST"),
    R("import", forum, workspace("coordinator")),
    R("import", forum, workspace("coordinator"), method="POST"),
    R("import_example", lambda w: {**forum(w), "fmt": "xlsx"}, workspace("coordinator")),
    R("import_preview", _batch, workspace("coordinator")),
    R("import_preview", _batch, workspace("coordinator"), method="POST"),
    # public site
    R("public_calendar", forum, public()),
    R("public_calendar", forum, public(), query="view=month"),
    R("public_ical", forum, public()),
    R("public_export", lambda w: {**forum(w), "fmt": "csv"}, public()),
    R("public_feed", forum, public()),
    R("public_gallery", forum, public()),
    R("public_photo", _public_photo, public()),
    R("public_photo", lambda w: _public_photo(w, "private_photo"), _missing()),
    R("public_photo", lambda w: _public_photo(w, "closed_photo"), _missing()),
    R("certificate_verify", forum, public(), query="code=ABC"),
    R("public_detail", _pk, public()),
    R("public_detail", _closed, _missing()),
    R("public_event_ics", _pk, public()),
    R("public_event_ics", _closed, _missing()),
    R("public_register", _pk, public()),
    R("public_register", _pk, public(), method="POST"),
    R("public_register", _closed, _missing(), method="POST"),
    R("public_registered", _pk, public()),
    R("public_registered", _closed, _missing()),
    R("registration_cancel", _token, public()),
    R("registration_cancel", _token, public(), method="POST"),
]
