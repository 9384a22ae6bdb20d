"""Access rules: Imports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from kerekasztal.core.access.roles import require

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser


def import_batch_for(user: Viewer, forum: Forum, pk: int, kind: str, action: str):
    from kerekasztal.core.models import ImportBatch

    require(user, action, forum)
    try:
        return ImportBatch.objects.get(pk=pk, forum=forum, kind=kind)
    except ImportBatch.DoesNotExist as exc:
        raise Http404 from exc
