"""Demo sessions of the Kőszeg district roundtable (seed koszeg-arop-0019.txt): the
roundtable was founded at the 2015-06-16 session and met 8 times during the project
(April–November 2015). Agendas, attendance, minutes and decisions are invented but typical.
"""

import datetime

from django.utils import timezone

from kerekasztal.core.datasets.demo import DemoContext
from kerekasztal.forums.models import PARTICIPATING_ROLES, Membership
from kerekasztal.territory.models import Settlement

from . import services
from .models import DecisionStatus, Meeting, Rsvp, Visibility

# day, venue, title, agenda, decisions (text, responsible organisation, deadline, status)
SESSIONS = [
    (datetime.date(2015, 6, 16), "Kőszeg", "Alakuló ülés",
     ["A kerekasztal megalakítása, a Megállapodás aláírása",
      "A működési rend elfogadása", "Az Esélyteremtési Akcióprogram bemutatása"],
     [("A Kőszegi Járási Felzárkózási Kerekasztal megalakul; tagjai aláírják az "
       "együttműködési megállapodást.", "Kőszeg Város Önkormányzata", None, "done"),
      ("A kerekasztal elfogadja működési rendjét.", "Kőszeg Város Önkormányzata", None,
       "done")]),
    (datetime.date(2015, 7, 14), "Bük", "A helyzetelemzés módszertana",
     ["A települési HEP-ek áttekintése", "Adatgyűjtés a járási helyzetelemzéshez"],
     [("A tagok július 31-ig megküldik településük HEP-intézkedési tervének "
       "végrehajtási adatait.", "Bük Város Önkormányzata", datetime.date(2015, 7, 31),
       "done")]),
    (datetime.date(2015, 8, 18), "Csepreg", "Mélyszegénység és gyermekszegénység",
     ["A gyermekjóléti szolgálat beszámolója", "Szegregátumok a járásban"],
     [("A kerekasztal munkacsoportot hoz létre a gyermekszegénység csökkentésére.",
       "Kőszegi Család- és Gyermekjóléti Szolgálat", datetime.date(2015, 9, 30), "done")]),
    (datetime.date(2015, 9, 15), "Kőszeg", "Foglalkoztatás és képzés",
     ["Közfoglalkoztatás a járásban", "Az „Esélyteremtő attitűd formálása” képzés"],
     [("A HEP-megbízottak részt vesznek az októberi képzésen.", "Kőszegi Járási Hivatal",
       datetime.date(2015, 10, 31), "done")]),
    (datetime.date(2015, 10, 6), "Lukácsháza", "Idősek és fogyatékossággal élők",
     ["Az idősellátás helyzete", "Akadálymentesítési igények"],
     [("A kerekasztal felméri a járás közintézményeinek akadálymentességét.",
       "Esélyt Mindenkinek Egyesület", datetime.date(2016, 3, 31), "in_progress")]),
    (datetime.date(2015, 10, 20), "Horvátzsidány", "Nemzetiségek és esélyegyenlőség",
     ["A nemzetiségi önkormányzatok javaslatai", "Érzékenyítő tréning tapasztalatai"],
     [("A nemzetiségi önkormányzatok javaslatai bekerülnek a programtervbe.",
       "Horvátzsidányi Horvát Nemzetiségi Önkormányzat", datetime.date(2015, 11, 10),
       "done")]),
    (datetime.date(2015, 11, 10), "Kőszeg", "A Járási Esélyteremtő Programterv tervezete",
     ["A programterv tervezetének vitája", "Intézkedések és felelősök"],
     [("A kerekasztal a programterv tervezetét a vita szerinti módosításokkal "
       "támogatja.", "Kőszeg Város Önkormányzata", datetime.date(2015, 11, 20), "done")]),
    (datetime.date(2015, 11, 24), "Kőszeg", "A programterv elfogadása, a projekt zárása",
     ["A Járási Esélyteremtő Programterv elfogadása", "A záró konferencia előkészítése",
      "A kerekasztal működése a projekt után"],
     [("A kerekasztal elfogadja a Járási Esélyteremtő Programtervet, és a 2015. november "
       "25-i záró konferencián bemutatja.", "Kőszeg Város Önkormányzata",
       datetime.date(2015, 11, 25), "done"),
      ("A kerekasztal a projekt után évente legalább kétszer ülésezik.",
       "Kőszeg Város Önkormányzata", None, "open")]),
]
ADDRESSES = {"Kőszeg": "Városháza, Jurisics tér 8.", "Bük": "Városháza, Eötvös u. 11.",
             "Csepreg": "Művelődési ház, Széchenyi tér 1.",
             "Lukácsháza": "Községháza, Rákóczi u. 20.",
             "Horvátzsidány": "Kultúrház, Fő u. 2."}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _session(ctx: DemoContext, number: int, spec) -> None:
    day, venue, title, agenda, decisions = spec
    forum = ctx.forum
    if Meeting.objects.filter(forum=forum, number=number).exists():
        return
    meeting = services.meeting_schedule(
        forum=forum, number=number, title=title, starts_at=_at(day, 10),
        ends_at=_at(day, 12), venue_settlement=Settlement.objects.get(name=venue),
        venue_address=ADDRESSES[venue],
        visibility=Visibility.PUBLIC if number == 1 else Visibility.CLOSED)
    for item in agenda:
        services.agenda_item_add(meeting=meeting, title=item, duration_minutes=30)
    services.invitations_prepare(meeting=meeting)
    present = []
    for index, invitation in enumerate(meeting.invitations.order_by("name")):
        came = (index + number) % 5 != 0  # most come, a different few miss each time
        invitation.rsvp = Rsvp.YES if came else Rsvp.NO
        invitation.sent_at = invitation.responded_at = _at(day - datetime.timedelta(days=8),
                                                           9)
        invitation.save(update_fields=["rsvp", "sent_at", "responded_at"])
        if came and invitation.person:
            present.append((invitation.person, invitation.organisation))
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=_at(
        day - datetime.timedelta(days=8), 9))
    services.attendance_record(meeting=meeting, people=present, guests=number % 3 + 1)
    services.minutes_save(
        meeting=meeting, kind="memo", recorder="Horváth Katalin",
        body="".join(f"<h3>{i}. {item}</h3><p>A napirendi pontot a tagok megvitatták.</p>"
                     for i, item in enumerate(agenda, start=1)))
    services.minutes_approve(meeting=meeting, on=day + datetime.timedelta(days=14))
    for text, organisation, deadline, status in decisions:
        decision = services.decision_record(
            meeting=meeting, text=text, votes_for=services.present_voters(meeting),
            votes_against=0,
            votes_abstain=0, responsible_organisation=ctx.organisations.get(organisation),
            deadline=deadline)
        if status != DecisionStatus.OPEN:
            services.decision_follow_up(
                decision=decision, day=deadline or day,
                text="Teljesült." if status == "done" else "A felmérés folyamatban van.",
                status=status)


