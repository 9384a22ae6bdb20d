"""Indicators the events app offers to grant projects (see core/contracts.py)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule
from kerekasztal.core.models import Topic

from .models import TRAINING_KINDS, Event, EventKind, EventStatus, Registration


def _held(forums, as_of, *, kind: str = "", topic: str = ""):
    qs = Event.objects.filter(forum__in=forums, status=EventStatus.HELD,
                              starts_at__date__lte=as_of)
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs


def _held_events(forums, as_of, kind: str = "", topic: str = ""):
    return _held(forums, as_of, kind=kind, topic=topic)


def _trainings(forums, as_of):
    return _held(forums, as_of).filter(kind__in=TRAINING_KINDS)


def _participants(forums, as_of, kind: str = ""):
    """Registered people checked in at held events."""
    qs = Registration.objects.filter(attended=True, event__in=_held(forums, as_of, kind=kind))
    return qs


def _certified(forums, as_of):
    return Registration.objects.filter(
        ~Q(certificate_number=""), completed=True, event__in=_trainings(forums, as_of))


def _topic_choices():
    try:
        return [(t.slug, t.name) for t in Topic.objects.order_by("name")]
    except Exception:  # noqa: BLE001 - no database yet (import time, migrations)
        return []


class _LazyTopics(list):
    """The topics are a managed list: read them when asked, not at import time."""

    def __iter__(self):
        return iter(_topic_choices())

    def __len__(self):
        return len(_topic_choices())

    def __bool__(self):
        return True


KIND_CHOICES = [(value, label) for value, label in EventKind.choices]

RULES = [
    IndicatorRule(
        code="events.held",
        label=_("Megtartott rendezvények száma"),
        unit=_("rendezvény"),
        records=_held_events,
        settlement="settlements",
        params={"kind": KIND_CHOICES, "topic": _LazyTopics()},
    ),
    IndicatorRule(
        code="events.participants",
        label=_("Rendezvényeken részt vett (jelenléttel igazolt) személyek száma"),
        unit=_("fő"),
        records=_participants,
        distinct="email",
        settlement="event__settlements",
        params={"kind": KIND_CHOICES},
    ),
    IndicatorRule(
        code="events.trainings",
        label=_("Megtartott képzések száma"),
        unit=_("képzés"),
        records=_trainings,
        settlement="settlements",
    ),
    IndicatorRule(
        code="events.certified",
        label=_("Tanúsítványt szerzett résztvevők száma"),
        unit=_("fő"),
        records=_certified,
        distinct="email",
        settlement="event__settlements",
    ),
]
