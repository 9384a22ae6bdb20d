import pytest

from kerekasztal.core.datasets import synthetic
from kerekasztal.plans.models import Measure, Plan

pytestmark = pytest.mark.django_db


def test_dataset_gives_each_forum_a_growing_programme_plan_and_settlement_heps():
    context = synthetic.generate(scale=0.0005, seed=3, forums=2)
    forum = context.forums[0]
    programme = Plan.objects.filter(forum=forum).exclude(scope="settlement").get()
    before = Measure.objects.filter(plan=programme).count()
    assert Plan.objects.filter(forum=forum, scope="settlement").exists()
    synthetic.generate(scale=0.0045, seed=4, existing=[forum])
    assert Plan.objects.filter(forum=forum).exclude(scope="settlement").count() == 1
    numbers = list(Measure.objects.filter(plan=programme).values_list("number", flat=True))
    assert len(numbers) > before and len(set(numbers)) == len(numbers)
    assert synthetic.remove_generated() == 2
    assert not Plan.objects.exists()
