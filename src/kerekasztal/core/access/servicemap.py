"""Access rules: Service map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kerekasztal.core.access.roles import (
    ANY_ROLE,
    COORDINATOR,
    MEMBER,
    SETTLEMENT_OFFICER,
    Role,
    _scoped_get,
    require,
    roles_in,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_SERVICEMAP: dict[str, frozenset[Role]] = {
    "servicemap.view": ANY_ROLE,
    "servicemap.manage": frozenset({COORDINATOR}),
    # Settlement officers for their own settlements only (checked by the helpers below).
    "servicemap.point.edit": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "servicemap.questionnaire": frozenset({COORDINATOR, SETTLEMENT_OFFICER}),
    "servicemap.comment": frozenset({COORDINATOR, MEMBER, SETTLEMENT_OFFICER}),
}


def settlements_editable_by(user: Viewer, forum: Forum) -> frozenset[int] | None:
    """The settlements whose records (HEP, services) the user may create or edit: None means
    every settlement of the forum (coordinators), else a settlement officer's own."""
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return None
    if SETTLEMENT_OFFICER in roles:
        return roles.settlement_ids
    return frozenset()


def _servicemap_settlement_allowed(user: Viewer, forum: Forum, settlement_id: int) -> None:
    allowed = settlements_editable_by(user, forum)
    if allowed is not None and settlement_id not in allowed:
        raise PermissionDenied


def service_type_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.servicemap.models import ServiceType

    return _scoped_get(ServiceType, user, forum, action, pk=pk)


def service_point_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A service point of the forum; a settlement officer may edit only points seated in
    their settlement."""
    from kerekasztal.servicemap.models import ServicePoint

    point = _scoped_get(ServicePoint.objects.select_related("service_type", "settlement"), user,
                        forum, action, pk=pk, forum=forum)
    if action == "servicemap.point.edit":
        _servicemap_settlement_allowed(user, forum, point.settlement_id)
    return point


def questionnaire_settlement_for(user: Viewer, forum: Forum, settlement_pk: int):
    """A settlement of the forum's territory whose questionnaire the user may fill in."""
    require(user, "servicemap.questionnaire", forum)
    settlement = forum.settlements().filter(pk=settlement_pk).first()
    if settlement is None:
        raise Http404
    _servicemap_settlement_allowed(user, forum, settlement.pk)
    return settlement


def service_gap_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.servicemap.models import Gap

    return _scoped_get(Gap.objects.select_related("settlement", "service_type"), user, forum,
                       action, pk=pk, forum=forum)
