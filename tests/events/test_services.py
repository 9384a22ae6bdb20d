"""Events: the rules of events, series, registrations, attendance, photos and certificates."""

import datetime
import threading

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.events import services
from kerekasztal.events.models import (
    AttendanceCount,
    Event,
    EventStatus,
    Photo,
    Registration,
    RegistrationStatus,
)
from kerekasztal.territory.models import Settlement

from .conftest import at, future, make_event, png_bytes, png_upload, published_event

pytestmark = pytest.mark.django_db


def _register(event, n, **kwargs):
    return services.register(event=event, name=f"Résztvevő {n}", email=f"r{n}@example.org",
                             consent=True, **kwargs)


# --- events ------------------------------------------------------------------------


def test_event_keeps_topics_target_groups_settlements_and_partners(world):
    topic = Topic.objects.get(name="Ifjúság")
    children = TargetGroup.objects.get(code="children")
    event = make_event(world.forum, topics=[topic], target_groups=[children],
                       partners=[world.organisation], organiser=world.organisation)
    assert list(event.topics.all()) == [topic]
    assert list(event.target_groups.all()) == [children]
    assert event.settlements.get().name == "Kőszeg"
    assert event.status == EventStatus.PLANNED


def test_end_before_start_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        make_event(world.forum, starts_at=future(hour=15), ends_at=future(hour=13))
    assert "ends_at" in error.value.message_dict
    assert not Event.objects.exists()


def test_event_needs_a_settlement(world):
    with pytest.raises(ValidationError) as error:
        make_event(world.forum, settlements=[])
    assert "settlements" in error.value.message_dict
    assert not Event.objects.exists()


def test_partner_from_another_forum_is_refused(world):
    with pytest.raises(ValidationError):
        make_event(world.forum, partners=[world.other_organisation])
    assert not Event.objects.exists()


def test_capacity_below_confirmed_registrations_is_refused(world, event):
    for n in range(3):
        _register(event, n)
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, capacity=2)
    assert "capacity" in error.value.message_dict
    event.refresh_from_db()
    assert event.capacity is None


def test_raising_capacity_promotes_the_waitlist(world):
    event = published_event(world.forum, capacity=1)
    _register(event, 1)
    waiting = _register(event, 2)
    assert waiting.status == RegistrationStatus.WAITLISTED
    services.event_update(event=event, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_publish_and_cancel(world, django_capture_on_commit_callbacks):
    event = make_event(world.forum, registration_open=True)
    assert not Event.objects.public().exists()
    services.event_publish(event=event)
    assert Event.objects.public().get() == event
    _register(event, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="Rossz idő")
    assert event.status == EventStatus.CANCELLED
    assert mail.outbox[0].to == ["r1@example.org"] and "Rossz idő" in mail.outbox[0].body
    assert Event.objects.public().get() == event  # stays on the calendar, marked cancelled


def test_members_only_event_is_never_public(world):
    event = make_event(world.forum, is_public=False)
    services.event_publish(event=event)
    assert not Event.objects.public().exists()


def test_training_fields_only_on_trainings(world):
    with pytest.raises(ValidationError):
        make_event(world.forum, kind="community", hours=6)
    training = make_event(world.forum, kind="training", hours=6, trainer="Dr. Kiss Anna",
                          title="Esélyteremtő attitűd formálása")
    assert training.is_training


# --- series --------------------------------------------------------------------------


def test_series_creates_every_event_at_once_every_second_week(world):
    first = at(2026, 3, 3, 17)  # a Tuesday
    series = services.series_create(
        forum=world.forum, every="biweekly", count=8, kind="parent_club",
        title="Szülői klub", venue="Közösségi ház", starts_at=first,
        ends_at=first + datetime.timedelta(hours=2),
        settlements=[Settlement.objects.get(name="Kőszeg")],
    )
    events = list(series.events.order_by("starts_at"))
    assert len(events) == 8
    assert [timezone.localtime(e.starts_at).date() for e in events[:3]] == [
        datetime.date(2026, 3, 3), datetime.date(2026, 3, 17), datetime.date(2026, 3, 31)]
    # the clock time stays 17:00 across the change to summer time
    assert {timezone.localtime(e.starts_at).hour for e in events} == {17}
    assert events[0].title == "Szülői klub (1. alkalom)"
    assert all(e.settlements.count() == 1 for e in events)


def test_series_events_are_edited_one_by_one(world):
    first = at(2026, 3, 3, 17)
    series = services.series_create(
        forum=world.forum, every="weekly", count=3, kind="parent_club", title="Szülői klub",
        venue="Közösségi ház", starts_at=first, ends_at=first + datetime.timedelta(hours=2),
        settlements=[Settlement.objects.get(name="Kőszeg")],
    )
    second = series.events.order_by("starts_at")[1]
    services.event_update(event=second, venue="Iskola tornaterme",
                          title="Szülői klub – egészségnap")
    venues = list(series.events.order_by("starts_at").values_list("venue", flat=True))
    assert venues == ["Közösségi ház", "Iskola tornaterme", "Közösségi ház"]


def test_series_count_is_checked(world):
    with pytest.raises(ValidationError):
        services.series_create(forum=world.forum, every="weekly", count=1, kind="other",
                               title="X", venue="Y", starts_at=future(), ends_at=future(hour=15),
                               settlements=[Settlement.objects.get(name="Kőszeg")])


def test_monthly_series_keeps_the_day_or_the_last_day_of_the_month():
    dates = services.series_dates(at(2026, 1, 31, 10), every="monthly", count=3)
    assert [timezone.localtime(d).date() for d in dates] == [
        datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31)]


