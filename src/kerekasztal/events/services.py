"""Writes of the events app. Keyword-only, validated, one transaction each."""

from __future__ import annotations

import datetime
import io
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple, TypedDict, Unpack

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kerekasztal.core import ical
from kerekasztal.core.mail.services import send_templated
from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.records.uploads import RandomName
from kerekasztal.core.text import fold
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory.models import Organisation
from kerekasztal.territory.models import Settlement

from .models import (
    AttendanceCount,
    Event,
    EventReport,
    EventSeries,
    EventStatus,
    Photo,
    Registration,
    RegistrationStatus,
)


class EventFields(TypedDict, total=False):
    """What the services may set on an event."""

    kind: str
    title: str
    description: str
    venue: str
    address: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    organiser: Organisation | None
    is_public: bool
    registration_open: bool
    capacity: int | None
    registration_deadline: datetime.datetime | None
    registration_email_required: bool
    hours: Decimal | None
    trainer: str
    curriculum: str
    audience: str
    topics: Iterable[Topic]
    target_groups: Iterable[TargetGroup]
    settlements: Iterable[Settlement]
    partners: Iterable[Organisation]


EVENT_M2M = ("topics", "target_groups", "settlements", "partners")
EVENT_FIELDS = tuple(name for name in field_names(EventFields) if name not in EVENT_M2M)
CANCEL_SALT = "kerekasztal.events.cancel"
CANCEL_MAX_AGE = datetime.timedelta(days=400)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _lock(event: Event) -> Event:
    """Lock the event row for the rest of the transaction. A no-op UPDATE first takes the
    write lock on SQLite too (where SELECT ... FOR UPDATE does not exist), so concurrent
    registrations queue up instead of both counting the same free seat."""
    Event.objects.filter(pk=event.pk).update(updated_at=F("updated_at"))
    return Event.objects.select_for_update().select_related("forum").get(pk=event.pk)


def _save(instance: Any, user: Any = None, **kwargs: Any) -> None:
    instance.full_clean(**kwargs)
    set_history_user(instance, user)
    instance.save()


def _assign(event: Event, data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(EVENT_FIELDS) - set(EVENT_M2M)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    m2m = {name: data[name] for name in EVENT_M2M if name in data}
    for name, value in data.items():
        if name not in EVENT_M2M:
            setattr(event, name, value)
    return m2m


def _check_m2m(event: Event, m2m: dict[str, Any]) -> None:
    if "settlements" in m2m and not list(m2m["settlements"]):
        raise ValidationError({"settlements": _("Adjon meg legalább egy települést.")})
    for organisation in [event.organiser, *m2m.get("partners", [])]:
        if organisation is not None and organisation.forum_id != event.forum.root.pk:
            raise ValidationError({"partners": _("Csak a fórum címtárában szereplő szervezet "
                                                 "választható.")})


def _set_m2m(event: Event, m2m: dict[str, Any]) -> None:
    for name, values in m2m.items():
        getattr(event, name).set(values)


@transaction.atomic
def event_create(
    *, forum, user=None, series: EventSeries | None = None, **data: Unpack[EventFields],
) -> Event:
    event = Event(forum=forum, series=series)
    m2m = _assign(event, data)
    _check_m2m(event, {"settlements": [], **m2m})
    _save(event, user)
    _set_m2m(event, m2m)
    return event


@transaction.atomic
def event_update(
    *, event: Event, user=None, base_url: str = "", **data: Unpack[EventFields],
) -> Event:
    event = _lock(event)
    m2m = _assign(event, data)
    _check_m2m(event, m2m)
    if event.capacity is not None:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if event.capacity < confirmed:
            raise ValidationError({"capacity": _(
                "A férőhelyek száma nem lehet kevesebb a már visszaigazolt jelentkezők "
                "számánál (%(count)s).") % {"count": confirmed}})
    _save(event, user)
    _set_m2m(event, m2m)
    _promote_waitlist(event, base_url)
    return event


def _shift_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def series_dates(first: datetime.datetime, *, every: str, count: int) -> list[datetime.datetime]:
    """The start times of a series: weekly, every second week or monthly (same day)."""
    result = []
    for index in range(count):
        if every == "monthly":
            local = timezone.localtime(first)
            day = _shift_months(local.date(), index)
            naive = datetime.datetime.combine(day, local.time().replace(tzinfo=None))
            result.append(timezone.make_aware(naive))
        else:
            weeks = {"weekly": 1, "biweekly": 2}[every] * index
            local = timezone.localtime(first)
            naive = datetime.datetime.combine(local.date() + datetime.timedelta(weeks=weeks),
                                              local.time().replace(tzinfo=None))
            result.append(timezone.make_aware(naive))
    return result


@transaction.atomic
def series_create(
    *, forum, every: str, count: int, user=None, **data: Unpack[EventFields],
) -> EventSeries:
    """Create `count` events at once; each is edited one by one afterwards."""
    if not 2 <= count <= 52:
        raise ValidationError({"count": _("Egy sorozat 2–52 alkalomból állhat.")})
    series = EventSeries(forum=forum, title=data["title"])
    series.full_clean()
    series.save()
    duration = data["ends_at"] - data["starts_at"]
    deadline = data.get("registration_deadline")
    deadline_before = data["starts_at"] - deadline if deadline else None
    for number, start in enumerate(series_dates(data["starts_at"], every=every, count=count), 1):
        item = data.copy()
        item["title"] = f"{data['title']} ({number}. alkalom)"
        item["starts_at"], item["ends_at"] = start, start + duration
        if deadline_before is not None:
            item["registration_deadline"] = start - deadline_before
        event_create(forum=forum, user=user, series=series, **item)
    return series


@transaction.atomic
def event_publish(*, event: Event, user=None) -> Event:
    if event.status not in (EventStatus.PLANNED, EventStatus.CANCELLED):
        raise ValidationError(_("Csak tervezett vagy elmaradt rendezvény hirdethető meg."))
    event.status = EventStatus.PUBLISHED
    event.published_at = event.published_at or timezone.now()
    event.cancel_reason = ""
    _save(event, user)
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str = "", user=None) -> Event:
    if event.status == EventStatus.HELD:
        raise ValidationError(_("Megtartott rendezvény nem mondható le."))
    event.status = EventStatus.CANCELLED
    event.cancel_reason = reason
    _save(event, user)
    recipients = list(event.registrations.exclude(status=RegistrationStatus.CANCELLED)
                      .exclude(email="").values_list("email", flat=True))
    for email in recipients:
        send_templated(to=[email], subject=_("Elmarad: %s") % event.title,
                       template="events/email/cancelled.txt",
                       context={"event": event, "reason": reason}, forum=event.forum)
    return event


