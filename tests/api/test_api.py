import json

import pytest

from kerekasztal.api.models import ApiToken
from kerekasztal.directory.models import Organisation
from tests.publishing.conftest import make_document, make_post

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_forum_list_is_public_paginated_and_filtered(client, world):
    body = client.get("/api/v1/forums/").json()
    assert body["count"] == 2 and body["page"] == 1 and body["pages"] == 1
    assert {item["slug"] for item in body["items"]} == {"koszeg", "kunszentmiklos"}
    vas = client.get(f"/api/v1/forums/?county={world.district.county.code}").json()
    assert [item["slug"] for item in vas["items"]] == ["koszeg"]


def test_forum_detail_and_members(client, world):
    forum = client.get("/api/v1/forums/koszeg/").json()
    assert forum["name"] == world.forum.name and forum["url"] == "/f/koszeg/"
    assert "contact_email" in forum
    members = client.get("/api/v1/forums/koszeg/members/").json()
    assert [m["organisation"] for m in members["items"]] == [world.organisation.name]
    assert "representatives" not in members["items"][0]  # organisations, never people
    assert client.get("/api/v1/forums/koszeg/members/?on=2010-01-01").json()["count"] == 0


@pytest.mark.parametrize("url, field", [
    ("/api/v1/forums/?page=99", "page"),
    ("/api/v1/forums/?page=0", "page"),
    ("/api/v1/forums/?page_size=1000", "page_size"),
    ("/api/v1/forums/?colour=red", "colour"),
    ("/api/v1/forums/?kind=castle", "kind"),
    ("/api/v1/forums/koszeg/members/?on=tegnap", "on"),
    ("/api/v1/publishing/news/?kind=gossip", "kind"),
    ("/api/v1/publishing/documents/?language=xx", "language"),
    # issue 21/6: past SQLite's 64-bit integers (OverflowError, a 500 before)
    ("/api/v1/plans/measures?plan=9223372036854775809", "plan"),
    ("/api/v1/plans/measures?plan=-1", "plan"),
])
def test_bad_filters_and_pages_give_400_with_a_body(client, world, url, field):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert any(field in (error["field"] or "") for error in body["errors"]), body