# --- registrations ------------------------------------------------------------------


def test_a_two_day_events_confirmation_gives_the_last_days_date(
        world, django_capture_on_commit_callbacks):
    start = future(days=20, hour=9)
    event = published_event(world.forum, starts_at=start,
                            ends_at=start + datetime.timedelta(days=1, hours=7))
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, 1)
    end = timezone.localtime(event.ends_at)
    from django.utils.formats import date_format

    assert f"Időpont: {event.when}" in mail.outbox[-1].body
    assert event.when.endswith(f" – {date_format(end, 'DATE_FORMAT')} 16:00")


def test_registration_confirms_and_sends_ics_with_cancel_link(world, event,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(event, 1, base_url="https://example.org")
    assert registration.status == RegistrationStatus.CONFIRMED
    message = mail.outbox[-1]
    assert message.to == ["r1@example.org"]
    assert "/events/registration/" in message.body and "https://example.org" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    content = content if isinstance(content, str) else content.decode()
    assert "BEGIN:VEVENT" in content and f"/events/{event.pk}/" in content


def test_a_person_cannot_register_twice(world, event):
    _register(event, 1)
    with pytest.raises(ValidationError) as error:
        services.register(event=event, name="Más Név", email="R1@example.org ", consent=True)
    assert "email" in error.value.message_dict
    assert event.registrations.count() == 1


def test_consent_is_required(world, event):
    with pytest.raises(ValidationError) as error:
        services.register(event=event, name="Név", email="a@example.org", consent=False)
    assert "consent" in error.value.message_dict
    assert not event.registrations.exists()


def test_registration_after_deadline_is_refused(world):
    event = published_event(world.forum, registration_deadline=future(days=10))
    with pytest.raises(ValidationError) as error:
        _register(event, 1, now=timezone.now() + datetime.timedelta(days=11))
    assert "határidő lejárt" in str(error.value)
    assert not event.registrations.exists()


def test_registration_only_when_open_and_published(world):
    planned = make_event(world.forum, registration_open=True)
    with pytest.raises(ValidationError):
        _register(planned, 1)
    closed = published_event(world.forum, registration_open=False)
    with pytest.raises(ValidationError):
        _register(closed, 1)


def test_waitlist_and_promotion_when_someone_cancels(world, django_capture_on_commit_callbacks):
    event = published_event(world.forum, capacity=2)
    first, _second = _register(event, 1), _register(event, 2)
    third, fourth = _register(event, 3), _register(event, 4)
    assert (third.status, fourth.status) == (RegistrationStatus.WAITLISTED,) * 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)
    assert promoted == [third]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED and third.promoted_at
    assert fourth.status == RegistrationStatus.WAITLISTED
    assert mail.outbox[0].to == ["r3@example.org"]
    # cancelling twice changes nothing
    assert services.registration_cancel(registration=first) == []


def test_cancelled_person_may_register_again(world, event):
    registration = _register(event, 1)
    services.registration_cancel(registration=registration)
    again = _register(event, 1)
    assert again.status == RegistrationStatus.CONFIRMED


def test_cancel_link_round_trip(world, event):
    registration = _register(event, 1)
    assert services.registration_from_token(services.cancel_token(registration)) == registration


def test_tampered_cancel_link_is_refused(world, event):
    registration = _register(event, 1)
    token = services.cancel_token(registration)
    other = signing.dumps({"r": registration.pk + 1, "e": "x@example.org"}, salt="wrong")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other, "garbage"):
        with pytest.raises(services.BadToken) as error:
            services.registration_from_token(bad)
        assert "érvénytelen" in error.value.message


def test_expired_cancel_link_is_refused(world, event, monkeypatch):
    registration = _register(event, 1)
    token = services.cancel_token(registration)
    later = timezone.now().timestamp() + services.CANCEL_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(services.BadToken) as error:
        services.registration_from_token(token)
    assert "lejárt" in error.value.message


@pytest.mark.django_db(transaction=True)
def test_two_registrations_for_the_last_seat_at_once_one_waits(world):
    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite test databases share one cache between threads and "
                    "cannot run concurrent transactions; CI runs this on PostgreSQL")
    event = published_event(world.forum, capacity=1)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def apply(n):
        from django.db import connection as thread_connection
        try:
            barrier.wait()
            results.append(_register(event, n).status)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=apply, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


# --- attendance and report -------------------------------------------------------------