# --- registrations ---------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT)


class BadToken(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def registration_from_token(token: str) -> Registration:
    """The registration a cancel link points at; BadToken when expired or tampered with."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise BadToken(_("A lemondó link lejárt.")) from exc
    except signing.BadSignature as exc:
        raise BadToken(_("A lemondó link érvénytelen.")) from exc
    registration = (Registration.objects.select_related("event__forum")
                    .filter(pk=data.get("r"), email=data.get("e")).first())
    if registration is None:
        raise BadToken(_("A lemondó link érvénytelen."))
    return registration


def _calendar_item(event: Event, base_url: str = "") -> ical.CalendarItem:
    url = (base_url or settings.SITE_URL) + reverse("events:public_detail",
                                                    args=[event.forum.slug, event.pk])
    return ical.CalendarItem(
        uid=f"event-{event.pk}@kerekasztal", summary=event.title, start=event.starts_at,
        end=event.ends_at, url=url, location=", ".join(filter(None, [event.venue, event.address])),
        description=event.description, cancelled=event.status == EventStatus.CANCELLED,
        updated=event.updated_at,
    )


def _send_confirmation(registration: Registration, base_url: str) -> None:
    event = registration.event
    base_url = base_url or settings.SITE_URL
    cancel_url = base_url + reverse("events:registration_cancel",
                                    args=[event.forum.slug, cancel_token(registration)])
    waitlisted = registration.status == RegistrationStatus.WAITLISTED
    subject = (_("Várólistára került: %s") if waitlisted else _("Jelentkezés visszaigazolása: %s")
               ) % event.title
    attachments = [] if waitlisted else [(
        "rendezveny.ics", ical.calendar_bytes([_calendar_item(event, base_url)],
                                              name=event.forum.name), "text/calendar")]
    send_templated(to=[registration.email], subject=subject,
                   template="events/email/registration.txt",
                   context={"registration": registration, "event": event,
                            "cancel_url": cancel_url, "waitlisted": waitlisted},
                   attachments=attachments, about=registration, forum=event.forum)


def clean_name(name: str) -> str:
    """A person's name as stored: inner runs of spaces made one, accents and case kept
    ("Dr. Szőke-Nagy  Ödön " → "Dr. Szőke-Nagy Ödön")."""
    return " ".join(name.split())


def _same_person_without_email(event: Event, name: str, organisation_name: str):
    """An active registration of the event with no e-mail address, the same name and the
    same organisation (case and accents aside)."""
    key = (fold(name), fold(organisation_name))
    for registration in event.registrations.filter(email="").exclude(
            status=RegistrationStatus.CANCELLED):
        if (fold(registration.name), fold(registration.organisation_name)) == key:
            return registration
    return None


@transaction.atomic
def register(*, event: Event, name: str, email: str, consent: bool, settlement=None,
             base_url: str = "", now: datetime.datetime | None = None,
             by_organiser: bool = False, phone: str = "",
             organisation: Organisation | None = None, registered_by=None) -> Registration:
    """Register a person. The event row is locked, so two people applying for the last seat
    at once are served one after the other: one gets it, the other goes to the waitlist.
    The organiser may add people (who applied by phone) after the deadline too; the
    capacity and the waitlist apply to them as well. Without an e-mail address (only where
    the event does not require one) nobody is mailed, and the same name of the same
    organisation cannot be registered twice."""
    now = now or timezone.now()
    event = _lock(event)
    reason = event.registration_closed_reason(now)
    if reason and by_organiser and event.status != EventStatus.CANCELLED:
        reason = ""
    if reason:
        raise ValidationError(reason)
    if not consent:
        raise ValidationError({"consent": _("A jelentkezéshez hozzá kell járulnia az "
                                            "adatkezeléshez.")})
    email, name = email.strip().lower(), clean_name(name)
    organisation_name = organisation.name if organisation is not None else ""
    if not email and event.registration_email_required:
        raise ValidationError({"email": _("Erre a rendezvényre csak e-mail-címmel lehet "
                                          "jelentkezni.")})
    if email and event.registrations.filter(email=email).exclude(
            status=RegistrationStatus.CANCELLED).exists():
        raise ValidationError({"email": _("Ezzel az e-mail-címmel már jelentkeztek erre a "
                                          "rendezvényre.")})
    if not email and _same_person_without_email(event, name, organisation_name):
        raise ValidationError({"name": _("%(name)s már jelentkezett erre a rendezvényre.")
                                       % {"name": name}})
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    registration = Registration(
        event=event, name=name, email=email, settlement=settlement, consent=True,
        consent_at=now, created_at=now, phone=phone.strip(), organisation=organisation,
        organisation_name=organisation_name, registered_by=registered_by,
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
    )
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError({"email": _("Ezzel az e-mail-címmel már jelentkeztek erre a "
                                          "rendezvényre.")}) from exc
    if registration.email:
        _send_confirmation(registration, base_url)
    return registration


@transaction.atomic
def registration_add_colleague(*, event: Event, user, organisation: Organisation, name: str,
                               email: str = "", phone: str = "", consent: bool,
                               base_url: str = "") -> Registration:
    """A member organisation's representative registers a colleague of their organisation
    (access.represented_organisations says which): the deadline, the capacity and the
    waitlist apply as to anyone; the confirmation goes to the colleague's address, when
    given."""
    return register(event=event, name=name, email=email, consent=consent, phone=phone,
                    organisation=organisation, registered_by=user, base_url=base_url)


def _promote_waitlist(event: Event, base_url: str = "") -> list[Registration]:
    """Move people from the waitlist while there are free seats (the event row is locked)."""
    promoted = []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "pk")
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    for registration in waiting:
        if event.capacity is not None and confirmed >= event.capacity:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        confirmed += 1
        promoted.append(registration)
        if registration.email:
            _send_confirmation(registration, base_url)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, base_url: str = "",
                        by_organiser: bool = False) -> list[Registration]:
    """Cancel a registration; the next person on the waitlist gets the seat. Returns who was
    promoted. The participant may withdraw only before the event starts and before their
    attendance is recorded; the organiser may remove anyone."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().select_related("event").get(
        pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    reason = "" if by_organiser else registration.withdrawal_closed_reason()
    if reason:
        raise ValidationError(reason)
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return _promote_waitlist(event, base_url)


# --- attendance, report, photos -----------------------------------------------------


@transaction.atomic
def attendance_record(*, event: Event, participants_count: int | None,
                      by_age: dict[str, int] | None = None, by_settlement: dict | None = None,
                      by_organisation: dict | None = None,
                      attended_ids: set[int] | None = None, completed_ids: set[int] | None = None,
                      sheet=None, user=None) -> Event:
    """Record the attendance: a total, optional breakdowns (counts only), optional
    per-person check-in of registered participants, and the signed sheet."""
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Elmaradt rendezvény jelenléte nem rögzíthető."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("A jelenlét csak a rendezvény kezdése után rögzíthető."))
    by_age = {k: v for k, v in (by_age or {}).items() if v}
    by_settlement = {k: v for k, v in (by_settlement or {}).items() if v}
    by_organisation = {k: v for k, v in (by_organisation or {}).items() if v}
    for organisation in by_organisation:
        if organisation.forum_id != event.forum.root.pk:
            raise ValidationError({"by_organisation": _(
                "Csak a fórum címtárában szereplő szervezet választható.")})
    for label, breakdown in ((_("korcsoportok"), by_age), (_("települések"), by_settlement),
                             (_("szervezetek"), by_organisation)):
        if breakdown and participants_count is not None and \
                sum(breakdown.values()) > participants_count:
            raise ValidationError({"participants_count": _(
                "A %(what)s szerinti bontás összege nem lehet több a résztvevők számánál."
            ) % {"what": label}})
    event.participants_count = participants_count
    if sheet is not None:
        event.attendance_sheet = sheet
    event.status = EventStatus.HELD
    _save(event, user)
    event.attendance_counts.all().delete()
    AttendanceCount.objects.bulk_create(
        [AttendanceCount(event=event, age_band=band, count=count)
         for band, count in by_age.items()]
        + [AttendanceCount(event=event, settlement=settlement, count=count)
           for settlement, count in by_settlement.items()]
        + [AttendanceCount(event=event, organisation=organisation, count=count)
           for organisation, count in by_organisation.items()]
    )
    if attended_ids is not None:
        active = event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        active.update(attended=False, completed=False)
        active.filter(pk__in=attended_ids).update(attended=True)
        if event.is_training and completed_ids is not None:
            active.filter(pk__in=completed_ids & attended_ids).update(completed=True)
    return event


@transaction.atomic
def report_save(*, event: Event, summary: str, outcomes: str = "", problems_raised: str = "",
                user=None) -> EventReport:
    report = EventReport.objects.filter(event=event).first() or EventReport(event=event)
    report.summary, report.outcomes, report.problems_raised = summary, outcomes, problems_raised
    _save(report, user)
    return report


DISPLAY_SIZE = 1600
THUMB_SIZE = 400


def _resized(image_file, size: int) -> bytes:
    from PIL import Image, ImageOps

    image_file.seek(0)
    with Image.open(image_file) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGB")
        image.thumbnail((size, size))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85, optimize=True)  # no EXIF: no GPS, no camera
    image_file.seek(0)
    return buffer.getvalue()