def test_unknown_records_give_404_with_a_body(client, world):
    for url in ("/api/v1/forums/nincs-ilyen/", "/api/v1/publishing/news/999/",
                "/api/v1/forums/nincs-ilyen/members/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == "Nem található."


def test_news_and_documents_are_only_the_public_ones(client, world, media):
    make_post(world.forum, title="Nyilvános hír")
    draft = make_post(world.forum, title="Piszkozat", status="draft")
    make_document(world.forum, title="Ügyrend")
    make_document(world.forum, title="Belső", published=False)
    news = client.get("/api/v1/publishing/news/?forum=koszeg").json()
    assert [item["title"] for item in news["items"]] == ["Nyilvános hír"]
    assert client.get(f"/api/v1/publishing/news/{draft.pk}/").status_code == 404
    documents = client.get("/api/v1/publishing/documents/").json()
    assert [item["title"] for item in documents["items"]] == ["Ügyrend"]


def test_writing_needs_a_token(client, world):
    response = client.post("/api/v1/forums/koszeg/organisations/",
                           json.dumps({"name": "Új Egyesület", "kind": "civil"}),
                           content_type="application/json")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Érvényes API-kulcs")
    bad = client.post("/api/v1/forums/koszeg/organisations/", "{}",
                      content_type="application/json", **bearer("kk_nem-jo"))
    assert bad.status_code == 401


def test_coordinator_creates_and_updates_an_organisation_with_a_token(client, world, token):
    response = client.post("/api/v1/forums/koszeg/organisations/",
                           json.dumps({"name": "Új Egyesület", "kind": "civil",
                                       "seat": world.settlement.ksh_code}),
                           content_type="application/json", **bearer(token))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["seat"] == world.settlement.ksh_code
    organisation = Organisation.objects.get(pk=created["id"])
    assert organisation.forum == world.forum
    response = client.patch(f"/api/v1/forums/koszeg/organisations/{organisation.pk}/",
                            json.dumps({"email": "info@egyesulet.hu"}),
                            content_type="application/json", **bearer(token))
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.email == "info@egyesulet.hu" and organisation.name == "Új Egyesület"


def test_invalid_organisation_gives_400_and_saves_nothing(client, world, token):
    response = client.post("/api/v1/forums/koszeg/organisations/",
                           json.dumps({"name": world.organisation.name, "kind": "civil",
                                       "tax_number": "hibás"}),
                           content_type="application/json", **bearer(token))
    assert response.status_code == 400
    assert response.json()["errors"]
    assert Organisation.objects.filter(forum=world.forum).count() == 1
    wrong_kind = client.post("/api/v1/forums/koszeg/organisations/",
                             json.dumps({"name": "X", "kind": "kastély"}),
                             content_type="application/json", **bearer(token))
    assert wrong_kind.status_code == 400


def test_members_and_other_forums_coordinators_may_not_write(client, world, member_token):
    response = client.post("/api/v1/forums/koszeg/organisations/",
                           json.dumps({"name": "X", "kind": "civil"}),
                           content_type="application/json", **bearer(member_token))
    assert response.status_code == 403
    _record, outsider = ApiToken.issue(user=world.outsider, name="más")
    response = client.patch(f"/api/v1/forums/koszeg/organisations/{world.organisation.pk}/",
                            json.dumps({"email": "x@example.org"}),
                            content_type="application/json", **bearer(outsider))
    assert response.status_code == 403
    # the outsider coordinates the other forum: an organisation of this one is not there
    response = client.patch(
        f"/api/v1/forums/kunszentmiklos/organisations/{world.organisation.pk}/",
        json.dumps({"email": "x@example.org"}), content_type="application/json",
        **bearer(outsider))
    assert response.status_code == 404


def test_a_revoked_token_no_longer_works(client, world, token):
    ApiToken.objects.get(user=world.coordinator).revoke()
    response = client.get(f"/api/v1/forums/koszeg/organisations/{world.organisation.pk}/",
                          **bearer(token))
    assert response.status_code == 401


def test_tokens_are_stored_hashed_and_shown_once(client, world):
    client.force_login(world.coordinator)
    response = client.post("/f/koszeg/manage/api-tokens/", {"name": "adattárház"})
    html = response.content.decode()
    record = ApiToken.objects.get(user=world.coordinator)
    value = html.split("<code>kk_")[1].split("</code>")[0]
    from kerekasztal.api.models import hash_token

    assert record.key_hash == hash_token(f"kk_{value}") and value not in record.key_hash
    assert f"kk_{value}" not in client.get("/f/koszeg/manage/api-tokens/").content.decode()
    client.post(f"/f/koszeg/manage/api-tokens/{record.pk}/revoke/")
    record.refresh_from_db()
    assert record.revoked_at is not None


def test_one_cannot_revoke_someone_elses_token(client, world):
    record, _value = ApiToken.issue(user=world.coordinator, name="k")
    client.force_login(world.auditor)
    response = client.post(f"/f/koszeg/manage/api-tokens/{record.pk}/revoke/")
    assert response.status_code == 404


def test_openapi_document_and_docs(client, world):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/forums/" in schema["paths"]
    assert "/api/v1/publishing/news/" in schema["paths"]
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/v1/docs").status_code == 200


def test_forum_list_query_count_is_flat(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ForumFactory

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/forums/")
    for index in range(10):
        ForumFactory(slug=f"forum-{index}", district=world.district)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/forums/")
    assert len(few) == len(many)


@pytest.mark.parametrize("url", [
    "/api/v1/plans/plans/9223372036854775809",
    "/api/v1/publishing/news/99999999999999999999999/",
    "/api/v1/meetings/9223372036854775808/",
])
def test_an_id_past_the_database_integers_is_400_not_500(client, world, url):
    """Ids in paths are not bounded one by one: the API's last guard answers 400."""
    response = client.get(url)
    assert response.status_code in (400, 404), response.content
    assert response.json()["detail"]


def test_a_database_outage_is_a_json_503(client, world):
    """Issue 21/6: the API answered with the HTML 500 page while the database was down."""
    from django.db import OperationalError, connection

    def down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(down):
        response = client.get("/api/v1/plans/measures")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"]
    assert "átmenetileg nem érhető el" in response.json()["detail"]


def _list_operations():
    """(path, operation) of every list of the OpenAPI schema: a 200 answer with `items`."""
    from kerekasztal.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        ok = operation and (operation["responses"].get(200) or operation["responses"].get("200"))
        if not ok:
            continue
        ok = ok["content"]["application/json"]["schema"]
        answer = components.get(ok.get("$ref", "").rsplit("/", 1)[-1], ok)
        if "items" in answer.get("properties", {}):
            yield path, operation, answer


def test_every_list_pages_by_page_number_and_none_by_limit_offset():
    lists = list(_list_operations())
    assert len(lists) >= 15  # forums, members, events, meetings, plans, ..., progress
    for path, operation, answer in lists:
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert {"page", "page_size"} <= names, path
        assert not names & {"limit", "offset"}, path
        assert set(answer["required"]) == {"count", "page", "pages", "items"}, path


def _public_list_urls():
    for path, operation, _answer in _list_operations():
        if operation.get("security"):
            continue  # a token's list (progress): tests/api/test_write_progress.py
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        query = "?forum=koszeg" if "forum" in names else "?"
        yield path.replace("{slug}", "koszeg") + query


@pytest.mark.parametrize("url", list(_public_list_urls()))
def test_every_public_list_answers_a_page_and_refuses_limit_and_offset(client, world, url):
    body = client.get(url + "&page_size=1").json()
    assert set(body) == {"count", "page", "pages", "items"}, url
    assert body["page"] == 1 and body["pages"] == max(body["count"], 1)
    assert len(body["items"]) == min(body["count"], 1)
    response = client.get(url + "&limit=10&offset=0")
    assert response.status_code == 400, url
    assert response.json()["errors"][0]["field"] == "limit"


def test_the_second_page_of_a_list(client, world):
    from tests.factories import ForumFactory

    ForumFactory(slug="harmadik")
    first = client.get("/api/v1/forums/?page_size=2").json()
    second = client.get("/api/v1/forums/?page_size=2&page=2").json()
    assert first["count"] == second["count"] == 3 and first["pages"] == 2
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert {f["slug"] for f in first["items"] + second["items"]} == {
        "koszeg", "kunszentmiklos", "harmadik"}
