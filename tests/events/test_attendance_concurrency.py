"""Two coordinators recording the attendance of one event at once: the page carries the
edit version (its template renders the form field by field), so the second save of the
headcount is refused instead of silently overwriting the first (issue 17)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kerekasztal.events.models import Event
from tests.conftest import login

from .conftest import published_event

pytestmark = pytest.mark.django_db


def _token(html):
    match = re.search(r'name="edit_version" value="([^"]+)"', html)
    assert match, "the attendance page does not carry the edit version"
    return match.group(1)


def test_the_second_of_two_concurrent_attendance_saves_is_refused(client, world):
    start = timezone.now() - datetime.timedelta(hours=3)
    event = published_event(world.forum, starts_at=start,
                            ends_at=start + datetime.timedelta(hours=2))
    url = reverse("events:attendance", kwargs={"forum": world.forum.slug, "pk": event.pk})
    login(client, world.coordinator)
    first = _token(client.get(url).content.decode())
    second = _token(client.get(url).content.decode())  # a colleague opens it too

    response = client.post(url, {"participants_count": "20", "edit_version": first})
    assert response.status_code == 302
    response = client.post(url, {"participants_count": "30", "edit_version": second})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Időközben más módosította ezt a rekordot" in html
    assert Event.objects.get(pk=event.pk).participants_count == 20
    # saving again with the version the refusal carries overwrites knowingly
    response = client.post(url, {"participants_count": "30", "edit_version": _token(html)})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).participants_count == 30
