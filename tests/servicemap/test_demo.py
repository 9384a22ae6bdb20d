import pytest

from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.servicemap import queries
from kerekasztal.servicemap.models import Gap, ServicePoint

pytestmark = pytest.mark.django_db


def test_demo_builds_a_district_service_map_and_is_idempotent():
    ctx = demo_load()
    points = ServicePoint.objects.filter(forum=ctx.forum).count()
    assert points > 60 and Gap.objects.filter(forum=ctx.forum).count() == 3
    data = queries.forum_coverage(ctx.forum)
    assert 0 < len(data.coverage.gaps()) < len(data.coverage.cells) / 4
    demo_load()
    assert ServicePoint.objects.filter(forum=ctx.forum).count() == points
