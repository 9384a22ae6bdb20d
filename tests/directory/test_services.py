import datetime

import pytest
from django.core.exceptions import ValidationError

from kerekasztal.directory import services
from kerekasztal.directory.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_create_organisation_normalises_tax_number_and_search_key(world):
    organisation = services.organisation_create(
        forum=world.forum, name="  Kőszegi Szociális Szövetkezet ", kind="business",
        tax_number="10773381244",
    )
    assert organisation.name == "Kőszegi Szociális Szövetkezet"
    assert organisation.tax_number == "10773381-2-44"
    assert organisation.name_key == "koszegi szocialis szovetkezet"
    assert organisation.history.count() == 1


def test_duplicate_name_in_the_same_forum_is_refused_in_hungarian(world):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(forum=world.forum, name=world.organisation.name,
                                     kind="civil")
    assert "Ilyen nevű szervezet már szerepel" in str(error.value)


def test_same_name_is_allowed_in_another_forum(world):
    services.organisation_create(forum=world.other_forum, name=world.organisation.name,
                                 kind="civil")
    assert Organisation.objects.filter(name=world.organisation.name).count() == 2


def test_consent_basis_requires_a_consent_date_and_nothing_is_saved(world):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.person_create(forum=world.forum, name="Hozzájáruló Hanna",
                               legal_basis="consent",
                               retention_until=datetime.date(2030, 1, 1))
    assert "consent_given_on" in error.value.message_dict
    assert Person.objects.count() == before


def test_person_affiliations_follow_the_chosen_organisations(world):
    second = services.organisation_create(forum=world.forum, name="Velem Község", kind="civil")
    person = services.person_create(
        forum=world.forum, organisations=[world.organisation, second], name="Kettős Kata",
        legal_basis="public_task", retention_until=datetime.date(2030, 1, 1),
    )
    assert set(person.organisations.all()) == {world.organisation, second}
    services.person_update(person=person, organisations=[second], position="titkár")
    assert list(person.organisations.all()) == [second]


def test_organisation_of_another_forum_cannot_be_affiliated(world):
    with pytest.raises(ValueError):
        services.person_create(
            forum=world.forum, organisations=[world.other_organisation], name="Rossz Réka",
            legal_basis="public_task", retention_until=datetime.date(2030, 1, 1),
        )


def test_archive_and_restore(world):
    services.organisation_archive(organisation=world.organisation, archived=True)
    assert world.organisation.is_archived
    services.organisation_archive(organisation=world.organisation, archived=False)
    assert not world.organisation.is_archived
