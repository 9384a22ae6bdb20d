"""Writing events with an API token (events/api.py)."""

import datetime
import json

import pytest
from django.utils import timezone

from kerekasztal.api.models import ApiToken
from kerekasztal.events.models import Event
from kerekasztal.territory.models import Settlement
from tests.events.conftest import make_event

from .conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/forums/koszeg/events/"


def _day(days=20):
    return timezone.localdate() + datetime.timedelta(days=days)


def body(**changes):
    day = _day()
    data = {
        "kind": "community", "title": "Családi nap a Várkertben",
        "starts_at": f"{day}T10:00:00", "ends_at": f"{day}T16:00:00",
        "venue": "Jurisics-vár, Várkert", "address": "Rajnis u. 9.",
        "settlements": [Settlement.objects.get(name="Kőszeg").ksh_code],
        "topics": [], "target_groups": ["children"],
    }
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


def test_coordinator_creates_a_published_event_visible_on_the_site_and_in_the_api(
        client, world, token):
    response = post(client, token, body(publish=True, registration_open=True, capacity=40,
                                        organiser=world.organisation.pk))
    assert response.status_code == 201, response.content
    created = response.json()
    event = Event.objects.get(pk=created["id"])
    assert event.forum == world.forum and event.status == "published"
    assert event.organiser == world.organisation and event.capacity == 40
    assert [g.code for g in event.target_groups.all()] == ["children"]
    assert timezone.localtime(event.starts_at).hour == 10  # local time without an offset
    assert created["public_url"] == f"/f/koszeg/events/{event.pk}/"
    assert client.get(f"/api/v1/events/{event.pk}").json()["title"] == "Családi nap a Várkertben"
    assert "Családi nap a Várkertben" in client.get(created["public_url"]).content.decode()
    # the history records the token's user (the activity log)
    assert event.history.latest().history_user == world.coordinator


def test_a_draft_stays_off_the_public_site_but_the_token_reads_it(client, world, token):
    response = post(client, token, body(title="Tervezett műhely"))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "planned" and created["public_url"] is None
    assert client.get(f"/api/v1/events/{created['id']}").status_code == 404
    detail = client.get(f"{URL}{created['id']}/", **bearer(token))
    assert detail.status_code == 200 and detail.json()["title"] == "Tervezett műhely"
    member = client.get(f"{URL}{created['id']}/", **bearer(token_of(world.member)))
    assert member.status_code == 200  # events.view: every role of the forum


def test_patch_changes_only_the_given_fields_and_publishes(client, world, token):
    event = make_event(world.forum, title="Régi cím")
    response = patch(client, token, f"{URL}{event.pk}/", {"venue": "Városháza"})
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert event.venue == "Városháza" and event.title == "Régi cím"
    assert event.status == "planned"
    response = patch(client, token, f"{URL}{event.pk}/", {"publish": True})
    assert response.json()["status"] == "published"
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 200
    assert event.history.latest().history_user == world.coordinator


def test_cancel(client, world, token):
    event = make_event(world.forum)
    response = client.post(f"{URL}{event.pk}/cancel/", json.dumps({"reason": "Vihar"}),
                           content_type="application/json", **bearer(token))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancel_reason"] == "Vihar"


@pytest.mark.parametrize("role", ["member", "settlement_officer", "auditor", "outsider"])
def test_other_roles_may_not_write(client, world, role):
    token = token_of(getattr(world, role))
    event = make_event(world.forum)
    before = Event.objects.count()
    assert post(client, token, body()).status_code == 403
    assert patch(client, token, f"{URL}{event.pk}/", {"title": "X"}).status_code == 403
    cancel = client.post(f"{URL}{event.pk}/cancel/", "{}", content_type="application/json",
                         **bearer(token))
    assert cancel.status_code == 403
    assert cancel.json()["detail"] == "Ehhez nincs jogosultsága."
    assert Event.objects.count() == before
    event.refresh_from_db()
    assert event.title != "X" and event.status == "planned"


def test_outsider_may_not_read_a_draft(client, world):
    event = make_event(world.forum)
    response = client.get(f"{URL}{event.pk}/", **bearer(token_of(world.outsider)))
    assert response.status_code == 403


def test_no_token_or_a_revoked_one_is_401(client, world, token):
    event = make_event(world.forum)
    assert client.post(URL, json.dumps(body()), content_type="application/json"
                       ).status_code == 401
    ApiToken.objects.get(user=world.coordinator).revoke()
    for response in (post(client, token, body()),
                     patch(client, token, f"{URL}{event.pk}/", {"title": "X"}),
                     client.get(f"{URL}{event.pk}/", **bearer(token))):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json()["detail"].startswith("Érvényes API-kulcs")


