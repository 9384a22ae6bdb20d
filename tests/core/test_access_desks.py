"""The workspace front page's desks (`core.access.hep_desk_settlements`,
`signing_desk_organisations`): whose HEPs and whose agreements wait on the viewer is a
permission decision, made in core/access like the others."""

import pytest

from kerekasztal.core import access

pytestmark = pytest.mark.django_db


def test_a_coordinators_hep_desk_covers_every_settlement(world):
    assert access.hep_desk_settlements(world.coordinator, world.forum) == (True, None)


def test_a_hep_officers_desk_covers_their_own_settlements_only(world):
    has_desk, settlements = access.hep_desk_settlements(world.settlement_officer, world.forum)
    assert has_desk and settlements == frozenset({world.settlement.pk})


@pytest.mark.parametrize("who", ["member", "auditor", "outsider"])
def test_other_roles_have_no_hep_desk(world, who):
    assert access.hep_desk_settlements(getattr(world, who), world.forum) == (False, frozenset())


def test_a_member_signs_for_their_own_organisations(world):
    assert access.signing_desk_organisations(world.member, world.forum) == frozenset(
        {world.organisation.pk})


@pytest.mark.parametrize("who", ["coordinator", "auditor", "settlement_officer", "outsider"])
def test_others_have_nothing_to_sign_on_the_workspace(world, who):
    assert access.signing_desk_organisations(getattr(world, who), world.forum) == frozenset()


def test_another_forums_roles_give_no_desk(world):
    assert access.hep_desk_settlements(world.settlement_officer, world.other_forum)[0] is False
    assert access.signing_desk_organisations(world.member, world.other_forum) == frozenset()


def test_a_member_answers_invitations_on_the_workspace(world):
    assert access.has_rsvp_desk(world.member, world.forum) is True


@pytest.mark.parametrize("who", ["coordinator", "auditor", "settlement_officer", "outsider"])
def test_others_have_no_invitations_to_answer_on_the_workspace(world, who):
    assert access.has_rsvp_desk(getattr(world, who), world.forum) is False


def test_another_forums_member_has_no_invitations_desk(world):
    assert access.has_rsvp_desk(world.member, world.other_forum) is False
