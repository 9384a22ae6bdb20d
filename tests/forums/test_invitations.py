"""Existing accounts join a forum only by accepting an e-mailed invitation (issue 21)."""

import re

import pytest
from django.core import mail

from kerekasztal.core.privacy.services import person_erase
from kerekasztal.directory.models import Person
from kerekasztal.forums import services
from kerekasztal.forums.models import AccountInvitation, ForumAccess
from tests.conftest import login
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _grant_login(client, world, person):
    return client.post(f"/f/{world.other_forum.slug}/manage/directory/people/{person.pk}/login/",
                       follow=True)


def _invitation_url(message) -> str:
    return re.search(r"https?://\S+(/accounts/invitations/\S+/)", message.body).group(1)


def test_giving_login_to_an_existing_account_only_mails_its_owner(
        client, world, django_capture_on_commit_callbacks):
    """Another forum's coordinator types the address of this forum's member."""
    stranger = PersonFactory(forum=world.other_forum, name="Kitalált Kata",
                             email="MEMBER@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        page = _grant_login(client, world, stranger).content.decode()
    assert "Meghívót küldtünk" in page
    stranger.refresh_from_db()
    assert stranger.user is None  # nothing linked without the owner's consent
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert "Kunszentmiklósi Kerekasztal" in mail.outbox[0].body
    person_page = client.get(f"/f/{world.other_forum.slug}/manage/directory/people/"
                             f"{stranger.pk}/").content.decode()
    assert "Tag Tamás" not in person_page  # the account's real name stays hidden


def test_giving_login_to_an_address_already_linked_elsewhere_does_not_fail(
        client, world, django_capture_on_commit_callbacks):
    """Issue 21/3: UNIQUE constraint failed: directory_person.user_id answered 500."""
    stranger = PersonFactory(forum=world.other_forum, name="Más Mátyás",
                             email="member@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = _grant_login(client, world, stranger)
    assert response.status_code == 200
    assert world.representative.user == world.member


def test_erasing_the_person_then_leaves_the_account_alone(
        client, world, django_capture_on_commit_callbacks):
    """Issue 21/2: give login, then erase, disabled an account that was not the forum's."""
    stranger = PersonFactory(forum=world.other_forum, name="Áldozat", email="member@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _grant_login(client, world, stranger)
    client.post(f"/f/{world.other_forum.slug}/manage/privacy/people/{stranger.pk}/erase/")
    world.member.refresh_from_db()
    assert world.member.is_active and world.member.email == "member@example.org"
    assert world.member.has_usable_password()


def test_an_account_linked_in_two_forums_survives_erasure_in_one(world):
    """Even an account linked before invitations existed: it was another forum's member."""
    lone = UserFactory(email="egyedul@example.org", full_name="Egyedül Edit")
    first = PersonFactory(forum=world.forum, name="Egyedül Edit", user=lone)
    first.user = None  # the first forum's link ended (e.g. the person left)
    first.save()
    second = PersonFactory(forum=world.other_forum, name="Egyedül Edit", user=lone)
    person_erase(person=second, user=world.outsider)
    lone.refresh_from_db()
    assert lone.is_active
    second.refresh_from_db()
    assert second.user is None


def test_an_account_only_this_forum_ever_used_is_anonymised(world):
    lone = UserFactory(email="csak-itt@example.org", full_name="Csak Itt")
    person = PersonFactory(forum=world.other_forum, name="Csak Itt", user=lone)
    person_erase(person=person, user=world.outsider)
    lone.refresh_from_db()
    assert not lone.is_active and lone.email.endswith("@torolt.invalid")


def test_the_owner_accepts_and_only_then_the_login_is_linked(
        client, world, django_capture_on_commit_callbacks):
    lone = UserFactory(email="meghivott@example.org", full_name="Meghívott Miklós")
    stranger = PersonFactory(forum=world.other_forum, name="M. Miklós",
                             email="meghivott@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _grant_login(client, world, stranger)
    url = _invitation_url(mail.outbox[-1])
    assert client.get(url).status_code == 404  # the inviter cannot accept for the owner
    login(client, lone)
    page = client.get(url)
    assert page.status_code == 200 and "Kunszentmiklósi Kerekasztal" in page.content.decode()
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302
    stranger.refresh_from_db()
    assert stranger.user == lone
    assert client.get(url).status_code == 404  # used


def test_a_declined_invitation_links_nothing(client, world):
    lone = UserFactory(email="nem@example.org", full_name="Nem Nóra")
    services.access_grant(forum=world.other_forum, email="nem@example.org", full_name="N",
                          role="auditor", granted_by=world.outsider)
    invitation = AccountInvitation.objects.get(user=lone)
    token = "x"
    invitation.token_hash = services.invitation_token_hash(token)
    invitation.save()
    login(client, lone)
    client.post(f"/accounts/invitations/{token}/", {"answer": "decline"})
    assert not ForumAccess.objects.filter(user=lone).exists()
    invitation.refresh_from_db()
    assert invitation.declined_at is not None


def test_a_role_for_an_existing_account_waits_for_acceptance(
        client, world, django_capture_on_commit_callbacks):
    """Issue 21/3: the grant showed the account's name and forced two-factor enrolment."""
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/f/{world.other_forum.slug}/manage/access/",
                               {"email": "member@example.org", "full_name": "Bárki",
                                "role": "coordinator"}, follow=True)
    page = response.content.decode()
    assert "Meghívót küldtünk" in page and "Tag Tamás" not in page
    assert not ForumAccess.objects.filter(user=world.member, forum=world.other_forum).exists()
    assert mail.outbox[-1].to == ["member@example.org"]
    login(client, world.member)
    url = _invitation_url(mail.outbox[-1])
    client.post(url, {"answer": "accept"})
    assert ForumAccess.objects.filter(user=world.member, forum=world.other_forum,
                                      role="coordinator").exists()


def test_accepting_a_login_when_the_account_already_has_a_person_is_explained(
        client, world, django_capture_on_commit_callbacks):
    stranger = PersonFactory(forum=world.other_forum, name="Tag T.", email="member@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _grant_login(client, world, stranger)
    login(client, world.member)
    page = client.post(_invitation_url(mail.outbox[-1]), {"answer": "accept"})
    assert page.status_code == 200
    assert "másik fórum kapcsolattartójához tartozik" in page.content.decode()
    assert not Person.objects.filter(pk=stranger.pk, user=world.member).exists()


def test_a_new_address_still_gets_a_new_account_at_once(
        client, world, django_capture_on_commit_callbacks):
    stranger = PersonFactory(forum=world.other_forum, name="Új Ubul", email="uj@example.org")
    login(client, world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _grant_login(client, world, stranger)
    stranger.refresh_from_db()
    assert stranger.user is not None and stranger.user.email == "uj@example.org"
