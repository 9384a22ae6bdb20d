"""Indicators, public sources and the read API of meetings."""

import datetime

import pytest
from ninja.testing import TestClient

from kerekasztal.core import contracts
from kerekasztal.forums.models import Forum
from kerekasztal.meetings import services
from kerekasztal.meetings.api import router
from tests.factories import MembershipFactory, PersonFactory

from .factories import MeetingFactory, at

pytestmark = pytest.mark.django_db

DAY = datetime.date(2015, 6, 16)


@pytest.fixture
def sessions(world, koszeg):
    """Two held sessions (2015-06-16 and 2015-09-10), one planned, one cancelled."""
    first = MeetingFactory(forum=world.forum, number=1, starts_at=at(DAY),
                           ends_at=at(DAY, 12), venue_settlement=koszeg)
    second = MeetingFactory(forum=world.forum, number=2,
                            starts_at=at(datetime.date(2015, 9, 10)),
                            ends_at=at(datetime.date(2015, 9, 10), 12), venue_settlement=koszeg)
    colleague = PersonFactory(forum=world.forum, name="Kolléga Kornél")
    other = MembershipFactory(forum=world.forum, representatives=[colleague])
    services.attendance_record(meeting=first, people=[(world.representative,
                                                       world.organisation)])
    services.attendance_record(meeting=second, people=[
        (world.representative, world.organisation), (colleague, other.organisation)])
    services.decision_record(meeting=first, text="Megalakul.")
    services.decision_record(meeting=second, text="Munkaterv.")
    MeetingFactory(forum=world.forum, number=3, title="Tervezett")
    MeetingFactory(forum=world.forum, number=4, status="cancelled")
    return first, second


def _rule(code):
    return contracts.indicator_rules()[code]


def test_sessions_held_by_date_and_venue(world, sessions, koszeg):
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = _rule("meetings.sessions_held")
    assert rule.value(forums, datetime.date(2015, 6, 15)) == 0
    assert rule.value(forums, DAY) == 1
    assert rule.value(forums, datetime.date(2030, 1, 1)) == 2
    assert rule.by_settlement(forums, datetime.date(2030, 1, 1)) == {koszeg.pk: 2}


def test_participants_are_distinct_people_and_organisations(world, sessions):
    forums = Forum.objects.filter(pk=world.forum.pk)
    assert _rule("meetings.participants").value(forums, DAY) == 1
    assert _rule("meetings.participants").value(forums, datetime.date(2015, 12, 31)) == 2
    assert _rule("meetings.participant_organisations").value(
        forums, datetime.date(2015, 12, 31)) == 2


def test_decisions_as_of_a_day_and_by_status(world, sessions):
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = _rule("meetings.decisions")
    assert rule.value(forums, datetime.date(2015, 6, 1)) == 0
    assert rule.value(forums, DAY) == 1
    assert rule.value(forums, datetime.date(2016, 1, 1)) == 2
    assert rule.value(forums, datetime.date(2016, 1, 1), status="done") == 0


def test_decisions_count_by_their_status_on_the_day(world, sessions):
    """A decision implemented on 2016-03-01 was not "done" at the end of 2015."""
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = _rule("meetings.decisions")
    decision = sessions[0].decisions.get()
    services.decision_follow_up(decision=decision, day=datetime.date(2016, 3, 1),
                                text="Végrehajtva.", status="done")
    services.decision_follow_up(decision=decision, day=datetime.date(2016, 1, 10),
                                text="Folyamatban.", status="in_progress")
    assert rule.value(forums, datetime.date(2015, 12, 31), status="open") == 2
    assert rule.value(forums, datetime.date(2015, 12, 31), status="done") == 0
    assert rule.value(forums, datetime.date(2016, 2, 1), status="in_progress") == 1
    assert rule.value(forums, datetime.date(2016, 2, 1), status="open") == 1
    assert rule.value(forums, datetime.date(2016, 3, 1), status="done") == 1
    assert rule.value(forums, datetime.date(2016, 3, 1), status="in_progress") == 0
    assert rule.value(forums, datetime.date(2016, 3, 1)) == 2


def test_public_source_holds_only_public_meetings_that_take_place(world):
    public = MeetingFactory(forum=world.forum, visibility="public", title="Nyilvános fórum")
    MeetingFactory(forum=world.forum, title="Zárt ülés")
    MeetingFactory(forum=world.forum, visibility="public", status="cancelled")
    MeetingFactory(forum=world.other_forum, visibility="public")
    source = contracts.public_sources()["meetings.meeting"]
    records = list(source.records(Forum.objects.filter(pk=world.forum.pk)))
    assert records == [public]
    assert source.url(public) == f"/f/koszeg/meetings/{public.pk}/"
    assert "Kőszegi Járási" in source.text(public)


def test_api_lists_public_meetings_only(world):
    public = MeetingFactory(forum=world.forum, visibility="public", title="Nyilvános fórum")
    public.agenda_items.create(title="Megnyitó", position=1)
    closed = MeetingFactory(forum=world.forum, title="Zárt ülés")
    MeetingFactory(forum=world.other_forum, visibility="public")
    api = TestClient(router)
    data = api.get("/meetings/?forum=koszeg").json()
    assert [item["title"] for item in data["items"]] == ["Nyilvános fórum"]
    assert data["count"] == 1
    detail = api.get(f"/meetings/{public.pk}/").json()
    assert detail["agenda"][0]["title"] == "Megnyitó" and detail["forum"] == "koszeg"
    assert api.get(f"/meetings/{closed.pk}/").status_code == 404
    assert len(api.get("/meetings/").json()["items"]) == 2