# Fixed-day public holidays (the moveable ones fall on a Friday or a Monday), and the
# days between Christmas and Epiphany when no roundtable meets.
_NO_SESSION = {(1, 1), (3, 15), (5, 1), (8, 20), (10, 23), (11, 1)}


def _working_tuesday(day: datetime.date) -> datetime.date:
    """The first Tuesday from `day` that is a working day outside the year-end break: the
    demo's coming session never falls on a Saturday or on 26 December."""
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    while (day.month, day.day) in _NO_SESSION or (day.month == 12 and day.day >= 20) \
            or (day.month == 1 and day.day <= 6):
        day += datetime.timedelta(days=7)
    return day


def _upcoming(ctx: DemoContext) -> None:
    """A coming public session on a working Tuesday three or more weeks ahead, its
    invitations sent: a few members have answered, the others (the demo member among them)
    have an invitation to answer."""
    forum = ctx.forum
    meeting = Meeting.objects.filter(forum=forum, number=len(SESSIONS) + 1).first()
    if meeting is None:
        day = _working_tuesday(timezone.localdate() + datetime.timedelta(days=21))
        meeting = services.meeting_schedule(
            forum=forum, number=len(SESSIONS) + 1, title="Éves értékelő ülés",
            starts_at=_at(day, 10), ends_at=_at(day, 12),
            venue_settlement=Settlement.objects.get(name="Kőszeg"),
            venue_address=ADDRESSES["Kőszeg"], visibility=Visibility.PUBLIC,
            description="A programterv végrehajtásának éves áttekintése.")
        for item in ("Beszámoló a programterv végrehajtásáról", "A következő év munkaterve",
                     "Egyebek"):
            services.agenda_item_add(meeting=meeting, title=item, duration_minutes=30)
    if meeting.invitations_sent_at is not None or meeting.is_past:
        return
    services.invitations_send(meeting=meeting, user=ctx.users.get("coordinator"))
    member = ctx.people.get("Kiss Andrea")
    others = meeting.invitations.exclude(person=member).order_by("name")
    for invitation, answer in zip(others, (Rsvp.YES, Rsvp.YES, Rsvp.NO, Rsvp.YES, Rsvp.MAYBE),
                                  strict=False):
        services.invitation_respond(invitation=invitation, answer=answer)


def build(ctx: DemoContext) -> None:
    if ctx.forum is None or not Membership.objects.filter(
            forum=ctx.forum, role__in=PARTICIPATING_ROLES).exists():
        return
    for number, spec in enumerate(SESSIONS, start=1):
        _session(ctx, number, spec)
    _upcoming(ctx)
