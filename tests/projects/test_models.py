"""Project records: the ID pattern of the programme, dates, amounts, extensions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kerekasztal.projects import services
from kerekasztal.projects.models import Project

from .conftest import project_data

pytestmark = pytest.mark.django_db


def _create(world, **overrides):
    return services.project_create(forum=world.forum, user=world.coordinator,
                                   **project_data(world, **overrides))


@pytest.mark.parametrize(("programme", "call", "code"), [
    ("AROP", "ÁROP-1.A.3-2014", "ÁROP-1.A.3-2014-2014-0019"),
    ("AROP", "ÁROP-1.A.3-2014", "ÁROP-1.A.3-2014-2014-0099"),
    ("EFOP", "EFOP-1.6.3-17", "EFOP-1.6.3-17-2017-00009"),
    ("TAMOP", "TÁMOP-5.3.6-11/1", "TÁMOP-5.3.6-11/1-2012-0001"),
])
def test_ids_matching_their_programme_are_accepted(world, programme, call, code):
    project = _create(world, programme=programme, call_code=call, code=code)
    assert Project.objects.get(pk=project.pk).code == code


@pytest.mark.parametrize(("programme", "call", "code"), [
    ("AROP", "ÁROP-1.A.3-2014", "EFOP-1.6.3-17-2017-00009"),
    ("EFOP", "EFOP-1.6.3-17", "EFOP-1.6.3-17-2017-0009"),  # five digits in EFOP
    ("AROP", "ÁROP-1.A.3-2014", "AROP-1.A.3-2014-2014-0019"),  # accent missing
    ("AROP", "ÁROP-1.A.3-2014", "ÁROP-1.A.3-2014-2014-0019 "),
])
def test_id_not_matching_the_programme_pattern_is_refused_in_hungarian(world, programme,
                                                                         call, code):
    with pytest.raises(ValidationError) as exc:
        _create(world, programme=programme, call_code=call, code=code)
    assert "nem felel meg a program mintájának" in str(exc.value.message_dict["code"])
    assert not Project.objects.exists()


def test_id_must_start_with_the_call_code(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, call_code="ÁROP-1.A.2-2013", code="ÁROP-1.A.3-2014-2014-0019")
    assert "felhívás kódjával" in str(exc.value.message_dict["code"])


def test_end_before_start_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, start=datetime.date(2015, 4, 1), end=datetime.date(2015, 3, 31))
    assert exc.value.message_dict["end"] == ["A befejezés nem lehet korábbi a kezdésnél."]
    assert not Project.objects.exists()


def test_negative_amount_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, grant_amount=-1, total_cost=None)
    assert exc.value.message_dict["grant_amount"] == ["Az összeg nem lehet negatív."]


def test_grant_above_total_cost_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, grant_amount=30_000_000, total_cost=22_000_000)
    assert "összköltségnél" in str(exc.value.message_dict["grant_amount"])


def test_beneficiary_from_another_forums_directory_is_refused(world):
    with pytest.raises(ValidationError):
        _create(world, beneficiary=world.other_organisation)
    assert not Project.objects.exists()


def test_extension_moves_the_end_and_must_be_later(project, world):
    services.extension_add(project=project, new_end=datetime.date(2015, 11, 30),
                           reason="a járványhelyzet", decided_on=datetime.date(2015, 9, 1),
                           user=world.coordinator)
    project = Project.objects.get(pk=project.pk)
    assert project.current_end == datetime.date(2015, 11, 30)
    # As it stood before the amendment, the project ended on the original day.
    assert project.end_on(datetime.date(2015, 8, 31)) == datetime.date(2015, 9, 30)
    assert project.end_on(datetime.date(2015, 9, 1)) == datetime.date(2015, 11, 30)
    with pytest.raises(ValidationError) as exc:
        services.extension_add(project=project, new_end=datetime.date(2015, 10, 31),
                               reason="x", user=world.coordinator)
    assert "későbbinek kell lennie" in str(exc.value.message_dict["new_end"])
    assert project.extensions.count() == 1


def test_original_end_cannot_pass_an_extension(project, world):
    services.extension_add(project=project, new_end=datetime.date(2015, 10, 31),
                           reason="a járványhelyzet", user=world.coordinator)
    with pytest.raises(ValidationError):
        services.project_update(project=project, user=world.coordinator,
                                end=datetime.date(2015, 12, 31))


def test_partner_name_follows_renamings(project, world):
    from kerekasztal.projects.models import ConsortiumPartner, PartnerName
    from tests.factories import OrganisationFactory

    office = OrganisationFactory(forum=world.forum, name="Kőszegi Kistérségi Hivatal",
                                 kind="state")
    partner = services.record_save(
        instance=ConsortiumPartner(project=project, organisation=office, role="state"),
        user=world.coordinator)
    services.record_save(instance=PartnerName(partner=partner, name="Kőszegi Járási Hivatal",
                                              valid_from=datetime.date(2015, 7, 1)),
                         user=world.coordinator)
    partner = ConsortiumPartner.objects.get(pk=partner.pk)
    assert partner.name_on(datetime.date(2015, 6, 30)) == "Kőszegi Kistérségi Hivatal"
    assert partner.name_on(datetime.date(2015, 7, 1)) == "Kőszegi Járási Hivatal"


def test_staff_person_from_another_forum_is_refused(project, world):
    from kerekasztal.projects.models import StaffRole

    with pytest.raises(ValidationError):
        services.record_save(instance=StaffRole(project=project, role="project_manager",
                                                person=world.other_person,
                                                since=datetime.date(2015, 4, 1)),
                             user=world.coordinator)
    assert not StaffRole.objects.exists()


def test_manual_value_needs_evidence_and_only_on_manual_indicators(
        manual_indicator, member_indicator, world, media):
    from .conftest import evidence

    with pytest.raises(ValidationError):
        services.manual_value_add(indicator=manual_indicator, as_of=datetime.date(2015, 9, 1),
                                  value=3, evidence=None, user=world.coordinator)
    with pytest.raises(ValidationError):
        services.manual_value_add(indicator=member_indicator, as_of=datetime.date(2015, 9, 1),
                                  value=3, evidence=evidence(), user=world.coordinator)
    value = services.manual_value_add(indicator=manual_indicator,
                                      as_of=datetime.date(2015, 9, 1), value=3,
                                      evidence=evidence(), user=world.coordinator)
    assert value.evidence.name


def test_unknown_rule_and_unknown_param_are_refused(project, world):
    with pytest.raises(ValidationError):
        services.indicator_add(project=project, user=world.coordinator, name="x",
                               rule="nincs.ilyen", unit="db", target=1)
    with pytest.raises(ValidationError):
        services.indicator_add(project=project, user=world.coordinator, name="x",
                               rule="forums.member_organisations", params={"kind": "a"},
                               unit="db", target=1)
