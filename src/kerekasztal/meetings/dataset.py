"""Synthetic meetings for the benchmark dataset (core/datasets/synthetic.py): per forum, sessions
over the years (most held, some still coming), each with an agenda; held sessions with the
attendance of member organisations and a decision."""

import datetime

from django.db.models import Max
from django.utils import timezone

from kerekasztal.core.datasets.synthetic import DatasetContext
from kerekasztal.directory.dataset import PEOPLE_PER_ORGANISATION
from kerekasztal.forums.models import Membership

from .models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Visibility,
)

MEETINGS_PER_FORUM = 50  # 10,000 at scale 1
AGENDA_ITEMS = 3
ATTENDING_ORGANISATIONS = 8
AGENDA = ["Az előző ülés óta történtek", "A helyi esélyegyenlőségi programok felülvizsgálata",
          "Tájékoztató a pályázati lehetőségekről", "Egyebek", "A munkaterv elfogadása",
          "A tanodaprogram tapasztalatai"]
DECISIONS = ["A fórum elfogadja a munkatervet.", "A fórum támogatja a programterv módosítását.",
             "A fórum felkéri a munkacsoportot a javaslat kidolgozására."]


def generate(ctx: DatasetContext) -> None:
    now = timezone.now()
    zone = timezone.get_current_timezone()
    for forum in ctx.forums:
        settlements = list(forum.settlements().values_list("pk", flat=True)) or [None]
        organisation_ids = ctx.ids.get(f"organisations:{forum.pk}", [])
        people_ids = ctx.ids.get(f"people:{forum.pk}", [])
        index_of = {pk: index for index, pk in enumerate(organisation_ids)}
        members = [pk for pk in Membership.objects.filter(forum=forum)
                   .values_list("organisation_id", flat=True) if pk in index_of]
        start = Meeting.objects.filter(forum=forum).aggregate(n=Max("number"))["n"] or 0
        meetings = []
        for number in range(start + 1, start + 1 + ctx.count(MEETINGS_PER_FORUM)):
            first = number == start + 1  # held and public, whatever the volume
            day = ctx.day(3000 if first else 3650 + 180)
            starts = datetime.datetime.combine(day, datetime.time(10 + ctx.rng.randrange(5)),
                                               tzinfo=zone)
            past = starts < now
            status = (MeetingStatus.CANCELLED if not first and ctx.rng.random() < 0.05 else
                      MeetingStatus.HELD) if past else ctx.rng.choice(
                [MeetingStatus.PLANNED, MeetingStatus.INVITED])
            venue = ctx.rng.choice(settlements)
            meetings.append(Meeting(
                forum=forum, number=number, title=f"A fórum {number}. ülése",
                starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                venue_settlement_id=venue, venue_address="Községháza, díszterem",
                online_url="" if venue else "https://meet.example.org/forum",
                status=status, guests=ctx.rng.randrange(5),
                visibility=Visibility.PUBLIC if first or ctx.rng.random() < 0.5
                else Visibility.CLOSED,
                description="Az ülés napirendje a meghívóban.",
            ))
        meetings = ctx.bulk(Meeting, meetings, "ülések")
        ctx.bulk(AgendaItem, (
            AgendaItem(meeting=meeting, position=position, title=ctx.rng.choice(AGENDA),
                       duration_minutes=20)
            for meeting in meetings for position in range(1, AGENDA_ITEMS + 1)
        ), "napirendi pontok")
        held = [m for m in meetings if m.status == MeetingStatus.HELD]
        ctx.bulk(Attendance, (
            Attendance(meeting=meeting, organisation_id=organisation_id,
                       person_id=people_ids[index_of[organisation_id] * PEOPLE_PER_ORGANISATION])
            for meeting in held
            for organisation_id in ctx.sample(members, ATTENDING_ORGANISATIONS)
        ), "jelenlétek")
        numbers = dict(Decision.objects.filter(forum=forum).values("year")
                       .annotate(n=Max("number")).values_list("year", "n"))
        decisions = []
        for meeting in sorted(held, key=lambda m: m.starts_at):
            year = meeting.starts_at.year
            numbers[year] = numbers.get(year, 0) + 1
            decisions.append(Decision(
                forum=forum, meeting=meeting, number=numbers[year], year=year,
                text=ctx.rng.choice(DECISIONS), votes_for=ATTENDING_ORGANISATIONS,
                votes_against=0, votes_abstain=0,
                status=ctx.rng.choice(DecisionStatus.values),
            ))
        ctx.bulk(Decision, decisions, "határozatok")
