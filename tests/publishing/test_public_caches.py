"""The public events calendar and the API's anonymous reads are cached per forum version
(publishing/cache.py): a change shows at once, and nothing only members may read ever
enters an anonymous copy."""

import time

import pytest
from django.core.cache import cache

from kerekasztal.api.models import ApiToken
from kerekasztal.meetings import services as meeting_services
from kerekasztal.publishing import cache as page_cache
from tests.events.conftest import future, published_event

pytestmark = pytest.mark.django_db


def _cached_values() -> list[bytes]:
    """Every value the local-memory cache of the tests holds, as stored (pickled)."""
    return list(cache._cache.values())


def _in_cache(text: str) -> bool:
    needle = text.encode()
    return any(needle in value for value in _cached_values())


def test_the_public_events_list_is_cached(client, world):
    published_event(world.forum, title="Nyitott Rendezvény")
    url = f"/f/{world.forum.slug}/events/"
    first, second = client.get(url), client.get(url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "Nyitott Rendezvény" in second.content.decode()


def test_a_new_public_event_shows_at_once(client, world):
    url = f"/f/{world.forum.slug}/events/"
    client.get(url)
    published_event(world.forum, title="Frissen Meghirdetett Nap")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Frissen Meghirdetett Nap" in response.content.decode()


def test_the_events_list_is_kept_at_most_five_minutes(client, world):
    """The list changes with time too (an ended event leaves it): a bounded copy."""
    url = f"/f/{world.forum.slug}/events/"
    client.get(url)
    expiries = [at for at in cache._expire_info.values() if at is not None]
    assert expiries
    assert max(expiries) <= time.time() + page_cache.TIMEOUT  # the stale copy
    page_expiries = sorted(expiries)[:1]
    assert page_expiries[0] <= time.time() + 300 + 1


def test_a_members_only_event_never_enters_the_anonymous_cache(client, world):
    published_event(world.forum, title="Nyilvános Börze")
    hidden = published_event(world.forum, title="Zartkoru Tagi Egyeztetes", is_public=False)
    url = f"/f/{world.forum.slug}/events/"
    client.get(url)
    client.force_login(world.coordinator)
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(f"/f/{world.forum.slug}/events/{hidden.pk}/")
    client.logout()
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Zartkoru Tagi Egyeztetes" not in response.content.decode()
    assert not _in_cache("Zartkoru Tagi Egyeztetes")


def test_the_forum_list_of_the_api_is_cached_until_a_forum_changes(client, world):
    first, second = client.get("/api/v1/forums/"), client.get("/api/v1/forums/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit" and second.json() == first.json()
    assert second["Content-Type"] == first["Content-Type"]
    world.other_forum.name = "Átnevezett Kerekasztal"
    world.other_forum.save(update_fields=["name"])
    third = client.get("/api/v1/forums/")
    assert third["X-Page-Cache"] == "miss"
    assert "Átnevezett Kerekasztal" in str(third.json())


def test_an_api_list_of_one_forum_follows_that_forums_changes_only(client, world):
    url = f"/api/v1/events/?forum={world.forum.slug}"
    client.get(url)
    published_event(world.other_forum, title="Másik Fórum Napja")
    assert client.get(url)["X-Page-Cache"] == "hit"
    published_event(world.forum, title="Kőszegi Nyílt Nap")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Kőszegi Nyílt Nap" in str(response.json())


def test_closed_sessions_never_enter_an_anonymous_api_copy(client, world):
    meeting_services.meeting_schedule(
        forum=world.forum, title="Titkos Zart Ules", starts_at=future(),
        ends_at=future(hour=15), visibility="closed", venue_settlement=world.settlement,
        user=world.coordinator)
    meeting_services.meeting_schedule(
        forum=world.forum, title="Nyilt Ules", starts_at=future(), ends_at=future(hour=15),
        visibility="public", venue_settlement=world.settlement, user=world.coordinator)
    url = f"/api/v1/meetings/?forum={world.forum.slug}"
    client.force_login(world.coordinator)
    logged_in = client.get(url)
    assert logged_in.status_code == 200 and "X-Page-Cache" not in logged_in
    client.logout()
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Nyilt Ules" in anonymous.content.decode()
    assert "Titkos Zart Ules" not in anonymous.content.decode()
    assert not _in_cache("Titkos Zart Ules")


def test_a_token_holders_answer_never_enters_the_anonymous_cache(client, world):
    _record, token = ApiToken.issue(user=world.coordinator, name="teszt")
    url = f"/api/v1/forums/{world.forum.slug}/organisations/{world.organisation.pk}/"
    with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert with_token.status_code == 200 and "X-Page-Cache" not in with_token
    assert client.get(url).status_code == 401
    assert not [key for key in cache._cache if "publishing:api:" in key]


def test_an_api_answer_marked_private_is_not_kept(rf, world):
    from django.contrib.auth.models import AnonymousUser
    from django.http import JsonResponse

    calls = []

    def view(request):
        calls.append(1)
        response = JsonResponse({"n": len(calls)})
        response["Cache-Control"] = "private, no-store"
        return response

    cached = page_cache.cached_api(view)
    for _n in range(2):
        request = rf.get("/api/v1/private/")
        request.user = AnonymousUser()
        cached(request)
    assert len(calls) == 2


def test_a_made_up_forum_in_an_api_query_leaves_nothing_in_the_cache(client, world):
    response = client.get("/api/v1/events/?forum=nincs-ilyen-forum")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert not [key for key in cache._cache if "nincs-ilyen-forum" in key]
