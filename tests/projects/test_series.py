"""A dashboard series (one query per indicator) equals the indicator's value on each day."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerekasztal.core import contracts
from kerekasztal.core.datasets import synthetic
from kerekasztal.forums.models import Forum
from kerekasztal.projects import figures

pytestmark = pytest.mark.django_db


def _days() -> list[datetime.date]:
    return figures.month_ends(datetime.date(2015, 11, 1), datetime.date(2026, 10, 31))[::5]


def test_every_rule_series_equals_its_value_on_each_day():
    context = synthetic.generate(scale=0.0005, seed=11, forums=1)
    forums = Forum.objects.filter(pk=context.forums[0].pk)
    days = _days()
    checked, nonzero = 0, 0
    for code, rule in contracts.indicator_rules().items():
        variants = [{}] + [{name: choices[0][0]} for name, choices in rule.params.items()
                           if choices]
        for params in variants:
            expected = [rule.value(forums, day, **params) for day in days]
            with CaptureQueriesContext(connection) as queries:
                got = figures.values_on(rule, forums, days, **params)
            assert got == expected, (code, params)
            assert len(queries) == 1, code
            checked += 1
            nonzero += any(expected)
    assert checked >= 10 and nonzero >= 5


def test_series_matches_figures_day_by_day(world, project, member_indicator):
    until = datetime.date(2016, 3, 31)
    series = figures.series(project, until)
    for indicator in project.indicators.all():
        assert series[indicator.pk] == [
            (day, figures.figure(indicator, day).value) for day, _value in series[indicator.pk]]


def _recent_meetings(forums, as_of):
    # A window ending on the day: a parameter derived from the day, not the day itself.
    from kerekasztal.meetings.models import Meeting

    return Meeting.objects.filter(forum__in=forums, starts_at__date__lte=as_of,
                                  starts_at__date__gt=as_of - datetime.timedelta(days=400))


def _none_before_2020(forums, as_of):
    from kerekasztal.meetings.models import Meeting

    meetings = Meeting.objects.filter(forum__in=forums, starts_at__date__lte=as_of)
    return meetings if as_of.year >= 2020 else meetings.none()


@pytest.mark.parametrize("records", [_recent_meetings, _none_before_2020])
def test_rules_whose_sql_changes_with_the_day_are_compiled_day_by_day(records):
    context = synthetic.generate(scale=0.0005, seed=12, forums=1)
    forums = Forum.objects.filter(pk=context.forums[0].pk)
    rule = contracts.IndicatorRule(code="test.x", label="x", unit="db", records=records)
    days = _days()
    expected = [rule.value(forums, day) for day in days]
    assert any(expected) and not all(expected)
    assert figures.values_on(rule, forums, days) == expected


def test_a_dated_rule_is_one_group_by_whatever_the_number_of_days():
    """Issue 18: a rule naming its records' date (a running total) is counted once, each
    day a conditional count over the same records (not 24 scalar subqueries), and its
    date-times are compared as stored (no date computed per row: on SQLite that is a
    Python function call)."""
    synthetic.generate(scale=0.0005, seed=12, forums=1)
    forums = Forum.objects.filter(slug__startswith="gen-")
    rules = contracts.indicator_rules()
    dated = [code for code, rule in rules.items() if rule.dated]
    assert {"events.held", "events.participants", "meetings.participants"} <= set(dated)
    for code in dated:
        with CaptureQueriesContext(connection) as queries:
            figures.values_on(rules[code], forums, _days())
        (query,) = queries.captured_queries
        sql = query["sql"]
        assert sql.count("COUNT(CASE WHEN first_at <") == len(_days()), code
        assert "SELECT COUNT(*) FROM" not in sql, code
        assert "cast_date" not in sql and "AT TIME ZONE" not in sql, code
