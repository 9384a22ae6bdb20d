"""Throttling: public forms per client address and per e-mail address (a Hungarian message
on the form, never a bare 429 page), the API per token and per address without one."""

import pytest
from django.core.cache import cache

from kerekasztal.api.models import ApiToken
from kerekasztal.core.models import MailDelivery
from tests.events.conftest import published_event

pytestmark = pytest.mark.django_db

TOO_MANY = "túl sok kérés érkezett"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _register(client, event, email, address="203.0.113.7"):
    url = f"/f/{event.forum.slug}/events/{event.pk}/register/"
    return client.post(url, {"name": "Próba Pál", "email": email, "consent": "on"},
                       REMOTE_ADDR=address)


def test_registrations_to_one_email_are_limited_with_a_message_on_the_form(client, world,
                                                                            settings):
    settings.PUBLIC_FORM_EMAIL_RATE = "3/h"
    events = [published_event(world.forum, title=f"Klub {n}") for n in range(5)]
    answers = [_register(client, event, "aldozat@example.org", address=f"198.51.100.{n}")
               for n, event in enumerate(events)]

    # the confirmation (redirect after POST) or the form again, never a bare 429
    assert [a.status_code for a in answers] == [302] * 3 + [200] * 2
    assert [TOO_MANY in a.content.decode() for a in answers] == [False] * 3 + [True] * 2
    assert events[4].registrations.count() == 0
    assert MailDelivery.objects.filter(to="aldozat@example.org").count() == 3


def test_registrations_from_one_address_are_limited(client, world, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    event = published_event(world.forum, capacity=None)
    answers = [_register(client, event, f"ember{n}@example.org") for n in range(3)]
    assert [TOO_MANY in a.content.decode() for a in answers] == [False, False, True]
    assert _register(client, event, "masik@example.org", address="192.0.2.1").status_code == 302
    assert event.registrations.count() == 3


def test_password_links_to_one_address_are_limited(client, world, settings):
    settings.PUBLIC_FORM_EMAIL_RATE = "2/h"
    answers = [client.post("/accounts/password-reset/", {"email": world.coordinator.email},
                           REMOTE_ADDR=f"198.51.100.{n}") for n in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 200]
    assert TOO_MANY in answers[2].content.decode()
    assert MailDelivery.objects.filter(to=world.coordinator.email).count() == 2


def test_the_api_is_limited_per_token(client, world, settings):
    settings.API_TOKEN_RATE = "3/m"
    _record, first = ApiToken.issue(user=world.coordinator, name="első")
    _record, second = ApiToken.issue(user=world.coordinator, name="második")
    url = f"/api/v1/forums/{world.forum.slug}/organisations/{world.organisation.pk}/"

    codes = [client.get(url, HTTP_AUTHORIZATION=f"Bearer {first}").status_code
             for _n in range(4)]

    assert codes == [200, 200, 200, 429]
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    assert client.get("/api/v1/forums/").status_code == 200  # anonymous: its own limit


def test_the_api_without_a_token_is_limited_per_address(client, world, settings):
    settings.API_ANONYMOUS_RATE = "2/m"
    codes = [client.get("/api/v1/forums/", REMOTE_ADDR="203.0.113.9").status_code
             for _n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/forums/", REMOTE_ADDR="203.0.113.10").status_code == 200
