"""The plans' indicators, public sources and API router (core/contracts.py)."""

import datetime

import pytest
from ninja.testing import TestClient

from kerekasztal.core import contracts
from kerekasztal.forums.models import Forum
from kerekasztal.plans import services
from kerekasztal.plans.api import router

from .factories import adopt, make_measure, make_plan

pytestmark = pytest.mark.django_db

ADOPTED = datetime.date(2024, 6, 27)


@pytest.fixture
def plans(world, hep):
    measure = make_measure(hep, title="Közösségi kert")
    make_measure(hep, title="Idősek napja", group="elderly")
    adopt(hep, on=ADOPTED)
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 3, 1),
                                     status="in_progress", percent=50, narrative="Elindult.")
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 9, 1),
                                     status="done", percent=100, narrative="Kész.")
    draft = make_plan(world.forum, settlement="Velem")
    make_measure(draft, title="Titkos tervezet")
    return hep, draft


def test_adopted_plans_are_counted_from_their_adoption_day(world, plans):
    rule = contracts.indicator_rules()["plans.adopted"]
    forums = Forum.objects.filter(pk=world.forum.pk)
    assert rule.value(forums, ADOPTED - datetime.timedelta(days=1)) == 0
    assert rule.value(forums, ADOPTED) == 1
    assert rule.by_settlement(forums, ADOPTED) == {world.settlement.pk: 1}
    assert rule.value(forums, ADOPTED, scope="district") == 0


def test_measures_by_status_as_of_a_day(world, plans):
    rule = contracts.indicator_rules()["plans.measures"]
    forums = Forum.objects.filter(pk=world.forum.pk)
    assert rule.value(forums, ADOPTED) == 2
    assert rule.value(forums, datetime.date(2025, 4, 1), status="in_progress") == 1
    assert rule.value(forums, datetime.date(2025, 4, 1), status="done") == 0
    assert rule.value(forums, datetime.date(2025, 10, 1), status="done") == 1
    assert rule.value(forums, datetime.date(2025, 10, 1), status="not_started") == 1


def test_public_sources_hold_only_adopted_plans_and_their_measures(world, plans):
    hep, draft = plans
    forums = Forum.objects.filter(pk=world.forum.pk)
    sources = contracts.public_sources()
    assert list(sources["plans.plan"].records(forums)) == [hep]
    titles = {m.title for m in sources["plans.measure"].records(forums)}
    assert titles == {"Közösségi kert", "Idősek napja"}
    assert sources["plans.plan"].url(hep).endswith(f"/plans/{hep.pk}/")


def test_api_lists_public_plans_and_measures_with_progress(world, plans):
    hep, draft = plans
    client = TestClient(router)
    listed = client.get(f"/plans/plans?forum={world.forum.slug}").json()
    assert [p["id"] for p in listed["items"]] == [hep.pk]
    assert client.get(f"/plans/plans/{draft.pk}").status_code == 404
    measures = client.get(f"/plans/measures?plan={hep.pk}").json()["items"]
    assert [m["title"] for m in measures] == ["Közösségi kert", "Idősek napja"]
    assert [p["percent"] for p in measures[0]["progress"]] == [50, 100]
    assert client.get(f"/plans/measures?plan={draft.pk}").json()["items"] == []
