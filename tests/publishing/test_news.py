import datetime

import pytest
from django.utils import timezone

from kerekasztal.publishing import services
from kerekasztal.publishing.models import Post

from .conftest import make_post, pdf, png

pytestmark = pytest.mark.django_db


def test_public_news_lists_published_posts_only(client, world, media):
    make_post(world.forum, title="Megalakult a kerekasztal")
    make_post(world.forum, title="Titkos piszkozat", status="draft")
    make_post(world.forum, title="Holnapi közlemény",
              when=timezone.now() + datetime.timedelta(days=1))
    make_post(world.other_forum, title="Másik fórum híre")
    html = client.get(f"/f/{world.forum.slug}/news/").content.decode()
    assert "Megalakult a kerekasztal" in html
    assert "Titkos piszkozat" not in html
    assert "Holnapi közlemény" not in html
    assert "Másik fórum híre" not in html


def test_scheduled_post_appears_when_its_time_comes(client, world):
    post = make_post(world.forum, title="Időzített hír",
                     when=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(f"/f/{world.forum.slug}/news/{post.pk}/").status_code == 404
    Post.objects.filter(pk=post.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(f"/f/{world.forum.slug}/news/{post.pk}/").status_code == 200


def test_empty_news_page_says_so(client, world):
    html = client.get(f"/f/{world.forum.slug}/news/").content.decode()
    assert "még nem tett közzé hírt" in html


def test_news_list_query_count_is_flat(client, world, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(2):
        make_post(world.forum, title=f"Hír {index}")
    client.get(f"/f/{world.forum.slug}/news/")  # the search index is built
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(f"/f/{world.forum.slug}/news/")
    for index in range(10):
        make_post(world.forum, title=f"Több hír {index}")
    client.get(f"/f/{world.forum.slug}/news/")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(f"/f/{world.forum.slug}/news/")
    assert len(few) == len(many)


def test_body_is_sanitised_and_images_need_alt_text(coordinator_client, world, media):
    url = f"/f/{world.forum.slug}/manage/news/new/"
    data = {"kind": "press_release", "title": "Sajtóközlemény", "lead": "Röviden",
            "body": "<p>Szöveg</p><script>alert(1)</script>", "status": "published",
            "publish_at": "2016-02-01T10:00"}
    response = coordinator_client.post(url, {**data, "image": png()})
    assert response.status_code == 200
    assert "Adja meg, mit ábrázol a kép." in response.content.decode()
    assert not Post.objects.exists()
    response = coordinator_client.post(url, {**data, "image": png(), "image_alt": "Tábla",
                                             "attachment": pdf(), "attachment_title": "Meghívó"})
    assert response.status_code == 302
    post = Post.objects.get()
    assert "<script>" not in post.body and "<p>Szöveg</p>" in post.body
    assert post.images.get().alt_text == "Tábla"
    html = coordinator_client.get(f"/f/{world.forum.slug}/news/{post.pk}/").content.decode()
    assert 'alt="Tábla"' in html and "Meghívó" in html and "og:title" in html


def test_image_of_a_draft_is_not_served_publicly(client, world, media):
    post = services.post_create(forum=world.forum, title="Piszkozat", status="draft",
                                images=[(png(), "Kép", "")])
    image = post.images.get()
    url = f"/f/{world.forum.slug}/news/{post.pk}/images/{image.pk}/"
    assert client.get(url).status_code == 404
    post.status = "published"
    post.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    post.save()
    assert client.get(url).status_code == 200


def test_bad_upload_is_refused_with_a_message(coordinator_client, world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/news/new/", {
        "kind": "news", "title": "Hír", "status": "draft", "publish_at": "2016-02-01T10:00",
        "image": SimpleUploadedFile("x.png", b"<script>nope</script>"), "image_alt": "x"})
    assert response.status_code == 200
    assert "nem megengedett típusú" in response.content.decode()
    assert not Post.objects.exists()


def test_rss_and_atom_feeds_list_public_posts(client, world):
    make_post(world.forum, title="Nyilvános hír", lead="Bevezető")
    make_post(world.forum, title="Piszkozat hír", status="draft")
    rss = client.get(f"/f/{world.forum.slug}/news/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Nyilvános hír" in body and "Piszkozat hír" not in body
    atom = client.get(f"/f/{world.forum.slug}/news/atom/").content.decode()
    assert "<feed" in atom and "Nyilvános hír" in atom


def test_news_export_gives_csv_and_xlsx(client, world):
    make_post(world.forum, title="Exportált hír")
    csv = client.get(f"/f/{world.forum.slug}/news/export.csv")
    assert "Exportált hír" in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/f/{world.forum.slug}/news/export.xlsx")
    assert xlsx.content[:2] == b"PK"


def test_coordinator_edits_and_deletes_a_post(coordinator_client, world):
    post = make_post(world.forum, title="Régi cím")
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/news/{post.pk}/", {
        "kind": "news", "title": "Új cím", "status": "published",
        "publish_at": "2016-02-01T10:00"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Új cím"
    coordinator_client.post(f"/f/{world.forum.slug}/manage/news/{post.pk}/delete/")
    assert not Post.objects.exists()


def test_workspace_news_list_query_count_is_flat(coordinator_client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(2):
        make_post(world.forum, title=f"Hír {index}")
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(f"/f/{world.forum.slug}/manage/news/")
    for index in range(10):
        make_post(world.forum, title=f"Több hír {index}", status="draft")
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(f"/f/{world.forum.slug}/manage/news/")
    assert len(few) == len(many)


def test_news_page_lists_the_press_releases_of_other_apps(client, world, monkeypatch):
    """Press releases another app publishes (kind "projects.press_release") show on Aktuális."""
    from kerekasztal.core import contracts
    from kerekasztal.core.contracts import PublicSource
    from kerekasztal.forums.models import Forum

    fake = PublicSource(kind="projects.press_release", label="Sajtóközlemények",
                        records=lambda forums: Forum.objects.filter(pk__in=forums,
                                                                    slug="koszeg"),
                        title=lambda forum: "A projekt zárásáról", text=lambda forum: "",
                        url=lambda forum: "/f/koszeg/", date=lambda forum: None)
    sources = {**contracts.public_sources(), "projects.press_release": fake}
    monkeypatch.setattr("kerekasztal.publishing.search.public_sources", lambda: sources)
    html = client.get(f"/f/{world.forum.slug}/news/").content.decode()
    assert "A projektek sajtóközleményei" in html and "A projekt zárásáról" in html
