"""Access rules: Directory (organisations and people belong to the forum's root)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kerekasztal.core.access.roles import AUDITOR, COORDINATOR, _scoped_get

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.directory.models import Organisation, Person
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_DIRECTORY = {
    "directory.view": frozenset({COORDINATOR, AUDITOR}),
    "directory.manage": frozenset({COORDINATOR}),
}


def organisation_for(user: Viewer, forum: Forum, pk: int, action: str) -> Organisation:
    from kerekasztal.directory.models import Organisation

    return _scoped_get(Organisation.objects.select_related("seat"), user, forum, action, pk=pk,
                       forum=forum.root)


def person_for(user: Viewer, forum: Forum, pk: int, action: str) -> Person:
    from kerekasztal.directory.models import Person

    return _scoped_get(Person, user, forum, action, pk=pk, forum=forum.root)
