"""Stored rich text is sanitised on output as well as on input (issue 21/7): the admin, a
restore or an import can store HTML that never went through a form."""

import pytest

from kerekasztal.core.templatetags.kerekasztal import rich_text
from kerekasztal.meetings.models import Minutes
from tests.conftest import login
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

HOSTILE = ('<p>Határozat</p><script>alert(1)</script><img src=x onerror="alert(2)">'
           '<a href="javascript:alert(3)">link</a>')


def test_minutes_stored_with_a_script_are_shown_without_it(client, world):
    meeting = MeetingFactory(forum=world.forum, status="held")
    Minutes.objects.create(meeting=meeting, body=HOSTILE)  # as the admin or a restore would
    login(client, world.coordinator)
    page = client.get(f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/minutes/")
    html = page.content.decode()
    assert "<p>Határozat</p>" in html
    assert "<script>alert(1)" not in html and "onerror" not in html
    assert "javascript:alert" not in html


def test_the_filter_keeps_formatting_and_drops_active_content():
    shown = rich_text(HOSTILE)
    assert "<p>Határozat</p>" in shown and "<script" not in shown and "onerror" not in shown
    assert rich_text(None) == ""
