"""Access rules: Imports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kerekasztal.core.access.roles import _scoped_get

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser


def import_batch_for(user: Viewer, forum: Forum, pk: int, kind: str, action: str):
    from kerekasztal.core.models import ImportBatch

    return _scoped_get(ImportBatch, user, forum, action, pk=pk, forum=forum, kind=kind)
