import pytest
from django.core.exceptions import ValidationError

from kerekasztal.core import access
from kerekasztal.forums import services
from kerekasztal.forums.models import Forum, ForumAccess
from kerekasztal.territory.models import County, District

pytestmark = pytest.mark.django_db


def test_creating_a_forum_makes_the_creator_its_coordinator_and_lead_org_its_first_entry(world):
    forum = services.forum_create(
        creator=world.coordinator, name="Veszprémi Járási Kerekasztal",
        kind="district_roundtable", district=District.objects.get(name="Veszprémi járás"),
        lead_organisation_name="Veszprém Megyei Jogú Város Önkormányzata",
    )
    assert forum.slug == "veszpremi-jarasi-kerekasztal"
    assert forum.county.name == "Veszprém"
    assert forum.lead_organisation.seat.name == "Veszprém"
    assert access.COORDINATOR in access.roles_in(world.coordinator, forum)
    assert forum.settlements().count() == District.objects.get(
        name="Veszprémi járás").settlements.count()


def test_kind_decides_which_territory_is_required(world):
    with pytest.raises(ValidationError) as error:
        services.forum_create(creator=world.coordinator, name="Megye", kind="county_forum")
    assert "county" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.forum_create(creator=world.coordinator, name="Munkacsoport",
                              kind="working_group")
    assert "parent" in error.value.message_dict
    assert not Forum.objects.filter(name__in=["Megye", "Munkacsoport"]).exists()


def test_working_group_inherits_territory_directory_and_coordinators(world):
    group = services.forum_create(creator=world.coordinator, name="Roma munkacsoport",
                                  kind="working_group", parent=world.forum)
    assert group.district == world.forum.district
    assert group.root == world.forum
    assert access.COORDINATOR in access.roles_in(world.auditor, group) or \
        access.AUDITOR in access.roles_in(world.auditor, group)
    assert not access.roles_in(world.member, group)


def test_county_forum_spans_the_county(world):
    forum = services.forum_create(creator=world.coordinator, name="Veszprém Megyei Fórum",
                                  kind="county_forum", county=County.objects.get(name="Veszprém"))
    assert forum.settlements().count() == County.objects.get(name="Veszprém").settlements.count()
    assert forum.territory_label == "Veszprém vármegye"


def test_a_budapest_kerulet_forum_has_budapest_as_its_settlement(world):
    forum = services.forum_create(
        creator=world.coordinator, name="Józsefvárosi Kerekasztal", kind="district_roundtable",
        district=District.objects.get(name="Budapest 08. kerület"))
    assert list(forum.settlements().values_list("name", flat=True)) == ["Budapest"]
    # An ordinary járás keeps exactly its own settlements (no Budapest, no duplicates).
    names = list(world.forum.settlements().values_list("name", flat=True))
    assert "Budapest" not in names
    assert len(names) == len(set(names)) == District.objects.get(
        name="Kőszegi járás").settlements.count()


def test_the_last_coordinator_cannot_be_removed(world):
    grant = ForumAccess.objects.get(forum=world.forum, user=world.coordinator)
    with pytest.raises(ValidationError):
        services.access_revoke(grant=grant, revoked_by=world.coordinator)
    assert ForumAccess.objects.filter(pk=grant.pk).exists()


def test_settlement_officer_must_get_a_settlement_of_the_territory(world):
    from kerekasztal.territory.models import Settlement

    with pytest.raises(ValidationError):
        services.access_grant(forum=world.forum, email="x@example.org", full_name="X",
                              role="settlement_officer",
                              settlement=Settlement.objects.get(name="Veszprém"),
                              granted_by=world.coordinator)
    assert not ForumAccess.objects.filter(user__email="x@example.org").exists()
