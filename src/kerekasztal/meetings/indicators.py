"""Indicators the meetings app offers to grant projects (see core/contracts.py).

A session counts from its day on, once it is recorded as held (also when it was recorded
afterwards, with a headcount from a paper sheet); participants are the people (or
organisations) recorded as present at held sessions: a directory person once however many
sessions they attended, and every other attendance (a named invitee outside the directory,
one head of a headcount, an erased person) once. Decisions filtered by
their implementation status count by the status they had on the day, not today's.
"""

import datetime

from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule, day_end

from .models import Attendance, Decision, DecisionNote, DecisionStatus, Meeting, MeetingStatus


def _held(forums, as_of):
    return Meeting.objects.filter(forum__in=forums, status=MeetingStatus.HELD,
                                  starts_at__lt=day_end(as_of))


def _attendances(forums, as_of):
    return Attendance.objects.filter(meeting__in=_held(forums, as_of)).annotate(
        participant=Coalesce(Cast("person_id", CharField()),
                             Concat(Value("a"), Cast("pk", CharField())),
                             output_field=CharField()))


def status_on(as_of: datetime.date):
    """A decision's implementation status at the end of `as_of`: its latest follow-up note
    up to that day, else the status recorded by then (history), else its first status."""
    end = day_end(as_of)
    note = (DecisionNote.objects.filter(decision=OuterRef("pk"), day__lte=as_of)
            .order_by("-day", "-pk").values("status")[:1])
    recorded = (Decision.history.filter(id=OuterRef("pk"), history_date__lt=end)
                .order_by("-history_date", "-history_id").values("status")[:1])
    first = (Decision.history.filter(id=OuterRef("pk"))
             .order_by("history_date", "history_id").values("status")[:1])
    return Coalesce(Subquery(note), Subquery(recorded), Subquery(first), F("status"))


def _decisions(forums, as_of, status: str | None = None):
    qs = Decision.objects.filter(forum__in=forums, meeting__status=MeetingStatus.HELD,
                                 meeting__starts_at__lt=day_end(as_of))
    if status:
        qs = qs.annotate(status_on_day=status_on(as_of)).filter(status_on_day=status)
    return qs


RULES = [
    IndicatorRule(
        code="meetings.sessions_held",
        label=_("Megtartott ülések száma"),
        unit=_("alkalom"),
        records=_held,
        settlement="venue_settlement",
        dated="starts_at",
    ),
    IndicatorRule(
        code="meetings.participants",
        label=_("Az üléseken részt vett személyek száma"),
        unit=_("fő"),
        records=_attendances,
        distinct="participant",
        settlement="meeting__venue_settlement",
        dated="meeting__starts_at",
    ),
    IndicatorRule(
        code="meetings.participant_organisations",
        label=_("Az üléseken részt vett szervezetek száma"),
        unit=_("szervezet"),
        records=_attendances,
        distinct="organisation",
        settlement="organisation__seat",
        dated="meeting__starts_at",
    ),
    IndicatorRule(
        code="meetings.decisions",
        label=_("Meghozott határozatok száma"),
        unit=_("határozat"),
        records=_decisions,
        settlement="meeting__venue_settlement",
        params={"status": list(DecisionStatus.choices)},
    ),
]
