import pytest

from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.plans.models import Measure, Plan

pytestmark = pytest.mark.django_db


def test_demo_builds_adopted_heps_and_the_rolled_up_district_plan_once():
    demo_load()
    counts = (Plan.objects.count(), Measure.objects.count())
    district = Plan.objects.get(scope="district")
    shared = district.problems.get(target_group__code="poverty_roma")
    assert shared.sources.count() == 3
    assert Plan.objects.filter(scope="settlement", status="adopted").count() == 4
    demo_load()
    assert (Plan.objects.count(), Measure.objects.count()) == counts
