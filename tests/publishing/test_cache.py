import pytest
from django.test import Client

from kerekasztal.publishing import cache as page_cache
from kerekasztal.publishing import services

from .conftest import make_post

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache(client, world):
    first = client.get(f"/f/{world.forum.slug}/news/")
    second = client.get(f"/f/{world.forum.slug}/news/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"


def test_a_change_of_the_forum_shows_at_once(client, world):
    client.get(f"/f/{world.forum.slug}/news/")
    make_post(world.forum, title="Friss hír")
    response = client.get(f"/f/{world.forum.slug}/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "Friss hír" in response.content.decode()


def test_a_change_in_another_forum_keeps_this_forums_pages(client, world):
    client.get(f"/f/{world.forum.slug}/news/")
    make_post(world.other_forum, title="Másik")
    assert client.get(f"/f/{world.forum.slug}/news/")["X-Page-Cache"] == "hit"


def test_deleting_a_child_record_invalidates_its_forum(client, world, media):
    from .conftest import png

    post = services.post_create(forum=world.forum, title="Képes hír", status="published",
                                images=[(png(), "Kép", "")])
    client.get(f"/f/{world.forum.slug}/news/{post.pk}/")
    post.images.get().delete()  # forum_path = "post__forum"
    assert client.get(f"/f/{world.forum.slug}/news/{post.pk}/")["X-Page-Cache"] == "miss"


def test_logged_in_visitors_are_never_served_cached_pages(client, world):
    client.get(f"/f/{world.forum.slug}/news/")
    client.force_login(world.coordinator)
    response = client.get(f"/f/{world.forum.slug}/news/")
    assert "X-Page-Cache" not in response
    assert "Munkafelület" in response.content.decode()


def test_visitors_never_share_a_csrf_token(world):
    first, second = Client(), Client()
    one = first.get(f"/f/{world.forum.slug}/news/").content.decode()
    two = second.get(f"/f/{world.forum.slug}/news/")
    assert two["X-Page-Cache"] == "hit"
    assert page_cache.CSRF_MARKER not in two.content.decode()
    # The page has no form needing a token (the language switch needs none): no token and
    # no cookie, so a shared cache in front of the application (nginx) may keep it too.
    assert "csrfmiddlewaretoken" not in one and "csrfmiddlewaretoken" not in two.content.decode()
    assert not two.cookies
    second.handler.enforce_csrf_checks = True
    response = second.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_while_one_request_renders_others_get_the_last_good_copy(client, world, rf):
    """No stampede: with the render lock taken, a stale copy is served instead."""
    client.get(f"/f/{world.forum.slug}/news/")
    make_post(world.forum, title="Új hír a zárolás alatt")
    from django.core.cache import cache
    from django.test import RequestFactory

    request = RequestFactory().get(f"/f/{world.forum.slug}/news/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    _key, _stale, lock = page_cache._keys(request, world.forum.slug)
    cache.add(lock, 1, 30)
    response = client.get(f"/f/{world.forum.slug}/news/")
    assert response["X-Page-Cache"] == "hit"
    assert "Új hír a zárolás alatt" not in response.content.decode()
    cache.delete(lock)
    assert "Új hír a zárolás alatt" in client.get(
        f"/f/{world.forum.slug}/news/").content.decode()


def test_unknown_query_parameters_are_not_cached(client, world):
    assert "X-Page-Cache" not in client.get(f"/f/{world.forum.slug}/news/?utm=1")
    assert client.get(f"/f/{world.forum.slug}/news/?kind=news")["X-Page-Cache"] == "miss"


def test_a_scheduled_post_appears_on_time_on_cached_pages_and_in_search(client, world):
    import datetime

    from django.utils import timezone

    from kerekasztal.publishing.models import Post

    post = make_post(world.forum, title="Időzített közlemény",
                     when=timezone.now() + datetime.timedelta(hours=2))
    assert "Időzített közlemény" not in client.get(
        f"/f/{world.forum.slug}/news/").content.decode()
    assert "0 találat" in client.get(f"/f/{world.forum.slug}/search/",
                                     {"q": "időzített"}).content.decode()
    # its time comes (no save: the clock moves on)
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now())
    from django.core.cache import cache

    key_timeout = page_cache._timeout(world.forum.slug)
    assert key_timeout == page_cache.TIMEOUT  # nothing scheduled any more
    cache.clear()  # the cached copy expired at the publication time (its timeout)
    assert "Időzített közlemény" in client.get(
        f"/f/{world.forum.slug}/news/").content.decode()
    assert "Időzített közlemény" in client.get(f"/f/{world.forum.slug}/search/",
                                               {"q": "időzített"}).content.decode()


def test_cached_copy_expires_at_the_next_scheduled_publication(world):
    import datetime

    from django.utils import timezone

    make_post(world.forum, title="Később", when=timezone.now() + datetime.timedelta(minutes=10))
    assert 590 <= page_cache._timeout(world.forum.slug) <= 601
    assert page_cache._timeout(world.other_forum.slug) == page_cache.TIMEOUT
    assert page_cache._timeout("__platform__") <= 601


def test_a_change_made_by_another_process_invalidates_the_cached_pages(
        client, world, tmp_path, settings):
    """Gunicorn's workers are separate processes: with the production default (a file-based
    cache shared by them), a change seen by one worker makes the others' copies stale."""
    import os
    import subprocess
    import sys

    location = tmp_path / "cache"
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(location)}}
    url = f"/f/{world.forum.slug}/news/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    other_worker = (
        "import django; django.setup(); "
        "from kerekasztal.publishing.cache import bump; "
        f"bump({world.forum.slug!r})")
    subprocess.run([sys.executable, "-c", other_worker], check=True, env={
        **os.environ, "DJANGO_SETTINGS_MODULE": "kerekasztal.settings",
        "CACHE_URL": f"filecache://{location}"})
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_production_shares_the_cache_between_processes_by_default(tmp_path):
    import os
    import subprocess
    import sys

    show = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])")
    env = {key: value for key, value in os.environ.items()
           if key not in ("CACHE_URL", "DEBUG")}
    env.update(DJANGO_SETTINGS_MODULE="kerekasztal.settings", KEREKASZTAL_ENV="production",
               SECRET_KEY="x" * 64, ALLOWED_HOSTS="example.org",
               KEREKASZTAL_VAR=str(tmp_path))
    backend = subprocess.run([sys.executable, "-c", show], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
