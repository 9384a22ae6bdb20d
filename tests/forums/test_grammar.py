"""Forum pages in correct Hungarian: dates with their suffixes, no ISO dates in messages, no
"a(z)", help texts that survive HTML."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kerekasztal.core import hungarian
from tests.events.conftest import at, published_event

pytestmark = pytest.mark.django_db


def test_forum_creation_help_shows_the_address_pattern(client, world):
    client.force_login(world.coordinator)  # coordinators may create working groups
    html = client.get(reverse("forums:create")).content.decode()
    assert "/f/azonosító/" in html and "/f//." not in html


def test_members_on_a_day_take_the_day_suffix(coordinator_client, world):
    html = coordinator_client.get(f"/f/{world.forum.slug}/manage/members/?on=2015-06-16")
    assert "Tagok 2015. június 16-án." in html.content.decode()


def test_membership_end_before_its_start_names_the_day_in_hungarian(coordinator_client,
                                                                     world):
    end = reverse("forums:membership_end", kwargs={"forum": world.forum.slug,
                                                   "pk": world.membership.pk})
    html = coordinator_client.post(end, {"until": "2015-01-01"}).content.decode()
    assert "(2015. június 16.)" in html and "2015-06-16" not in html


def test_dashboard_lists_coming_events_with_long_dates(coordinator_client, world):
    day = timezone.localdate() + datetime.timedelta(days=40)
    published_event(world.forum, starts_at=at(day.year, day.month, day.day, 10),
                     ends_at=at(day.year, day.month, day.day, 12))
    html = coordinator_client.get(f"/f/{world.forum.slug}/manage/").content.decode()
    assert f"{hungarian.date_long(day)} 10:00" in html
    assert f"{hungarian.date_short(day)} 10:00" not in html


def test_invitation_message_takes_the_article_of_the_address(coordinator_client, world):
    response = coordinator_client.post(
        reverse("forums:access_list", kwargs={"forum": world.forum.slug}),
        {"full_name": "Anna", "email": "anna@example.org", "role": "coordinator"}, follow=True)
    html = response.content.decode()
    assert "Meghívót küldtünk az anna@example.org címre." in html
    assert "a(z)" not in html
