"""Service points, rules, questionnaires and the gap life cycle, on a real database."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kerekasztal.servicemap import queries, services
from kerekasztal.servicemap.coverage import HIGH, Status
from kerekasztal.servicemap.models import Gap, GapStatus, Questionnaire, ServicePoint

from .conftest import point, service_type, settlement

pytestmark = pytest.mark.django_db


def _cell(forum, code, name):
    result = queries.forum_coverage(forum)
    return result.coverage.cell(settlement(name).pk, service_type(code).pk)


def test_catalogue_is_seeded_with_hungarian_basic_services():
    assert service_type("health-visitor").name == "Védőnői szolgálat"
    assert service_type("sure-start").required_from_population is None
    assert service_type("gp").required_from_population == 0


def test_coverage_follows_the_service_points(world):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    assert _cell(world.forum, "gp", "Kőszeg").status == Status.LOCAL
    bozsok = _cell(world.forum, "gp", "Bozsok")
    assert bozsok.status == Status.SERVED and 5 < bozsok.distance < 10
    assert _cell(world.forum, "gp", "Velem").status == Status.MISSING


def test_inactive_points_do_not_count(world):
    gp = point(world.forum, "gp", "Kőszeg")
    services.service_point_set_active(point=gp, active=False)
    assert _cell(world.forum, "gp", "Kőszeg").status == Status.MISSING


def test_points_of_another_forum_do_not_count(world):
    point(world.other_forum, "gp", "Kőszeg")
    assert _cell(world.forum, "gp", "Kőszeg").status == Status.MISSING


def test_half_given_coordinates_are_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        point(world.forum, "gp", "Kőszeg", lat=47.39)
    assert "lon" in error.value.message_dict
    assert not ServicePoint.objects.exists()


def test_coordinates_outside_the_country_are_refused(world):
    with pytest.raises(ValidationError):
        point(world.forum, "gp", "Kőszeg", lat=48.2, lon=16.37)  # Vienna


def test_forum_rule_overrides_the_catalogue_default(world):
    tanoda = service_type("tanoda")
    assert not _cell(world.forum, "tanoda", "Bozsok").is_gap
    services.service_rule_set(forum=world.forum, service_type=tanoda,
                              required_from_population=0, local_from_population=None,
                              max_distance_km=None)
    assert _cell(world.forum, "tanoda", "Bozsok").severity == HIGH
    assert not queries.forum_coverage(world.other_forum).coverage.cell(
        settlement("Kunszentmiklós").pk, tanoda.pk).is_gap
    services.service_rule_reset(forum=world.forum, service_type=tanoda)
    assert not _cell(world.forum, "tanoda", "Bozsok").is_gap


def test_questionnaire_local_answer_adds_a_point(world):
    bozsok = settlement("Bozsok")
    services.questionnaire_submit(forum=world.forum, settlement=bozsok, user=world.coordinator,
                                  answers={service_type("library"): ("local", None)})
    assert _cell(world.forum, "library", "Bozsok").status == Status.LOCAL
    assert Questionnaire.objects.get(forum=world.forum, settlement=bozsok).submitted_by \
        == world.coordinator


def test_questionnaire_served_answer_joins_the_service_area(world):
    gp = point(world.forum, "gp", "Kőszeg")
    services.questionnaire_submit(
        forum=world.forum, settlement=settlement("Bozsok"), user=None,
        answers={service_type("gp"): ("served", settlement("Kőszeg"))})
    assert list(gp.served_settlements.values_list("name", flat=True)) == ["Bozsok"]
    assert ServicePoint.objects.count() == 1


def test_questionnaire_missing_answer_leaves_every_service_area(world):
    gp = point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    local = point(world.forum, "gp", "Bozsok")
    services.questionnaire_submit(forum=world.forum, settlement=settlement("Bozsok"),
                                  user=None, answers={service_type("gp"): ("missing", None)})
    assert not gp.served_settlements.exists()
    local.refresh_from_db()
    assert not local.is_active
    assert _cell(world.forum, "gp", "Bozsok").status == Status.MISSING


def test_questionnaire_served_without_source_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError):
        services.questionnaire_submit(
            forum=world.forum, settlement=settlement("Bozsok"), user=None,
            answers={service_type("library"): ("local", None),
                     service_type("gp"): ("served", None)})
    assert not ServicePoint.objects.exists() and not Questionnaire.objects.exists()


def test_questionnaire_for_a_settlement_outside_the_territory_is_refused(world):
    with pytest.raises(ValidationError):
        services.questionnaire_submit(forum=world.forum, settlement=settlement("Szombathely"),
                                      user=None, answers={})


def test_gap_life_cycle(world):
    gap = services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                              service_type=service_type("village-caretaker"),
                              found_on=datetime.date(2020, 3, 1), description="Nincs falugondnok")
    assert _cell(world.forum, "village-caretaker", "Velem").recorded_gap == gap
    with pytest.raises(ValidationError):
        services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                            service_type=service_type("village-caretaker"),
                            found_on=datetime.date(2020, 3, 2))
    with pytest.raises(ValidationError) as error:
        services.gap_resolve(gap=gap, resolved_on=datetime.date(2019, 1, 1), resolution="x")
    assert "resolved_on" in error.value.message_dict
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN
    services.gap_resolve(gap=gap, resolved_on=datetime.date(2021, 5, 1),
                         resolution="Társulásban falugondnokot alkalmaznak.")
    assert _cell(world.forum, "village-caretaker", "Velem").recorded_gap is None
    services.gap_reopen(gap=gap)
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.OPEN


def test_gap_resolution_needs_how(world):
    gap = services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                              service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.gap_resolve(gap=gap, resolved_on=datetime.date(2021, 1, 1), resolution=" ")
    assert "resolution" in error.value.message_dict


def test_gap_outside_the_territory_is_refused(world):
    with pytest.raises(ValidationError):
        services.gap_record(forum=world.forum, settlement=settlement("Szombathely"),
                            service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1))


def test_coverage_query_count_does_not_grow_with_points(world, django_assert_num_queries):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    with django_assert_num_queries(6) as first:
        queries.forum_coverage(world.forum)
    for name in ("Velem", "Cák", "Bük", "Csepreg", "Peresznye"):
        point(world.forum, "dentist", name, served=("Bozsok", "Kőszeg"))
    with django_assert_num_queries(len(first.captured_queries)):
        queries.forum_coverage(world.forum)


def test_a_key_that_is_not_a_field_is_refused_not_dropped(world):
    """A form's extra field passed on with **cleaned_data used to vanish silently."""
    with pytest.raises(TypeError, match="unknown gap fields"):
        services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                            service_type=service_type("village-caretaker"),
                            found_on=datetime.date(2020, 3, 1), descripton="elírva")
    gap = services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                              service_type=service_type("village-caretaker"),
                              found_on=datetime.date(2020, 3, 1))
    with pytest.raises(TypeError, match="unknown gap fields"):
        services.gap_update(gap=gap, settlement=settlement("Cák"))
    with pytest.raises(TypeError, match="unknown service point fields"):
        services.service_point_create(forum=world.forum, service_type=service_type("nursery"),
                                      settlement=settlement("Velem"), provider="elírva")
