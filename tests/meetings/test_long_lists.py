"""Meeting pages at ten times the data (issue 18): the decision register's organisation
filter is typed, the invitations and the invitees are a page at a time."""

import pytest

from kerekasztal.meetings import services
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _members(world, n):
    for i in range(n):
        MembershipFactory(forum=world.forum, since=world.membership.since,
                          organisation=OrganisationFactory(forum=world.forum,
                                                           name=f"Tag szervezet {i:02d}"),
                          representatives=[PersonFactory(forum=world.forum,
                                                         name=f"Képviselő {i:02d}")])


def test_register_filters_by_a_typed_organisation_name(coordinator_client, world,
                                                       held_meeting):
    services.attendance_record(meeting=held_meeting, people=[(world.representative,
                                                              world.organisation)])
    services.decision_record(meeting=held_meeting, text="A Bozsoki felelősségű határozat.",
                             responsible_organisation=world.organisation)
    services.decision_record(meeting=held_meeting, text="Egy másik határozat.")
    url = f"/f/{world.forum.slug}/manage/decisions/"
    html = coordinator_client.get(url + "?organisation=bozsok").content.decode()
    assert "A Bozsoki felelősségű határozat." in html
    assert "Egy másik határozat." not in html
    html = coordinator_client.get(url + "?organisation=Nincs+ilyen").content.decode()
    assert "Nincs ilyen nevű rekord" in html


def test_invitees_before_sending_are_a_page_at_a_time(coordinator_client, world, meeting):
    _members(world, 55)
    url = f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/invitations/"
    html = coordinator_client.get(url).content.decode()
    assert "56 tag szervezet." in html
    assert "Képviselő 00" in html and "Tag szervezet 54" not in html
    assert "Tag szervezet 54" in coordinator_client.get(url + "?page=2").content.decode()


def test_invitations_are_a_page_at_a_time_and_the_extra_invitee_typed(coordinator_client,
                                                                      world, meeting):
    _members(world, 55)
    services.invitations_prepare(meeting=meeting)
    url = f"/f/{world.forum.slug}/manage/meetings/{meeting.pk}/invitations/"
    html = coordinator_client.get(url).content.decode()
    assert "56 meghívott." in html
    assert "Képviselő 54" not in html
    assert "Képviselő 54" in coordinator_client.get(url + "?page=2").content.decode()
    response = coordinator_client.post(url, {"name": "Vendég Vera", "email": "vera@example.org",
                                             "organisation": "szervezet 07"})
    assert response.status_code == 302
    extra = meeting.invitations.get(name="Vendég Vera")
    assert extra.organisation.name == "Tag szervezet 07"
