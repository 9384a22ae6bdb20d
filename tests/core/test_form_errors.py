"""A model's or service's ValidationError lands on the form, whatever fields it names."""

from django import forms
from django.core.exceptions import ValidationError

from kerekasztal.core.forms import Form


class TitleForm(Form):
    title = forms.CharField()


def _bound():
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    return form


def test_error_on_a_field_the_form_lacks_becomes_a_non_field_error():
    form = _bound()
    form.add_error(None, ValidationError(
        {"district": "A járási programtervhez adja meg a járást."}))
    assert form.non_field_errors() == ["A járási programtervhez adja meg a járást."]


def test_error_on_a_known_field_stays_next_to_it():
    form = _bound()
    form.add_error(None, ValidationError({"title": "Túl rövid.", "scope": "Rossz."}))
    assert form.errors["title"] == ["Túl rövid."]
    assert form.non_field_errors() == ["Rossz."]


def test_named_unknown_field_is_not_a_server_error():
    form = _bound()
    form.add_error("district", "Hiányzik.")
    assert form.non_field_errors() == ["Hiányzik."]


def test_plain_message_is_a_non_field_error():
    form = _bound()
    form.add_error(None, ValidationError("Nem sikerült."))
    assert form.non_field_errors() == ["Nem sikerült."]