@transaction.atomic
def photo_add(*, event: Event, image, alt_text: str, consent: bool, caption: str = "",
              user=None) -> Photo:
    photo = Photo(event=event, image=image, alt_text=alt_text.strip(), consent=consent,
                  caption=caption.strip())
    photo.full_clean()
    try:
        display, thumb = _resized(image, DISPLAY_SIZE), _resized(image, THUMB_SIZE)
    except Exception as exc:  # Pillow cannot read it, even though the header looked fine
        raise ValidationError({"image": _("A kép nem olvasható.")}) from exc
    photo.display.save(RandomName("events/photos/display")(photo, "x.jpg"),
                       ContentFile(display), save=False)
    photo.thumbnail.save(RandomName("events/photos/thumb")(photo, "x.jpg"),
                         ContentFile(thumb), save=False)
    set_history_user(photo, user)
    photo.save()
    return photo


@transaction.atomic
def photo_update(*, photo: Photo, alt_text: str, consent: bool, caption: str = "",
                 user=None) -> Photo:
    photo.alt_text, photo.consent, photo.caption = alt_text.strip(), consent, caption.strip()
    _save(photo, user)
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    for field in (photo.image, photo.display, photo.thumbnail):
        if field:
            field.delete(save=False)
    photo.delete()


# --- certificates ------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