def _held_event(world, **data):
    start = timezone.now() - datetime.timedelta(days=2)
    data.setdefault("registration_open", False)
    event = make_event(world.forum, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                       **data)
    return services.event_publish(event=event)


def test_attendance_counts_with_breakdowns(world):
    event = _held_event(world)
    koszeg = Settlement.objects.get(name="Kőszeg")
    services.attendance_record(event=event, participants_count=42,
                               by_age={"14-29": 10, "62+": 20, "30-61": 0},
                               by_settlement={koszeg: 30})
    event.refresh_from_db()
    assert event.participants_count == 42 and event.status == EventStatus.HELD
    assert AttendanceCount.objects.filter(event=event).count() == 3


def test_breakdown_above_total_is_refused(world):
    event = _held_event(world)
    with pytest.raises(ValidationError) as error:
        services.attendance_record(event=event, participants_count=5, by_age={"62+": 6})
    assert "participants_count" in error.value.message_dict
    event.refresh_from_db()
    assert event.participants_count is None and not event.attendance_counts.exists()


def test_report_is_saved_once_and_updated(world):
    event = _held_event(world)
    services.report_save(event=event, summary="Jó hangulat", problems_raised="Nincs buszjárat")
    services.report_save(event=event, summary="Jó hangulat, 40 fő")
    event.refresh_from_db()
    assert event.report.summary == "Jó hangulat, 40 fő"


# --- photos --------------------------------------------------------------------------


def test_photo_gets_resized_copies(world, media, event):
    photo = services.photo_add(event=event, image=png_upload(size=(2400, 1800)),
                               alt_text="Résztvevők a Zenepavilonnál", consent=True)
    from PIL import Image

    with Image.open(photo.display.open("rb")) as display:
        assert max(display.size) == services.DISPLAY_SIZE and display.format == "JPEG"
    with Image.open(photo.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) == services.THUMB_SIZE


def test_photo_needs_alt_text(world, media, event):
    with pytest.raises(ValidationError) as error:
        services.photo_add(event=event, image=png_upload(), alt_text=" ", consent=True)
    assert "alt_text" in error.value.message_dict
    assert not Photo.objects.exists()


def test_photo_that_is_not_an_image_is_refused(world, media, event):
    fake = SimpleUploadedFile("kep.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.photo_add(event=event, image=fake, alt_text="Kép", consent=True)
    assert "image" in error.value.message_dict
    assert not Photo.objects.exists()


def test_too_large_photo_is_refused(world, media, event, settings):
    big = SimpleUploadedFile("kep.png", png_bytes() + b"\0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        services.photo_add(event=event, image=big, alt_text="Kép", consent=True)
    assert "túl nagy" in str(error.value)


def test_photos_without_consent_are_never_public(world, media, event):
    from kerekasztal.events.queries import public_photos

    agreed = services.photo_add(event=event, image=png_upload(), alt_text="A", consent=True)
    services.photo_add(event=event, image=png_upload(), alt_text="B", consent=False)
    assert list(public_photos(world.forum)) == [agreed]
    services.photo_update(photo=agreed, alt_text="A", consent=False)
    assert not public_photos(world.forum).exists()


def test_photos_of_members_only_events_are_never_public(world, media):
    from kerekasztal.events.queries import public_photos

    event = services.event_publish(event=make_event(world.forum, is_public=False))
    services.photo_add(event=event, image=png_upload(), alt_text="A", consent=True)
    assert not public_photos(world.forum).exists()


# --- certificates --------------------------------------------------------------------


def _training_with_participants(world, n=3):
    start = timezone.now() + datetime.timedelta(days=5)
    event = published_event(world.forum, kind="training", title="Esélyteremtő attitűd formálása",
                            hours=6, trainer="Dr. Kiss Anna", starts_at=start,
                            ends_at=start + datetime.timedelta(hours=6))
    people = [_register(event, i) for i in range(n)]
    return event, people


def test_certificates_are_numbered_for_those_who_completed(world):
    event, people = _training_with_participants(world)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(
        days=1), ends_at=timezone.now() - datetime.timedelta(hours=18))
    event.refresh_from_db()
    ids = {p.pk for p in people}
    services.attendance_record(event=event, participants_count=3, attended_ids=ids,
                               completed_ids={people[0].pk, people[1].pk})
    certified = services.certificates_issue(event=event)
    year = timezone.localtime(event.starts_at).year
    assert sorted(r.certificate_number for r in certified) == [f"{year}/001", f"{year}/002"]
    assert all(len(r.verification_code) == 10 for r in certified)
    # issuing again keeps the numbers
    again = services.certificates_issue(event=event)
    assert [r.certificate_number for r in again] == [r.certificate_number for r in certified]
    found = services.certificate_lookup(certified[0].verification_code.lower())
    assert found == certified[0]
    assert services.certificate_lookup("NOPE000000") is None
    assert services.certificate_lookup("") is None
    assert not Registration.objects.get(pk=people[2].pk).certificate_number


def test_certificates_only_for_trainings(world, event):
    with pytest.raises(ValidationError):
        services.certificates_issue(event=event)
