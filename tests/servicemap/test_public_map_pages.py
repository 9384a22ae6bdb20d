"""The public service map at ten times the data (issue 18): its service points are a page
at a time, and the chosen service type is kept when paging."""

import pytest

from .conftest import point

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
