"""Plain Hungarian limit messages on every form, articles and dates in both languages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.template import Context, Template
from django.utils import translation

from kerekasztal.core.forms import Form


class Limits(Form):
    share = forms.IntegerField(label="Arány", min_value=0, max_value=100)
    amount = forms.DecimalField(label="Összeg", required=False,
                                validators=[MaxValueValidator(2.5)])
    name = forms.CharField(label="Név", max_length=5, required=False)


def _errors(data):
    form = Limits(data)
    assert not form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}


def test_limits_are_said_plainly():
    assert _errors({"share": "101"})["share"] == ["Legfeljebb 100 lehet."]
    assert _errors({"share": "-1"})["share"] == ["Legalább 0 lehet."]
    assert _errors({"share": "1", "name": "hatbetű"})["name"] == [
        "Legfeljebb 5 karakter lehet."]
    assert _errors({"share": "1", "amount": "3"})["amount"] == ["Legfeljebb 2,5 lehet."]


def test_a_models_limit_error_added_to_the_form_is_reworded_too():
    form = Limits({"share": "5"})
    assert form.is_valid()
    from django.core.validators import MaxValueValidator, MinValueValidator

    try:  # a model field's validator, as full_clean() runs it
        MaxValueValidator(4)(5)
    except ValidationError as error:
        form.add_error(None, ValidationError({"share": error}))
    assert form.errors["share"] == ["Legfeljebb 4 lehet."]
    # a validator's own message is the model's word and stays
    try:
        MinValueValidator(0, "Az érték nem lehet negatív.")(-1)
    except ValidationError as error:
        form.add_error(None, ValidationError({"share": error}))
    assert form.errors["share"] == ["Legfeljebb 4 lehet.", "Az érték nem lehet negatív."]


def test_limits_in_english():
    with translation.override("en"):
        assert _errors({"share": "101"})["share"] == ["At most 100."]


def _render(source, **context):
    return Template("{% load kerekasztal %}" + source).render(Context(context))


def test_article_filters_only_in_hungarian():
    source = "{{ title|article|capfirst }} „{{ title }}” · {{ n|az }}."
    assert _render(source, title="Esélyteremtő nap", n=1) == "Az „Esélyteremtő nap” · az 1."
    with translation.override("en"):
        assert _render(source, title="Esélyteremtő nap", n=1) == " „Esélyteremtő nap” · 1."


def test_dates_have_one_long_and_one_compact_form_per_language():
    day = datetime.date(2026, 12, 8)
    source = ('{{ day|date:"DATE_FORMAT" }} | {{ day|date:"SHORT_DATE_FORMAT" }} | '
              '{{ day|hu_date:"until" }}')
    assert _render(source, day=day) == "2026. december 8. | 2026. 12. 08. | 2026. december 8-ig"
    with translation.override("en"):
        assert _render(source, day=day) == "8 December 2026 | 08/12/2026 | 8 December 2026"
