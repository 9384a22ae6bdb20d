import pytest

from kerekasztal.agreements.models import Agreement, Signature
from kerekasztal.core.datasets import synthetic

pytestmark = pytest.mark.django_db


def test_the_dataset_has_agreements_with_parties_and_signatures_and_is_removable():
    context = synthetic.generate(scale=0.005, seed=5, forums=1)
    forum = context.forums[0]
    agreements = Agreement.objects.filter(forum=forum)
    assert agreements.count() >= 15
    signed = agreements.filter(signed_on__isnull=False)
    assert signed.exists()
    for agreement in signed:
        parties = agreement.parties.count()
        assert parties >= 2
        assert Signature.objects.filter(party__agreement=agreement).count() == parties
        assert agreement.versions.get().signed_on == agreement.signed_on
    assert synthetic.remove_generated() == 1
    assert not Agreement.objects.exists()
