"""Plans: creation, status transitions, adoption rules, reviews, statistics, progress,
consultation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kerekasztal.core.records.links import targets_of
from kerekasztal.plans import services
from kerekasztal.plans.models import (
    CHAPTER_ORDER,
    Measure,
    Plan,
    PlanStatus,
    StatisticValue,
)
from kerekasztal.territory.models import Settlement

from .factories import adopt, make_measure, make_plan, make_problem

pytestmark = pytest.mark.django_db


def test_new_plan_has_every_hep_chapter_in_order(hep):
    assert [c.kind for c in sorted(hep.chapters.all(), key=lambda c: c.order)] == CHAPTER_ORDER


def test_settlement_plan_needs_a_settlement_of_the_forums_territory(world):
    with pytest.raises(ValidationError) as error:
        make_plan(world.forum, settlement="Kunszentmiklós")
    assert "settlement" in error.value.message_dict
    assert not Plan.objects.exists()


def test_period_end_cannot_precede_its_start(world):
    with pytest.raises(ValidationError) as error:
        make_plan(world.forum, period_start=2028, period_end=2024)
    assert "period_end" in error.value.message_dict


def test_district_plan_takes_the_forums_district(district_plan, world):
    assert district_plan.district == world.district
    assert district_plan.settlements().count() == world.district.settlements.count()


def test_status_follows_draft_consultation_adopted(hep):
    with pytest.raises(ValidationError):
        services.plan_set_status(plan=hep, status="adopted", resolution_number="1/2024",
                                 adopted_on=datetime.date(2024, 6, 1))
    services.plan_set_status(plan=hep, status="consultation")
    hep.refresh_from_db()
    assert hep.status == PlanStatus.CONSULTATION
    plan = services.plan_set_status(plan=hep, status="adopted", resolution_number="45/2024.",
                                    adopted_on=datetime.date(2024, 6, 27))
    assert plan.status == PlanStatus.ADOPTED
    assert plan.is_public


def test_adoption_needs_resolution_number_and_date(hep):
    services.plan_set_status(plan=hep, status="consultation")
    with pytest.raises(ValidationError) as error:
        services.plan_set_status(plan=hep, status="adopted")
    assert {"resolution_number", "adopted_on"} <= set(error.value.message_dict)
    hep.refresh_from_db()
    assert hep.status == PlanStatus.CONSULTATION


def test_measure_without_responsible_blocks_adoption(hep):
    make_measure(hep, responsible="")
    services.plan_set_status(plan=hep, status="consultation")
    with pytest.raises(ValidationError, match="Felelős nélküli intézkedések: 1"):
        services.plan_set_status(plan=hep, status="adopted", resolution_number="1/2024.",
                                 adopted_on=datetime.date(2024, 6, 1))


def test_adopted_plan_content_cannot_change(hep):
    adopt(hep)
    with pytest.raises(ValidationError):
        make_measure(Plan.objects.get(pk=hep.pk))


def test_review_unchanged_keeps_the_plan_in_force(hep):
    plan = adopt(hep)
    services.plan_set_status(plan=plan, status="under_review")
    plan.refresh_from_db()
    review = services.plan_record_review(plan=plan, reviewed_on=datetime.date(2026, 6, 20),
                                         outcome="unchanged", resolution_number="30/2026.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    assert review.get_outcome_display() == "Felülvizsgálva, változatlanul hatályban"


def test_review_cannot_precede_adoption(hep):
    plan = adopt(hep)
    with pytest.raises(ValidationError):
        services.plan_record_review(plan=plan, reviewed_on=datetime.date(2020, 1, 1),
                                    outcome="unchanged")


def test_draft_cannot_be_reviewed(hep):
    with pytest.raises(ValidationError):
        services.plan_record_review(plan=hep, reviewed_on=datetime.date(2026, 1, 1),
                                    outcome="unchanged")


def test_measure_numbers_follow_each_other_and_deadline_outside_period_is_flagged(hep):
    first = make_measure(hep, deadline=datetime.date(2026, 12, 31))
    second = make_measure(hep, title="Második", deadline=datetime.date(2031, 12, 31))
    assert (first.number, second.number) == (1, 2)
    assert not first.deadline_outside_period()
    assert second.deadline_outside_period()


def test_measure_cannot_address_another_plans_problem(hep, world):
    other = make_plan(world.forum, settlement="Velem")
    problem = make_problem(other)
    with pytest.raises(ValidationError):
        make_measure(hep, problems=[problem])
    assert not Measure.objects.exists()


def test_statistic_value_of_a_settlement_outside_the_plan_is_rejected(hep):
    statistic = services.statistic_create(plan=hep, chapter="poverty_roma",
                                          name="Nyilvántartott álláskeresők", source="NFSZ")
    services.statistic_set_value(statistic=statistic, settlement=hep.settlement, year=2023,
                                 value=Decimal(12))
    services.statistic_set_value(statistic=statistic, settlement=hep.settlement, year=2023,
                                 value=Decimal(14))
    with pytest.raises(ValidationError):
        services.statistic_set_value(statistic=statistic,
                                     settlement=Settlement.objects.get(name="Velem"),
                                     year=2023, value=Decimal(3))
    assert list(StatisticValue.objects.values_list("value", flat=True)) == [Decimal(14)]


def test_problem_evidence_links_to_a_statistic(hep):
    problem = make_problem(hep)
    statistic = services.statistic_create(plan=hep, chapter="poverty_roma", name="Álláskeresők")
    services.problem_add_evidence(problem=problem, target=statistic)
    assert targets_of(problem, kind="evidence") == [statistic]


def test_progress_sets_the_measures_status_from_the_latest_report(hep, world):
    measure = make_measure(hep)
    plan = adopt(hep)
    measure.refresh_from_db()
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 3, 1),
                                     status="in_progress", percent=40, narrative="Elindult.",
                                     user=world.coordinator)
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2024, 12, 1),
                                     status="not_started", percent=0, narrative="Korábbi.")
    measure.refresh_from_db()
    assert (measure.status, measure.percent) == ("in_progress", 40)
    assert plan.pk == measure.plan_id


def test_progress_done_must_be_100_percent_and_not_in_the_future(hep):
    measure = make_measure(hep)
    adopt(hep)
    measure.refresh_from_db()
    with pytest.raises(ValidationError):
        services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 1, 1),
                                         status="done", percent=90, narrative="Kész.")
    with pytest.raises(ValidationError):
        services.measure_report_progress(
            measure=measure, reported_on=timezone.localdate() + datetime.timedelta(days=2),
            status="in_progress", percent=10, narrative="Holnap.")
    assert not measure.progress.exists()


def test_progress_only_on_adopted_plans(hep):
    measure = make_measure(hep)
    with pytest.raises(ValidationError):
        services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 1, 1),
                                         status="in_progress", percent=10, narrative="x")


def test_comments_only_during_consultation_and_replies_keep_their_subject(hep, world):
    measure = make_measure(hep)
    with pytest.raises(ValidationError):
        services.comment_add(plan=hep, author=world.member, text="Korai.", measure=measure)
    services.plan_set_status(plan=hep, status="consultation")
    hep.refresh_from_db()
    comment = services.comment_add(plan=hep, author=world.member, text="Bővítsük.",
                                   measure=measure)
    reply = services.comment_add(plan=hep, author=world.coordinator, text="Rendben.",
                                 parent=comment)
    assert reply.measure == measure


def test_rejecting_a_comment_needs_a_reason(hep, world):
    services.plan_set_status(plan=hep, status="consultation")
    hep.refresh_from_db()
    comment = services.comment_add(plan=hep, author=world.member, text="x", chapter="children")
    with pytest.raises(ValidationError):
        services.comment_decide(comment=comment, decision="rejected", reason=" ")
    services.comment_decide(comment=comment, decision="accepted", reason="")
    comment.refresh_from_db()
    assert comment.decision == "accepted"


def test_population_base_comes_from_the_reference_data_once(district_plan, world):
    statistic = services.statistic_add_population(plan=district_plan)
    services.statistic_add_population(plan=district_plan)
    values = {v.settlement.name: v.value for v in statistic.values.select_related("settlement")}
    assert len(values) == world.district.settlements.count()
    assert values["Bozsok"] == world.settlement.population
