"""Optimistic concurrency on every edit form (issue 17): the second of two people editing one
record is refused with what changed, instead of silently overwriting the first."""

import pytest
from django import forms

from kerekasztal.core.forms import VERSION_FIELD, Form
from kerekasztal.directory.forms import OrganisationForm
from kerekasztal.directory.models import Organisation

pytestmark = pytest.mark.django_db


def _data(form) -> dict:
    """What the browser posts back: every field's value as the page showed it."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    return data


def _loaded(world):
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    return _data(OrganisationForm(instance=organisation, forum=world.forum))


def _bind(world, data):
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    return OrganisationForm(data, instance=organisation, forum=world.forum)


def test_an_edit_form_carries_the_version_it_was_loaded_with(world):
    assert _loaded(world)[VERSION_FIELD]


def test_the_second_save_is_refused_and_says_what_changed(world):
    first, second = _loaded(world), _loaded(world)
    form = _bind(world, {**first, "name": "Bozsok Község Önkormányzata (új név)"})
    assert form.is_valid(), form.errors
    form.save()
    late = _bind(world, {**second, "phone": "+36 94 123 456"})
    assert not late.is_valid()
    message = " ".join(late.non_field_errors())
    assert "Időközben más módosította" in message
    assert "Név: „Bozsok Község Önkormányzata (új név)”" in message
    assert Organisation.objects.get(pk=world.organisation.pk).name.endswith("(új név)")


def test_saving_again_after_the_refusal_overwrites_knowingly(world):
    first, second = _loaded(world), _loaded(world)
    saved = _bind(world, {**first, "name": "Első mentés"})
    assert saved.is_valid()
    saved.save()
    late = _bind(world, {**second, "name": "Második mentés"})
    assert not late.is_valid()
    again = _bind(world, {**second, "name": "Második mentés",
                          VERSION_FIELD: late.data[VERSION_FIELD]})
    assert again.is_valid(), again.errors
    again.save()
    assert Organisation.objects.get(pk=world.organisation.pk).name == "Második mentés"


def test_saving_unchanged_fields_of_another_edit_is_not_a_conflict(world):
    loaded = _loaded(world)
    form = _bind(world, loaded)
    assert form.is_valid(), form.errors


def test_a_forged_version_is_a_conflict_not_a_server_error(world):
    form = _bind(world, {**_loaded(world), VERSION_FIELD: "hamis:token"})
    assert not form.is_valid()
    assert "Időközben más módosította" in " ".join(form.non_field_errors())


def test_a_post_without_a_version_is_not_checked(world):
    """Scripts and API clients that never loaded the form."""
    data = _loaded(world)
    data.pop(VERSION_FIELD)
    assert _bind(world, data).is_valid()


class RenameForm(Form):
    name = forms.CharField()


def test_a_plain_form_over_a_record_gets_the_same_check(world):
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    loaded = RenameForm(initial={"name": organisation.name}, version_of=organisation)
    token = loaded[VERSION_FIELD].value()
    Organisation.objects.filter(pk=organisation.pk).update(name="Közben átnevezve")
    fresh = Organisation.objects.get(pk=organisation.pk)
    late = RenameForm({"name": "Más név", VERSION_FIELD: token}, version_of=fresh)
    assert not late.is_valid()
    assert "Közben átnevezve" in " ".join(late.non_field_errors())


def test_a_new_record_has_no_version(world):
    assert VERSION_FIELD not in OrganisationForm(forum=world.forum).fields
    assert VERSION_FIELD not in RenameForm().fields


def test_the_version_token_is_not_in_the_cleaned_data(world):
    """Views pass cleaned_data to services as keyword arguments: the token must not be one
    (saving a press release's edit page answered 500 with it)."""
    form = _bind(world, _loaded(world))
    assert form.is_valid(), form.errors
    assert VERSION_FIELD not in form.cleaned_data
