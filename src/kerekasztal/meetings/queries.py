"""Reads of meetings shared by pages, documents, feeds and the API (prefetched: the number
of queries does not grow with the data)."""

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString

from kerekasztal.core.collation import sort_key
from kerekasztal.core.counting import count_of
from kerekasztal.core.richtext import as_html
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.forums.models import Forum

from .models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    Meeting,
    MeetingStatus,
    Rsvp,
)
from .services import invited_memberships, is_html


def meeting_list(forum: Forum, *, year: int | None = None, status: str = "",
                 ) -> QuerySet[Meeting]:
    qs = (
        _meetings(forum, year=year, status=status)
        .select_related("venue_settlement")
        .annotate(
            invited_count=count_of(Meeting, "invitations"),
            yes_count=count_of(Meeting, "invitations", Q(rsvp=Rsvp.YES)),
            attendance_count=count_of(Meeting, "attendances"),
            decision_count=count_of(Meeting, "decisions"),
        )
        .order_by("-starts_at")
    )
    return qs


def _meetings(forum: Forum, *, year: int | None = None, status: str = "") -> QuerySet[Meeting]:
    qs = Meeting.objects.filter(forum=forum).order_by("-starts_at")
    if year:
        qs = qs.filter(starts_at__year=year)
    if status:
        qs = qs.filter(status=status)
    return qs


def _venue(row: dict) -> str:
    """Meeting.venue from values: the settlement's name and the address, as the property
    joins them (an unsaved Meeting holding both as its address)."""
    place = ", ".join(p for p in (row["venue_settlement__name"] or "", row["venue_address"]) if p)
    return Meeting(venue_address=place, online_url=row["online_url"]).venue


def meetings_for_export(forum: Forum, **filters) -> tuple[QuerySet[Meeting], Iterator[dict]]:
    """The meeting list's records as plain values with the counts of the list (invited, yes
    answers, present, decisions), each counted by its own grouped query instead of one join
    of all four (whose rows multiply): five queries, no model instances; and the queryset
    to count them."""
    qs = _meetings(forum, **filters)
    picked = qs.order_by().values("pk")

    def per_meeting(model, **condition) -> dict[int, int]:
        return dict(model.objects.filter(meeting__in=picked, **condition)
                    .order_by().values("meeting_id").annotate(n=Count("pk"))
                    .values_list("meeting_id", "n"))

    invited, yes = per_meeting(Invitation), per_meeting(Invitation, rsvp=Rsvp.YES)
    present, decisions = per_meeting(Attendance), per_meeting(Decision)

    def rows() -> Iterator[dict]:
        for values in qs.values("pk", "number", "title", "starts_at", "ends_at",
                                "venue_settlement__name", "venue_address", "online_url",
                                "status", "visibility", "guests").iterator(2000):
            row: dict[str, Any] = dict(values)
            pk = row["pk"]
            row["venue"] = _venue(row)
            row.update(invited_count=invited.get(pk, 0), yes_count=yes.get(pk, 0),
                       attendance_count=present.get(pk, 0),
                       decision_count=decisions.get(pk, 0))
            yield row

    return qs, rows()


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.select_related("presenter_person", "presenter_organisation")
        .prefetch_related(Prefetch("attachments", AgendaAttachment.objects.order_by("pk")))
        .order_by("position", "pk")
    )


def invitations(meeting: Meeting) -> QuerySet[Invitation]:
    return (meeting.invitations.select_related("organisation", "person", "substitute")
            .order_by("is_extra", "organisation__name", "name"))


def rsvp_counts(meeting: Meeting) -> dict[str, int]:
    counts = Counter(meeting.invitations.values_list("rsvp", flat=True))
    return {choice: counts.get(choice, 0) for choice in Rsvp.values}


def own_invitations(meeting: Meeting, user) -> QuerySet[Invitation]:
    return meeting.invitations.filter(person__user=user).select_related("substitute",
                                                                        "organisation")


@dataclass
class SheetRow:
    organisation: Organisation | None
    role: str
    people: list[Person] = field(default_factory=list)


def sheet_rows(meeting: Meeting) -> list[SheetRow]:
    """The attendance sheet: member organisations on the day with their representatives,
    then extra invitees."""
    substitutes: dict[int, list[Person]] = {}
    for invitation in meeting.invitations.filter(substitute__isnull=False).select_related(
            "substitute"):
        if invitation.organisation_id is not None and invitation.substitute is not None:
            substitutes.setdefault(invitation.organisation_id, []).append(invitation.substitute)
    rows = []
    named: dict[int | None, list[Person]] = {}
    for invitation in meeting.invitations.exclude(substitute_name=""):
        # a substitute named on the RSVP page, outside the directory: a line of the sheet
        named.setdefault(invitation.organisation_id, []).append(
            Person(name=invitation.substitute_name))
    for m in invited_memberships(meeting):
        people = list(m.representatives.all())
        people += [p for p in substitutes.get(m.organisation_id, []) if p not in people]
        people += named.pop(m.organisation_id, [])
        rows.append(SheetRow(m.organisation, m.get_role_display(), people))
    extras = (meeting.invitations.filter(is_extra=True)
              .select_related("organisation", "person").order_by("name"))
    for invitation in extras:
        person = invitation.person or Person(name=invitation.name)
        rows.append(SheetRow(invitation.organisation, "", [person]))
    for people in named.values():  # substitutes of extra invitees
        rows.append(SheetRow(None, "", people))
    return rows


