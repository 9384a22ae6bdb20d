"""Reporting the progress of measures with an API token (plans/api.py)."""

import datetime
import json

import pytest
from django.utils import timezone

from kerekasztal.api.models import ApiToken
from kerekasztal.plans.models import Progress
from tests.plans.factories import adopt, make_measure, make_plan

from .conftest import bearer

pytestmark = pytest.mark.django_db


def url(measure, slug="koszeg"):
    return f"/api/v1/forums/{slug}/plans/{measure.plan_id}/measures/{measure.pk}/progress/"


def body(**changes):
    data = {"reported_on": str(timezone.localdate()), "status": "in_progress", "percent": 40,
            "narrative": "Tíz közfoglalkoztatott kezdett képzést.",
            "evidence": "Képzési szerződések, 2025"}
    data.update(changes)
    return data


def post(client, token, measure, data, slug="koszeg"):
    return client.post(url(measure, slug), json.dumps(data), content_type="application/json",
                       **bearer(token))


def token_of(user):
    return ApiToken.issue(user=user, name="teszt")[1]


@pytest.fixture
def measures(world):
    """Bozsok's adopted HEP (the settlement officer's) with a measure of the member's
    organisation and one without a responsible organisation; Kőszeg's adopted HEP."""
    hep = make_plan(world.forum)
    own = make_measure(hep, responsible_organisation=world.organisation, responsible="")
    other = make_measure(hep, title="Tanoda indítása", responsible="Tankerület")
    adopt(hep)
    koszeg = make_plan(world.forum, settlement="Kőszeg")
    koszeg_measure = make_measure(koszeg, title="Idősek nappali ellátása",
                                  responsible="Kőszeg Város Önkormányzata")
    adopt(koszeg)
    return {"own": own, "other": other, "koszeg": koszeg_measure}


def _errors(response):
    assert response.status_code == 400, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_coordinator_reports_progress_and_it_is_public(client, world, token, measures):
    measure = measures["koszeg"]
    response = post(client, token, measure, body())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["percent"] == 40 and created["status"] == "in_progress"
    progress = Progress.objects.get(pk=created["id"])
    assert progress.measure == measure and progress.reported_by == world.coordinator
    assert progress.history.latest().history_user == world.coordinator
    measure.refresh_from_db()
    assert (measure.status, measure.percent) == ("in_progress", 40)
    public = client.get(f"/api/v1/plans/measures?forum=koszeg&plan={measure.plan_id}").json()
    reported = next(item for item in public["items"] if item["id"] == measure.pk)
    assert [p["narrative"] for p in reported["progress"]] == [body()["narrative"]]
    listed = client.get(url(measure), **bearer(token)).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == created["id"]


@pytest.mark.parametrize("role, measure, status", [
    ("coordinator", "own", 201), ("coordinator", "other", 201),
    ("settlement_officer", "own", 201), ("settlement_officer", "other", 201),
    ("settlement_officer", "koszeg", 403),  # another settlement's HEP
    ("member", "own", 201),  # their organisation is responsible
    ("member", "other", 403), ("member", "koszeg", 403),
    ("auditor", "own", 403), ("outsider", "own", 403),
])
def test_who_may_report_follows_can_report_progress(client, world, measures, role, measure,
                                                    status):
    response = post(client, token_of(getattr(world, role)), measures[measure], body())
    assert response.status_code == status, response.content
    assert Progress.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize("role, status", [
    ("coordinator", 200), ("member", 200), ("settlement_officer", 200), ("auditor", 200),
    ("outsider", 403),
])
def test_who_may_list_a_measures_progress(client, world, measures, role, status):
    response = client.get(url(measures["own"]), **bearer(token_of(getattr(world, role))))
    assert response.status_code == status


@pytest.mark.parametrize("changes, field, message", [
    ({"percent": 120}, "percent", "Legfeljebb 100 lehet."),
    ({"percent": -5}, "percent", "Legalább 0 legyen."),
    ({"status": "done", "percent": 50}, "percent", "A megvalósult intézkedés teljesítése 100%."),
    ({"reported_on": str(timezone.localdate() + datetime.timedelta(days=3))}, "reported_on",
     "nem lehet a jövőben"),
    ({"reported_on": "tegnap"}, "reported_on", "Dátumot adjon meg"),
    ({"status": "finished"}, "status", "Érvénytelen érték; lehetséges:"),
    ({"narrative": ""}, "narrative", "Legalább 1 karakter legyen."),
    ({"evidence": "x" * 501}, "evidence", "Legfeljebb 500 karakter lehet."),
])
def test_invalid_bodies_are_400_and_save_nothing(client, world, token, measures, changes,
                                                 field, message):
    errors = _errors(post(client, token, measures["own"], body(**changes)))
    assert message in errors.get(field, ""), errors
    assert not Progress.objects.exists()
    measures["own"].refresh_from_db()
    assert measures["own"].percent == 0


def test_a_draft_plans_measure_takes_no_progress(client, world, token):
    draft = make_measure(make_plan(world.forum, settlement="Kőszeg"))
    response = post(client, token, draft, body())
    assert response.status_code == 400
    assert "elfogadott program" in response.json()["errors"][0]["message"]
    assert not Progress.objects.exists()


def test_other_forums_and_mismatched_records_are_404(client, world, token, measures):
    other_plan = make_plan(world.other_forum, settlement="Kunszentmiklós")
    other_measure = make_measure(other_plan)
    adopt(other_plan)
    assert post(client, token, other_measure, body()).status_code == 404
    # the outsider coordinates the other forum; this forum's measure is not there
    outsider = token_of(world.outsider)
    assert post(client, outsider, measures["own"], body(), slug="kunszentmiklos"
                ).status_code == 404
    # a measure under another plan's id
    mismatched = (f"/api/v1/forums/koszeg/plans/{measures['koszeg'].plan_id}/measures/"
                  f"{measures['own'].pk}/progress/")
    response = client.post(mismatched, json.dumps(body()), content_type="application/json",
                           **bearer(token))
    assert response.status_code == 404 and response.json()["detail"] == "Nem található."
    assert not Progress.objects.exists()


def test_no_token_or_a_revoked_one_is_401(client, world, token, measures):
    response = client.post(url(measures["own"]), json.dumps(body()),
                           content_type="application/json")
    assert response.status_code == 401
    ApiToken.objects.get(user=world.coordinator).revoke()
    assert post(client, token, measures["own"], body()).status_code == 401
    assert client.get(url(measures["own"]), **bearer(token)).status_code == 401


def test_the_progress_list_query_count_is_flat(client, world, token, measures):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kerekasztal.plans import services

    measure = measures["own"]

    def report(n):
        for index in range(n):
            services.measure_report_progress(
                measure=measure, reported_on=timezone.localdate() - datetime.timedelta(days=index),
                status="in_progress", percent=index, narrative=f"{index}. beszámoló")

    def count():
        client.get(url(measure), **bearer(token))  # the token's last use is recorded once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(measure), **bearer(token))
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    report(2)
    few = count()
    report(10)
    many = count()
    assert (few[1], many[1]) == (2, 12)
    assert few[0] == many[0]


def test_the_schemas_example_is_accepted(client, world, token, measures):
    from kerekasztal.plans.api import ProgressIn

    response = post(client, token, measures["own"], ProgressIn.model_json_schema()["examples"][0])
    assert response.status_code == 201, response.content
