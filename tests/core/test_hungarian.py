"""Hungarian grammar helpers, over every day and number kind they can meet."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from kerekasztal.core import hungarian as hu

ON = ("1-jén 2-án 3-án 4-én 5-én 6-án 7-én 8-án 9-én 10-én 11-én 12-én 13-án 14-én 15-én "
      "16-án 17-én 18-án 19-én 20-án 21-én 22-én 23-án 24-én 25-én 26-án 27-én 28-án 29-én "
      "30-án 31-én").split()
FROM = ("1-jétől 2-ától 3-ától 4-étől 5-étől 6-ától 7-étől 8-ától 9-étől 10-étől 11-étől "
        "12-étől 13-ától 14-étől 15-étől 16-ától 17-étől 18-ától 19-étől 20-ától 21-étől "
        "22-étől 23-ától 24-étől 25-étől 26-ától 27-étől 28-ától 29-étől 30-ától "
        "31-étől").split()
OF = ("1-jei 2-ai 3-ai 4-ei 5-ei 6-ai 7-ei 8-ai 9-ei 10-ei 11-ei 12-ei 13-ai 14-ei 15-ei "
      "16-ai 17-ei 18-ai 19-ei 20-ai 21-ei 22-ei 23-ai 24-ei 25-ei 26-ai 27-ei 28-ai 29-ei "
      "30-ai 31-ei").split()


@pytest.mark.parametrize("day", range(1, 32))
def test_every_day_takes_its_suffixes(day):
    assert hu.day_on(day) == ON[day - 1]
    assert hu.day_from(day) == FROM[day - 1]
    assert hu.day_of(day) == OF[day - 1]
    assert hu.day_until(day) == f"{day}-ig"


@pytest.mark.parametrize("day", [0, 32])
def test_impossible_day_is_refused(day):
    with pytest.raises(ValueError):
        hu.day_on(day)


@pytest.mark.parametrize(("following", "expected"), [
    ("10. ülés", "a"), ("1. ülés", "az"), ("5.", "az"), ("2.", "a"), (18, "a"),
    (1, "az"), (5, "az"), (50, "az"), (500, "az"), (100, "a"), (10, "a"), (11, "a"),
    (1000, "az"), (1500, "az"), (10000, "a"), ("1 000 000", "az"), (2026, "a"),
    (0, "a"), ("Esélyteremtő", "az"), ("Kőszegi Járási Kerekasztal", "a"),
    ("„Kőszegi”", "a"), ("„Újrakezdés” képzés", "az"), ("Őrség", "az"), ("ülés", "az"),
    ("EFOP", "az"), ("ÁROP", "az"), ("TOP", "a"), ("KSH", "a"), ("SZMSZ", "az"),
    ("MNB", "az"), ("HEP", "a"), ("I. félév", "az"), ("II. félév", "a"),
    ("V. kerület", "az"), ("X. kerület", "a"), ("Iroda", "az"), ("", "a"),
])
def test_article_follows_how_the_next_word_is_read(following, expected):
    assert hu.article(following) == expected


def test_with_article_leaves_other_languages_alone():
    from django.utils import translation

    with translation.override("en"):
        assert hu.with_article("Esély", capital=True) == "Esély"
    with translation.override("hu"):
        assert hu.with_article(2) == "a 2"


def test_with_article_can_open_a_sentence():
    assert hu.with_article("10.", capital=True) == "A 10."
    assert hu.with_article("Esélyteremtő Programterv") == "az Esélyteremtő Programterv"


def test_numbers_from_one_to_a_million_choose_by_their_first_spoken_word():
    for n in range(1, 1_000_001, 7):
        first = str(n)[0]
        spoken_egy = first == "1" and len(str(n)) in (1, 4, 7)
        assert hu.article(n) == ("az" if first == "5" or spoken_egy else "a"), n


def test_dates_long_and_short():
    day = datetime.date(2015, 6, 1)
    assert hu.date_long(day) == "2015. június 1."
    assert hu.date_long(day, "on") == "2015. június 1-jén"
    assert hu.date_long(datetime.date(2031, 12, 31), "until") == "2031. december 31-ig"
    assert hu.date_long(datetime.date(2026, 5, 26), "on") == "2026. május 26-án"
    assert hu.date_short(datetime.date(2026, 12, 5)) == "2026. 12. 05."
    assert hu.date_long(None) == "–"


@pytest.mark.parametrize("month", range(1, 13))
def test_decision_number_has_roman_month_and_plain_day(month):
    text = hu.decision_number(1, datetime.date(2026, month, 5))
    assert text == f"1/2026. ({hu.ROMAN_MONTHS[month - 1]}. 5.)"
    assert hu.decision_number(3, datetime.date(2026, 12, 5)) == "3/2026. (XII. 5.)"


def test_numbers_and_percentages():
    assert hu.number(11.5, 1) == "11,5"
    assert hu.number(1234) == "1234"
    assert hu.number(12345) == "12\u202f345"
    assert hu.number(Decimal("-1234567.25"), 2) == "-1\u202f234\u202f567,25"
    assert hu.percent(14, 12) == "116,7%"
    assert hu.percent(12, 12) == "100%"
    assert hu.percent(1, 3) == "33,3%"
    assert hu.percent(1, 0) == "–"


def test_the_percent_sign_follows_the_number_without_a_space():
    """AkH 12: "85,5%", "140%" (never "140 %"), trailing zeros dropped."""
    assert hu.percentage(Decimal("85.50"), 2) == "85,5%"
    assert hu.percentage(140) == "140%"
    assert hu.percentage(Decimal("33.333")) == "33,3%"
    assert hu.percentage(Decimal("12345.6")) == "12\u202f345,6%"
    assert hu.percentage(None) == "–"


def test_numbers_keep_their_own_places_when_asked():
    assert hu.number(Decimal("12.50"), None) == "12,5"
    assert hu.number(Decimal("12345.00"), None) == "12\u202f345"
    assert hu.number(3, None) == "3"
    assert hu.number("", None) == "–"


def test_pages_in_english_write_numbers_as_english_does():
    with translation.override("en"):
        assert hu.page_number(12345) == "12,345"
        assert hu.page_number(Decimal("1234567.25"), 2) == "1,234,567.25"
        assert hu.page_percentage(Decimal("85.50"), 2) == "85.5%"
        assert hu.page_percentage(None) == "–"
    with translation.override("hu"):
        assert hu.page_number(12345) == "12\u202f345"
        assert hu.page_percentage(Decimal("85.50"), 2) == "85,5%"


def test_template_filters_follow_the_page_language():
    from django.template import Context, Template

    template = Template("{% load kerekasztal %}{{ n|hu_number }} {{ d|hu_number:'auto' }} "
                        "{{ p|hu_percent }} {{ i|hu_percent:0 }} {{ none|hu_percent }}")
    context = Context({"n": 15682, "d": Decimal("12.50"), "p": Decimal("85.5"), "i": 140,
                       "none": None})
    with translation.override("hu"):
        assert template.render(context) == "15\u202f682 12,5 85,5% 140% –"
    with translation.override("en"):
        assert template.render(context) == "15,682 12.5 85.5% 140% –"


def test_template_filters_show_what_is_not_a_number_as_it_is():
    from django.template import Context, Template

    template = Template("{% load kerekasztal %}{{ v|hu_number }} {{ v|hu_percent }}")
    assert template.render(Context({"v": "n. a."})) == "n. a. n. a."