@transaction.atomic
def certificates_issue(*, event: Event) -> list[Registration]:
    """Number the certificates of a training's participants who completed it. Numbers run
    per forum and year (2026/007); each certificate has a code the public site verifies."""
    if not event.is_training:
        raise ValidationError(_("Tanúsítványt csak képzéshez lehet kiállítani."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("Tanúsítvány csak a képzés kezdése után állítható ki."))
    event = _lock(event)
    year = timezone.localtime(event.starts_at).year
    prefix = f"{year}/"
    issued = Registration.objects.filter(
        event__forum_id=event.forum_id, certificate_number__startswith=prefix
    ).values_list("certificate_number", flat=True)
    last = max((int(number.split("/")[1]) for number in issued), default=0)
    certified = list(event.registrations.filter(
        completed=True, status=RegistrationStatus.CONFIRMED).order_by("name", "pk"))
    for registration in certified:
        if not registration.certificate_number:
            last += 1
            registration.certificate_number = f"{prefix}{last:03d}"
            registration.verification_code = _new_code()
            registration.save(update_fields=["certificate_number", "verification_code"])
    return certified


def certificate_lookup(code: str) -> Registration | None:
    code = "".join(code.split()).upper().replace("-", "")
    if not code:
        return None
    return (Registration.objects.select_related("event__forum")
            .filter(verification_code=code, completed=True).first())


# --- events already held (recording the past) --------------------------------------------


@transaction.atomic
def event_record_held(*, forum, participants_count: int | None = None,
                      people: list[SheetPerson] | None = None,
                      by_organisation: dict | None = None, user=None,
                      **data: Unpack[EventFields]) -> Event:
    """Record an event that has already taken place, in one step: the event itself (held,
    and on the public site when public) with its attendance (`event_mark_held`). The date
    may lie long before the day of recording."""
    if data.get("starts_at") and data["starts_at"] > timezone.now():
        raise ValidationError({"starts_at": _(
            "Megtartott rendezvény kezdése nem lehet a jövőben; a későbbi rendezvényt "
            "„Új rendezvény”-ként rögzítse.")})
    data.setdefault("registration_open", False)
    event = event_create(forum=forum, user=user, **data)
    if event.is_public:
        event.published_at = timezone.now()
    return event_mark_held(event=event, participants_count=participants_count,
                           people=people, by_organisation=by_organisation, user=user)


@transaction.atomic
def event_mark_held(*, event: Event, participants_count: int | None = None,
                    people: list[SheetPerson] | None = None,
                    by_organisation: dict | None = None, user=None) -> Event:
    """Mark an event that has started as held with its attendance: a headcount in total
    and/or per organisation (organisation → count), and/or the named participants (name
    and e-mail address, from the signed attendance sheet), who are added as checked-in
    participants. Without a total the larger of the organisations' sum and the checked-in
    people is taken."""
    people = people or []
    by_organisation = {k: v for k, v in (by_organisation or {}).items() if v}
    if participants_count is None and not people and not by_organisation:
        raise ValidationError({"participants_count": _(
            "Adja meg a résztvevők számát vagy a résztvevők nevét.")})
    if participants_count is not None and participants_count < len(people):
        raise ValidationError({"participants_count": _(
            "A résztvevők száma nem lehet kevesebb a megnevezett résztvevők számánál "
            "(%(count)s).") % {"count": len(people)}})
    if event.starts_at > timezone.now():
        raise ValidationError(_("A jelenlét csak a rendezvény kezdése után rögzíthető."))
    attended = attendees_add(event=event, people=people)
    checked_in = set(event.registrations.filter(attended=True).values_list("pk", flat=True))
    existing = list(event.attendance_counts.select_related("settlement", "organisation"))
    return attendance_record(
        event=event, user=user,
        participants_count=participants_count if participants_count is not None
        else max(len(checked_in | {r.pk for r in attended}), sum(by_organisation.values())),
        by_age={c.age_band: c.count for c in existing if c.age_band},
        by_settlement={c.settlement: c.count for c in existing if c.settlement_id},
        by_organisation=by_organisation or {c.organisation: c.count for c in existing
                                            if c.organisation_id},
        attended_ids=(checked_in | {r.pk for r in attended}) if attended else None,
        completed_ids=set(event.registrations.filter(completed=True)
                          .values_list("pk", flat=True)))


class SheetPerson(NamedTuple):
    """One line of a signed attendance sheet: a name, and an e-mail address and an
    organisation when the sheet has them."""

    name: str
    email: str = ""
    organisation: str = ""


def _directory_match(directory: dict[str, Organisation],
                     text: str) -> tuple[Organisation | None, str]:
    """The directory organisation named `text` (case and accents aside; `directory` maps
    folded names to organisations), with its name; otherwise None and the text as
    written."""
    text = clean_name(text)
    organisation = directory.get(fold(text)) if text else None
    return (organisation, organisation.name) if organisation else (None, text)


def _registered_already(active: list[Registration], person: SheetPerson,
                        organisation_name: str, taken: set[int]) -> Registration | None:
    """The active registration a sheet line stands for: the same e-mail address, or, on a
    line without one, the same name (case and accents aside) whose organisation agrees or
    is missing on either side. A registration matched by an earlier line is not taken
    again."""
    name, org = fold(person.name), fold(organisation_name)
    for registration in active:
        if registration.pk in taken:
            continue
        if person.email:
            if registration.email == person.email:
                return registration
            continue
        if fold(registration.name) != name:
            continue
        theirs = fold(registration.organisation_name)
        if not org or not theirs or org == theirs:
            return registration
    return None


def attendees_add(*, event: Event, people: Iterable[SheetPerson | tuple[str, ...]]
                  ) -> list[Registration]:
    """Named participants of a held event (from its signed attendance sheet): confirmed and
    checked in. Someone already registered (online, by a colleague or by the organiser) is
    the same person when the e-mail address agrees, or, on a line without one, the name
    and the organisation (a missing organisation agrees with any): they are checked in,
    not added again, so nobody counts twice. Part of the caller's transaction."""
    added: list[Registration] = []
    seen: set[tuple[str, str]] = set()
    active = list(event.registrations.exclude(status=RegistrationStatus.CANCELLED)
                  .order_by("created_at", "pk"))
    taken: set[int] = set()
    directory = {fold(o.name): o for o in Organisation.objects.filter(forum=event.forum.root)}
    for item in people:
        person = SheetPerson(*item)
        person = person._replace(name=clean_name(person.name),
                                 email=person.email.strip().lower())
        organisation, organisation_name = _directory_match(directory, person.organisation)
        key = ((person.email, "") if person.email
               else (fold(person.name), fold(organisation_name)))
        if key in seen:
            raise ValidationError({"people": _("%(who)s kétszer szerepel.") % {
                "who": person.email or person.name}})
        seen.add(key)
        registration = _registered_already(active, person, organisation_name, taken)
        if registration is None:
            registration = Registration(
                event=event, name=person.name, email=person.email, consent=True,
                consent_at=event.starts_at, created_at=event.starts_at,
                organisation=organisation, organisation_name=organisation_name)
        elif organisation_name and not registration.organisation_name:
            registration.organisation, registration.organisation_name = (
                organisation, organisation_name)
        registration.status, registration.attended = RegistrationStatus.CONFIRMED, True
        try:
            registration.full_clean(exclude=["event"])
        except ValidationError as exc:
            raise ValidationError({"people": _("%(name)s: %(error)s") % {
                "name": person.name, "error": " ".join(exc.messages)}}) from exc
        registration.save()
        if registration.pk is not None:
            taken.add(registration.pk)
        added.append(registration)
    return added


@transaction.atomic
def attendance_sheet_record(*, event: Event, people: list[SheetPerson],
                            participants_count: int | None = None, sheet=None,
                            user=None) -> list[Registration]:
    """Record the names on a past event's signed attendance sheet (names and organisations,
    e-mail addresses only where written), with the scan as evidence. Those already checked
    in stay so; the breakdowns stay as they were. The headcount is the one given, else the
    one recorded before, but never less than the people checked in."""
    if not people:
        raise ValidationError({"people": _("Adjon meg legalább egy nevet.")})
    if event.starts_at > timezone.now():
        raise ValidationError(_("A jelenlét csak a rendezvény kezdése után rögzíthető."))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Elmaradt rendezvény jelenléte nem rögzíthető."))
    added = attendees_add(event=event, people=people)
    attended = set(event.registrations.filter(attended=True).exclude(
        status=RegistrationStatus.CANCELLED).values_list("pk", flat=True))
    if participants_count is not None and participants_count < len(attended):
        raise ValidationError({"participants_count": _(
            "A résztvevők száma nem lehet kevesebb a név szerint rögzített résztvevők "
            "számánál (%(count)s).") % {"count": len(attended)}})
    count = participants_count if participants_count is not None else max(
        event.participants_count or 0, len(attended))
    existing = list(event.attendance_counts.select_related("settlement", "organisation"))
    attendance_record(
        event=event, user=user, participants_count=count, sheet=sheet,
        by_age={c.age_band: c.count for c in existing if c.age_band},
        by_settlement={c.settlement: c.count for c in existing if c.settlement_id},
        by_organisation={c.organisation: c.count for c in existing if c.organisation_id},
        attended_ids=attended,
        completed_ids=set(event.registrations.filter(completed=True)
                          .values_list("pk", flat=True)))
    return added
