import pytest

from kerekasztal.publishing.models import Document

from .conftest import make_album, make_document, make_post

pytestmark = pytest.mark.django_db


def test_documents_page_links_translations_to_their_original(client, world, media):
    original = make_document(world.forum, title="Ügyrend")
    make_document(world.forum, title="Poslovnik", language="hr", translation_of=original)
    make_document(world.forum, title="Belső feljegyzés", published=False)
    html = client.get(f"/f/{world.forum.slug}/documents/").content.decode()
    assert "Ügyrend" in html and "Poslovnik" in html and 'lang="hr"' in html
    assert "Belső feljegyzés" not in html
    croatian = client.get(f"/f/{world.forum.slug}/documents/?language=hr").content.decode()
    assert "Ügyrend" in croatian


def test_translation_must_differ_from_the_original(coordinator_client, world, media):
    from .conftest import pdf

    original = make_document(world.forum, title="Ügyrend")
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/documents/new/", {
        "title": "Ügyrend másolat", "kind": "procedure", "language": "hu",
        "translation_of": original.pk, "file": pdf(), "published": "on"})
    assert response.status_code == 200
    assert "nem lehet azonos" in response.content.decode()
    assert Document.objects.count() == 1


def test_coordinator_uploads_a_croatian_translation(coordinator_client, world, media):
    from .conftest import pdf

    original = make_document(world.forum, title="Ügyrend")
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/documents/new/", {
        "title": "Poslovnik", "kind": "procedure", "language": "hr",
        "translation_of": original.pk, "file": pdf(), "published": "on"})
    assert response.status_code == 302
    assert original.translations.get().language == "hr"


def test_document_export_lists_translations(client, world, media):
    original = make_document(world.forum, title="Ügyrend")
    make_document(world.forum, title="Poslovnik", language="hr", translation_of=original)
    body = client.get(f"/f/{world.forum.slug}/documents/export.csv").content.decode("utf-8-sig")
    assert "Poslovnik" in body and "horvát" in body


def test_documents_page_query_count_is_flat(client, world, media):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(2):
        original = make_document(world.forum, title=f"Dok {index}")
        make_document(world.forum, title=f"Prijevod {index}", language="hr",
                      translation_of=original)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/f/{world.forum.slug}/documents/")
    for index in range(10):
        original = make_document(world.forum, title=f"Több {index}")
        make_document(world.forum, title=f"Prijevod több {index}", language="hr",
                      translation_of=original)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/f/{world.forum.slug}/documents/")
    assert len(few) == len(many)


def test_gallery_shows_published_albums_with_alt_texts(client, world, media):
    make_album(world.forum, title="Nyitórendezvény")
    make_album(world.forum, title="Rejtett album", published=False)
    html = client.get(f"/f/{world.forum.slug}/gallery/").content.decode()
    assert "Nyitórendezvény" in html and "Rejtett album" not in html
    assert 'alt="A résztvevők a teremben 0"' in html


def test_photo_upload_requires_alt_text(coordinator_client, world, media):
    from .conftest import png

    album = make_album(world.forum, photos=0)
    response = coordinator_client.post(
        f"/f/{world.forum.slug}/manage/gallery/{album.pk}/",
        {"image": png(), "alt_text": ""})
    assert response.status_code == 200
    assert not album.photos.exists()
    coordinator_client.post(f"/f/{world.forum.slug}/manage/gallery/{album.pk}/",
                            {"image": png(), "alt_text": "Csoportkép"})
    assert album.photos.get().alt_text == "Csoportkép"


def test_empty_sections_say_so(client, world):
    assert "Még nincs fényképalbum." in client.get(
        f"/f/{world.forum.slug}/gallery/").content.decode()
    assert "Még nincs közzétett dokumentum." in client.get(
        f"/f/{world.forum.slug}/documents/").content.decode()
    contact = client.get(f"/f/{world.forum.slug}/contact/").content.decode()
    assert "még nem adta meg az elérhetőségeit" in contact


def test_accessibility_statement_has_the_required_parts_and_is_editable(
        client, coordinator_client, world):
    html = client.get(f"/f/{world.forum.slug}/accessibility/").content.decode()
    for part in ("30/2019. (IX. 4.) ITM rendelet", "Megfelelőségi státusz",
                 "Nem akadálymentes tartalom", "A nyilatkozat elkészítése",
                 "Visszajelzés és elérhetőség", "Jogérvényesítési eljárás",
                 "alapvető jogok biztos"):
        assert part in html, part
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/site/", {
        "compliance": "full", "enforcement": "Saját jogérvényesítési szöveg.",
        "statement_prepared_on": "2025-09-01", "contact_hours": "Hétfő 8–12"})
    assert response.status_code == 302
    coordinator_client.logout()
    html = client.get(f"/f/{world.forum.slug}/accessibility/").content.decode()
    assert "teljes mértékben megfelel" in html and "Saját jogérvényesítési szöveg." in html
    assert "Hétfő 8–12" in client.get(f"/f/{world.forum.slug}/contact/").content.decode()


def test_privacy_notice_names_the_supervisory_authority(client, world):
    html = client.get(f"/f/{world.forum.slug}/privacy/").content.decode()
    assert "Nemzeti Adatvédelmi és Információszabadság Hatóság" in html


