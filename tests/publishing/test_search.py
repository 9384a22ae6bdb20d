import pytest
from django.db import connection

from kerekasztal.publishing.search import fold, query_stems, reindex_all, search, stem

from .conftest import make_document, make_post

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs PostgreSQL (DATABASE_URL)")


def test_folding_keeps_length_and_drops_accents():
    assert fold("Fogyatékkal ÉLŐKET!") == "fogyatekkal eloket "
    assert stem("élőket") == "elo"
    assert stem("Gyermekeknek") == "gyermek"
    assert query_stems("fogyatékkal élők") == ["fogyate", "elo"]


def test_stemmed_search_finds_inflected_forms(client, world):
    make_post(world.forum, title="Program a fogyatékkal élőket segítő szervezeteknek",
              lead="Kőszegen a fogyatékkal élőket támogató szolgáltatásokról tárgyaltak.")
    make_post(world.forum, title="Idősek napja", lead="Az idősek klubja ünnepelt.")
    html = client.get(f"/f/{world.forum.slug}/search/", {"q": "fogyatékkal élők"}).content \
        .decode()
    assert "fogyatékkal élőket segítő" in html
    assert "Idősek napja" not in html
    assert "<mark>" in html


def test_search_never_shows_closed_material(client, world, media):
    make_post(world.forum, title="Piszkozat a szegregátumról", status="draft")
    make_document(world.forum, title="Belső szegregátum-jelentés", published=False)
    html = client.get(f"/f/{world.forum.slug}/search/", {"q": "szegregátum"}).content.decode()
    assert "Piszkozat" not in html and "Belső" not in html
    assert "0 találat" in html


def test_forum_search_stays_in_its_forum_platform_search_spans_all(client, world):
    make_post(world.forum, title="Kerekasztal ülés Kőszegen")
    make_post(world.other_forum, title="Kerekasztal ülés Kunszentmiklóson")
    forum_html = client.get(f"/f/{world.forum.slug}/search/", {"q": "ülés"}).content.decode()
    assert "Kőszegen" in forum_html and "Kunszentmiklóson" not in forum_html
    platform = client.get("/search/", {"q": "ülések"}).content.decode()
    assert "Kőszegen" in platform and "Kunszentmiklóson" in platform


@pytest.mark.parametrize("query", ['"fogyatékkal', "élők AND OR NOT", "a & b | !c",
                                   "<script>alert(1)</script>", "'; DROP TABLE x; --",
                                   "***", "x" * 10_000])
def test_bad_queries_give_a_clear_answer_never_a_500(client, world, query):
    make_post(world.forum, title="Fogyatékkal élők napja")
    response = client.get(f"/f/{world.forum.slug}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if len(query) > 200:
        assert "legfeljebb 200 karakter" in html


def test_index_follows_changes_and_the_reindex_command(world):
    from django.core.management import call_command

    from kerekasztal.forums.models import Forum

    post = make_post(world.forum, title="Közmeghallgatás")
    forums = Forum.objects.filter(pk=world.forum.pk)
    from kerekasztal.publishing.search import ensure_fresh

    ensure_fresh(forums)
    assert [hit.entry.title for hit in search("közmeghallgatás", forums)] == ["Közmeghallgatás"]
    post.status = "draft"
    post.save()
    ensure_fresh(forums)
    assert search("közmeghallgatás", forums) == []
    call_command("reindex_search")
    assert reindex_all() >= 2  # the two forums' own pages at least


@postgres_only
def test_postgres_hungarian_stemming_ranks_and_highlights(world):
    from kerekasztal.forums.models import Forum
    from kerekasztal.publishing.search import ensure_fresh

    make_post(world.forum, title="Fogyatékkal élőket segítő program",
              lead="A fogyatékkal élőket segítő szolgáltatások bővülnek.")
    forums = Forum.objects.filter(pk=world.forum.pk)
    ensure_fresh(forums)
    hits = search("fogyatékkal élők", forums)
    assert hits and "<mark>" in hits[0].snippet


def test_search_results_export_as_csv(client, world):
    make_post(world.forum, title="Közmeghallgatás Kőszegen")
    make_post(world.forum, title="Közmeghallgatás piszkozat", status="draft")
    body = client.get(f"/f/{world.forum.slug}/search/export.csv",
                      {"q": "közmeghallgatás"}).content.decode("utf-8-sig")
    assert "Közmeghallgatás Kőszegen" in body and "piszkozat" not in body
    assert "Hírek és sajtóközlemények" in body
    platform = client.get("/search/export.xlsx", {"q": "közmeghallgatás"})
    assert platform.content[:2] == b"PK"
