"""Read API of the public events (mounted by the api app under /api/v1/events/)."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kerekasztal.forums.models import Forum

from . import queries
from .models import Event

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    forum: str
    title: str
    kind: str
    kind_label: str
    status: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    address: str
    settlements: list[str]
    topics: list[str]
    target_groups: list[str]
    registration_open: bool
    url: str

    @staticmethod
    def resolve_forum(event: Event) -> str:
        return event.forum.slug

    @staticmethod
    def resolve_kind_label(event: Event) -> str:
        return str(event.get_kind_display())

    @staticmethod
    def resolve_settlements(event: Event) -> list[str]:
        return [s.name for s in event.settlements.all()]

    @staticmethod
    def resolve_topics(event: Event) -> list[str]:
        return [t.slug for t in event.topics.all()]

    @staticmethod
    def resolve_target_groups(event: Event) -> list[str]:
        return [g.code for g in event.target_groups.all()]

    @staticmethod
    def resolve_url(event: Event) -> str:
        return reverse("events:public_detail", args=[event.forum.slug, event.pk])


class EventFilters(Schema):
    forum: str | None = None
    kind: str | None = None
    start: datetime.date | None = Field(None, alias="from")
    end: datetime.date | None = Field(None, alias="to")


@router.get("/", response=list[EventOut])
@paginate
def list_events(request, filters: Query[EventFilters]):
    """Published public events, oldest first; filters: forum slug, kind, `from` and `to`
    (days, inclusive)."""
    forums = Forum.objects.all()
    if filters.forum:
        forums = forums.filter(slug=filters.forum)
    return queries.public_events(forums, kind=filters.kind or "", start=filters.start,
                                 end=filters.end)


@router.get("/{event_id}", response=EventOut)
def get_event(request, event_id: int):
    return get_object_or_404(queries.public_events(Forum.objects.all()), pk=event_id)
