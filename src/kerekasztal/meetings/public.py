"""Public meetings for search, the sitemap, feeds and the front page (core/contracts.py).

Only meetings marked public that are held or still coming; never their closed materials
(attachments, attendance, minutes, decisions)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import Meeting


def _records(forums):
    return Meeting.objects.public().filter(forum__in=forums).select_related(
        "forum", "venue_settlement")


SOURCES = [
    PublicSource(
        kind="meetings.meeting",
        label=_("Ülések"),
        records=_records,
        title=lambda meeting: f"{meeting.number}. {meeting.title}",
        text=lambda meeting: " ".join(filter(None, [meeting.forum.name, meeting.venue,
                                                    meeting.description])),
        url=lambda meeting: reverse("meetings:public_detail",
                                    args=[meeting.forum.slug, meeting.pk]),
        date=lambda meeting: meeting.starts_at,
    ),
]
