"""Read API of public meetings (mounted by the api app under /api/v1/meetings/)."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from .models import Meeting

router = Router(tags=["meetings"])


class AgendaItemOut(Schema):
    position: int
    title: str
    duration_minutes: int | None = None


class MeetingOut(Schema):
    id: int
    forum: str
    number: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_settlement: str | None = None
    venue_address: str
    online_url: str
    status: str
    description: str

    @staticmethod
    def resolve_forum(meeting: Meeting) -> str:
        return meeting.forum.slug

    @staticmethod
    def resolve_venue_settlement(meeting: Meeting) -> str | None:
        return meeting.venue_settlement.name if meeting.venue_settlement_id else None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(meeting: Meeting) -> list:
        return list(meeting.agenda_items.order_by("position", "pk"))


def _public():
    return Meeting.objects.public().select_related("forum", "venue_settlement") \
        .order_by("-starts_at", "pk")


@router.get("/", response=list[MeetingOut])
@paginate
def meeting_list(request, forum: str | None = None, since: datetime.date | None = None):
    """Public meetings (held or coming), newest first; filter by forum slug and start day."""
    qs = _public()
    if forum:
        qs = qs.filter(forum__slug=forum)
    if since:
        qs = qs.filter(starts_at__date__gte=since)
    return qs


@router.get("/{meeting_id}/", response=MeetingDetailOut)
def meeting_detail(request, meeting_id: int):
    return get_object_or_404(_public(), pk=meeting_id)
