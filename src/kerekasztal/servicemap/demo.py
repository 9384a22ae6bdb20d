"""Demo service map of the Kőszeg district: the basic services of its 21 settlements, the
forum's own rule for social meals, questionnaires and a few gaps. Providers and service
areas are modelled on a real district; names, capacities and contacts are invented."""

import datetime

from kerekasztal.core.datasets.demo import DemoContext

from . import services
from .catalogue import ensure_service_types
from .models import Gap, Questionnaire, ServicePoint, ServiceRule, ServiceType

NORTH = ["Bozsok", "Velem", "Cák", "Kőszegdoroszló", "Kőszegszerdahely"]
EAST = ["Gyöngyösfalu", "Kőszegpaty", "Nemescsó", "Pusztacsó"]
CROAT = ["Kiszsidány", "Ólmod", "Peresznye"]
SOUTH = ["Lócs", "Iklanberény", "Tormásliget"]
ALL = NORTH + EAST + CROAT + SOUTH + ["Bük", "Csepreg", "Lukácsháza", "Horvátzsidány",
                                       "Tömörd"]

# type code, provider, seat, served settlements, capacity, unit, opening hours
POINTS = [
    ("gp", "Kőszegi háziorvosi körzetek", "Kőszeg", NORTH, 4, "praxis", "H–P 8–12, 14–16"),
    ("gp", "Büki háziorvosi rendelő", "Bük", ["Tömörd"], 2, "praxis", "H–P 8–13"),
    ("gp", "Csepregi háziorvosi rendelő", "Csepreg", SOUTH, 2, "praxis", "H–P 8–12"),
    ("gp", "Horvátzsidányi orvosi rendelő", "Horvátzsidány", CROAT, 1, "praxis", "H, Sz, P 8–12"),
    ("gp", "Lukácsházi orvosi rendelő", "Lukácsháza", EAST, 1, "praxis", "H–P 8–12"),
    ("paediatric-gp", "Kőszegi gyermekorvosi rendelő", "Kőszeg", NORTH + EAST, 2, "praxis", ""),
    ("paediatric-gp", "Büki gyermekorvos", "Bük", ["Tömörd", "Csepreg"] + SOUTH, 1, "praxis", ""),
    ("health-visitor", "Kőszegi Védőnői Szolgálat", "Kőszeg", NORTH, 5, "körzet", ""),
    ("health-visitor", "Büki védőnő", "Bük", ["Tömörd", "Tormásliget"], 2, "körzet", ""),
    ("health-visitor", "Csepregi védőnő", "Csepreg", ["Lócs", "Iklanberény"] + CROAT
     + ["Horvátzsidány"], 2, "körzet", ""),
    ("health-visitor", "Lukácsházi védőnő", "Lukácsháza", EAST, 1, "körzet", ""),
    ("dentist", "Kőszegi fogorvosi rendelő", "Kőszeg", NORTH + EAST, 3, "praxis", ""),
    ("dentist", "Büki fogorvos", "Bük", ["Tömörd", "Tormásliget"], 1, "praxis", ""),
    ("dentist", "Csepregi fogorvos", "Csepreg", ["Lócs", "Horvátzsidány", "Peresznye"], 1,
     "praxis", ""),
    ("pharmacy", "Kőszegi gyógyszertárak", "Kőszeg", NORTH, None, "", "H–Szo"),
    ("pharmacy", "Büki gyógyszertár", "Bük", ["Tömörd", "Tormásliget"], None, "", ""),
    ("pharmacy", "Csepregi gyógyszertár", "Csepreg", SOUTH + ["Peresznye"], None, "", ""),
    ("pharmacy", "Lukácsházi fiókgyógyszertár", "Lukácsháza", EAST, None, "", "H–P 8–12"),
    ("pharmacy", "Horvátzsidányi fiókgyógyszertár", "Horvátzsidány", ["Kiszsidány", "Ólmod"],
     None, "", "K, Cs 9–12"),
    ("ambulance", "Kőszegi mentőállomás", "Kőszeg", ALL, 2, "kocsi", "0–24"),
    ("family-child-welfare-service", "Kőszegi Család- és Gyermekjóléti Szolgálat", "Kőszeg",
     NORTH + EAST + CROAT + ["Lukácsháza", "Horvátzsidány"], 6, "családsegítő", ""),
    ("family-child-welfare-service", "Büki Család- és Gyermekjóléti Szolgálat", "Bük",
     ["Tömörd", "Csepreg"] + SOUTH, 3, "családsegítő", ""),
    ("family-child-welfare-centre", "Kőszegi Család- és Gyermekjóléti Központ", "Kőszeg", ALL,
     8, "munkatárs", "H–P 8–16"),
    ("home-care", "Kőszegi Egyesített Szociális Intézmény", "Kőszeg", ALL, 60, "gondozott", ""),
    ("social-meals", "Kőszegi Egyesített Szociális Intézmény", "Kőszeg", NORTH + EAST, 180,
     "adag/nap", ""),
    ("social-meals", "Büki szociális konyha", "Bük", ["Tömörd", "Tormásliget"], 60, "adag/nap",
     ""),
    ("social-meals", "Csepregi szociális étkeztetés", "Csepreg", ["Lócs", "Iklanberény"], 50,
     "adag/nap", ""),
    ("social-meals", "Horvátzsidányi konyha", "Horvátzsidány", CROAT, 30, "adag/nap", ""),
    ("social-meals", "Lukácsházi konyha", "Lukácsháza", [], 25, "adag/nap", ""),
    ("village-caretaker", "Bozsoki falugondnok", "Bozsok", [], 1, "falugondnok", ""),
    ("village-caretaker", "Cáki falugondnok", "Cák", [], 1, "falugondnok", ""),
    ("village-caretaker", "Tömördi falugondnok", "Tömörd", [], 1, "falugondnok", ""),
    ("elderly-day-care", "Kőszegi Idősek Klubja", "Kőszeg", [], 40, "férőhely", "H–P 8–16"),
    ("elderly-day-care", "Büki Idősek Klubja", "Bük", [], 20, "férőhely", "H–P 8–16"),
    ("elderly-day-care", "Csepregi Idősek Klubja", "Csepreg", [], 20, "férőhely", ""),
    ("disability-day-care", "Kőszegi fogyatékosok nappali intézménye", "Kőszeg", ALL, 15,
     "férőhely", ""),
    ("nursery", "Kőszegi Városi Bölcsőde", "Kőszeg", NORTH, 56, "férőhely", "H–P 6–17"),
    ("nursery", "Büki mini bölcsőde", "Bük", ["Tömörd"], 7, "férőhely", ""),
    ("kindergarten", "Kőszegi óvodák", "Kőszeg", ["Kőszegdoroszló"], 300, "férőhely", ""),
    ("kindergarten", "Kőszegszerdahelyi óvoda", "Kőszegszerdahely", ["Velem", "Cák", "Bozsok"],
     25, "férőhely", ""),
    ("kindergarten", "Büki óvoda", "Bük", ["Tömörd", "Tormásliget"], 100, "férőhely", ""),
    ("kindergarten", "Csepregi óvoda", "Csepreg", ["Lócs", "Iklanberény"], 75, "férőhely", ""),
    ("kindergarten", "Horvátzsidányi horvát nemzetiségi óvoda", "Horvátzsidány",
     ["Kiszsidány", "Ólmod", "Peresznye"], 25, "férőhely", ""),
    ("kindergarten", "Lukácsházi óvoda", "Lukácsháza", ["Kőszegpaty", "Nemescsó"], 40,
     "férőhely", ""),
    ("kindergarten", "Gyöngyösfalui óvoda", "Gyöngyösfalu", ["Pusztacsó"], 25, "férőhely", ""),
    ("primary-school", "Kőszegi általános iskolák", "Kőszeg", NORTH + ["Kőszegpaty"], 700,
     "tanuló", ""),
    ("primary-school", "Büki általános iskola", "Bük", ["Tömörd", "Tormásliget"], 300,
     "tanuló", ""),
    ("primary-school", "Csepregi általános iskola", "Csepreg", ["Lócs", "Iklanberény"], 200,
     "tanuló", ""),
    ("primary-school", "Horvátzsidányi nemzetiségi iskola", "Horvátzsidány", CROAT, 60,
     "tanuló", ""),
    ("primary-school", "Lukácsházi általános iskola", "Lukácsháza",
     ["Gyöngyösfalu", "Nemescsó", "Pusztacsó"], 120, "tanuló", ""),
    ("tanoda", "Kőszegi Tanoda", "Kőszeg", [], 25, "tanuló", "H–Cs 14–18"),
    ("sure-start", "Csepregi Biztos Kezdet Gyerekház", "Csepreg", [], 12, "család", ""),
    ("employment-office", "Kőszegi Járási Hivatal Foglalkoztatási Osztály", "Kőszeg", ALL,
     None, "", "H–Cs 8–16, P 8–12"),
    ("public-employment", "Csepreg Város Önkormányzata (közfoglalkoztatás)", "Csepreg", [], 30,
     "fő", ""),
]
LIBRARIES_MISSING = {"Kiszsidány", "Iklanberény"}
TRANSPORT_MISSING = {"Iklanberény"}

