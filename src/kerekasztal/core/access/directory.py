"""Access rules: Directory (organisations and people belong to the forum's root)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from kerekasztal.core.access.roles import AUDITOR, COORDINATOR, require

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

    require(user, action, forum)
    try:
        return Organisation.objects.select_related("seat").get(pk=pk, forum=forum.root)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def person_for(user: Viewer, forum: Forum, pk: int, action: str) -> Person:
    from kerekasztal.directory.models import Person

    require(user, action, forum)
    try:
        return Person.objects.get(pk=pk, forum=forum.root)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
