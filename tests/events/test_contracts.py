"""Events: indicators, public sources and the read API (core/contracts.py)."""

import datetime

import pytest
from django.utils import timezone
from ninja.testing import TestClient

from kerekasztal.core import contracts
from kerekasztal.core.models import Topic
from kerekasztal.events import services
from kerekasztal.events.api import router
from kerekasztal.events.models import Event
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .conftest import make_event, published_event

pytestmark = pytest.mark.django_db


def _held(world, day: datetime.date, at: datetime.time = datetime.time(13), **data):
    start = timezone.make_aware(datetime.datetime.combine(day, at))
    event = make_event(world.forum, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                       registration_open=True, **data)
    services.event_publish(event=event)
    people = [services.register(event=event, name=f"P{i}", email=f"p{i}@example.org",
                                consent=True, now=start - datetime.timedelta(days=1))
              for i in range(2)]
    Event.objects.filter(pk=event.pk).update(starts_at=start)
    services.attendance_record(event=event, participants_count=30,
                               attended_ids={p.pk for p in people},
                               completed_ids={people[0].pk})
    event.refresh_from_db()
    return event


@pytest.fixture
def forums(world):
    return Forum.objects.filter(pk=world.forum.pk)


def test_rules_are_found(world):
    rules = contracts.indicator_rules()
    assert {"events.held", "events.participants", "events.trainings", "events.certified"} <= \
        set(rules)
    assert "events.event" in contracts.public_sources()


def test_held_events_by_date_kind_topic_and_settlement(world, forums):
    rule = contracts.indicator_rules()["events.held"]
    youth = Topic.objects.get(name="Ifjúság")
    _held(world, datetime.date(2015, 9, 12), kind="dissemination", topics=[youth])
    _held(world, datetime.date(2015, 10, 1), kind="parent_club")
    published_event(world.forum)  # planned for the future: not held
    assert rule.value(forums, datetime.date(2015, 9, 11)) == 0
    assert rule.value(forums, datetime.date(2015, 9, 12)) == 1
    assert rule.value(forums, datetime.date(2015, 12, 31)) == 2
    assert rule.value(forums, datetime.date(2015, 12, 31), kind="parent_club") == 1
    assert rule.value(forums, datetime.date(2015, 12, 31), topic=youth.slug) == 1
    koszeg = Settlement.objects.get(name="Kőszeg")
    assert rule.by_settlement(forums, datetime.date(2015, 12, 31)) == {koszeg.pk: 2}


def test_an_event_counts_on_its_local_day_to_the_minute(world, forums):
    """The rules compare the stored date-time with the end of the local day (`day_end`):
    an event at 00:30 in Budapest (23:30 UTC the day before) and one at 23:30 count on
    their own day, in the value, the dashboard's series and the breakdown by place."""
    from kerekasztal.projects import figures

    rule = contracts.indicator_rules()["events.held"]
    _held(world, datetime.date(2016, 1, 10), at=datetime.time(0, 30))
    late = _held(world, datetime.date(2016, 1, 11), at=datetime.time(23, 30))
    days = [datetime.date(2016, 1, 9), datetime.date(2016, 1, 10), datetime.date(2016, 1, 11),
            datetime.date(2016, 1, 12)]
    assert [rule.value(forums, day) for day in days] == [0, 1, 2, 2]
    assert figures.values_on(rule, forums, days) == [0, 1, 2, 2]
    participants = contracts.indicator_rules()["events.participants"]
    assert figures.values_on(participants, forums, days) == \
        [participants.value(forums, day) for day in days] == [0, 2, 2, 2]
    late.settlements.clear()  # an event without a place is left out of the breakdown
    koszeg = Settlement.objects.get(name="Kőszeg")
    assert rule.by_settlement(forums, datetime.date(2016, 1, 12)) == {koszeg.pk: 1}


def test_participants_trainings_and_certified(world, forums):
    day = datetime.date(2015, 11, 5)
    training = _held(world, day, kind="training", hours=6,
                     title="Esélyteremtő attitűd formálása")
    services.certificates_issue(event=training)
    _held(world, datetime.date(2015, 11, 20), kind="community")
    rules = contracts.indicator_rules()
    as_of = datetime.date(2015, 12, 31)
    # the same two people came to both events: counted once
    assert rules["events.participants"].value(forums, as_of) == 2
    assert rules["events.trainings"].value(forums, as_of) == 1
    assert rules["events.trainings"].value(forums, datetime.date(2015, 11, 4)) == 0
    assert rules["events.certified"].value(forums, as_of) == 1
    assert rules["events.certified"].value(forums, datetime.date(2015, 11, 4)) == 0


def test_public_source_has_only_published_public_events(world, forums):
    source = contracts.public_sources()["events.event"]
    shown = published_event(world.forum, title="Nyilvános")
    make_event(world.forum, title="Tervezett")
    services.event_publish(event=make_event(world.forum, title="Zárt", is_public=False))
    records = list(source.records(forums))
    assert records == [shown]
    assert source.url(shown) == f"/f/{world.forum.slug}/events/{shown.pk}/"
    assert "Zenepavilon" in source.text(shown)


def test_api_lists_only_public_events_with_filters(world):
    client = TestClient(router)
    shown = published_event(world.forum, title="Nyilvános", kind="training")
    published_event(world.forum, title="Másik", kind="community")
    services.event_publish(event=make_event(world.forum, title="Zárt", is_public=False))
    make_event(world.forum, title="Tervezett")
    data = client.get("/events/").json()
    assert {item["title"] for item in data["items"]} == {"Nyilvános", "Másik"}
    data = client.get(f"/events/?forum={world.forum.slug}&kind=training").json()
    assert [item["id"] for item in data["items"]] == [shown.pk]
    assert data["items"][0]["settlements"] == ["Kőszeg"]
    day = timezone.localtime(shown.starts_at).date()
    assert client.get(f"/events/?from={day + datetime.timedelta(days=1)}").json()["count"] == 0
    assert client.get(f"/events/?to={day}").json()["count"] == 2
    assert client.get("/events/?forum=kunszentmiklos").json()["count"] == 0
    assert client.get(f"/events/{shown.pk}").json()["title"] == "Nyilvános"


def test_api_hides_members_only_and_planned_events(world):
    client = TestClient(router)
    closed = services.event_publish(event=make_event(world.forum, is_public=False))
    planned = make_event(world.forum)
    assert client.get(f"/events/{closed.pk}").status_code == 404
    assert client.get(f"/events/{planned.pk}").status_code == 404
