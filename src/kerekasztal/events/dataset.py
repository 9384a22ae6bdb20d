"""Synthetic events for the benchmark dataset (core/datasets/synthetic.py): per forum, events of
every kind over the years with their settlements, target groups and topics; registrations (name,
e-mail, settlement: never anything about ethnicity, health or disability) with attendance, and
numbered certificates for the trainings' participants."""

import datetime

from django.db.models import Q
from django.utils import timezone

from kerekasztal.core.datasets.synthetic import DatasetContext
from kerekasztal.core.models import TargetGroup, Topic

from .models import (
    TRAINING_KINDS,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from .services import CODE_ALPHABET

EVENTS_PER_FORUM = 500  # 100,000 at scale 1
REGISTRATION_SHARE = 0.4  # events with registration: 3–12 registrations, 300,000 at scale 1
KINDS = [kind for kind, _label in EventKind.choices]
TITLES = {
    EventKind.PROFESSIONAL: "Szakmai műhely a helyi esélyegyenlőségi programokról",
    EventKind.COMMUNITY: "Közösségi nap és főzőverseny",
    EventKind.DISSEMINATION: "Disszeminációs fórum a jó gyakorlatokról",
    EventKind.PARENT_CLUB: "Szülői klub: a tanulás támogatása otthon",
    EventKind.TRAINING: "Képzés a hátrányos helyzetű álláskeresők mentorainak",
    EventKind.SENSITIZATION: "Érzékenyítő képzés közszolgáltatóknak",
    EventKind.PRESS: "Sajtótájékoztató",
    EventKind.CLOSING: "Záró konferencia",
    EventKind.OTHER: "Nyílt nap",
}


def _code(ctx: DatasetContext) -> str:
    return "".join(ctx.rng.choice(CODE_ALPHABET) for _index in range(10))


def generate(ctx: DatasetContext) -> None:
    now = timezone.now()
    zone = timezone.get_current_timezone()
    groups = list(TargetGroup.objects.order_by("order").values_list("pk", flat=True))
    topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    through = {name: Event._meta.get_field(name).remote_field.through
               for name in ("settlements", "target_groups", "topics")}
    codes = set(Registration.objects.exclude(verification_code="")
                .values_list("verification_code", flat=True))
    for forum in ctx.forums:
        settlements = list(forum.settlements().values_list("pk", "name")) or [(None, "")]
        organisation_ids = ctx.ids.get(f"organisations:{forum.pk}", []) or [None]
        events = []
        for index in range(ctx.count(EVENTS_PER_FORUM)):
            # The first one is a public training held with registrations, whatever the volume.
            first = index == 0
            kind = EventKind.TRAINING if first else ctx.rng.choice(KINDS)
            starts = datetime.datetime.combine(ctx.day(3000 if first else 3650 + 180),
                                               datetime.time(9 + ctx.rng.randrange(8)),
                                               tzinfo=zone)
            past = starts < now
            published = first or ctx.rng.random() < 0.9
            status = (EventStatus.CANCELLED if not first and ctx.rng.random() < 0.03
                      else EventStatus.HELD) \
                if past and published else EventStatus.PUBLISHED if published \
                else EventStatus.PLANNED
            training = kind in TRAINING_KINDS
            registration = first or ctx.rng.random() < REGISTRATION_SHARE
            settlement_id, settlement_name = ctx.rng.choice(settlements)
            events.append(Event(
                forum=forum, kind=kind, title=TITLES[kind],
                description="A rendezvény célja a helyi szereplők együttműködésének erősítése.",
                venue=f"{settlement_name} közösségi ház".strip(), address="Fő utca 1.",
                starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
                organiser_id=ctx.rng.choice(organisation_ids),
                is_public=first or ctx.rng.random() < 0.8, status=status,
                published_at=starts - datetime.timedelta(days=20) if published else None,
                registration_open=registration, capacity=30 if registration else None,
                participants_count=ctx.rng.randrange(10, 80)
                if status == EventStatus.HELD else None,
                hours=8 if training else None, trainer="Kiss Andrea" if training else "",
                curriculum="1. A célcsoport helyzete. 2. Módszerek." if training else "",
            ))
            events[-1]._settlement = settlement_id
        events = ctx.bulk(Event, events, "rendezvények")
        ctx.bulk(through["settlements"], (
            through["settlements"](event_id=event.pk, settlement_id=event._settlement)
            for event in events if event._settlement
        ), "rendezvények települései")
        ctx.bulk(through["target_groups"], (
            through["target_groups"](event_id=event.pk, targetgroup_id=group)
            for event in events for group in ctx.sample(groups, ctx.rng.randint(0, 2))
        ), "rendezvények célcsoportjai")
        ctx.bulk(through["topics"], (
            through["topics"](event_id=event.pk, topic_id=topic)
            for event in events for topic in ctx.sample(topics, ctx.rng.randint(0, 2))
        ), "rendezvények témái")
        numbers = {}
        for number in Registration.objects.filter(event__forum=forum).filter(
                ~Q(certificate_number="")).values_list("certificate_number", flat=True):
            year, serial = number.split("/")
            numbers[int(year)] = max(numbers.get(int(year), 0), int(serial))
        registrations = []
        for event in events:
            if not event.registration_open:
                continue
            held = event.status == EventStatus.HELD
            for index in range(ctx.rng.randint(3, 12)):
                name = ctx.person_name()
                attended = held and (index == 0 or ctx.rng.random() < 0.85)
                completed = attended and event.kind in TRAINING_KINDS
                number, code = "", ""
                if completed:
                    year = timezone.localtime(event.starts_at).year
                    numbers[year] = numbers.get(year, 0) + 1
                    number = f"{year}/{numbers[year]:03d}"
                    code = _code(ctx)
                    while code in codes:
                        code = _code(ctx)
                    codes.add(code)
                settlement_id = ctx.rng.choice(settlements)[0]
                registrations.append(Registration(
                    event=event, name=name, email=f"resztvevo{event.pk}-{index}@example.org",
                    settlement_id=settlement_id, consent=True, consent_at=event.published_at,
                    status=RegistrationStatus.CONFIRMED if index < 30
                    else RegistrationStatus.WAITLISTED,
                    created_at=event.published_at or event.starts_at, attended=attended,
                    completed=completed, certificate_number=number, verification_code=code,
                ))
        ctx.bulk(Registration, registrations, "jelentkezések")
