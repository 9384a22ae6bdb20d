"""The events' public records, for search, the sitemap, feeds and the front page
(core/contracts.py): public events once published; never members-only ones."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import Event


def _records(forums):
    return Event.objects.public().filter(forum__in=forums).select_related("forum")


SOURCES = [
    PublicSource(
        kind="events.event",
        label=_("Rendezvények"),
        records=_records,
        title=lambda event: event.title,
        text=lambda event: " ".join(filter(None, [event.get_kind_display(), event.venue,
                                                  event.address, event.description])),
        url=lambda event: reverse("events:public_detail", args=[event.forum.slug, event.pk]),
        date=lambda event: event.starts_at,
    ),
]
