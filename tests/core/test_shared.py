import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from kerekasztal.core.ical import CalendarItem, calendar_bytes
from kerekasztal.core.models import TargetGroup
from kerekasztal.core.records import links
from kerekasztal.core.richtext import sanitize


def test_sanitize_keeps_formatting_and_drops_scripts():
    html = ('<p onclick="x()">Szöveg <strong>vastag</strong><script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">rossz</a><a href="https://koszeg.hu">jó</a>')
    clean = sanitize(html)
    assert "<strong>vastag</strong>" in clean
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert 'href="https://koszeg.hu"' in clean


def test_calendar_has_budapest_times_and_a_link_back():
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Budapest")
    content = calendar_bytes([CalendarItem(
        uid="meeting-4@kerekasztal", summary="4. ülés",
        start=datetime.datetime(2015, 9, 12, 13, tzinfo=tz),
        end=datetime.datetime(2015, 9, 12, 15, tzinfo=tz),
        url="https://example.org/f/koszeg/meetings/4/", location="Zenepavilon környéke",
    )])
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "4. ülés"
    assert event.decoded("dtstart").hour == 13
    assert "https://example.org/f/koszeg/meetings/4/" in str(event["description"])


@pytest.mark.django_db
def test_target_groups_are_the_five_of_the_hep():
    assert [g.code for g in TargetGroup.objects.all()] == [
        "poverty_roma", "children", "women", "elderly", "disability"]


@pytest.mark.django_db
def test_links_join_records_of_one_forum_only(world):
    link = links.link_create(source=world.organisation, target=world.representative,
                             kind="evidence")
    assert links.targets_of(world.organisation) == [world.representative]
    assert links.sources_of(world.representative, kind="evidence") == [world.organisation]
    assert links.link_counts([world.representative], kind="evidence") == {
        world.representative.pk: 1}
    with pytest.raises(ValidationError):
        links.link_create(source=world.organisation, target=world.other_person, kind="evidence")
    assert link.forum == world.forum
