"""`core.access.roles._scoped_get`: the one "require the action, get the forum's record, or
404" that the apps' object helpers (`organisation_for`, `meeting_for`, ...) are made of."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kerekasztal.core import access
from kerekasztal.core.access.roles import _scoped_get
from kerekasztal.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_coordinator_gets_the_forums_record(world):
    found = _scoped_get(Organisation, world.coordinator, world.forum, "directory.manage",
                        pk=world.organisation.pk, forum=world.forum)
    assert found == world.organisation


def test_another_forums_record_is_404_as_a_missing_one(world):
    for pk in (world.other_organisation.pk, 987654):
        with pytest.raises(Http404):
            _scoped_get(Organisation, world.coordinator, world.forum, "directory.manage",
                        pk=pk, forum=world.forum)


def test_the_action_is_required_before_the_record_is_looked_up(world):
    # 403, not 404, for one who may not take the action, whether the record exists or not
    for pk in (world.organisation.pk, 987654):
        with pytest.raises(PermissionDenied):
            _scoped_get(Organisation, world.member, world.forum, "directory.manage", pk=pk,
                        forum=world.forum)


def test_a_narrowed_queryset_is_the_scope(world):
    narrowed = Organisation.objects.filter(forum=world.forum).exclude(pk=world.organisation.pk)
    with pytest.raises(Http404):
        _scoped_get(narrowed, world.coordinator, world.forum, "directory.manage",
                    pk=world.organisation.pk)


def test_the_helpers_are_made_of_it(world):
    assert access.organisation_for(world.coordinator, world.forum, world.organisation.pk,
                                   "directory.view") == world.organisation
    with pytest.raises(Http404):
        # the other forum's coordinator asks their forum for this forum's organisation
        access.organisation_for(world.outsider, world.other_forum, world.organisation.pk,
                                "directory.view")
