import datetime
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kerekasztal.publishing.models import Album, Document, Photo, Post


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png(name="kep.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name="dokumentum.pdf", text=b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + text + b"\n%%EOF\n",
                              content_type="application/pdf")


def make_post(forum, *, title="Hír", status="published", when=None, kind="news", **extra):
    return Post.objects.create(
        forum=forum, title=title, status=status, kind=kind,
        publish_at=when or timezone.now() - datetime.timedelta(hours=1), **extra)


def make_document(forum, *, title="Ügyrend", language="hu", published=True, **extra):
    document = Document(forum=forum, title=title, language=language, published=published,
                        kind=extra.pop("kind", "procedure"), **extra)
    document.file.save("d.pdf", pdf(), save=False)
    document.save()
    return document


def make_album(forum, *, title="Fórumülés", published=True, photos=1):
    album = Album.objects.create(forum=forum, title=title, published=published,
                                 taken_on=datetime.date(2016, 3, 1))
    for index in range(photos):
        photo = Photo(album=album, alt_text=f"A résztvevők a teremben {index}", order=index)
        photo.image.save("p.png", png(), save=False)
        photo.save()
    return album
