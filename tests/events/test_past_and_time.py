"""Events and time (issues 16 and 17): attendance only after the start, the status follows
the clock, withdrawing ends with the start or the check-in, a participant's own certificate,
events held in the past recorded in one step, percentages rounded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kerekasztal.core import contracts
from kerekasztal.core.models import Topic
from kerekasztal.events import queries, services
from kerekasztal.events.models import (
    UNDER_WAY,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from kerekasztal.territory.models import Settlement

from .conftest import make_event, published_event

pytestmark = pytest.mark.django_db


def indicator_value(code, forums, as_of):
    return contracts.indicator_rules()[code].value(forums, as_of)


def _ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def _started(world, hours_ago=1, length=3, **data):
    start = _ago(hours=hours_ago)
    return services.event_publish(event=make_event(
        world.forum, starts_at=start, ends_at=start + datetime.timedelta(hours=length), **data))


# --- attendance only after the start -------------------------------------------------------


def test_attendance_before_the_start_is_refused(world, event):
    with pytest.raises(ValidationError, match="kezdése után"):
        services.attendance_record(event=event, participants_count=10)
    event.refresh_from_db()
    assert event.participants_count is None and event.status == EventStatus.PUBLISHED


def test_certificates_before_the_start_are_refused(world):
    training = published_event(world.forum, kind="training", hours=4)
    registration = services.register(event=training, name="Kiss Anna",
                                     email="anna@example.org", consent=True)
    Registration.objects.filter(pk=registration.pk).update(attended=True, completed=True)
    with pytest.raises(ValidationError, match="kezdése után"):
        services.certificates_issue(event=training)
    assert not Registration.objects.get(pk=registration.pk).certificate_number


def test_attendance_after_the_start_marks_the_event_held(world):
    event = _started(world)
    services.attendance_record(event=event, participants_count=10)
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


# --- the status follows the clock -------------------------------------------------------


def test_a_published_event_is_under_way_then_held_without_a_save(world, event):
    assert event.current_status() == EventStatus.PUBLISHED
    under_way = _started(world)
    assert under_way.current_status() == UNDER_WAY
    assert under_way.status_label == "Folyamatban"
    over = _started(world, hours_ago=30)
    assert over.current_status() == EventStatus.HELD and over.status_label == "Megtartott"
    assert Event.objects.get(pk=over.pk).status == EventStatus.PUBLISHED  # nothing saved


def test_the_list_filter_follows_the_clock(world, event):
    over = _started(world, hours_ago=30)
    under_way = _started(world)
    assert set(queries.event_list(world.forum, status="held")) == {over}
    assert set(queries.event_list(world.forum, status=UNDER_WAY)) == {under_way}
    assert set(queries.event_list(world.forum, status="published")) == {event}


def test_indicators_count_a_published_event_by_the_day_it_took_place(world, event):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    over = _started(world, hours_ago=30)
    held_day = timezone.localtime(over.starts_at).date()
    forums = type(world.forum).objects.filter(pk=world.forum.pk)
    assert indicator_value("events.held", forums, timezone.localdate()) == 1
    assert indicator_value("events.held", forums, held_day - datetime.timedelta(days=1)) == 0
    assert indicator_value("events.held", forums, max(yesterday, held_day)) == 1


# --- withdrawing -----------------------------------------------------------------------------


def test_no_withdrawal_after_the_start(world):
    event = _started(world, registration_open=True)
    registration = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                                     consent=True, by_organiser=True)
    assert registration.withdrawal_closed_reason()
    with pytest.raises(ValidationError, match="elkezdődött"):
        services.registration_cancel(registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED


def test_no_withdrawal_after_attending_but_the_organiser_may_remove(world, event):
    registration = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                                     consent=True)
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    registration.refresh_from_db()
    with pytest.raises(ValidationError, match="Részvételét"):
        services.registration_cancel(registration=registration)
    services.registration_cancel(registration=registration, by_organiser=True)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


# --- percentages -----------------------------------------------------------------------------


def test_percent_rounds_half_up_instead_of_truncating():
    assert queries.percent(14, 12) == Decimal("116.7")
    assert queries.percent(1, 8) == Decimal("12.5")
    assert queries.percent(2, 3) == Decimal("66.7")
    assert queries.percent(3, 0) is None


def test_attendance_figures(world):
    event = _started(world, capacity=12, registration_open=True)
    services.attendance_record(event=event, participants_count=14)
    figures = queries.attendance_figures(Event.objects.get(pk=event.pk))
    assert figures["fill_rate"] == Decimal("116.7")


# --- events held in the past -------------------------------------------------------------


def _held_data(**changes):
    start = _ago(days=400)
    data = {"kind": "parent_club", "title": "Szülői klub", "venue": "Művelődési ház",
            "starts_at": start, "ends_at": start + datetime.timedelta(hours=2),
            "settlements": [Settlement.objects.get(name="Kőszeg")],
            "topics": list(Topic.objects.all()[:1])}
    data.update(changes)
    return data


def test_a_past_event_is_recorded_as_held_with_a_headcount(world):
    event = services.event_record_held(forum=world.forum, participants_count=23,
                                       **_held_data())
    event.refresh_from_db()
    assert event.status == EventStatus.HELD and event.participants_count == 23
    assert event.published_at is not None  # public: it is on the public site's archive
    assert event.topics.count() == 1
    forums = type(world.forum).objects.filter(pk=world.forum.pk)
    day = timezone.localtime(event.starts_at).date()
    assert indicator_value("events.held", forums, day) == 1
    assert indicator_value("events.held", forums, day - datetime.timedelta(days=1)) == 0


def test_a_past_event_with_named_participants(world):
    event = services.event_record_held(
        forum=world.forum, people=[("Kiss Anna", "anna@example.org"),
                                   ("Nagy Béla", "bela@example.org")], **_held_data())
    assert event.participants_count == 2
    assert set(event.registrations.filter(attended=True).values_list("email", flat=True)) == {
        "anna@example.org", "bela@example.org"}
    forums = type(world.forum).objects.filter(pk=world.forum.pk)
    assert indicator_value("events.participants", forums, timezone.localdate()) == 2


def test_a_past_event_needs_attendance_and_no_future_date(world):
    with pytest.raises(ValidationError) as error:
        services.event_record_held(forum=world.forum, **_held_data())
    assert "participants_count" in error.value.message_dict
    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.event_record_held(forum=world.forum, participants_count=3, **_held_data(
            starts_at=later, ends_at=later + datetime.timedelta(hours=1)))
    assert "starts_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.event_record_held(forum=world.forum, participants_count=1, people=[
            ("Kiss Anna", "anna@example.org"), ("Nagy Béla", "bela@example.org")],
            **_held_data())
    assert "participants_count" in error.value.message_dict
    assert not Event.objects.exists()


def test_mark_held_keeps_the_checked_in_registrations(world):
    event = _started(world, registration_open=True)
    first = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                              consent=True, by_organiser=True)
    services.attendance_record(event=event, participants_count=1, attended_ids={first.pk})
    services.event_mark_held(event=event, people=[("Nagy Béla", "bela@example.org")])
    event.refresh_from_db()
    assert event.participants_count == 2
    assert event.registrations.filter(attended=True).count() == 2


def test_a_past_event_with_a_headcount_per_organisation(world):
    event = services.event_record_held(forum=world.forum, by_organisation={
        world.organisation: 12}, **_held_data())
    assert event.participants_count == 12
    assert [str(c) for c in event.attendance_counts.all()] == [
        "Bozsok Község Önkormányzata: 12"]
    with pytest.raises(ValidationError) as error:
        services.event_record_held(forum=world.forum, participants_count=5, by_organisation={
            world.organisation: 12}, **_held_data(title="Másik"))
    assert "participants_count" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.event_record_held(forum=world.forum, by_organisation={
            world.other_organisation: 3}, **_held_data(title="Harmadik"))


def test_recording_attendance_on_the_web_keeps_the_organisations(world):
    event = services.event_record_held(forum=world.forum, participants_count=20,
                                       by_organisation={world.organisation: 12},
                                       **_held_data())
    services.event_mark_held(event=event, participants_count=25)
    assert event.attendance_counts.get().organisation == world.organisation