# settlement, type, severity, found on, description, proposed solution, public, resolved
GAPS = [
    ("Velem", "village-caretaker", 2, datetime.date(2016, 3, 10),
     "Az idős, egyedül élő lakosok bevásárlása és orvoshoz jutása nem megoldott.",
     "Közös falugondnoki szolgálat Bozsokkal és Cákkal.", True, None),
    ("Iklanberény", "library", 2, datetime.date(2016, 3, 10),
     "Nincs könyvtári szolgáltatóhely és közösségi tér.",
     "Könyvtárellátási szolgáltató rendszer (KSZR) bevonása.", True, None),
    ("Ólmod", "village-caretaker", 2, datetime.date(2016, 3, 10),
     "Tanyagondnoki jellegű segítség hiányzik.", "Társulási falugondnok.", False,
     (datetime.date(2018, 9, 1), "Horvátzsidánnyal közös falugondnokot alkalmaznak.")),
]


def build(ctx: DemoContext) -> None:
    forum = ctx.forum
    ensure_service_types()
    types = {t.code: t for t in ServiceType.objects.all()}
    settlements = {s.name: s for s in forum.settlements()}
    verified = datetime.date(2025, 3, 1)
    points = list(POINTS)
    points += [("library", f"{name} könyvtár és közösségi tér", name, [], None, "", "")
               for name in settlements if name not in LIBRARIES_MISSING]
    points += [("public-transport", f"{name}, autóbusz-megálló", name, [], None, "", "")
               for name in settlements if name not in TRANSPORT_MISSING]
    for code, provider, seat, served, capacity, unit, hours in points:
        if ServicePoint.objects.filter(forum=forum, service_type=types[code],
                                       settlement=settlements[seat],
                                       provider_name=provider).exists():
            continue
        services.service_point_create(
            forum=forum, service_type=types[code], provider_name=provider,
            settlement=settlements[seat], served_settlements=[settlements[n] for n in served],
            capacity=capacity, capacity_unit=unit, opening_hours=hours,
            source="SZÚT-kérdőív, 2016; frissítve", verified_on=verified,
        )
    if not ServiceRule.objects.filter(forum=forum, service_type=types["social-meals"]).exists():
        services.service_rule_set(
            forum=forum, service_type=types["social-meals"], required_from_population=0,
            local_from_population=1000, max_distance_km=20,
            note="A kerekasztal döntése: az 1000 fő alatti településeken a kiszállított "
                 "étkeztetés elfogadható.",
        )
    for name, code, severity, found, description, solution, public, resolved in GAPS:
        if Gap.objects.filter(forum=forum, settlement=settlements[name],
                              service_type=types[code]).exists():
            continue
        gap = services.gap_record(
            forum=forum, settlement=settlements[name], service_type=types[code],
            severity=severity, found_on=found, description=description,
            proposed_solution=solution, is_public=public,
        )
        if resolved:
            services.gap_resolve(gap=gap, resolved_on=resolved[0], resolution=resolved[1])
    officer = ctx.users.get("settlement_officer")
    for name in ("Bozsok", "Velem"):
        if not Questionnaire.objects.filter(forum=forum, settlement=settlements[name]).exists():
            services.questionnaire_submit(forum=forum, settlement=settlements[name], answers={},
                                          user=officer if name == "Bozsok" else None)