def test_another_forums_event_is_404(client, world):
    other = make_event(world.other_forum,
                       settlements=[Settlement.objects.get(name="Kunszentmiklós")])
    token = token_of(world.coordinator)
    assert patch(client, token, f"{URL}{other.pk}/", {"title": "X"}).status_code == 404
    assert client.get(f"{URL}{other.pk}/", **bearer(token)).status_code == 404
    assert client.get(f"{URL}999999/", **bearer(token)).json()["detail"] == "Nem található."
    assert post(client, token, body(), url="/api/v1/forums/nincs/events/").status_code == 404


def _errors(response):
    assert response.status_code == 400, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.mark.parametrize("changes, field, message", [
    ({"ends_at": f"{_day()}T09:00:00"}, "ends_at", "A befejezés nem lehet korábbi"),
    ({"settlements": ["9999999"]}, "settlements", "Ismeretlen település-KSH-kód: 9999999"),
    ({"settlements": []}, "settlements", "Legalább 1 elem kell."),
    ({"target_groups": ["martians"]}, "target_groups", "Ismeretlen célcsoport"),
    ({"title": ""}, "title", "Legalább 1 karakter legyen."),
    ({"kind": "castle"}, "kind", "Érvénytelen érték; lehetséges:"),
    ({"starts_at": "holnap"}, "starts_at", "Időpontot adjon meg"),
    ({"hours": 4}, "hours", "Óraszámot, képzőt és tematikát csak képzésnél"),
    ({"capacity": -1}, "capacity", "Legalább 0 legyen."),
    ({"colour": "red"}, "colour", "Ismeretlen mező."),
    ({"organiser": 999999}, "organiser", "nincs a fórum címtárában"),
])
def test_invalid_bodies_are_400_with_hungarian_field_errors_and_save_nothing(
        client, world, token, changes, field, message):
    data = body(**changes)
    if "colour" not in changes:
        data.update(changes)
    errors = _errors(post(client, token, data))
    assert field in errors, errors
    assert message in errors[field]
    assert not Event.objects.exists()


def test_missing_fields_and_bad_json(client, world, token):
    errors = _errors(post(client, token, {"title": "Cím"}))
    assert errors["kind"] == "Kötelező mező." and errors["settlements"] == "Kötelező mező."
    bad = client.post(URL, "{nem json", content_type="application/json", **bearer(token))
    assert bad.status_code == 400
    assert bad.json()["detail"] == "A kérés törzse nem érvényes JSON."
    empty = client.post(URL, "", content_type="application/json", **bearer(token))
    assert empty.json()["errors"][0]["message"] == "Hiányzik a kérés törzse (egy JSON-objektum)."


def test_settlement_outside_the_forums_territory(client, world, token):
    errors = _errors(post(client, token, body(
        settlements=[Settlement.objects.get(name="Kunszentmiklós").ksh_code])))
    assert "nem tartozik a fórum területéhez" in errors["settlements"]


def test_patch_validation_saves_nothing(client, world, token):
    event = make_event(world.forum, title="Marad")
    errors = _errors(patch(client, token, f"{URL}{event.pk}/",
                           {"title": "Új", "ends_at": "2000-01-01T10:00:00"}))
    assert "ends_at" in errors
    assert _errors(patch(client, token, f"{URL}{event.pk}/", {"title": None}))["title"]
    event.refresh_from_db()
    assert event.title == "Marad"
    held = make_event(world.forum)
    Event.objects.filter(pk=held.pk).update(status="held")
    response = patch(client, token, f"{URL}{held.pk}/", {"publish": True})
    assert response.status_code == 400 and response.json()["detail"]


def test_the_body_has_the_web_forms_fields():
    from kerekasztal.events.api import EventIn, EventPatch
    from kerekasztal.events.forms import EVENT_FORM_FIELDS

    assert set(EventIn.model_fields) - {"publish"} == set(EVENT_FORM_FIELDS)
    assert set(EventPatch.model_fields) == set(EventIn.model_fields)


def test_the_documented_curl_example_works(client, world, token):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    example = text.split("/api/v1/forums/koszeg/events/ \\")[1].split("-d '")[1].split("'")[0]
    response = post(client, token, json.loads(example))
    assert response.status_code == 201, response.content
    assert response.json()["public_url"]


@pytest.mark.parametrize("raw", ["[]", "null", "123", '"szöveg"', ""])
def test_bodies_that_are_not_objects_are_400(client, world, token, raw):
    event = make_event(world.forum)
    for response in (
        client.post(URL, raw, content_type="application/json", **bearer(token)),
        client.patch(f"{URL}{event.pk}/", raw, content_type="application/json",
                     **bearer(token)),
    ):
        assert response.status_code == 400, response.content
        assert response.json()["detail"]


