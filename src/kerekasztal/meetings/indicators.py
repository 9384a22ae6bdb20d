"""Indicators the meetings app offers to grant projects (see core/contracts.py).

A session counts from its day on, once it is recorded as held; participants are the
people (or organisations) recorded as present at held sessions.
"""

from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule

from .models import Attendance, Decision, DecisionStatus, Meeting, MeetingStatus


def _held(forums, as_of):
    return Meeting.objects.filter(forum__in=forums, status=MeetingStatus.HELD,
                                  starts_at__date__lte=as_of)


def _attendances(forums, as_of):
    return Attendance.objects.filter(meeting__in=_held(forums, as_of))


def _decisions(forums, as_of, status: str | None = None):
    qs = Decision.objects.filter(forum__in=forums, meeting__status=MeetingStatus.HELD,
                                 meeting__starts_at__date__lte=as_of)
    return qs.filter(status=status) if status else qs


RULES = [
    IndicatorRule(
        code="meetings.sessions_held",
        label=_("Megtartott ülések száma"),
        unit=_("alkalom"),
        records=_held,
        settlement="venue_settlement",
    ),
    IndicatorRule(
        code="meetings.participants",
        label=_("Az üléseken részt vett személyek száma"),
        unit=_("fő"),
        records=_attendances,
        distinct="person",
        settlement="meeting__venue_settlement",
    ),
    IndicatorRule(
        code="meetings.participant_organisations",
        label=_("Az üléseken részt vett szervezetek száma"),
        unit=_("szervezet"),
        records=_attendances,
        distinct="organisation",
        settlement="organisation__seat",
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
