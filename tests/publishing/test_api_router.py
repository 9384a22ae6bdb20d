"""The publishing router on its own (ninja's TestClient), as other apps test theirs."""

import pytest
from ninja.testing import TestClient

from kerekasztal.publishing.api import router

from .conftest import make_document, make_post

pytestmark = pytest.mark.django_db


def test_router_lists_public_news_of_one_forum(world):
    make_post(world.forum, title="Kőszegi hír", kind="press_release")
    make_post(world.forum, title="Piszkozat", status="draft")
    make_post(world.other_forum, title="Más fórum")
    body = TestClient(router).get("/news/?forum=koszeg").json()
    assert [item["title"] for item in body["items"]] == ["Kőszegi hír"]
    assert body["items"][0]["kind_label"] == "Sajtóközlemény"


def test_router_documents_link_translations(world, media):
    original = make_document(world.forum, title="Ügyrend")
    make_document(world.forum, title="Poslovnik", language="hr", translation_of=original)
    body = TestClient(router).get("/documents/?language=hr").json()
    assert body["items"][0]["translation_of"] == original.pk
    assert body["items"][0]["file_url"].endswith("/file/")
