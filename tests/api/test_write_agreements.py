"""Recording agreements (with parties and signature days) and memberships with a token:
the same services, rules and history as the web forms; the documented curl examples work."""

import json
from pathlib import Path

import pytest

from kerekasztal.agreements.models import Agreement
from kerekasztal.forums.models import Membership
from tests.factories import OrganisationFactory

from .conftest import bearer

pytestmark = pytest.mark.django_db

AGREEMENTS = "/api/v1/agreements/forums/koszeg/"
MEMBERSHIPS = "/api/v1/forums/koszeg/memberships/"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def post(client, token, url, data):
    return client.post(url, json.dumps(data), content_type="application/json",
                       **bearer(token))


def _errors(response):
    assert response.status_code == 400, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


@pytest.fixture
def koszeg(world):
    return OrganisationFactory(forum=world.forum, name="Kőszeg Város Önkormányzata")


def _curl_body(marker):
    return json.loads(DOCS.read_text().split(marker)[1].split("-d '")[1].split("'")[0])


def test_the_documented_agreement_example_records_a_signed_agreement(client, world, token,
                                                                     koszeg):
    response = post(client, token, AGREEMENTS,
                    _curl_body("/api/v1/agreements/forums/koszeg/ \\"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "in_force" and body["signed_on"] == "2020-03-18"
    assert [p["organisation_name"] for p in body["parties"]] == [
        "Kőszeg Város Önkormányzata", "Bozsok Község Önkormányzata"]
    agreement = Agreement.objects.get(pk=body["id"])
    assert [h.history_user for h in agreement.history.all()] == [world.coordinator]


def test_bad_parties_are_400_naming_the_field(client, world, token, koszeg):
    base = {"kind": "multilateral", "title": "X", "drafted_on": "2020-03-02"}
    errors = _errors(post(client, token, AGREEMENTS, {**base, "parties": [
        {"organisation": "Bük Város Önkormányzata", "signed_on": "2020-03-10"},
        {"organisation": koszeg.pk, "signed_on": "2020-03-10"}]}))
    assert "nem szerepel" in errors["parties.0.organisation"]
    errors = _errors(post(client, token, AGREEMENTS, {**base, "parties": [
        {"organisation": "Bozsok", "signed_on": "2020-03-01", "signatory_name": "A"},
        {"organisation": koszeg.pk, "signed_on": "2020-03-10", "signatory_name": "B"}]}))
    assert "2020. március 2." in errors[None]
    assert not Agreement.objects.exists()


def test_the_documented_membership_examples_work(client, world, token):
    cak = OrganisationFactory(forum=world.forum, name="Cák Község Önkormányzata")
    response = post(client, token, MEMBERSHIPS,
                    _curl_body("/api/v1/forums/koszeg/memberships/ \\"))
    assert response.status_code == 201, response.content
    assert response.json()["organisation"] == cak.pk
    assert response.json()["since"] == "2015-06-16"
    pk = response.json()["id"]
    text = DOCS.read_text()
    end = json.loads(text.split("/memberships/<id>/end/ \\")[1].split("-d '")[1].split("'")[0])
    response = post(client, token, f"{MEMBERSHIPS}{pk}/end/", end)
    assert response.status_code == 200, response.content
    assert Membership.objects.get(pk=pk).until.isoformat() == end["until"]


def test_a_membership_may_not_end_before_it_began(client, world, token):
    errors = _errors(post(client, token, f"{MEMBERSHIPS}{world.membership.pk}/end/",
                          {"until": "2010-01-01"}))
    assert "korábbi" in errors["until"]


def test_a_member_token_may_not_write(client, world, member_token, koszeg):
    response = post(client, member_token, MEMBERSHIPS,
                    {"organisation": koszeg.pk, "since": "2016-01-01"})
    assert response.status_code == 403


def test_the_schemas_examples_are_accepted(client, world, token, koszeg):
    from kerekasztal.agreements.api import AgreementIn
    from kerekasztal.forums.api import MembershipIn

    OrganisationFactory(forum=world.forum, name="Cák Község Önkormányzata")
    example = MembershipIn.model_json_schema()["examples"][0]
    example["organisation"] = "Cák Község Önkormányzata"
    assert post(client, token, MEMBERSHIPS, example).status_code == 201
    response = post(client, token, AGREEMENTS, AgreementIn.model_json_schema()["examples"][0])
    assert response.status_code == 201, response.content
