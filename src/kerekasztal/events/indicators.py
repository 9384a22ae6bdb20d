"""Indicators the events app offers to grant projects (see core/contracts.py)."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule, day_end
from kerekasztal.core.datasets.reference import TOPICS

from .models import TRAINING_KINDS, Event, EventKind, Registration


def _held(forums, as_of, *, kind: str = "", topic: str = ""):
    # held by the day it took place: recorded as held, or published and started by now
    # (nobody has to save it again), counted on the day of its start
    qs = Event.objects.held().filter(forum__in=forums, starts_at__lt=day_end(as_of))
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs


def _held_events(forums, as_of, kind: str = "", topic: str = ""):
    return _held(forums, as_of, kind=kind, topic=topic)


def _trainings(forums, as_of):
    return _held(forums, as_of).filter(kind__in=TRAINING_KINDS)


def _with_person(qs):
    """Each registration with `person`, what tells people apart across events: the e-mail
    address, or, without one (a colleague registered without it, a name from a paper
    attendance sheet), the name and the organisation as written. Within one event the
    services never record the same person twice (services.attendees_add)."""
    return qs.annotate(person=Coalesce(
        NullIf("email", Value("")),
        Concat(Value("név:"), "name", Value("|"), "organisation_name",
               output_field=CharField()),
        output_field=CharField()))


def _participants(forums, as_of, kind: str = ""):
    """Registered people checked in at held events."""
    return _with_person(Registration.objects.filter(
        attended=True, event__in=_held(forums, as_of, kind=kind)))


def _certified(forums, as_of):
    return _with_person(Registration.objects.filter(
        ~Q(certificate_number=""), completed=True, event__in=_trainings(forums, as_of)))


# The seeded topics (core/datasets/reference.py); a topic added later can still be passed by slug.
TOPIC_CHOICES = [(slugify(name), name) for name in TOPICS]
KIND_CHOICES = [(value, label) for value, label in EventKind.choices]

RULES = [
    IndicatorRule(
        code="events.held",
        label=_("Megtartott rendezvények száma"),
        unit=_("rendezvény"),
        records=_held_events,
        settlement="settlements",
        dated="starts_at",
        params={"kind": KIND_CHOICES, "topic": TOPIC_CHOICES},
    ),
    IndicatorRule(
        code="events.participants",
        label=_("Rendezvényeken részt vett (jelenléttel igazolt) személyek száma"),
        unit=_("fő"),
        records=_participants,
        distinct="person",
        settlement="event__settlements",
        dated="event__starts_at",
        params={"kind": KIND_CHOICES},
    ),
    IndicatorRule(
        code="events.trainings",
        label=_("Megtartott képzések száma"),
        unit=_("képzés"),
        records=_trainings,
        settlement="settlements",
        dated="starts_at",
    ),
    IndicatorRule(
        code="events.certified",
        label=_("Tanúsítványt szerzett résztvevők száma"),
        unit=_("fő"),
        records=_certified,
        distinct="person",
        settlement="event__settlements",
        dated="event__starts_at",
    ),
]