def attendances(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related("person", "organisation")


def upcoming_meetings(forum: Forum, limit: int = 5) -> list[Meeting]:
    """The forum's next meetings (for the workspace overview): one query."""
    from .models import UPCOMING_STATUSES

    return list(Meeting.objects.filter(forum=forum, status__in=UPCOMING_STATUSES,
                                       ends_at__gte=timezone.now())
                .select_related("forum", "venue_settlement").order_by("starts_at")[:limit])


def awaiting_answer(forum: Forum, user, limit: int = 20) -> list[Invitation]:
    """The user's sent invitations to the forum's coming meetings that they have not answered
    yet (for the workspace overview): one query."""
    from .models import UPCOMING_STATUSES

    return list(Invitation.objects.filter(
        meeting__forum=forum, person__user=user, rsvp=Rsvp.PENDING, sent_at__isnull=False,
        meeting__status__in=UPCOMING_STATUSES, meeting__ends_at__gte=timezone.now())
        .select_related("meeting__forum", "meeting__venue_settlement", "organisation")
        .order_by("meeting__starts_at", "pk")[:limit])


def latest_decisions(forum: Forum, limit: int = 5) -> list[Decision]:
    """The forum's latest decisions (for the workspace overview): one query."""
    return list(Decision.objects.filter(forum=forum).select_related("meeting")
                .order_by("-meeting__starts_at", "-number")[:limit])


def decisions_of(meeting: Meeting) -> QuerySet[Decision]:
    return (meeting.decisions.select_related("responsible_organisation", "meeting")
            .order_by("year", "number"))


def decision_register(forum: Forum, *, year: int | None = None, status: str = "",
                      organisation: Organisation | None = None, overdue: bool = False,
                      today: datetime.date | None = None) -> QuerySet[Decision]:
    qs = (Decision.objects.filter(forum=forum)
          .select_related("meeting", "responsible_organisation")
          .order_by("-year", "-number"))
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if organisation:
        qs = qs.filter(responsible_organisation=organisation)
    if overdue and today:
        qs = qs.filter(deadline__lt=today, status__in=("open", "in_progress"))
    return qs


def attendance_by_organisation(forum: Forum, *, year: int | None = None) -> list[dict]:
    """How many held sessions each organisation attended (at least one representative)."""
    held = Meeting.objects.filter(forum=forum, status=MeetingStatus.HELD)
    if year:
        held = held.filter(starts_at__year=year)
    total = held.count()
    rows = (Attendance.objects.filter(meeting__in=held, organisation__isnull=False)
            .values("organisation_id", "organisation__name")
            .annotate(sessions=Count("meeting", distinct=True))
            .order_by("-sessions", "organisation__name"))
    return [{"organisation": row["organisation__name"], "sessions": row["sessions"],
             "held": total, "rate": round(100 * row["sessions"] / total) if total else 0}
            for row in rows]


def public_meetings(forum: Forum) -> QuerySet[Meeting]:
    return (Meeting.objects.public().filter(forum=forum)
            .select_related("forum", "venue_settlement").order_by("-starts_at"))


def calendar_meetings(forums: list[Forum]) -> QuerySet[Meeting]:
    return Meeting.objects.filter(forum__in=forums).select_related(
        "forum", "venue_settlement").order_by("-starts_at")


def forum_organisations(forum: Forum) -> list[Organisation]:
    """Organisations that are or were members (or permanent invitees) of the forum: the
    headcount lines of a session recorded afterwards. One query."""
    from kerekasztal.forums.models import PARTICIPATING_ROLES

    return list(Organisation.objects.filter(
        memberships__forum=forum, memberships__role__in=PARTICIPATING_ROLES)
        .distinct().order_by("name"))


def forum_representatives(forum: Forum) -> list[tuple[Person, Organisation]]:
    """(person, organisation) of every representative the forum's memberships ever named,
    by organisation: the named attendance of a session recorded afterwards. Two queries."""
    from kerekasztal.forums.models import PARTICIPATING_ROLES, Membership

    seen, pairs = set(), []
    memberships = (Membership.objects.filter(forum=forum, role__in=PARTICIPATING_ROLES)
                   .select_related("organisation").prefetch_related("representatives")
                   .order_by("organisation__name", "-since"))
    for membership in memberships:
        for person in sorted(membership.representatives.all(), key=lambda p: sort_key(p.name)):
            if person.pk not in seen and not person.archived_at:
                seen.add(person.pk)
                pairs.append((person, membership.organisation))
    return pairs


def held_recorded(meeting: Meeting):
    """The history entry that first recorded the meeting as held (who and when), or None."""
    return (meeting.history.filter(status=MeetingStatus.HELD).select_related("history_user")
            .order_by("history_date", "history_id").first())


def minutes_html(body: str) -> SafeString:
    """A minutes body for a page or a PDF: plain text becomes <p> paragraphs with <br> line
    breaks (escaped); either way the result is sanitised again on the way out."""
    if not is_html(body):
        body = linebreaks(body or "", autoescape=True)
    return as_html(body)
