"""`core.counting.count_of`: the related records' count per row, the same as a joined
`Count(..., distinct=True)`, without joining every counted relation at once."""

import pytest
from django.db.models import Count, Q

from kerekasztal.core.counting import count_of
from kerekasztal.core.datasets import synthetic
from kerekasztal.events.models import Event, RegistrationStatus
from kerekasztal.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_counts_equal_the_joined_distinct_counts_and_zero_when_none():
    synthetic.generate(scale=0.0005, seed=3, forums=1)
    plans = Plan.objects.order_by("pk")
    assert plans.exists()
    joined = plans.annotate(m=Count("measures", distinct=True), p=Count("problems", distinct=True))
    counted = plans.annotate(m=count_of(Plan, "measures"), p=count_of(Plan, "problems"))
    assert [(x.pk, x.m, x.p) for x in counted] == [(x.pk, x.m, x.p) for x in joined]
    assert any(x.m and x.p for x in counted)  # both relations at once: no cross product

    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    events = Event.objects.order_by("pk")
    expected = events.annotate(n=Count("registrations", distinct=True, filter=Q(
        registrations__status=RegistrationStatus.CONFIRMED)))
    got = events.annotate(n=count_of(Event, "registrations", confirmed))
    assert [(e.pk, e.n) for e in got] == [(e.pk, e.n) for e in expected]
    assert any(e.n for e in got)
    # an event without confirmed registrations counts 0, not None
    event = got.first()
    event.registrations.filter(confirmed).delete()
    assert got.get(pk=event.pk).n == 0
