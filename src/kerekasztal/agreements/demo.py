"""Demo agreements of the Kőszeg roundtable (seeds: the founding agreement of 2015, the
thematic agreements on Roma, disability and education, multilateral cooperation
agreements), plus one open for signature and one draft. Idempotent."""

import datetime

from django.utils import timezone

from kerekasztal.core.datasets.demo import DemoContext
from kerekasztal.core.models import TargetGroup, Topic

from . import services
from .models import Agreement
from .templates_text import DEFAULT_TEMPLATES

D = datetime.date
KOSZEG = "Kőszeg Város Önkormányzata"
ROMA_NO = "Kőszegi Roma Nemzetiségi Önkormányzat"
CSGYSZ = "Kőszegi Család- és Gyermekjóléti Szolgálat"
SCHOOL = "Kőszegi Általános Iskola"
TANKER = "Szombathelyi Tankerületi Központ"
CIVIL = "Esélyt Mindenkinek Egyesület"
HEALTH = "Kőszegi Egészségügyi Központ"
COOP = "Írottkő Szociális Szövetkezet"
MUNICIPALITIES = [
    "Kőszeg Város Önkormányzata", "Bozsok Község Önkormányzata", "Bük Város Önkormányzata",
    "Cák Község Önkormányzata", "Csepreg Város Önkormányzata",
    "Horvátzsidány Község Önkormányzata", "Lukácsháza Község Önkormányzata",
    "Peresznye Község Önkormányzata", "Velem Község Önkormányzata",
    "Kőszegszerdahely Község Önkormányzata",
]

# title, kind, purpose, parties, drafted (None: a month ago), signed (a day, "open" for
# one signature so far, None for a draft), topics, target groups,
# commitments [(party or None, text, due)]
AGREEMENTS = [
    ("A Kőszegi Járási Felzárkózási Kerekasztal alapító megállapodása", "founding",
     "A kerekasztal megalakítása, céljai és működési rendje.",
     MUNICIPALITIES + [ROMA_NO, CSGYSZ, SCHOOL, CIVIL], D(2015, 6, 1), D(2015, 6, 16),
     ["Esélyegyenlőség"], [], [
         (None, "Képviselője útján részt vesz a kerekasztal negyedéves ülésein.", None),
         (KOSZEG, "Ellátja a kerekasztal koordinációját és titkársági feladatait.",
          D(2015, 12, 31)),
     ]),
    ("Tematikus együttműködési megállapodás a romák esélyegyenlőségéért", "thematic",
     "A mélyszegénységben élőket és a romákat érintő intézkedések összehangolása.",
     [KOSZEG, ROMA_NO, CSGYSZ, CIVIL], D(2015, 9, 1), D(2015, 10, 12), ["Romák"],
     ["poverty_roma"], [
         (ROMA_NO, "Havonta tanodai napot szervez a Kőszegi Általános Iskolával.",
          D(2016, 6, 30)),
         (CSGYSZ, "Negyedévente közös esetmegbeszélést tart a nemzetiségi önkormányzattal.",
          None),
     ]),
    ("Tematikus együttműködési megállapodás a fogyatékkal élők esélyegyenlőségéért",
     "thematic", "Akadálymentes szolgáltatások és a fogyatékkal élők foglalkoztatása.",
     [KOSZEG, HEALTH, COOP, CIVIL], D(2015, 9, 1), D(2015, 10, 12), ["Fogyatékkal élők"],
     ["disability"], [
         (COOP, "Évente legalább két megváltozott munkaképességű munkavállalót foglalkoztat.",
          D(2016, 12, 31)),
     ]),
    ("Tematikus együttműködési megállapodás az oktatási esélyegyenlőségért", "thematic",
     "Az iskolai lemorzsolódás csökkentése és a hátrányos helyzetű tanulók támogatása.",
     [KOSZEG, SCHOOL, TANKER, CSGYSZ], D(2015, 9, 1), D(2015, 10, 20), ["Oktatás"],
     ["children"], [
         (SCHOOL, "Korai jelzőrendszert működtet a lemorzsolódással veszélyeztetett "
                  "tanulókról.", D(2016, 3, 31)),
     ]),
    ("Együttműködési megállapodás a falugondnoki szolgáltatások összehangolásáról",
     "multilateral", "A kistelepülések falugondnoki szolgáltatásainak közös szervezése.",
     MUNICIPALITIES[1:6], D(2015, 10, 1), D(2015, 11, 5), ["Falugondnoki szolgáltatás"],
     ["elderly"], []),
    ("Együttműködési megállapodás az idősek nappali ellátásáról", "multilateral",
     "Az idősek nappali ellátásának és szállításának összehangolása a járásban.",
     [KOSZEG, "Bük Város Önkormányzata", "Csepreg Város Önkormányzata", CSGYSZ],
     D(2015, 10, 1), D(2015, 11, 30), ["Idősgondozás"], ["elderly"], []),
    ("Együttműködési megállapodás közösségi kertekről", "multilateral",
     "Közösségi kertek létesítése a szociális szövetkezet bevonásával.",
     [COOP, "Velem Község Önkormányzata", "Cák Község Önkormányzata",
      "Csepreg Város Önkormányzata"],
     None, "open", ["Közösségi kertek"], ["poverty_roma"], []),
    ("Együttműködési megállapodás a szülői klubok működtetéséről", "multilateral",
     "Szülői klubok közös szervezése a járás iskoláiban.",
     [SCHOOL, CSGYSZ, CIVIL], None, None, ["Család és szülői klubok"],
     ["children"], []),
]

def build(ctx: DemoContext) -> None:
    forum = ctx.forum
    coordinator = ctx.users.get("coordinator")
    people = {}
    for person in ctx.people.values():
        for organisation in person.organisations.all():
            people.setdefault(organisation.name, person)
    for (title, kind, purpose, party_names, drafted, signed, topics, groups,
         commitments) in AGREEMENTS:
        if Agreement.objects.filter(forum=forum, title=title).exists():
            continue
        drafted = drafted or timezone.localdate() - datetime.timedelta(days=30)
        agreement = services.agreement_create(
            forum=forum, user=coordinator, kind=kind, title=title, purpose=purpose,
            body=DEFAULT_TEMPLATES[kind][1], place="Kőszeg", drafted_on=drafted,
            topics=Topic.objects.filter(name__in=topics),
            target_groups=TargetGroup.objects.filter(code__in=groups),
        )
        parties = {}
        for name in party_names:
            person = people.get(name)
            parties[name] = services.party_add(
                agreement=agreement, organisation=ctx.organisations[name], user=coordinator,
                role="initiator" if name == KOSZEG else "party",
                signatory_name=person.name if person else "",
                signatory_position=person.position if person else "",
            )
        for party_name, text, due in commitments:
            services.commitment_create(agreement=agreement, user=coordinator,
                                       party=parties.get(party_name), text=text, due_on=due)
        if signed is None:
            continue
        services.agreement_open(agreement=agreement, user=coordinator, on=drafted)
        if signed == "open":
            first = next(iter(parties.values()))
            services.signature_record(party=first, signed_on=drafted + datetime.timedelta(7),
                                      signatory_name=first.signatory_name or "Aláíró",
                                      signatory_position=first.signatory_position,
                                      user=coordinator)
            continue
        for party in parties.values():
            services.signature_record(party=party, signed_on=signed,
                                      signatory_name=party.signatory_name or "Aláíró",
                                      signatory_position=party.signatory_position,
                                      user=coordinator)
        if kind != "multilateral":
            services.agreement_set_text_public(agreement=agreement, public=True,
                                               user=coordinator)
