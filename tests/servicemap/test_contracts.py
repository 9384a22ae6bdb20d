import datetime

import pytest
from django.utils import timezone
from ninja.testing import TestClient

from kerekasztal.core import contracts
from kerekasztal.forums.models import Forum
from kerekasztal.servicemap import services
from kerekasztal.servicemap.api import router

from .conftest import point, service_type, settlement

pytestmark = pytest.mark.django_db


def _gap(world, name, code, found, public=False):
    return services.gap_record(forum=world.forum, settlement=settlement(name),
                               service_type=service_type(code), found_on=found, is_public=public)


def test_rules_and_sources_are_registered():
    rules = contracts.indicator_rules()
    assert {"servicemap.gaps_found", "servicemap.gaps_resolved",
            "servicemap.service_points"} <= set(rules)
    assert {"servicemap.point", "servicemap.gap"} <= set(contracts.public_sources())


def test_gap_indicators_count_by_date_and_settlement(world):
    forums = Forum.objects.filter(pk=world.forum.pk)
    found = contracts.indicator_rules()["servicemap.gaps_found"]
    resolved = contracts.indicator_rules()["servicemap.gaps_resolved"]
    gap = _gap(world, "Velem", "gp", datetime.date(2020, 3, 1))
    _gap(world, "Cák", "tanoda", datetime.date(2021, 3, 1))
    services.gap_resolve(gap=gap, resolved_on=datetime.date(2022, 1, 10), resolution="Megoldva")
    assert found.value(forums, datetime.date(2020, 2, 28)) == 0
    assert found.value(forums, datetime.date(2020, 3, 1)) == 1
    assert found.value(forums, datetime.date(2030, 1, 1)) == 2
    assert resolved.value(forums, datetime.date(2022, 1, 9)) == 0
    assert resolved.value(forums, datetime.date(2022, 1, 10)) == 1
    assert found.by_settlement(forums, datetime.date(2030, 1, 1)) == {
        settlement("Velem").pk: 1, settlement("Cák").pk: 1}
    assert found.value(Forum.objects.filter(pk=world.other_forum.pk),
                       datetime.date(2030, 1, 1)) == 0


def test_service_points_indicator_counts_working_points(world):
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = contracts.indicator_rules()["servicemap.service_points"]
    gp = point(world.forum, "gp", "Kőszeg")  # no start day: it worked before it was typed in
    point(world.forum, "dentist", "Bük", operating_since=timezone.localdate())
    today = timezone.localdate()
    assert rule.value(forums, today - datetime.timedelta(days=2)) == 1
    assert rule.value(forums, today + datetime.timedelta(days=1)) == 2
    services.service_point_set_active(point=gp, active=False)
    assert rule.value(forums, today + datetime.timedelta(days=1)) == 1
    assert rule.value(forums, today) == 2  # it worked until today


def test_a_county_map_typed_in_later_counts_the_services_of_the_project_years(world):
    """The bug of issue 16: a county SZÚT typed in after the project reported 0 points."""
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = contracts.indicator_rules()["servicemap.service_points"]
    point(world.forum, "gp", "Kőszeg", operating_since=datetime.date(2010, 1, 1))
    point(world.forum, "dentist", "Bük", operating_since=datetime.date(2016, 3, 1),
          operating_until=datetime.date(2019, 12, 31))
    point(world.forum, "tanoda", "Cák", operating_since=datetime.date(2018, 9, 1))
    assert rule.value(forums, datetime.date(2015, 6, 1)) == 1
    assert rule.value(forums, datetime.date(2019, 6, 1)) == 3
    assert rule.value(forums, datetime.date(2021, 5, 31)) == 2


def test_a_point_cannot_stop_before_it_started(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        point(world.forum, "gp", "Kőszeg", operating_since=datetime.date(2018, 1, 1),
              operating_until=datetime.date(2017, 1, 1))
    assert "operating_until" in error.value.message_dict


def test_coverage_on_a_past_day_uses_the_points_working_then(world):
    from kerekasztal.servicemap.queries import forum_coverage

    point(world.forum, "gp", "Kőszeg", operating_since=datetime.date(2018, 1, 1))
    gp = service_type("gp").pk
    koszeg = settlement("Kőszeg").pk
    assert forum_coverage(world.forum, on=datetime.date(2017, 1, 1)).coverage.cell(
        koszeg, gp).status == "missing"
    assert forum_coverage(world.forum, on=datetime.date(2019, 1, 1)).coverage.cell(
        koszeg, gp).status == "local"


def test_public_source_holds_only_published_gaps_and_working_points(world):
    forums = Forum.objects.filter(pk=world.forum.pk)
    sources = contracts.public_sources()
    _gap(world, "Velem", "gp", datetime.date(2020, 1, 1))
    shown = _gap(world, "Cák", "tanoda", datetime.date(2020, 1, 1), public=True)
    assert list(sources["servicemap.gap"].records(forums)) == [shown]
    closed = point(world.forum, "gp", "Kőszeg")
    services.service_point_set_active(point=closed, active=False)
    working = point(world.forum, "dentist", "Bük")
    assert list(sources["servicemap.point"].records(forums)) == [working]
    assert sources["servicemap.gap"].url(shown) == f"/f/{world.forum.slug}/services/"


def test_api_returns_coverage_points_and_only_published_gaps(world):
    client = TestClient(router)
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    _gap(world, "Velem", "tanoda", datetime.date(2020, 1, 1))
    _gap(world, "Cák", "tanoda", datetime.date(2020, 1, 1), public=True)
    slug = world.forum.slug
    coverage = client.get(f"/coverage?forum={slug}&service_type=gp&page_size=100").json()
    by_name = {row["settlement"]: row for row in coverage["items"]}
    assert by_name["Kőszeg"]["status"] == "local"
    assert by_name["Bozsok"]["status"] == "served" and by_name["Bozsok"]["distance_km"] > 0
    assert by_name["Velem"]["gap"] is True
    tanoda = client.get(f"/coverage?forum={slug}&service_type=tanoda&page_size=100").json()
    gaps_in_coverage = {row["settlement"] for row in tanoda["items"] if row["gap"]}
    assert gaps_in_coverage == {"Cák"}  # the unpublished Velem gap stays closed
    assert [g["settlement"] for g in client.get(f"/gaps?forum={slug}").json()["items"]] == ["Cák"]
    points = client.get(f"/points?forum={slug}").json()["items"]
    assert points[0]["served_settlements"] == ["Bozsok"]
    assert len(client.get("/types").json()) >= 20
    assert client.get("/points?forum=nincs-ilyen").status_code == 404
