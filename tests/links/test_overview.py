"""The forum workspace overview: the next meetings and events and the latest decisions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kerekasztal.events import services as event_services
from kerekasztal.meetings.models import Decision
from tests.conftest import login
from tests.events.conftest import make_event
from tests.meetings.factories import MeetingFactory, at, future

pytestmark = pytest.mark.django_db


def overview(client, world):
    return client.get(reverse("forums:workspace", kwargs={"forum": world.forum.slug}))


def decide(meeting, number, text="A kerekasztal elfogadja a munkatervet."):
    return Decision.objects.create(forum=meeting.forum, meeting=meeting, number=number,
                                   year=meeting.starts_at.year, text=text)


def test_overview_lists_what_comes_and_what_was_decided(client, world):
    soon = MeetingFactory(forum=world.forum, title="Tavaszi ülés", starts_at=future(7))
    MeetingFactory(forum=world.forum, title="Lemondott ülés", starts_at=future(8),
                   status="cancelled")
    held = MeetingFactory(forum=world.forum, title="Alakuló ülés",
                          starts_at=at(datetime.date(2015, 6, 16)), status="held")
    MeetingFactory(forum=world.other_forum, title="Idegen ülés", starts_at=future(3))
    make_event(world.forum, title="Szociális gazdaság fórum")
    cancelled = make_event(world.forum, title="Elmaradt rendezvény")
    event_services.event_cancel(event=cancelled, reason="Beteg az előadó.")
    decide(held, 3, "A kerekasztal elfogadja az ügyrendjét.")
    login(client, world.coordinator)
    page = overview(client, world).content.decode()
    assert "Tavaszi ülés" in page and str(soon) in page
    assert "Lemondott ülés" not in page and "Idegen ülés" not in page
    assert "Alakuló ülés" not in page.split("Következő ülések")[1].split("</section>")[0]
    assert "Szociális gazdaság fórum" in page and "Elmaradt rendezvény" not in page
    assert "3/2015. (VI. 16.)" in page and "elfogadja az ügyrendjét" in page


def test_settlement_officer_sees_events_but_not_meetings(client, world):
    MeetingFactory(forum=world.forum, title="Tavaszi ülés")
    login(client, world.settlement_officer)
    page = overview(client, world).content.decode()
    assert "Következő rendezvények" in page
    assert "Következő ülések" not in page and "Tavaszi ülés" not in page


def test_overview_query_count_does_not_grow(client, world):
    login(client, world.coordinator)

    def add(n):
        for _ in range(n):
            meeting = MeetingFactory(forum=world.forum, starts_at=future(5))
            decide(meeting, meeting.number)
            make_event(world.forum)

    def count():
        overview(client, world)
        with CaptureQueriesContext(connection) as ctx:
            assert overview(client, world).status_code == 200
        return len(ctx)

    add(2)
    small = count()
    add(10)
    assert count() == small
