"""The public service map at ten times the data (issue 18): its service points are a page
at a time, and the chosen service type is kept when paging."""

import datetime

import pytest
from django.core.cache import cache

from kerekasztal.servicemap import services

from .conftest import point, service_type, settlement

pytestmark = pytest.mark.django_db


def test_public_map_lists_points_a_page_at_a_time(client, world):
    for n in range(55):
        point(world.forum, "nursery", "Kőszeg", provider_name=f"Bölcsőde {n:02d}")
    url = f"/f/{world.forum.slug}/services/"
    html = client.get(url).content.decode()
    assert "55 szolgáltatási pont." in html
    assert "Bölcsőde 00" in html and "Bölcsőde 54" not in html
    assert "page=2" in html
    assert "Bölcsőde 54" in client.get(url + "?page=2").content.decode()


def test_national_map_is_drawn_once_per_platform_version(client, world):
    """Issue 18: the national map is served from the application's page cache, and a gap
    published by any forum shows at once (its save bumps the platform's version)."""
    cache.clear()
    first = client.get("/services/hungary/")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/services/hungary/")["X-Page-Cache"] == "hit"
    services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                        service_type=service_type("village-caretaker"),
                        found_on=datetime.date(2020, 3, 1), is_public=True)
    again = client.get("/services/hungary/")
    assert again["X-Page-Cache"] == "miss"
    assert again.content != first.content
