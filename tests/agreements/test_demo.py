import pytest

from kerekasztal.agreements.models import Agreement, Status
from kerekasztal.core.datasets.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_seed_agreements_and_is_idempotent():
    demo_load()
    demo_load()
    agreements = {a.title: a for a in Agreement.objects.all()}
    assert len(agreements) == 8
    statuses = [a.status for a in agreements.values()]
    assert statuses.count(Status.IN_FORCE) == 6
    assert Status.OPEN in statuses and Status.DRAFT in statuses
    founding = agreements["A Kőszegi Járási Felzárkózási Kerekasztal alapító megállapodása"]
    assert str(founding.signed_on) == "2015-06-16"
    assert founding.parties.count() == 14
    assert Agreement.objects.filter(kind="thematic").count() == 3
