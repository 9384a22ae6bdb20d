"""The workspace's "invitations waiting for your answer": the viewer's own sent, unanswered
invitations to coming meetings (`meetings.queries.awaiting_answer`)."""

import pytest

from kerekasztal.meetings import queries, services
from kerekasztal.meetings.models import Rsvp

pytestmark = pytest.mark.django_db


def _send(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=meeting)


def test_a_sent_unanswered_invitation_waits_for_its_member(
        world, meeting, django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    waiting = queries.awaiting_answer(world.forum, world.member)
    assert [i.meeting_id for i in waiting] == [meeting.pk]
    assert queries.awaiting_answer(world.forum, world.coordinator) == []


def test_an_invitation_not_yet_sent_does_not_wait(world, meeting):
    services.invitations_prepare(meeting=meeting)
    assert queries.awaiting_answer(world.forum, world.member) == []


def test_an_answered_invitation_no_longer_waits(
        world, meeting, django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    invitation = meeting.invitations.get(person__user=world.member)
    services.invitation_respond(invitation=invitation, answer=Rsvp.MAYBE)
    assert queries.awaiting_answer(world.forum, world.member) == []


def test_a_cancelled_meetings_invitation_no_longer_waits(
        world, meeting, django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, reason="Elmarad.")
    assert queries.awaiting_answer(world.forum, world.member) == []


def test_the_list_is_one_query(world, meeting, django_capture_on_commit_callbacks,
                               django_assert_num_queries):
    _send(meeting, django_capture_on_commit_callbacks)
    with django_assert_num_queries(1):
        waiting = queries.awaiting_answer(world.forum, world.member)
        assert [str(i.meeting) for i in waiting] and [str(i.meeting.venue_settlement)
                                                      for i in waiting]
