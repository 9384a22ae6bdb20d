"""Demo events of the Kőszeg roundtable, after the seed (koszeg-arop-0019.txt): parent
clubs, a health-literacy programme, social-economy and dissemination forums, the
"Esélyteremtő attitűd formálása" training for the HEP officers, a sensitization training for
the members and the closing conference of 25 November 2015; plus upcoming events so that
registration can be tried. Participants are invented (example.org)."""

import datetime

from django.utils import timezone

from kerekasztal.core.datasets.demo import DemoContext
from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.territory.models import Settlement

from . import services
from .models import Event

KOSZEG_ORG = "Kőszeg Város Önkormányzata"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _d(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


# title, kind, day, start, end, venue, settlements, topics, target groups, count, report
HELD = [
    ("Partnerségi és disszeminációs fórum", "dissemination", "2015-07-09", (14, 0), (16, 0),
     "Kőszeg, Városháza díszterme", ["Kőszeg"], ["Esélyegyenlőség"],
     ["poverty_roma", "children", "women", "elderly", "disability"], 46,
     "A kerekasztalhoz nem csatlakozott szereplők megismerték a kerekasztal céljait."),
    ("Szülői klub – a család szerepe", "parent_club", "2015-09-08", (17, 0), (19, 0),
     "Bozsoki Közösségi Ház", ["Bozsok"], ["Család és szülői klubok"], ["children", "women"],
     18, "Védőnői előadás a kisgyermekes családok mindennapjairól."),
    ("Egészségműveltség óvodától nyugdíjas korig", "community", "2015-09-26", (9, 0),
     (13, 0), "Bük, Sportcsarnok", ["Bük"], ["Egészségműveltség"],
     ["children", "elderly"], 120, "Szűrések, előadások, generációk közötti programok."),
    ("Szociális gazdaságfejlesztő fórum", "professional", "2015-10-06", (10, 0), (13, 0),
     "Kőszeg, Jurisics-vár lovagterem", ["Kőszeg", "Csepreg"], ["Szociális gazdaság"],
     ["poverty_roma"], 32,
     "Az önkormányzatok szociális szövetkezet alapításának lehetőségeit vizsgálták."),
    ("Érzékenyítő tréning a kerekasztal tagjainak", "sensitization", "2015-10-15", (9, 0),
     (16, 0), "Kőszeg, Városháza", ["Kőszeg"], ["Esélyegyenlőség", "Romák"],
     ["poverty_roma", "disability"], 16, ""),
    ("Esélyteremtő attitűd formálása", "training", "2015-10-22", (9, 0), (17, 0),
     "Kőszeg, Városháza", ["Kőszeg", "Bozsok", "Bük", "Csepreg", "Velem"],
     ["Esélyegyenlőség"], ["poverty_roma", "children", "women", "elderly", "disability"], 14,
     "A HEP-megbízottak a helyi esélyegyenlőségi programok megvalósítását gyakorolták."),
    ("Sajtótájékoztató a projekt zárásáról", "press", "2015-11-25", (10, 0), (10, 45),
     "Kőszeg, Városháza", ["Kőszeg"], [], [], 9, ""),
    ("Záró konferencia – a Járási Esélyteremtő Programterv bemutatása", "closing",
     "2015-11-25", (11, 0), (15, 0), "Kőszeg, Városháza díszterme",
     ["Kőszeg", "Bozsok", "Bük", "Cák", "Csepreg", "Velem"], ["Esélyegyenlőség"],
     ["poverty_roma", "children", "women", "elderly", "disability"], 64,
     "A kerekasztal bemutatta a Járási Esélyteremtő Programtervet."),
]
TRAINING = "Továbbképzés a HEP-ek felülvizsgálatáról"
TRAINEES = ["Kiss Andrea", "Szabó Péter", "Tóth Erzsébet", "Balogh Éva", "Papp László"]


def _create(ctx, title, kind, start, end, venue, settlements, topics, groups, **extra):
    event = Event.objects.filter(forum=ctx.forum, title=title, starts_at=start).first()
    if event is not None:
        return event, False
    organisation = ctx.organisations.get(KOSZEG_ORG)
    event = services.event_create(
        forum=ctx.forum, kind=kind, title=title, venue=venue, starts_at=start, ends_at=end,
        settlements=list(Settlement.objects.filter(name__in=settlements)),
        topics=list(Topic.objects.filter(name__in=topics)),
        target_groups=list(TargetGroup.objects.filter(code__in=groups)),
        organiser=organisation, **extra)
    return services.event_publish(event=event), True


def build(ctx: DemoContext) -> None:
    for (title, kind, day, start, end, venue, settlements, topics, groups, count,
         summary) in HELD:
        training = kind in ("training", "sensitization")
        extra = {"hours": 8 if training else None,
                 "trainer": "Dr. Németh Ágnes tréner" if training else "",
                 "registration_open": training,
                 "description": "Az „Esélyteremtési Akcióprogram a Kőszegi Járásban” "
                                "(ÁROP-1.A.3-2014-2014-0019) projekt rendezvénye."}
        event, created = _create(ctx, title, kind, _at(_d(day), *start), _at(_d(day), *end),
                                 venue, settlements, topics, groups, **extra)
        if not created:
            continue
        attended = set()
        if kind == "training":
            for name in TRAINEES:
                registration = services.register(
                    event=event, name=name, consent=True,
                    email=name.lower().replace(" ", ".").translate(
                        str.maketrans("áéíóöőúüű", "aeiooouuu")) + "@example.org",
                    now=event.starts_at - datetime.timedelta(days=7))
                attended.add(registration.pk)
        services.attendance_record(event=event, participants_count=count,
                                   attended_ids=attended or None, completed_ids=attended)
        if summary:
            services.report_save(event=event, summary=summary,
                                 problems_raised="Kevés a közösségi közlekedés a kistelepülések "
                                                 "között hétvégén." if kind == "closing" else "")
        if kind == "training":
            services.certificates_issue(event=event)
    # Upcoming: a parent club every second Tuesday, and a dissemination forum
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)
    if not Event.objects.filter(forum=ctx.forum, series__isnull=False).exists():
        services.series_create(
            forum=ctx.forum, every="biweekly", count=8, kind="parent_club",
            title="Szülői klub Csepregen", venue="Csepregi Művelődési Ház",
            address="9735 Csepreg, Széchenyi tér 1.", starts_at=_at(tuesday, 17),
            ends_at=_at(tuesday, 18, 30), registration_open=True, capacity=20,
            settlements=list(Settlement.objects.filter(name="Csepreg")),
            topics=list(Topic.objects.filter(name="Család és szülői klubok")),
            target_groups=list(TargetGroup.objects.filter(code__in=["children", "women"])),
            organiser=ctx.organisations.get(KOSZEG_ORG),
            description="Kötetlen beszélgetés szülőknek, minden alkalommal egy szakember "
                        "előadásával (védőnő, családsegítő, pszichológus).",
        )
        for event in Event.objects.filter(forum=ctx.forum, series__isnull=False):
            services.event_publish(event=event)
    # The coming events are dated from the day of the first load; a later run adds none.
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 21)
    if not Event.objects.filter(forum=ctx.forum, title="Kőszegi Napok – disszeminációs "
                                                      "esemény").exists():
        _create(ctx, "Kőszegi Napok – disszeminációs esemény", "dissemination",
                _at(saturday, 13), _at(saturday, 15), "Zenepavilon környéke", ["Kőszeg"],
                ["Esélyegyenlőség", "Közösségi kertek"], ["poverty_roma", "children", "elderly"],
                address="9730 Kőszeg, Fő tér", registration_open=True, capacity=60,
                registration_deadline=_at(saturday - datetime.timedelta(days=2), 12),
                description="Bemutatkozik a kerekasztal: együttműködési megállapodások, közösségi "
                            "kertek, falugondnoki szolgáltatás.")
    # A members-only training in the second week from now, open for registration (HEP
    # officers and members' representatives register themselves from the workspace).
    thursday = today + datetime.timedelta(days=(3 - today.weekday()) % 7 + 7)
    if Event.objects.filter(forum=ctx.forum, title=TRAINING).exists():
        return
    _create(ctx, TRAINING, "training",
            _at(thursday, 9), _at(thursday, 15), "Kőszeg, Városháza", ["Kőszeg"],
            ["Esélyegyenlőség"], ["poverty_roma", "children", "women", "elderly", "disability"],
            address="9730 Kőszeg, Jurisics tér 8.", registration_open=True, capacity=20,
            hours=6, trainer="Dr. Németh Ágnes tréner", is_public=False,
            audience="a kerekasztal tagszervezeteinek képviselői és a HEP-referensek",
            registration_deadline=_at(thursday - datetime.timedelta(days=2), 12),
            description="Egynapos továbbképzés a helyi esélyegyenlőségi programok "
                        "felülvizsgálatáról és az intézkedések nyomon követéséről.")
