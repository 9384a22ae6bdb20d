"""Reads of the events app shared by pages, feeds and the API (prefetched: the number of
queries does not grow with the data)."""

import datetime
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kerekasztal.core.counting import count_of

from .models import (
    STATUS_LABELS,
    Event,
    EventQuerySet,
    EventStatus,
    Photo,
    Registration,
    RegistrationStatus,
    status_at,
)


def _with_relations(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("forum", "organiser", "series").prefetch_related(
        "topics", "target_groups", "settlements", "partners"
    )


def _filtered(qs: EventQuerySet, *, q: str = "", kind: str = "", status: str = "",
              topic=None, target_group=None, settlement=None,
              start: datetime.date | None = None, end: datetime.date | None = None
              ) -> QuerySet[Event]:
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(venue__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.in_status(status)
    if topic is not None:
        qs = qs.filter(topics=topic)
    if target_group is not None:
        qs = qs.filter(target_groups=target_group)
    if settlement is not None:
        qs = qs.filter(settlements=settlement)
    if start is not None:
        qs = qs.filter(ends_at__date__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__date__lte=end)
    return qs.distinct() if (topic or target_group or settlement) else qs


def event_settlements(forum) -> QuerySet:
    """The settlements an event of the forum may be held in: the forum's territory, or every
    settlement when the forum has none (the web form's choices and the API's codes)."""
    from kerekasztal.territory.models import Settlement

    settlements = forum.settlements().order_by("name")
    return settlements if settlements.exists() else Settlement.objects.order_by("name")


def event_list(forum, **filters) -> QuerySet[Event]:
    """The workspace list: every event of the forum, with registration counts."""
    qs = _filtered(Event.objects.filter(forum=forum), **filters)
    return _with_relations(qs).annotate(  # counted for the page's rows only
        confirmed_count=count_of(Event, "registrations",
                                 Q(status=RegistrationStatus.CONFIRMED)),
        waitlist_count=count_of(Event, "registrations",
                                Q(status=RegistrationStatus.WAITLISTED)),
    ).order_by("-starts_at", "pk")


def event_export(forum, **filters) -> QuerySet[Event]:
    """The workspace list's events, in its order, for `events_for_export`."""
    return _filtered(Event.objects.filter(forum=forum), **filters).order_by("-starts_at", "pk")


def public_events(forums, **filters) -> QuerySet[Event]:
    """Published public events of the given forums (a queryset of forums, or one forum)."""
    qs = Event.objects.public()
    qs = qs.filter(forum__in=forums) if isinstance(forums, QuerySet) else qs.filter(forum=forums)
    return _with_relations(_filtered(qs, **filters)).order_by("starts_at", "pk")


def upcoming_public_events(forum) -> QuerySet[Event]:
    return public_events(forum).filter(ends_at__gte=timezone.now()).exclude(
        status=EventStatus.CANCELLED)


def upcoming_events(forum, limit: int = 5) -> list[Event]:
    """The forum's next events, drafts included (for the workspace overview): one query."""
    return list(Event.objects.filter(forum=forum, ends_at__gte=timezone.now())
                .exclude(status=EventStatus.CANCELLED).select_related("forum")
                .order_by("starts_at", "pk")[:limit])


def event_detail(event: Event) -> Event:
    return _with_relations(Event.objects.filter(pk=event.pk)).prefetch_related(
        "attendance_counts__settlement", "attendance_counts__organisation",
        Prefetch("photos", queryset=Photo.objects.order_by("created_at", "pk")),
    ).get()


def registrations(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("settlement").order_by(
        "status", "created_at", "pk")


def colleague_registrations(event: Event, organisations) -> QuerySet[Registration]:
    """The registrations of the given organisations' people for the event (what their
    representatives registered), by name."""
    return (event.registrations.filter(organisation__in=organisations)
            .select_related("event").order_by("name", "pk"))


def attendees(event: Event) -> QuerySet[Registration]:
    """The people checked in at the event, by name."""
    return (event.registrations.filter(attended=True)
            .exclude(status=RegistrationStatus.CANCELLED).order_by("name", "pk"))


def public_photos(forum, event: Event | None = None) -> QuerySet[Photo]:
    qs = Photo.objects.filter(
        consent=True, event__forum=forum, event__is_public=True,
        event__published_at__isnull=False,
        event__status__in=[EventStatus.PUBLISHED, EventStatus.HELD],
    ).select_related("event")
    if event is not None:
        qs = qs.filter(event=event)
    return qs.order_by("-event__starts_at", "created_at", "pk")


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def own_registration(event, user):
    """The user's active (confirmed or waitlisted) registration for the event, by e-mail."""
    from .models import Registration, RegistrationStatus

    return (Registration.objects.filter(event=event, email__iexact=user.email)
            .exclude(status=RegistrationStatus.CANCELLED).first())


def percent(part: int, whole: int | None) -> Decimal | None:
    """part / whole in per cent, rounded half up to one decimal (14 / 12 → 116.7), None
    when there is no whole. Templates show it with `hu_percent` ("116,7%")."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"),
                                                            rounding=ROUND_HALF_UP)


def attendance_figures(event: Event) -> dict:
    """The attendance against the capacity and the confirmed registrations (two queries)."""
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    attended = event.registrations.filter(status=RegistrationStatus.CONFIRMED,
                                          attended=True).count()
    count = event.participants_count
    return {
        "confirmed": confirmed, "attended": attended,
        "fill_rate": percent(count, event.capacity) if count is not None else None,
        "turnout": percent(attended, confirmed) if attended else None,
    }


def events_for_export(qs: QuerySet[Event], *, counts: bool = False) -> Iterator[dict]:
    """The events of `qs` (a list's filtered queryset) as plain values for an export, with
    their settlements, topics, target groups and partners joined ("a; b") and, with
    `counts`, confirmed and waitlisted registrations: five queries (six with counts) for
    any number of events, and no model instances (core/exports/rows.py)."""
    from kerekasztal.core.exports.rows import joined_all, related_values
    from kerekasztal.core.models import TARGET_GROUP_LABELS

    qs = qs.prefetch_related(None)
    settlements = related_values(qs, "settlements", "name")
    topics = related_values(qs, "topics", "name")
    labels = {code: str(label) for code, label in TARGET_GROUP_LABELS.items()}
    groups = related_values(qs, "target_groups", "code", "name")
    partners = related_values(qs, "partners", "name")
    registered: dict[tuple[int, str], int] = {}
    if counts:
        registered = {(event_id, status): n for event_id, status, n in (
            Registration.objects.filter(event__in=qs.order_by().values("pk"))
            .values("event_id", "status").annotate(n=Count("pk"))
            .values_list("event_id", "status", "n"))}
    statuses = {code: str(label) for code, label in STATUS_LABELS.items()}
    now = timezone.now()
    fields = ("pk", "title", "kind", "starts_at", "ends_at", "venue", "address", "status",
              "is_public", "participants_count", "organiser__name")
    places, themes = joined_all(settlements), joined_all(topics)
    groups_shown = joined_all(groups, lambda code, name: labels.get(code, name))
    partners_shown = joined_all(partners)
    for row in qs.values(*fields).iterator(chunk_size=2000):
        pk = row["pk"]
        row["settlements"] = places.get(pk, "")
        row["topics"] = themes.get(pk, "")
        row["target_groups"] = groups_shown.get(pk, "")
        row["partners"] = partners_shown.get(pk, "")
        row["status_label"] = statuses[status_at(row["status"], row["starts_at"],
                                                 row["ends_at"], now)]
        row["confirmed_count"] = registered.get((pk, RegistrationStatus.CONFIRMED), 0)
        row["waitlist_count"] = registered.get((pk, RegistrationStatus.WAITLISTED), 0)
        yield row
