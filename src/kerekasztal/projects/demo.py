"""The Kőszeg roundtable's grant project (seed koszeg-arop-0019.txt): ÁROP-1.A.3-2014-2014-0019,
22,0 millió forint, 2015. április 1. – 2015. november 30."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from kerekasztal.core.datasets.demo import DemoContext
from kerekasztal.directory.models import LegalBasis, Organisation, Person

from . import services
from .models import (
    Asset,
    ConsortiumPartner,
    Deliverable,
    Milestone,
    MilestoneKind,
    PartnerName,
    Project,
    StaffRole,
)

CODE = "ÁROP-1.A.3-2014-2014-0019"
D = datetime.date
EVIDENCE = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUMMARY = (
    "A projekt célja a Kőszegi járás települései, helyi szereplői közötti területi "
    "együttműködés kialakítása és megerősítése a társadalmi felzárkózást elősegítő és a "
    "helyi esélyegyenlőségi programok végrehajtásához kapcsolódó koordináció "
    "megvalósításával. Kulcseleme a Járási Felzárkózási Kerekasztal, amelyet a 2015. "
    "június 16-i ülésen hívott életre az önkormányzat."
)


def _person(forum, name, position, organisation):
    from kerekasztal.core.text import fold
    from kerekasztal.directory import services as directory_services

    person = Person.objects.filter(forum=forum, name=name).first()
    if person is None:
        person = directory_services.person_create(
            forum=forum, organisations=[organisation], name=name,
            email=fold(name).replace(" ", ".") + "@example.org", position=position,
            legal_basis=LegalBasis.PUBLIC_TASK, retention_until=D(2031, 12, 31))
    return person


def build(ctx: DemoContext) -> None:
    forum = ctx.forum
    if forum is None or Project.objects.filter(code=CODE).exists():
        return
    city = Organisation.objects.get(forum=forum, name="Kőszeg Város Önkormányzata")
    office = ctx.organisations.get("Kőszegi Járási Hivatal") or Organisation.objects.get(
        forum=forum, name="Kőszegi Járási Hivatal")
    coordinator = ctx.users.get("coordinator")
    manager = _person(forum, "Németh Gábor", "projektmenedzser", city)
    project = services.project_create(
        forum=forum, user=coordinator, programme="AROP", call_code="ÁROP-1.A.3-2014",
        call_title="Területi együttműködést segítő programok kialakítása az "
                   "önkormányzatoknál a konvergencia régiókban",
        code=CODE, title="Esélyteremtési Akcióprogram a Kőszegi Járásban", summary=SUMMARY,
        beneficiary=city, grant_amount=22_000_000, grant_rate=Decimal(100),
        total_cost=22_000_000, funds=["ESZA"], start=D(2015, 4, 1), end=D(2015, 9, 30),
        sustainability_end=D(2020, 11, 30), website="https://www.koszeg.hu",
        contact=ctx.people.get("Horváth Katalin"))
    services.extension_add(project=project, new_end=D(2015, 11, 30),
                           reason="a záró konferencia időpontja", decided_on=D(2015, 9, 10),
                           user=coordinator)
    partner = services.record_save(instance=ConsortiumPartner(
        project=project, organisation=office, role="state",
        tasks="képzés: „Esélyteremtő attitűd formálása”"), user=coordinator)
    services.record_save(instance=PartnerName(partner=partner, name="Vas Megyei Kormányhivatal "
                                              "Kőszegi Járási Hivatala",
                                              valid_from=D(2015, 7, 1)), user=coordinator)
    staff = [("catch_up_officer", ctx.people.get("Horváth Katalin"), None),
             ("catch_up_officer", _person(forum, "Pintér Eszter", "felzárkózási munkatárs",
                                          city), None),
             ("project_manager", manager, None),
             ("finance", manager, None),
             ("instructor", ctx.people.get("Mészáros Tamás"), office)]
    for role, person, employer in staff:
        if person is not None:
            services.record_save(instance=StaffRole(project=project, role=role, person=person,
                                                    employer=employer, since=D(2015, 4, 1),
                                                    until=D(2015, 11, 30)), user=coordinator)
    for name, cost in (("laptop", 189_000), ("projektor", 145_000)):
        services.record_save(instance=Asset(project=project, name=name, unit_cost=cost,
                                            purchased_on=D(2015, 5, 12)), user=coordinator)
    for title, done in (("Járási Esélyteremtő Programterv", D(2015, 11, 20)),
                        ("Szervezeti és Működési Szabályzat (SZÚT)", D(2015, 6, 16)),
                        ("Képzési anyag: Esélyteremtő attitűd formálása", D(2015, 9, 15)),
                        ("Szociális és egészségügyi eljárások horvát nyelvű fordítása",
                         D(2015, 10, 30))):
        services.record_save(instance=Deliverable(project=project, title=title, due=done,
                                                  completed_on=done), user=coordinator)
    for kind, title, day in ((MilestoneKind.KICKOFF, "A kerekasztal alakuló ülése",
                              D(2015, 6, 16)),
                             (MilestoneKind.CLOSING_EVENT, "Záró konferencia", D(2015, 11, 25))):
        services.record_save(instance=Milestone(project=project, kind=kind, title=title,
                                                due=day, reached_on=day), user=coordinator)
    services.indicator_add(project=project, user=coordinator, name="Tagszervezetek száma",
                           rule="forums.member_organisations", unit="szervezet",
                           target=Decimal(15), order=1)
    trainings = services.indicator_add(project=project, user=coordinator,
                                       name="Képzésen részt vett HEP-megbízottak",
                                       unit="fő", target=Decimal(12), order=2)
    services.manual_value_add(indicator=trainings, as_of=D(2015, 9, 15), value=14,
                              note="Esélyteremtő attitűd formálása",
                              evidence=ContentFile(EVIDENCE, name="jelenleti-iv.pdf"),
                              user=coordinator)
    # Figures the other apps' records prove (meetings, events, agreements: see their demo.py).
    for order, (name, rule, unit, target) in enumerate((
            ("Megtartott kerekasztal-ülések", "meetings.sessions_held", "alkalom", 8),
            ("Megtartott rendezvények", "events.held", "rendezvény", 8),
            ("Aláírt együttműködési megállapodások", "agreements.signed", "megállapodás", 4),
            ("Megállapodást aláíró szervezetek", "agreements.parties", "szervezet", 15),
    ), start=3):
        services.indicator_add(project=project, user=coordinator, name=name, rule=rule,
                               unit=unit, target=Decimal(target), order=order)
