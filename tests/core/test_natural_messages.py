"""Plain Hungarian limit messages on every form, articles and dates in both languages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.template import Context, Template
from django.utils import translation

from kerekasztal.core.forms import Form, ModelForm
from kerekasztal.plans.models import Measure
from kerekasztal.projects.models import Project


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


class Weight(ModelForm):
    """A measure's weight: a PositiveSmallIntegerField the model limits to 1–100."""

    class Meta:
        model = Measure
        fields = ["weight"]


class GrantRate(ModelForm):
    """A project's grant rate: the model's own message for a negative one."""

    class Meta:
        model = Project
        fields = ["grant_rate"]


def test_a_model_fields_limits_are_the_forms_not_the_column_types():
    # The column type allows 0; the model says 1–100, and so does the help text.
    for typed in ("-3", "0"):
        form = Weight({"weight": typed})
        assert not form.is_valid()
        assert form.errors["weight"] == ["Legalább 1 lehet."]
    form = Weight({"weight": "101"})
    assert not form.is_valid() and form.errors["weight"] == ["Legfeljebb 100 lehet."]
    assert 'min="1"' in str(form["weight"]) and 'max="100"' in str(form["weight"])
    assert Weight({"weight": "1"}).is_valid()


def test_a_model_validators_own_message_is_said_once_next_to_the_field():
    form = GrantRate({"grant_rate": "-5"})
    assert not form.is_valid()
    assert form.errors["grant_rate"] == ["Az intenzitás nem lehet negatív."]
