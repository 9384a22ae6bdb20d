"""The district roll-up of settlement HEPs and the weighted progress roll-up."""

import pytest

from kerekasztal.plans import queries, services
from kerekasztal.plans.models import Measure

from .factories import adopt, make_measure, make_plan, make_problem, target_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def heps(world):
    bozsok = make_plan(world.forum, settlement="Bozsok")
    velem = make_plan(world.forum, settlement="Velem")
    cak = make_plan(world.forum, settlement="Cák")
    make_problem(bozsok, "Magas a tartós munkanélküliek aránya")
    make_problem(velem, "A tartós munkanélküliek aránya magas")
    make_problem(cak, "Magas a tartós munkanélküliek aránya a településen")
    make_problem(velem, "Nincs helyben gyermekorvos", group="children")
    # Same words, another target group: never grouped with the first.
    make_problem(cak, "Magas a tartós munkanélküliek aránya", group="women")
    return bozsok, velem, cak


def test_similar_problems_of_the_same_target_group_are_grouped(district_plan, heps):
    groups = queries.rollup_problems(district_plan)
    shared = [g for g in groups if g.target_group.code == "poverty_roma"]
    assert len(shared) == 1
    assert shared[0].territory_count == 3
    assert shared[0].territories == ["Bozsok", "Cák", "Velem"]
    assert sorted(g.target_group.code for g in groups) == ["children", "poverty_roma", "women"]


def test_counts_by_target_group_and_territory(district_plan, heps):
    groups = queries.rollup_problems(district_plan)
    counts = {tg.code: (n, items) for tg, n, items in queries.counts_by_target_group(groups)}
    assert counts["poverty_roma"] == (1, 3)
    territories = {row[0]: row[1] for row in queries.counts_by_territory(district_plan)}
    assert territories == {"Bozsok": 1, "Cák": 2, "Velem": 2}


def test_other_forums_drafts_do_not_roll_up(district_plan, world):
    from tests.factories import ForumFactory

    other = ForumFactory(slug="koszeg-masik", district=world.district)
    make_problem(make_plan(other, settlement="Velem"), "Titkos tervezet")
    assert queries.rollup_problems(district_plan) == []


def test_adopting_a_group_links_the_district_problem_to_its_sources(district_plan, heps):
    group = queries.rollup_problems(district_plan)[0]
    problem = services.rollup_adopt_problem(plan=district_plan, sources=group.items)
    assert set(problem.sources.all()) == set(group.items)
    assert "Érintett területek (3)" in problem.description
    again = queries.rollup_problems(district_plan)[0]
    assert again.adopted_into == [problem]


def test_adopting_a_measure_group_copies_the_first_measure(district_plan, heps):
    bozsok, velem, _cak = heps
    make_measure(bozsok, "Mentorprogram álláskeresőknek", content="Heti mentorálás.")
    make_measure(velem, "Mentorprogram az álláskeresőknek")
    group = queries.rollup_measures(district_plan)[0]
    measure = services.rollup_adopt_measure(plan=district_plan, sources=group.items)
    assert measure.content == "Heti mentorálás."
    assert measure.sources.count() == 2


def test_weighted_progress_rolls_up_to_target_groups_and_plan(hep):
    a = make_measure(hep, "A", weight=3)
    b = make_measure(hep, "B", weight=1)
    c = make_measure(hep, "C", group="children", weight=2)
    d = make_measure(hep, "D", group="children", weight=5)
    Measure.objects.filter(pk=a.pk).update(percent=100, status="done")
    Measure.objects.filter(pk=b.pk).update(percent=20, status="in_progress")
    Measure.objects.filter(pk=c.pk).update(percent=50, status="in_progress")
    Measure.objects.filter(pk=d.pk).update(percent=0, status="dropped")
    total, groups = queries.progress_rollup(queries.measures_of(hep))
    # poverty_roma: (3*100 + 1*20) / 4 = 80; children: dropped D does not count → 50
    assert [(g.label, g.percent) for g in groups] == [
        (str(target_group("poverty_roma")), 80), (str(target_group("children")), 50)]
    # plan: (300 + 20 + 100) / 6 = 70
    assert total.percent == 70
    assert total.measures == 4
    assert total.by_status == {"done": 1, "in_progress": 2, "dropped": 1}
    # the plan pages sum the same in the database (one row per target group and status)
    assert queries.plan_progress(hep) == (total, groups)


def test_the_database_sums_equal_the_measures_of_a_generated_programme():
    from kerekasztal.core.datasets import synthetic
    from kerekasztal.plans.models import Plan

    synthetic.generate(scale=0.0005, seed=5, forums=1)
    plans = [plan for plan in Plan.objects.all() if plan.measures.count() > 1]
    assert plans
    for plan in plans:
        expected = queries.progress_rollup(queries.measures_of(plan))
        assert queries.plan_progress(plan) == expected
        assert expected[0].measures == plan.measures.count()


def test_empty_plan_has_zero_progress(hep):
    total, groups = queries.progress_rollup([])
    assert (total.percent, groups) == (0, [])
    assert queries.plan_progress(hep) == (total, groups)
    assert adopt(hep).status == "adopted"


def test_county_plan_rolls_up_the_districts_adopted_plans(world):
    from tests.factories import ForumFactory

    county_forum = ForumFactory(slug="vas", kind="county_forum", district=None,
                                county=world.district.county)
    county = make_plan(county_forum, scope="county", title="Vas vármegyei programterv")
    draft = make_plan(world.forum, scope="district")
    make_problem(draft, "Kevés a bölcsődei férőhely", group="children")
    assert queries.rollup_problems(county) == []
    adopt(draft)
    groups = queries.rollup_problems(county)
    assert [g.territories for g in groups] == [["Kőszegi járás"]]
