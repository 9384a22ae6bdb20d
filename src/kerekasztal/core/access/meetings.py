"""Access rules: Meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kerekasztal.core.access.forums import forums_of
from kerekasztal.core.access.roles import (
    AUDITOR,
    COORDINATOR,
    MEMBER,
    Role,
    _scoped_get,
    can,
    roles_in,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

# Closed materials (agenda attachments, attendance, minutes, decisions) are for the forum's
# members (incl. permanent invitees), coordinators and auditors: nobody else.
_MEETING_READERS = frozenset({MEMBER, COORDINATOR, AUDITOR})

_RULES_MEETINGS: dict[str, frozenset[Role]] = {
    "meetings.view": _MEETING_READERS,
    "meetings.manage": frozenset({COORDINATOR}),
    "meetings.rsvp": frozenset({MEMBER}),
    "meetings.comment": frozenset({MEMBER, COORDINATOR}),
}


def meeting_for(user: Viewer, forum: Forum, pk: int, action: str):
    """A meeting of the forum (of this forum only: a working group's are its own)."""
    from kerekasztal.meetings.models import Meeting

    return _scoped_get(Meeting.objects.select_related("forum", "venue_settlement"), user, forum,
                       action, pk=pk, forum=forum)


def minutes_visible(user: Viewer, forum: Forum, minutes) -> bool:
    """Draft minutes are the coordinators' and auditors'; members see sent and approved ones."""
    from kerekasztal.meetings.models import MinutesStatus

    if minutes is None:
        return False
    return minutes.status != MinutesStatus.DRAFT or bool(
        roles_in(user, forum).roles & {COORDINATOR, AUDITOR})


def public_meeting_for(forum: Forum, pk: int):
    """A meeting the forum publishes (public, not cancelled); anyone may see it."""
    from kerekasztal.meetings.models import Meeting

    return get_object_or_404(Meeting.objects.public().select_related("forum", "venue_settlement"),
                             pk=pk, forum=forum)


def agenda_item_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    from kerekasztal.meetings.models import AgendaItem

    return _scoped_get(AgendaItem.objects.select_related("meeting__forum"), user, forum, action,
                       pk=pk, meeting_id=meeting_pk, meeting__forum=forum)


def agenda_attachment_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    from kerekasztal.meetings.models import AgendaAttachment

    return _scoped_get(AgendaAttachment.objects.select_related("item__meeting"), user, forum,
                       action, pk=pk, item__meeting_id=meeting_pk, item__meeting__forum=forum)


def invitation_for(user: Viewer, forum: Forum, meeting_pk: int, pk: int, action: str):
    """An invitation; members may only answer their own (or their organisation's)."""
    from kerekasztal.meetings.models import Invitation

    invitation = _scoped_get(Invitation.objects.select_related("meeting__forum", "person"), user,
                             forum, action, pk=pk, meeting_id=meeting_pk, meeting__forum=forum)
    if action == "meetings.rsvp" and (invitation.person is None
                                      or invitation.person.user_id != user.pk):
        raise PermissionDenied
    return invitation


def has_rsvp_desk(user: Viewer, forum: Forum) -> bool:
    """Whether the viewer's workspace lists the invitations waiting for their answer: for
    those who may answer invitations (members' representatives)."""
    return can(user, "meetings.rsvp", forum)


def decision_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.meetings.models import Decision

    return _scoped_get(Decision.objects.select_related("meeting", "responsible_organisation"), user,
                       forum, action, pk=pk, forum=forum)


def calendar_forums(user: Viewer) -> list[Forum]:
    """Forums whose closed sessions the user may see in their calendar feed."""
    return [forum for forum in forums_of(user) if can(user, "meetings.view", forum)]
