import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kerekasztal.territory.models import Settlement
from tests.factories import ForumFactory


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def future(days: int = 14, hour: int = 10) -> datetime.datetime:
    return at(timezone.localdate() + datetime.timedelta(days=days), hour)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.Meeting"

    forum = factory.SubFactory(ForumFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Kerekasztal-ülés {n}")
    starts_at = factory.LazyFunction(future)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue_settlement = factory.LazyFunction(lambda: Settlement.objects.get(name="Kőszeg"))
    venue_address = "Jurisics tér 8."
