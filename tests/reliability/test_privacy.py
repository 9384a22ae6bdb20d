"""Data protection: export a person's data, erase (anonymise) keeping counts, retention."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from kerekasztal.core.models import Erasure
from kerekasztal.core.privacy.services import enforce_retention, person_erase, person_export
from kerekasztal.directory import services as directory_services
from kerekasztal.directory.models import Person
from kerekasztal.forums.models import Membership
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(world, person, rest):
    return f"/f/{world.forum.slug}/manage/privacy/people/{person.pk}/{rest}"


def _person(world, **extra):
    person = directory_services.person_create(
        forum=world.forum, user=world.coordinator, name="Adat Aladár",
        email="aladar@example.org", phone="+36 30 123 4567", position="falugondnok",
        legal_basis="consent", consent_given_on=datetime.date(2024, 3, 1),
        retention_until=datetime.date(2027, 12, 31), organisations=[world.organisation],
        **extra,
    )
    directory_services.person_update(person=person, user=world.coordinator,
                                     position="szociális munkás")
    return person


def test_export_has_everything_about_the_person(coordinator_client, world):
    person = _person(world)
    world.membership.representatives.add(person)
    response = coordinator_client.get(url(world, person, "export.json"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["személy"]["név"] == "Adat Aladár"
    assert data["személy"]["telefonszám"] == "+36 30 123 4567"
    assert data["személy"]["hozzájárulás dátuma"] == "2024-03-01"
    assert data["szervezetek"] == [{"szervezet": world.organisation.name,
                                    "szerepkör": "falugondnok"}]
    assert data["képviselet"][0]["szervezet"] == world.organisation.name
    positions = [v["adatok"]["beosztás"] for v in data["korábbi változatok"]]
    assert positions == ["falugondnok", "szociális munkás"]


def test_export_includes_the_login_account(world):
    data = person_export(world.representative)
    assert data["felhasználói fiók"]["e-mail-cím"] == world.member.email


def test_erasure_anonymises_and_keeps_the_counts(coordinator_client, world):
    person = _person(world)
    world.membership.representatives.add(person)
    representatives_before = world.membership.representatives.count()
    page = coordinator_client.get(url(world, person, "erase/"))
    assert "Végleges törlés" in page.content.decode()
    response = coordinator_client.post(url(world, person, "erase/"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == f"Törölt személy #{person.pk}"
    assert (person.email, person.phone, person.position) == ("", "", "")
    assert person.archived_at is not None
    # the counts stay: affiliation, representation
    assert person.affiliations.count() == 1
    assert person.affiliations.get().role == ""
    assert world.membership.representatives.count() == representatives_before
    # no past version keeps the name
    assert not Person.history.filter(id=person.pk, name="Adat Aladár").exists()
    assert not Person.history.filter(id=person.pk, email="aladar@example.org").exists()
    erasure = Erasure.objects.get(object_id=person.pk)
    assert erasure.reason == "request" and erasure.erased_by == world.coordinator
    # nothing left to find in the activity log or the directory
    html = coordinator_client.get(f"/f/{world.forum.slug}/manage/activity/").content.decode()
    assert "Adat Aladár" not in html and "aladar@example.org" not in html
    html = coordinator_client.get(f"/f/{world.forum.slug}/manage/directory/people/?archived=on"
                                  ).content.decode()
    assert "Adat Aladár" not in html


def test_erasure_ends_a_login_without_roles_but_not_a_coordinators(world):
    person_erase(person=world.representative, user=world.coordinator)
    world.member.refresh_from_db()
    assert not world.member.is_active and world.member.email.endswith("@torolt.invalid")
    assert not world.member.has_usable_password()
    assert Membership.objects.filter(pk=world.membership.pk,
                                     representatives=world.representative).exists()

    coordinator_person = PersonFactory(forum=world.forum, user=world.coordinator)
    person_erase(person=coordinator_person, user=world.coordinator)
    world.coordinator.refresh_from_db()
    assert world.coordinator.is_active
    assert world.coordinator.email == "coordinator@example.org"


def test_erasing_twice_does_nothing_more(world):
    person = _person(world)
    first = person_erase(person=person, user=world.coordinator)
    assert person_erase(person=person, user=world.coordinator) == first


def test_other_forums_people_cannot_be_erased_or_exported(coordinator_client, world):
    other = world.other_person
    assert coordinator_client.get(url(world, other, "export.json")).status_code == 404
    assert coordinator_client.post(url(world, other, "erase/")).status_code == 404
    other.refresh_from_db()
    assert other.name == "Más Márta"


def test_retention_command_erases_people_past_their_date(world):
    expired = PersonFactory(forum=world.forum, name="Lejárt Lajos",
                            retention_until=datetime.date(2026, 1, 31))
    current = PersonFactory(forum=world.forum, name="Érvényes Éva",
                            retention_until=datetime.date(2026, 2, 1))
    out = io.StringIO()
    call_command("enforce-retention".replace("-", "_"), "--dry-run", "--today", "2026-02-01",
                 stdout=out)
    assert "Would erase 1 people" in out.getvalue()
    assert "Lejárt" not in out.getvalue()  # no names in scheduler logs
    expired.refresh_from_db()
    assert expired.name == "Lejárt Lajos"

    call_command("enforce_retention", "--today", "2026-02-01", stdout=io.StringIO())
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.name.startswith("Törölt személy")
    assert current.name == "Érvényes Éva"
    assert Erasure.objects.get(object_id=expired.pk).reason == "retention"
    # idempotent
    assert enforce_retention(today=datetime.date(2026, 2, 1)) == []


def test_person_page_offers_the_rights_to_the_coordinator_only(client, world):
    from tests.conftest import login

    page = f"/f/{world.forum.slug}/manage/directory/people/{world.representative.pk}/"
    html = login(client, world.coordinator).get(page).content.decode()
    assert "Adatok törlése" in html and "Adatok letöltése (JSON)" in html
    html = login(client, world.auditor).get(page).content.decode()
    assert "Adatok törlése" not in html


def test_a_new_user_is_never_given_ethnicity_health_or_disability_fields():
    forbidden = ("ethnic", "nemzetis", "health", "egeszseg", "disab", "fogyatek", "roma")
    for model in (Person, UserFactory._meta.model):
        names = [f.name.lower() for f in model._meta.get_fields()]
        assert not [n for n in names for word in forbidden if word in n], names


def test_erasure_asks_every_app_to_forget_its_copies_of_the_person(world):
    """The meetings app copies a representative's name and e-mail into invitations."""
    import datetime as dt

    from django.utils import timezone

    from kerekasztal.meetings import services as meetings
    from kerekasztal.territory.models import Settlement

    start = timezone.now() + dt.timedelta(days=14)
    meeting = meetings.meeting_schedule(
        forum=world.forum, number=9, title="Törlés utáni ülés", starts_at=start,
        ends_at=start + dt.timedelta(hours=2), venue_settlement=Settlement.objects.get(
            name="Kőszeg"),
    )
    meetings.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get(person=world.representative)
    assert invitation.email == world.member.email
    person_erase(person=world.representative, user=world.coordinator)
    invitation.refresh_from_db()
    assert (invitation.name, invitation.email) == ("–", "")
    assert meeting.invitations.count() == 1  # the invitation, and its count, stay
