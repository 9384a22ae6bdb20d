"""Writing projects with an API token: the project (also by its call code alone), staff,
partners, extensions, indicators and manual values, through the web forms' services."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kerekasztal.projects.models import ManualValue, Project
from tests.factories import OrganisationFactory, PersonFactory
from tests.projects.conftest import PDF

from .conftest import bearer

pytestmark = pytest.mark.django_db
BASE = "/api/v1/projects/forums/koszeg/"


def body(world, **overrides):
    data = {"programme": "AROP", "brand": "sz2020", "call_code": "ÁROP-1.A.3-2014",
            "code": "ÁROP-1.A.3-2014", "title": "Területi együttműködés a Kőszegi járásban",
            "beneficiary": world.organisation.pk, "grant_amount": 21_980_000,
            "funds": ["ESZA"], "start": "2015-04-01", "end": "2015-10-31"}
    data.update(overrides)
    return data


def post(client, token, url, data):
    return client.post(url, json.dumps(data), content_type="application/json",
                       **bearer(token))


def make(client, token, world, **overrides):
    response = post(client, token, BASE, body(world, **overrides))
    assert response.status_code == 201, response.content
    return response.json()


def test_a_project_given_by_its_call_code_alone_is_recorded(client, world, token):
    data = make(client, token, world)
    project = Project.objects.get(pk=data["id"])
    assert project.code == "ÁROP-1.A.3-2014" and project.brand == "sz2020"
    assert data["code"] == "ÁROP-1.A.3-2014" and data["staff"] == []


def test_a_wrong_code_is_400_naming_the_field(client, world, token):
    response = post(client, token, BASE, body(world, code="ÁROP-1.A.3-2014-14"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "code"


def test_another_forums_organisation_is_400(client, world, token):
    response = post(client, token, BASE, body(world, beneficiary=world.other_organisation.pk))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "beneficiary"


def test_staff_partners_extensions_and_closing(client, world, token):
    pk = make(client, token, world)["id"]
    person = PersonFactory(forum=world.forum, name="Munka Mária")
    state = OrganisationFactory(forum=world.forum, name="Kőszegi Járási Hivatal",
                                kind="state")
    staff = post(client, token, f"{BASE}{pk}/staff/",
                 {"role": "catch_up_officer", "person": person.pk, "since": "2015-04-01"})
    assert staff.status_code == 201, staff.content
    partner = post(client, token, f"{BASE}{pk}/partners/",
                   {"organisation": state.pk, "role": "state"})
    assert partner.status_code == 201, partner.content
    extension = post(client, token, f"{BASE}{pk}/extensions/",
                     {"new_end": "2015-11-30", "reason": "a záró konferencia"})
    assert extension.status_code == 201, extension.content
    assert extension.json()["end"] == "2015-11-30"
    early = post(client, token, f"{BASE}{pk}/extensions/",
                 {"new_end": "2015-11-01", "reason": "tévedés"})
    assert early.status_code == 400 and early.json()["errors"][0]["field"] == "new_end"
    closed = client.patch(f"{BASE}{pk}/", json.dumps({"closed_on": "2015-12-15"}),
                          content_type="application/json", **bearer(token))
    assert closed.status_code == 200, closed.content
    data = closed.json()
    assert data["closed_on"] == "2015-12-15"
    assert [s["person"] for s in data["staff"]] == [person.pk]
    assert [p["name"] for p in data["partners"]] == ["Kőszegi Járási Hivatal"]
    future = client.patch(f"{BASE}{pk}/", json.dumps({"closed_on": "2999-01-01"}),
                          content_type="application/json", **bearer(token))
    assert future.status_code == 400


def test_a_manual_indicator_and_its_value_with_evidence(client, world, token):
    pk = make(client, token, world)["id"]
    indicator = post(client, token, f"{BASE}{pk}/indicators/",
                     {"name": "Képzett HEP-megbízottak", "unit": "fő", "target": "12"})
    assert indicator.status_code == 201, indicator.content
    url = f"{BASE}{pk}/indicators/{indicator.json()['id']}/values/"
    evidence = SimpleUploadedFile("jelenleti.pdf", PDF, content_type="application/pdf")
    value = client.post(url, {"as_of": "2015-09-15", "value": "14", "note": "két csoport",
                              "evidence": evidence}, **bearer(token))
    assert value.status_code == 201, value.content
    assert ManualValue.objects.get().value == 14
    negative = client.post(url, {"as_of": "2015-09-15", "value": "-1", "evidence":
                                 SimpleUploadedFile("a.pdf", PDF, "application/pdf")},
                           **bearer(token))
    assert negative.status_code == 400


def test_a_member_may_not_write_projects(client, world, member_token):
    response = post(client, member_token, BASE, body(world))
    assert response.status_code == 403


def _curl(text: str, path: str) -> dict:
    return json.loads(text.split(f"{path} \\")[1].split("-d '")[1].split("'")[0])


def test_the_documented_curl_examples_work(client, world, token):
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    example = _curl(text, "/api/v1/projects/forums/koszeg/")
    example["beneficiary"] = world.organisation.pk  # the example's id 1 in the demo
    pk = make(client, token, world, **example)["id"]
    person = PersonFactory(forum=world.forum)
    staff = _curl(text, "/api/v1/projects/forums/koszeg/7/staff/")
    staff["person"] = person.pk
    assert post(client, token, f"{BASE}{pk}/staff/", staff).status_code == 201
    extension = _curl(text, "/api/v1/projects/forums/koszeg/7/extensions/")
    response = post(client, token, f"{BASE}{pk}/extensions/", extension)
    assert response.status_code == 201, response.content
    indicator = _curl(text, "/api/v1/projects/forums/koszeg/7/indicators/")
    assert post(client, token, f"{BASE}{pk}/indicators/", indicator).status_code == 201


def test_manual_values_by_each_roles_token(client, world, token):
    """The multipart write of the write matrix: only a coordinator's token may."""
    from kerekasztal.api.models import ApiToken

    pk = make(client, token, world)["id"]
    indicator = post(client, token, f"{BASE}{pk}/indicators/",
                     {"name": "Képzett HEP-megbízottak", "unit": "fő", "target": "12"}).json()
    url = f"{BASE}{pk}/indicators/{indicator['id']}/values/"
    for role in world.ROLES:
        headers = {}
        if role != "anonymous":
            headers = bearer(ApiToken.issue(user=world.user(role), name="teszt")[1])
        response = client.post(url, {"as_of": "2015-09-15", "value": "3", "evidence":
                                     SimpleUploadedFile("a.pdf", PDF, "application/pdf")},
                               **headers)
        expected = {"anonymous": 401, "coordinator": 201}.get(role, 403)
        assert response.status_code == expected, (role, response.content)
