import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kerekasztal.events import services
from kerekasztal.territory.models import Settlement


def at(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))  # noqa: DTZ001


def future(days=30, hour=13):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return at(day.year, day.month, day.day, hour)


def make_event(forum, **data):
    defaults = {
        "kind": "dissemination", "title": "Szentmiklósi Napok - disszeminációs esemény",
        "venue": "Zenepavilon környéke", "starts_at": future(), "ends_at": future(hour=15),
        "settlements": [Settlement.objects.get(name="Kőszeg")],
    }
    defaults.update(data)
    return services.event_create(forum=forum, **defaults)


def published_event(forum, **data):
    data.setdefault("registration_open", True)
    event = make_event(forum, **data)
    return services.event_publish(event=event)


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="kep.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


@pytest.fixture
def event(world):
    return published_event(world.forum)
