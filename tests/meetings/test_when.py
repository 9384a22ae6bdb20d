"""A session's time as pages and e-mails write it: one form (core.hungarian.page_time_span),
the last day's date when it ends on another day, no spaced dash within one day."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kerekasztal.meetings import services

from .factories import at

pytestmark = pytest.mark.django_db


def test_a_session_within_one_day(held_meeting):
    with translation.override("hu"):
        assert held_meeting.when == "2015. június 16., kedd 10:00–12:00"


def test_a_two_day_session_gives_its_last_day(world, koszeg):
    meeting = services.meeting_schedule(
        forum=world.forum, number=2, title="Kétnapos műhely",
        starts_at=at(datetime.date(2015, 9, 3), 9), ends_at=at(datetime.date(2015, 9, 4), 15),
        venue_settlement=koszeg)
    with translation.override("hu"):
        assert meeting.when == "2015. szeptember 3., csütörtök 09:00 – 2015. szeptember 4. 15:00"
        mail = render_to_string("meetings/email/_details.txt",
                                {"meeting": meeting, "meeting_url": "https://példa.hu/"})
    assert "Időpont: 2015. szeptember 3., csütörtök 09:00 – 2015. szeptember 4. 15:00" in mail
