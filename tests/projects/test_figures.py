"""Indicator values as of a day, from the rules of other apps and from manual values."""

import datetime
from decimal import Decimal

import pytest

from kerekasztal.projects import figures, services
from kerekasztal.projects.charts import progress_chart
from kerekasztal.territory.models import Settlement
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import TEST_RULE_CODE, evidence

pytestmark = pytest.mark.django_db
D = datetime.date


def _member(world, name, since, until=None, role="member", seat="Kőszeg"):
    organisation = OrganisationFactory(forum=world.forum, name=name,
                                       seat=Settlement.objects.get(name=seat))
    return MembershipFactory(forum=world.forum, organisation=organisation, since=since,
                             until=until, role=role)


def test_member_organisations_counted_as_of_a_day(world, member_indicator):
    # The world has Bozsok as a member since 2015-06-16.
    _member(world, "Cák Község Önkormányzata", D(2015, 7, 1))
    _member(world, "Velemi Egyesület", D(2015, 6, 1), until=D(2015, 6, 30))
    _member(world, "Megfigyelő Kft.", D(2015, 6, 1), role="observer")
    assert figures.figure(member_indicator, D(2015, 5, 31)).value == 0
    assert figures.figure(member_indicator, D(2015, 6, 20)).value == 2
    assert figures.figure(member_indicator, D(2015, 7, 1)).value == 2
    assert figures.figure(member_indicator, D(2015, 7, 1)).percent == 20


def test_distinct_organisations_are_counted_once(world, member_indicator):
    MembershipFactory(forum=world.forum, organisation=world.organisation,
                      since=D(2015, 6, 16), role="chair")
    assert figures.figure(member_indicator, D(2015, 7, 1)).value == 1
    assert figures.records(member_indicator, D(2015, 7, 1)).count() == 2


def test_only_the_funded_forums_count(world, member_indicator):
    MembershipFactory(forum=world.other_forum, since=D(2015, 6, 1))
    assert figures.figure(member_indicator, D(2015, 7, 1)).value == 1


def test_rule_with_parameters(world, project, extra_rules):
    _member(world, "Kőszeg Város Önkormányzata", D(2015, 6, 16), role="chair")
    chairs = services.indicator_add(project=project, user=world.coordinator, name="Elnökök",
                                    rule=TEST_RULE_CODE, params={"role": "chair"},
                                    unit="tagság", target=1)
    everyone = services.indicator_add(project=project, user=world.coordinator, name="Mind",
                                      rule=TEST_RULE_CODE, unit="tagság", target=1)
    assert figures.figure(chairs, D(2015, 7, 1)).value == 1
    assert figures.figure(everyone, D(2015, 7, 1)).value == 2
    assert figures.figure(chairs, D(2015, 7, 1)).reached


def test_per_settlement_breakdown(world, member_indicator):
    _member(world, "Kőszegi Egyesület", D(2015, 6, 16), seat="Kőszeg")
    _member(world, "Kőszegi Iskola", D(2015, 6, 16), seat="Kőszeg")
    counts = figures.by_settlement(member_indicator, D(2015, 7, 1))
    assert counts == {Settlement.objects.get(name="Kőszeg").pk: 2}


def test_manual_value_in_force_on_a_day(world, manual_indicator, media):
    for day, value in ((D(2015, 6, 30), 3), (D(2015, 9, 30), 8)):
        services.manual_value_add(indicator=manual_indicator, as_of=day, value=value,
                                  evidence=evidence(), user=world.coordinator)
    before = figures.figure(manual_indicator, D(2015, 6, 29))
    assert before.value is None and before.percent is None and not before.reached
    assert figures.figure(manual_indicator, D(2015, 7, 15)).value == Decimal(3)
    item = figures.figure(manual_indicator, D(2015, 10, 1))
    assert item.value == Decimal(8) and item.manual and item.reached
    assert figures.records(manual_indicator, D(2015, 10, 1)) is None


def test_rule_of_an_app_not_installed_has_no_value(project, world, extra_rules):
    indicator = services.indicator_add(project=project, user=world.coordinator, name="x",
                                       rule=TEST_RULE_CODE, unit="db", target=1)
    del extra_rules[TEST_RULE_CODE]
    item = figures.figure(indicator, D(2015, 7, 1))
    assert item.value is None and not item.available and item.percent is None


def test_month_ends_and_series(world, project, member_indicator):
    assert figures.month_ends(D(2015, 4, 1), D(2015, 6, 20)) == [
        D(2015, 4, 30), D(2015, 5, 31), D(2015, 6, 20)]
    assert figures.month_ends(D(2015, 12, 5), D(2016, 1, 31)) == [D(2015, 12, 31),
                                                                 D(2016, 1, 31)]
    series = figures.series(project, D(2015, 7, 31))
    assert [v for _d, v in series[member_indicator.pk]] == [0, 0, 1, 1]
    chart = progress_chart(series[member_indicator.pk], member_indicator.target)
    assert len(chart.dots) == 4 and chart.dots[-1][1] < chart.dots[0][1]
