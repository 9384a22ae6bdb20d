"""The agreements list and the public register render their rows from a light query
(issue 18): the parties and topics still show, the query count stays flat."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerekasztal.agreements import services
from kerekasztal.core.models import Topic

from .conftest import backdate, make_agreement, sign

pytestmark = pytest.mark.django_db


def _signed(world, organisations, title):
    agreement = backdate(make_agreement(world.forum, world.coordinator,
                                        parties=organisations, title=title))
    agreement.topics.set(Topic.objects.order_by("pk")[:1])
    services.agreement_open(agreement=agreement, user=world.coordinator,
                            on=datetime.date(2024, 3, 5))
    for party in agreement.parties.all():
        sign(party, datetime.date(2024, 3, 10))
    return agreement


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return len(queries), html


def test_list_and_register_show_parties_and_topics_with_flat_queries(coordinator_client,
                                                                     client, world,
                                                                     organisations):
    _signed(world, organisations, "Első megállapodás")
    topic = Topic.objects.order_by("pk")[0]
    workspace = f"/f/{world.forum.slug}/manage/agreements/"
    public = f"/f/{world.forum.slug}/agreements/"
    coordinator_client.get(workspace)
    few, html = _queries(coordinator_client, workspace)
    assert "Első megállapodás" in html and "Kőszegi Roma Nemzetiségi Önkormányzat" in html
    few_public, html = _queries(client, public)
    assert "Kőszeg Város Önkormányzata" in html and topic.name in html
    for n in range(5):
        _signed(world, organisations, f"További megállapodás {n}")
    many, html = _queries(coordinator_client, workspace)
    assert "További megállapodás 4" in html
    cache.clear()
    many_public, html = _queries(client, public)
    assert "További megállapodás 4" in html
    assert (many, many_public) == (few, few_public)