def test_front_page_shows_forums_on_a_map_filters_and_latest_news(client, world):
    make_post(world.forum, title="Kőszegi hír")
    html = client.get("/").content.decode()
    assert "<svg" in html and 'aria-label="Kőszegi Járási Felzárkózási Kerekasztal"' in html
    assert "Kőszegi hír" in html and "Kunszentmiklósi Kerekasztal" in html
    filtered = client.get(f"/?county={world.district.county.pk}").content.decode()
    assert "Kunszentmiklósi Kerekasztal" not in filtered
    assert "Kőszegi Járási" in filtered
    bad = client.get("/?county=abc&kind=nonsense")
    assert bad.status_code == 200


def test_front_page_export(client, world):
    body = client.get("/forums/export.csv").content.decode("utf-8-sig")
    assert "Kőszegi Járási Felzárkózási Kerekasztal" in body


def test_sitemap_and_robots(client, world):
    post = make_post(world.forum, title="Sitemap hír")
    make_post(world.forum, title="Piszkozat", status="draft")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/f/koszeg/news/{post.pk}/" in sitemap
    assert "/f/koszeg/accessibility/" in sitemap
    assert sitemap.count("/f/koszeg/news/") == 2  # the list and the public post
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /f/*/manage/" in robots


def test_public_pages_have_canonical_and_open_graph(client, world):
    html = client.get(f"/f/{world.forum.slug}/news/").content.decode()
    assert '<link rel="canonical" href="http://testserver/f/koszeg/news/">' in html
    assert 'property="og:title"' in html
    assert 'type="application/rss+xml"' in html


def test_front_page_lists_upcoming_events_of_an_events_source(client, world, monkeypatch):
    """Any app's public source of kind "events.*" shows on the front page."""
    import datetime

    from django.utils import timezone

    from kerekasztal.core import contracts
    from kerekasztal.core.contracts import PublicSource
    from kerekasztal.forums.models import Forum

    soon = timezone.localdate() + datetime.timedelta(days=3)
    fake = PublicSource(kind="events.event", label="Rendezvények",
                        records=lambda forums: Forum.objects.filter(pk__in=forums, slug="koszeg"),
                        title=lambda forum: "Családi nap Kőszegen", text=lambda forum: "",
                        url=lambda forum: "/f/koszeg/", date=lambda forum: soon)
    sources = {**contracts.public_sources(), "events.event": fake}
    monkeypatch.setattr("kerekasztal.publishing.search.public_sources", lambda: sources)
    html = client.get("/").content.decode()
    assert "Családi nap Kőszegen" in html


def test_front_page_query_count_is_flat(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ForumFactory

    for index in range(2):
        make_post(world.forum, title=f"Hír {index}")
    client.get("/")  # builds the search index once
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    from kerekasztal.publishing.search import reindex_all

    for index in range(10):
        ForumFactory(slug=f"forum-{index}", district=world.district)
        make_post(world.forum, title=f"Több hír {index}")
    reindex_all()
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(few) == len(many)


def test_gallery_export_lists_only_public_albums(client, coordinator_client, world, media):
    make_album(world.forum, title="Nyilvános album", photos=0)
    make_album(world.forum, title="Rejtett album", published=False, photos=0)
    body = client.get(f"/f/{world.forum.slug}/gallery/export.csv").content.decode("utf-8-sig")
    assert "Nyilvános album" in body and "Rejtett album" not in body
    managed = coordinator_client.get(f"/f/{world.forum.slug}/manage/gallery/export.csv")
    assert "Rejtett album" in managed.content.decode("utf-8-sig")


@pytest.mark.parametrize("path, make", [
    ("gallery/", lambda forum, i: make_album(forum, title=f"Album {i}", photos=1)),
    ("manage/gallery/", lambda forum, i: make_album(forum, title=f"Album {i}", photos=1)),
    ("manage/documents/", lambda forum, i: make_document(forum, title=f"Dok {i}")),
    ("search/?q=hír", lambda forum, i: make_post(forum, title=f"Hír {i}")),
])
def test_list_pages_query_count_is_flat(coordinator_client, world, media, path, make):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(2):
        make(world.forum, index)
    coordinator_client.get(f"/f/{world.forum.slug}/{path}")  # the search index is built
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(f"/f/{world.forum.slug}/{path}")
    for index in range(2, 12):
        make(world.forum, index)
    coordinator_client.get(f"/f/{world.forum.slug}/{path}")
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(f"/f/{world.forum.slug}/{path}")
    assert len(few) == len(many)


def test_members_page_and_export_show_organisations_never_people(client, world):
    html = client.get(f"/f/{world.forum.slug}/members/").content.decode()
    assert world.organisation.name in html and world.representative.name not in html
    body = client.get(f"/f/{world.forum.slug}/members/export.csv").content.decode("utf-8-sig")
    assert world.organisation.name in body and world.representative.email not in body


def test_front_page_shows_published_open_service_gaps_by_district(client, world):
    from tests.links.conftest import make_gap

    gap = make_gap(world.forum)
    page = client.get("/").content.decode()
    assert 'id="national-gaps"' in page
    district_code = gap.settlement.district.code
    assert f'data-code="{district_code}"' in page
    gap.is_public = True
    gap.save()  # a change of the forum's content invalidates the cached front page
    page = client.get("/").content.decode()
    assert "Kőszegi járás: 1" in page


def test_album_and_site_settings_refuse_a_key_that_is_not_a_field(world):
    """album_save and site_settings_update used to set any attribute they were given."""
    from kerekasztal.publishing import services

    with pytest.raises(TypeError, match="unknown album fields"):
        services.album_save(forum=world.forum, title="Album", publishd=True)
    with pytest.raises(TypeError, match="unknown site settings fields"):
        services.site_settings_update(forum=world.forum, contact_hour="H–P 8–16")
