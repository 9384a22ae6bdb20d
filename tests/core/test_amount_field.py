"""Forint sums as Hungarians write them (core.forms.AmountField)."""

import pytest
from django import forms

from kerekasztal.core.forms import AmountField


class _Form(forms.Form):
    amount = AmountField(required=False)


@pytest.mark.parametrize(("typed", "value"), [
    ("22 000 000", 22_000_000), ("22\u00a0000\u00a0000", 22_000_000), ("22.000.000", 22_000_000),
    ("22000000 Ft", 22_000_000), ("1 250 Ft.", 1250), ("750", 750), ("-1 000", -1000),
    ("", None),
    # as press releases write them (Kőszeg, Kunszentmiklós, Veszprém)
    ("22,0 millió forint", 22_000_000), ("21,98 millió Ft", 21_980_000),
    ("74,976 millió", 74_976_000), ("1,2 milliárd", 1_200_000_000), ("500 ezer", 500_000),
])
def test_sums_with_thousands_separators_and_currency_are_read(typed, value):
    form = _Form(data={"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == value


@pytest.mark.parametrize("typed", ["22,5", "22.5", "huszonkét millió", "1.00.000", "12 Ft 50",
                                   "1,2345 ezer", "millió"])
def test_anything_else_is_refused_with_a_hungarian_example(typed):
    form = _Form(data={"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Adjon meg egy egész összeget, például 22 000 000."]


def test_a_sum_is_shown_grouped_by_thousands_in_a_text_input():
    html = str(_Form(initial={"amount": 22_000_000})["amount"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert 'value="22\u00a0000\u00a0000"' in html
