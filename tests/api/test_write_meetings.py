"""Writing meetings with an API token (meetings/api.py)."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from kerekasztal.api.models import ApiToken
from kerekasztal.meetings import services as meeting_services
from kerekasztal.meetings.models import Meeting
from kerekasztal.territory.models import Settlement
from tests.meetings.factories import MeetingFactory, at

from .conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/forums/koszeg/meetings/"


def _day(days=14):
    return timezone.localdate() + datetime.timedelta(days=days)


def body(**changes):
    day = _day()
    data = {"title": "A járási esélyteremtő programterv véleményezése",
            "starts_at": f"{day}T10:00:00", "ends_at": f"{day}T12:00:00",
            "venue_settlement": Settlement.objects.get(name="Kőszeg").ksh_code,
            "venue_address": "Jurisics tér 8."}
    data.update(changes)
    return data


def post(client, token, data, url=URL):
    return client.post(url, json.dumps(data), content_type="application/json",
                       **bearer(token))


def patch(client, token, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json",
                        **bearer(token))


def token_of(user):
    return ApiToken.issue(user=user, name="teszt")[1]


def _errors(response):
    assert response.status_code == 400, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_closed_meeting_never_appears_in_the_read_endpoints_until_made_public(
        client, world, token):
    response = post(client, token, body())
    assert response.status_code == 201, response.content
    created = response.json()
    meeting = Meeting.objects.get(pk=created["id"])
    assert created["visibility"] == "closed" and meeting.number == 1
    assert meeting.history.latest().history_user == world.coordinator
    assert client.get("/api/v1/meetings/").json()["count"] == 0
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/api/v1/meetings/?forum=koszeg").json()["count"] == 0
    assert client.get(f"/f/koszeg/meetings/{meeting.pk}/").status_code == 404
    # the token of a member reads it in full
    member = client.get(f"{URL}{meeting.pk}/", **bearer(token_of(world.member)))
    assert member.status_code == 200 and member.json()["title"] == meeting.title
    # an update that keeps it closed keeps it hidden
    assert patch(client, token, f"{URL}{meeting.pk}/",
                 {"description": "Zárt egyeztetés"}).status_code == 200
    assert client.get("/api/v1/meetings/").json()["count"] == 0
    response = patch(client, token, f"{URL}{meeting.pk}/", {"visibility": "public"})
    assert response.status_code == 200, response.content
    listed = client.get("/api/v1/meetings/?forum=koszeg").json()
    assert [item["id"] for item in listed["items"]] == [meeting.pk]
    assert client.get(f"/f/koszeg/meetings/{meeting.pk}/").status_code == 200


def test_public_meeting_created_public_and_the_next_number(client, world, token):
    MeetingFactory(forum=world.forum, number=3)
    response = post(client, token, body(visibility="public", venue_settlement=None,
                                        online_url="https://meet.example.org/kerekasztal"))
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 4
    assert response.json()["venue_settlement"] is None
    assert client.get(f"/api/v1/meetings/{response.json()['id']}/").status_code == 200


def test_moving_an_announced_meeting_reschedules_it(client, world, token):
    meeting = MeetingFactory(forum=world.forum, number=2)
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now(),
                                                 status="invited")
    later = _day(21)
    response = patch(client, token, f"{URL}{meeting.pk}/",
                     {"starts_at": f"{later}T14:00:00", "ends_at": f"{later}T16:00:00"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "rescheduled"


def test_cancel_tells_the_reason(client, world, token):
    meeting = MeetingFactory(forum=world.forum)
    response = client.post(f"{URL}{meeting.pk}/cancel/", json.dumps({"reason": "Árvíz"}),
                           content_type="application/json", **bearer(token))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    again = client.post(f"{URL}{meeting.pk}/cancel/", json.dumps({"reason": "Árvíz"}),
                        content_type="application/json", **bearer(token))
    assert again.status_code == 400 and "nem lehet lemondani" in again.json()["errors"][0][
        "message"]
    missing = client.post(f"{URL}{meeting.pk}/cancel/", "{}",
                          content_type="application/json", **bearer(token))
    assert _errors(missing)["reason"] == "Kötelező mező."
    assert mail.outbox == []  # nobody was invited yet


@pytest.mark.parametrize("role", ["member", "settlement_officer", "auditor", "outsider"])
def test_other_roles_may_not_write(client, world, role):
    token = token_of(getattr(world, role))
    meeting = MeetingFactory(forum=world.forum, title="Marad")
    assert post(client, token, body()).status_code == 403
    assert patch(client, token, f"{URL}{meeting.pk}/", {"title": "X"}).status_code == 403
    cancel = client.post(f"{URL}{meeting.pk}/cancel/", json.dumps({"reason": "x"}),
                         content_type="application/json", **bearer(token))
    assert cancel.status_code == 403
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.title == "Marad" and meeting.status == "planned"


@pytest.mark.parametrize("role, status", [("member", 200), ("auditor", 200),
                                          ("coordinator", 200), ("settlement_officer", 403),
                                          ("outsider", 403)])
def test_who_reads_a_closed_meeting(client, world, role, status):
    meeting = MeetingFactory(forum=world.forum)
    response = client.get(f"{URL}{meeting.pk}/", **bearer(token_of(getattr(world, role))))
    assert response.status_code == status


def test_no_token_or_a_revoked_one_is_401(client, world, token):
    meeting = MeetingFactory(forum=world.forum)
    assert client.post(URL, json.dumps(body()), content_type="application/json"
                       ).status_code == 401
    ApiToken.objects.get(user=world.coordinator).revoke()
    for response in (post(client, token, body()),
                     patch(client, token, f"{URL}{meeting.pk}/", {"title": "X"}),
                     client.get(f"{URL}{meeting.pk}/", **bearer(token))):
        assert response.status_code == 401


def test_another_forums_meeting_is_404(client, world, token):
    other = MeetingFactory(forum=world.other_forum,
                           venue_settlement=Settlement.objects.get(name="Kunszentmiklós"))
    assert patch(client, token, f"{URL}{other.pk}/", {"title": "X"}).status_code == 404
    assert client.get(f"{URL}{other.pk}/", **bearer(token)).status_code == 404
    other.refresh_from_db()
    assert other.title != "X"


@pytest.mark.parametrize("changes, field, message", [
    ({"ends_at": f"{_day()}T09:00:00"}, "ends_at", "A befejezés legyen későbbi"),
    ({"venue_settlement": "9999999"}, "venue_settlement", "Ismeretlen település-KSH-kód"),
    ({"venue_settlement": None}, "venue_settlement", "Adja meg a helyszínt vagy az online"),
    ({"online_url": "nem link"}, "online_url", "URL"),
    ({"visibility": "secret"}, "visibility", "Érvénytelen érték; lehetséges:"),
    ({"title": ""}, "title", "Legalább 1 karakter legyen."),
    ({"number": 0}, "number", "Legalább 1 legyen."),
])
def test_invalid_bodies_are_400_with_field_errors_and_save_nothing(
        client, world, token, changes, field, message):
    errors = _errors(post(client, token, body(**changes)))
    assert field in errors, errors
    assert message in errors[field]
    assert not Meeting.objects.exists()


def test_a_settlement_outside_the_territory_and_a_taken_number(client, world, token):
    errors = _errors(post(client, token, body(
        venue_settlement=Settlement.objects.get(name="Kunszentmiklós").ksh_code)))
    assert "nem tartozik a fórum területéhez" in errors["venue_settlement"]
    MeetingFactory(forum=world.forum, number=5)
    response = post(client, token, body(number=5))
    assert response.status_code == 400
    assert "Ilyen sorszámú ülése már van" in response.json()["errors"][0]["message"]
    assert Meeting.objects.count() == 1


def test_patch_validation_saves_nothing(client, world, token):
    meeting = meeting_services.meeting_schedule(
        forum=world.forum, title="Marad", starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        venue_settlement=Settlement.objects.get(name="Kőszeg"))
    errors = _errors(patch(client, token, f"{URL}{meeting.pk}/",
                           {"title": "Új", "ends_at": "2000-01-01T10:00:00"}))
    assert "ends_at" in errors
    assert _errors(patch(client, token, f"{URL}{meeting.pk}/", {"title": None}))["title"]
    meeting.refresh_from_db()
    assert meeting.title == "Marad"


def test_the_schemas_example_is_accepted(client, world, token):
    from kerekasztal.meetings.api import MeetingIn

    example = MeetingIn.model_json_schema()["examples"][0]
    response = post(client, token, example)
    assert response.status_code == 201, response.content


def test_the_documented_curl_example_marks_a_meeting_held(client, world, token):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    example = text.split("/meetings/7/held/ \\")[1].split("-d '")[1].split("'")[0]
    body = json.loads(example)
    for line in body["headcounts"]:  # the example's organisation id is the demo's
        line["organisation"] = world.organisation.pk
    day = datetime.date(2016, 3, 1)
    meeting = MeetingFactory(forum=world.forum, starts_at=at(day), ends_at=at(day, 12))
    response = client.post(f"/api/v1/forums/koszeg/meetings/{meeting.pk}/held/",
                           json.dumps(body), content_type="application/json",
                           **bearer(token))
    assert response.status_code == 200, response.content
    assert response.json()["present"] == body["headcount_total"]
    assert response.json()["status"] == "held" and day == meeting.date
