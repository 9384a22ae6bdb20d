"""Coverage and distance arithmetic, rule evaluation (pure functions, no database)."""

import pytest

from kerekasztal.servicemap.coverage import (
    HIGH,
    LOW,
    MEDIUM,
    Place,
    Point,
    Rule,
    Status,
    compute,
    distance_km,
)

KOSZEG = Place(1, "Kőszeg", 47.3894, 16.5410, 11000)
BOZSOK = Place(2, "Bozsok", 47.3333, 16.4833, 350)
FAR = Place(3, "Messzi", 47.3894, 17.2000, 500)  # ~50 km east of Kőszeg
T = 10


def test_distance_is_zero_for_the_same_point():
    assert distance_km(47.5, 19.0, 47.5, 19.0) == 0


def test_distance_budapest_to_debrecen_is_about_194_km():
    assert distance_km(47.4979, 19.0402, 47.5316, 21.6273) == pytest.approx(194.2, abs=1.0)


def test_distance_is_symmetric():
    assert distance_km(46.0, 18.0, 47.0, 20.0) == pytest.approx(distance_km(47.0, 20.0, 46.0, 18.0))


def test_rule_expectations_follow_population_thresholds():
    rule = Rule(required_from=0, local_from=3000, max_km=15)
    assert rule.expects_available(1) and not rule.expects_local(2999)
    assert rule.expects_local(3000)
    assert not Rule().expects_available(1_000_000)


def test_point_serves_its_seat_locally_and_its_area_with_distance():
    point = Point(7, T, "Kőszegi orvos", KOSZEG, frozenset({2}))
    coverage = compute([KOSZEG, BOZSOK, FAR], [T], [point], {T: Rule(required_from=0)})
    assert coverage.cell(1, T).status == Status.LOCAL
    served = coverage.cell(2, T)
    assert served.status == Status.SERVED and served.provider == point
    assert served.distance == pytest.approx(round(distance_km(
        BOZSOK.lat, BOZSOK.lon, KOSZEG.lat, KOSZEG.lon), 1))
    missing = coverage.cell(3, T)
    assert missing.status == Status.MISSING
    assert missing.provider == point  # the nearest provider, which does not serve it
    assert missing.severity == MEDIUM and missing.is_gap


def test_served_settlement_takes_the_nearest_of_its_providers():
    far = Point(1, T, "távoli", BOZSOK, frozenset({3}))
    near = Point(2, T, "közeli", KOSZEG, frozenset({3}))
    cell = compute([FAR], [T], [far, near], {T: Rule()}).cell(3, T)
    assert cell.provider == near


def test_missing_without_any_provider_is_severe_when_expected():
    cell = compute([BOZSOK], [T], [], {T: Rule(required_from=0)}).cell(2, T)
    assert cell.status == Status.MISSING and cell.provider is None and cell.severity == HIGH


def test_missing_is_not_a_gap_when_the_rule_does_not_expect_it():
    cell = compute([BOZSOK], [T], [], {T: Rule(required_from=1000)}).cell(2, T)
    assert cell.status == Status.MISSING and not cell.expected and not cell.is_gap


def test_missing_with_only_a_too_distant_provider_is_severe():
    point = Point(1, T, "x", KOSZEG)
    cell = compute([FAR], [T], [point], {T: Rule(required_from=0, max_km=20)}).cell(3, T)
    assert cell.distance > 20 and cell.severity == HIGH


def test_served_from_too_far_is_a_mild_gap():
    point = Point(1, T, "x", KOSZEG, frozenset({3}))
    cell = compute([FAR], [T], [point], {T: Rule(required_from=0, max_km=20)}).cell(3, T)
    assert cell.status == Status.SERVED and cell.severity == LOW


def test_served_from_elsewhere_where_local_is_expected_is_a_gap():
    point = Point(1, T, "x", BOZSOK, frozenset({1}))
    cell = compute([KOSZEG], [T], [point], {T: Rule(required_from=0, local_from=10000)}) \
        .cell(1, T)
    assert cell.status == Status.SERVED and cell.severity == MEDIUM


def test_a_recorded_gap_makes_a_gap_where_the_rule_is_silent():
    class Recorded:
        severity = LOW

    coverage = compute([BOZSOK], [T], [], {T: Rule()}, {(2, T): Recorded()})
    assert coverage.cell(2, T).is_gap and coverage.cell(2, T).gap_severity == LOW
    assert coverage.gap_count(2) == 1


def test_totals_count_each_status_once():
    point = Point(7, T, "x", KOSZEG, frozenset({2}))
    totals = compute([KOSZEG, BOZSOK, FAR], [T], [point], {T: Rule(required_from=0)}).totals(T)
    assert totals == {"local": 1, "served": 1, "missing": 1, "gap": 1}
