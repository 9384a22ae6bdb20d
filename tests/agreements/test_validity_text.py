"""The agreement text's validity sentence takes the days' suffixes."""

import datetime

from kerekasztal.agreements.templates_text import _COMMON_END, fill


def test_validity_days_take_their_suffixes():
    text = fill(_COMMON_END, forum_name="F", title="T", parties=["A"],
                valid_from=datetime.date(2015, 6, 1), valid_until=datetime.date(2031, 12, 31))
    assert "A megállapodás 2015. június 1-jén lép hatályba, és 2031. december 31-ig marad " \
           "hatályban." in " ".join(text.split())


def test_open_ended_validity_reads_naturally():
    text = fill(_COMMON_END, forum_name="F", title="T", parties=["A"], valid_from=None,
                valid_until=None)
    assert ("az utolsó szükséges aláírás napján lép hatályba, és határozatlan ideig marad "
            "hatályban") in " ".join(text.split())
