import pytest

from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.publishing.models import Document, Post

pytestmark = pytest.mark.django_db


def test_demo_builds_the_site_and_is_idempotent(client, media):
    ctx = demo_load()
    demo_load()
    forum = ctx.forum
    assert Post.objects.filter(forum=forum, kind="press_release").count() == 2
    croatian = Document.objects.get(forum=forum, language="hr",
                                    title__startswith="Poslovnik")
    assert croatian.translation_of.title.endswith("ügyrendje")
    html = client.get(f"/f/{forum.slug}/documents/").content.decode()
    assert "Poslovnik" in html
    found = client.get(f"/f/{forum.slug}/search/", {"q": "fogyatékkal élők"}).content.decode()
    assert "Megalakult a Járási Felzárkózási Kerekasztal" in found