def test_the_schemas_example_is_accepted(client, world, token):
    from kerekasztal.events.api import EventIn

    response = post(client, token, EventIn.model_json_schema()["examples"][0])
    assert response.status_code == 201, response.content


# --- marking an event as held (issue 16) ---------------------------------------------------


def _started(world, **data):
    from kerekasztal.events import services

    start = timezone.now() - datetime.timedelta(days=3)
    return services.event_publish(event=make_event(
        world.forum, starts_at=start, ends_at=start + datetime.timedelta(hours=2), **data))


def test_the_documented_held_curl_example_works(client, world, token):
    from pathlib import Path

    event = _started(world)
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    example = text.split("/events/42/held/ \\")[1].split("-d '")[1].split("'")[0]
    response = post(client, token, json.loads(example), url=f"{URL}{event.pk}/held/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "held"
    event.refresh_from_db()
    assert event.participants_count == 23
    assert event.registrations.get().email == "anna@example.hu"


def test_held_with_names_only_counts_them(client, world, token):
    event = _started(world)
    response = post(client, token, {"people": [
        {"name": "Kiss Anna", "email": "anna@example.hu"},
        {"name": "Nagy Béla", "email": "bela@example.hu"}]}, url=f"{URL}{event.pk}/held/")
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert event.participants_count == 2 and event.status == "held"


def test_held_before_the_start_or_without_attendance_is_400(client, world, token):
    future_event = make_event(world.forum)
    response = post(client, token, {"participants_count": 5},
                    url=f"{URL}{future_event.pk}/held/")
    assert response.status_code == 400 and "kezdése után" in response.json()["detail"] + str(
        response.json()["errors"])
    event = _started(world)
    for body_ in ({}, {"participants_count": -1}, {"participants_count": 1, "people": [
            {"name": "A", "email": "a@example.hu"}, {"name": "B", "email": "b@example.hu"}]},
            {"people": [{"name": "A", "email": "nem-email"}]}, {"extra": 1}):
        response = post(client, token, body_, url=f"{URL}{event.pk}/held/")
        assert response.status_code == 400, (body_, response.content)
    event.refresh_from_db()
    assert event.participants_count is None and not event.registrations.exists()


def test_held_with_counts_per_organisation(client, world, token):
    event = _started(world)
    response = post(client, token, {"by_organisation": [
        {"organisation": world.organisation.pk, "count": 7}]}, url=f"{URL}{event.pk}/held/")
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert event.participants_count == 7
    assert event.attendance_counts.get().organisation == world.organisation
    response = post(client, token, {"by_organisation": [
        {"organisation": world.other_organisation.pk, "count": 7}]},
        url=f"{URL}{event.pk}/held/")
    assert response.status_code == 400


@pytest.mark.parametrize("code", ["17\x000", "\ud9b2\udd64", "\udb7a"])
def test_a_settlement_code_no_database_can_hold_is_a_400(client, world, token, code):
    """Found by schemathesis on PostgreSQL: a NUL or a lone surrogate answered 500."""
    response = post(client, token, body(settlements=[code]))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("settlements")


def test_the_audience_is_written_and_read_back(client, world, token):
    response = post(client, token, body(kind="sensitization", title="Érzékenyítő tréning",
                                        audience="a Kerekasztal tagjai"))
    assert response.status_code == 201, response.content
    assert response.json()["audience"] == "a Kerekasztal tagjai"
    url = f"{URL}{response.json()['id']}/"
    assert patch(client, token, url, {"audience": ""}).json()["audience"] == ""
    assert Event.objects.get().audience == ""


def test_sheet_names_without_email_go_in_and_come_back_with_their_accents(client, world,
                                                                         token):
    event = _started(world)
    people = [{"name": "Kovács Árpádné", "organisation": "bozsok község önkormányzata"},
              {"name": "Dr. Szőke-Nagy Ödön", "organisation": "Kőszegi Járási Hivatal"},
              {"name": "Kiss Anna", "email": "anna@example.hu"}]
    response = post(client, token, {"participants_count": 14, "people": people},
                    url=f"{URL}{event.pk}/held/")
    assert response.status_code == 200, response.content
    response = client.get(f"{URL}{event.pk}/participants/", **bearer(token))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    got = sorted((p["name"], p["organisation"], p["email"], p["attended"])
                 for p in response.json()["items"])
    assert got == [("Dr. Szőke-Nagy Ödön", "Kőszegi Járási Hivatal", "", True),
                   ("Kiss Anna", "", "anna@example.hu", True),
                   ("Kovács Árpádné", "Bozsok Község Önkormányzata", "", True)]
    # the same names sent again are the same people, not new ones
    response = post(client, token, {"people": people[:2]}, url=f"{URL}{event.pk}/held/")
    assert response.status_code == 200, response.content
    assert event.registrations.count() == 3
