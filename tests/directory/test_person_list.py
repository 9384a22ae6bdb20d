"""The people list at ten times the data (issue 18): the organisation filter is typed, not
a <select> of every organisation, and the list is paginated."""

import pytest

from kerekasztal.directory.models import Affiliation
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _url(world, query=""):
    return f"/f/{world.forum.slug}/manage/directory/people/{query}"


def test_filter_by_a_typed_part_of_the_organisations_name(coordinator_client, world):
    other = OrganisationFactory(forum=world.forum, name="Kőszegi Családsegítő Szolgálat")
    Affiliation.objects.create(person=PersonFactory(forum=world.forum, name="Család Csilla"),
                               organisation=other)
    html = coordinator_client.get(_url(world, "?organisation=Családsegítő")).content.decode()
    assert "Család Csilla" in html
    assert "Tag Tamás" not in html


def test_an_ambiguous_organisation_name_is_answered_next_to_the_field(coordinator_client,
                                                                      world):
    OrganisationFactory(forum=world.forum, name="Bozsok Község Óvodája")
    response = coordinator_client.get(_url(world, "?organisation=Bozsok"))
    assert response.status_code == 200
    assert "Több találat" in response.content.decode()


def test_no_option_per_organisation_and_a_second_page(coordinator_client, world):
    for n in range(60):
        OrganisationFactory(forum=world.forum, name=f"Szervezet {n:02d}")
        PersonFactory(forum=world.forum, name=f"Személy {n:02d}")
    html = coordinator_client.get(_url(world)).content.decode()
    assert "Szervezet 42" not in html  # no <option> per organisation
    assert "Személy 40" in html and "Személy 59" not in html
    assert "page=2" in html
    assert "Személy 59" in coordinator_client.get(_url(world, "?page=2")).content.decode()
