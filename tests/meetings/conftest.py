import datetime

import pytest

from kerekasztal.meetings import services
from kerekasztal.territory.models import Settlement

from .factories import at, future


@pytest.fixture
def koszeg(db):
    return Settlement.objects.get(name="Kőszeg")


@pytest.fixture
def meeting(world, koszeg):
    """The forum's 4th session, two weeks ahead, with one agenda item."""
    start = future(14)
    meeting = services.meeting_schedule(
        forum=world.forum, number=4, title="A járási esélyteremtő programterv",
        starts_at=start, ends_at=start + datetime.timedelta(hours=2),
        venue_settlement=koszeg, venue_address="Jurisics tér 8.",
    )
    services.agenda_item_add(meeting=meeting, title="Megnyitó", duration_minutes=10)
    return meeting


@pytest.fixture
def held_meeting(world, koszeg):
    meeting = services.meeting_schedule(
        forum=world.forum, number=1, title="Alakuló ülés",
        starts_at=at(datetime.date(2015, 6, 16)), ends_at=at(datetime.date(2015, 6, 16), 12),
        venue_settlement=koszeg,
    )
    return meeting
