import datetime

import pytest

from kerekasztal.projects import huformat
from kerekasztal.projects.writing import az, duration


@pytest.mark.parametrize(("amount", "text"), [
    (22_000_000, "22,0 millió forint"),
    (74_976_000, "74,976 millió forint"),
    (21_980_000, "21,98 millió forint"),
    (1_500_000, "1,5 millió forint"),
    (120_000_000, "120,0 millió forint"),
])
def test_million_forints(amount, text):
    assert huformat.million_forints(amount) == text


def test_numbers_use_a_narrow_no_break_space_for_thousands_and_comma_for_decimals():
    """core.hungarian's format: four digits stay whole (AkH 12), five and more are grouped."""
    assert huformat.number(1250) == "1250"
    assert huformat.number(22000000) == "22\u202f000\u202f000"
    assert huformat.number("12.50") == "12,5"
    assert huformat.forints(1_250_000) == "1\u202f250\u202f000 Ft"
    assert huformat.percent(100) == "100%"
    assert huformat.percent("85.50") == "85,5%"


def test_period_between_two_days():
    assert huformat.period(datetime.date(2015, 4, 1), datetime.date(2015, 11, 30)) == (
        "2015. április 1. és 2015. november 30. között")


@pytest.mark.parametrize(("day", "text"), [
    (30, "2015. október 30-án"), (1, "2015. október 1-jén"), (2, "2015. október 2-án"),
    (4, "2015. október 4-én"), (10, "2015. október 10-én"), (20, "2015. október 20-án"),
    (21, "2015. október 21-jén"), (15, "2015. október 15-én"), (8, "2015. október 8-án"),
])
def test_on_a_day_takes_the_right_suffix(day, text):
    assert huformat.on_day(datetime.date(2015, 10, day)) == text


def test_article_and_duration():
    assert az("ÁROP") == "az" and az("TOP") == "a" and az("EFOP") == "az"
    assert duration(datetime.date(2015, 5, 15), datetime.date(2015, 10, 31)) == "közel fél éves"
    assert duration(datetime.date(2015, 4, 1), datetime.date(2015, 11, 30)) == "8 hónapos"
