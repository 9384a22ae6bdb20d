"""Indicators, public sources and the API router: only signed agreements, as of a day."""

import datetime

import pytest
from ninja.testing import TestClient

from kerekasztal.agreements import services
from kerekasztal.agreements.api import router
from kerekasztal.core.contracts import indicator_rules, public_sources
from kerekasztal.core.models import TargetGroup
from kerekasztal.forums.models import Forum

from .conftest import backdate, make_agreement, sign

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def register(world, organisations):
    """A thematic agreement (Roma) signed on 2024-03-20, a multilateral one on 2024-05-02
    (Bozsok withdrew in 2025), and a draft open for signature."""
    roma = backdate(make_agreement(world.forum, parties=organisations,
                                   target_groups=[TargetGroup.objects.get(code="poverty_roma")]))
    services.agreement_open(agreement=roma, on=D(2024, 3, 5))
    for party in roma.parties.all():
        sign(party, D(2024, 3, 20))
    multi = backdate(make_agreement(world.forum, kind="multilateral", title="Többoldalú",
                                    parties=organisations[:2]))
    services.agreement_open(agreement=multi, on=D(2024, 3, 5))
    for party in multi.parties.all():
        sign(party, D(2024, 5, 2))
    services.party_withdraw(party=multi.parties.get(organisation=world.organisation),
                            on=D(2025, 1, 31), reason="Kilépett.")
    draft = make_agreement(world.forum, title="Tervezet", parties=organisations)
    services.agreement_open(agreement=draft)
    return roma, multi, draft


def forums(world):
    return Forum.objects.filter(pk=world.forum.pk)


def test_signed_agreements_are_counted_as_of_a_day(world, register):
    rule = indicator_rules()["agreements.signed"]
    assert rule.value(forums(world), D(2024, 3, 19)) == 0
    assert rule.value(forums(world), D(2024, 3, 20)) == 1
    assert rule.value(forums(world), D(2030, 1, 1)) == 2
    assert rule.value(forums(world), D(2030, 1, 1), kind="thematic") == 1
    assert rule.value(forums(world), D(2030, 1, 1), target_group="poverty_roma") == 1
    assert rule.value(forums(world), D(2030, 1, 1), since=D(2024, 4, 1)) == 1


def test_distinct_signatory_organisations_by_seat(world, register, organisations):
    rule = indicator_rules()["agreements.parties"]
    assert rule.value(forums(world), D(2024, 3, 19)) == 0
    assert rule.value(forums(world), D(2024, 6, 1)) == 3  # Bozsok counted once
    assert rule.value(forums(world), D(2025, 2, 1), kind="multilateral") == 1  # Bozsok left
    assert rule.by_settlement(forums(world), D(2024, 6, 1)) == {}  # factories have no seat
    organisations[1].seat = world.settlement
    organisations[1].save()
    assert rule.by_settlement(forums(world), D(2024, 6, 1)) == {world.settlement.pk: 1}


def test_the_public_source_has_signed_agreements_only(world, register):
    roma, multi, draft = register
    source = public_sources()["agreements.agreement"]
    records = list(source.records(forums(world)))
    assert set(records) == {roma, multi}
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in source.text(roma)
    assert source.url(roma) == f"/f/{world.forum.slug}/agreements/{roma.pk}/"
    assert source.date(roma) == D(2024, 3, 20)


def test_the_api_lists_the_public_register(world, register):
    roma, multi, draft = register
    client = TestClient(router)
    response = client.get(f"/?forum={world.forum.slug}")
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["id"] for item in items} == {roma.pk, multi.pk}
    item = next(i for i in items if i["id"] == roma.pk)
    assert item["status"] == "in_force"
    assert item["text"] is None
    assert [p["organisation"] for p in item["parties"]][2] == \
        "Kőszegi Roma Nemzetiségi Önkormányzat"
    assert client.get(f"/{draft.pk}").status_code == 404
    services.agreement_set_text_public(agreement=roma, public=True)
    assert "összehangolják" in client.get(f"/{roma.pk}").json()["text"]
    assert client.get(f"/?forum={world.other_forum.slug}").json()["items"] == []
    assert len(client.get("/?kind=multilateral").json()["items"]) == 1
