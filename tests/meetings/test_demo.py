import datetime

import pytest

from kerekasztal.core import contracts
from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.forums.models import Forum
from kerekasztal.meetings.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def test_demo_builds_eight_held_sessions_of_koszeg_idempotently():
    ctx = demo_load()
    forum = ctx.forum
    assert forum.meetings.filter(status="held").count() == 8
    first = forum.meetings.get(number=1)
    assert first.date.isoformat() == "2015-06-16" and first.decisions.exists()
    assert Decision.objects.filter(forum=forum).first() is not None
    counts = (Meeting.objects.count(), Decision.objects.count())
    demo_load()
    assert (Meeting.objects.count(), Decision.objects.count()) == counts
    rule = contracts.indicator_rules()["meetings.sessions_held"]
    assert rule.value(Forum.objects.filter(pk=forum.pk), datetime.date(2015, 12, 31)) == 8


@pytest.mark.parametrize("loaded, session", [
    (datetime.date(2026, 12, 5), datetime.date(2027, 1, 12)),  # 26 December, a Saturday
    (datetime.date(2026, 9, 29), datetime.date(2026, 10, 20)),  # a Tuesday already
    (datetime.date(2027, 2, 21), datetime.date(2027, 3, 16)),  # not 15 March
])
def test_the_demos_coming_session_is_on_a_working_tuesday(loaded, session):
    from kerekasztal.meetings.demo import _working_tuesday

    assert _working_tuesday(loaded + datetime.timedelta(days=21)) == session
