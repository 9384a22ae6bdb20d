import pytest

from kerekasztal.servicemap.benchmark import national
from kerekasztal.territory.models import Settlement

pytestmark = pytest.mark.django_db


def test_national_coverage_is_computed_and_rendered_for_every_settlement_and_type():
    figures = national()
    assert figures["settlements"] == Settlement.objects.count() > 3000
    assert figures["cells"] == figures["settlements"] * figures["types"]
    assert figures["svg_kilobytes"] > 100
