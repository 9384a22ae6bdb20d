"""Seed veszprem-efop-00009 (/work/shared/seeds/veszprem-efop-00009.txt) replayed through
the web interface only: the operator creates the county forum and gives the coordinator its
role (the coordinator accepts the mailed invitation); the coordinator records the member
organisations, their representatives and memberships, the forum's sessions, the events
(the sensitisation training of the county government's staff, the community events, the
closing event in Veszprém on 2021-05-26) and the agreements by spreadsheet, the working group,
the service map (SZÚT: service points by spreadsheet, the service gaps found), then the
project: the consortium partner SZGYF renamed TEF, the staff, the extension because of the
pandemic, the SZÚT and the other results; generates the closing release and the closing
report and checks that every fact of the seed is in them, worded as Hungarian releases word
it. Dates inside the project period (2017. december 1. – 2021. május 31.). axe-core on every
page visited. The demo data only provides the logins.

Facts the seed does not give are invented and marked so: the member organisations other
than the beneficiary and SZGYF, the people's names, the days of the sessions, events and
signatures, the day of the renaming, the originally planned end (the usual 36 months).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in
from .seed_steps import (
    add_indicator,
    close_and_draft,
    import_file,
    nav,
    project_record,
    write_csv,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPERATOR = "admin@example.org"
COORDINATOR = "koordinator@example.org"
FORUM = "Veszprém Megyei Felzárkózási Fórum"
GROUP = "Szakmai Munkacsoport"
LEAD = "Veszprém Megyei Önkormányzat"
SZGYF = "Szociális és Gyermekvédelmi Főigazgatóság"
TEF = "Társadalmi Esélyteremtési Főigazgatóság"
CALL = "EFOP-1.6.3-17"
CALL_TITLE = "Megyei szintű felzárkózás-politikai együttműködések támogatása"
CODE = "EFOP-1.6.3-17-2017-00009"
TITLE = "Veszprém megyei esélyegyenlőségi és felzárkózási együttműködés"
WEBSITE = "https://efop.vpmegye.hu/"
GOAL = (
    "A projekt célja, hogy megyei összefogással (társadalmi – civil – gazdasági szereplők "
    "bevonásával) csökkentse a társadalmi kirekesztettségben, szegénységben élők számát, a "
    "szegénység újratermelődését. Ennek érdekében a Veszprém Megyei Önkormányzat megyei szintű "
    "koordinációs és konzultációs rendszert alakított ki."
)
SUB_GOALS = [
    "új együttműködések generálása",
    "hátrányos helyzetű célcsoportokat érintő beavatkozások összehangolása",
    "a megyék kapacitás- és szervezetfejlesztése",
    "helyi szintet meghaladó problémák megoldása közösségi összefogással",
]
# name; kind; seat (invented members, except SZGYF)
ORGANISATIONS = [
    (SZGYF, "Állami szerv", "Budapest"),
    ("Veszprém Megyei Jogú Város Önkormányzata", "Települési önkormányzat", "Veszprém"),
    ("Pápa Város Önkormányzata", "Települési önkormányzat", "Pápa"),
    ("Ajka Város Önkormányzata", "Települési önkormányzat", "Ajka"),
    ("Tapolca Város Önkormányzata", "Települési önkormányzat", "Tapolca"),
    ("Veszprém Megyei Esélyegyenlőségi Egyesület", "Civil szervezet", "Veszprém"),
]
# name; position; organisation (invented people)
PEOPLE = [
    ("Minta Anna", "felzárkózási munkatárs", LEAD),
    ("Minta Béla", "felzárkózási munkatárs", LEAD),
    ("Minta Csilla", "projektmenedzser", LEAD),
    ("Minta Dénes", "instruktor", SZGYF),
]
AUDIENCE = "a Veszprém Megyei Önkormányzat munkatársai"
# day; start; end; title; kind; venue; settlement; headcount; audience (invented days)
EVENTS = [
    ("2018-03-20", "09:00", "15:00", "Esélyegyenlőségi érzékenyítő tréning",
     "Érzékenyítő képzés", "Megyeháza", "Veszprém", "12", AUDIENCE),
    ("2018-09-14", "14:00", "17:00", "Közösségi rendezvény a felzárkózásért", "Közösségi "
     "rendezvény", "Művelődési ház", "Pápa", "60", ""),
    ("2019-05-10", "14:00", "17:00", "Közösségi rendezvény a felzárkózásért", "Közösségi "
     "rendezvény", "Városi Művelődési Központ", "Ajka", "55", ""),
    ("2019-10-04", "14:00", "17:00", "Közösségi rendezvény a felzárkózásért", "Közösségi "
     "rendezvény", "Tamási Áron Művelődési Központ", "Tapolca", "48", ""),
    ("2021-05-26", "10:00", "13:00", "Záró rendezvény", "Záró konferencia", "Megyeháza",
     "Veszprém", "40", ""),
]
AGREEMENTS = [
    ("Együttműködési megállapodás a szolgáltatáshiányok kiküszöböléséért",
     "Esélyegyenlőség"),
    ("Együttműködési megállapodás a hátrányos helyzetű gyermekek felzárkózásáért", "Oktatás"),
]


SZUT_PRESENTS = ("bemutatja, összefoglalja a projekt ideje alatt megtartott közösségi "
                 "rendezvényeken tapasztaltakat, a feltárt problémákat")

# Every fact of the seed, as the generated closing release words it.
RELEASE_FACTS = [
    # the beneficiary, the grant, the call and its title, the brand
    f"{LEAD} 74,976 millió forint vissza nem térítendő támogatást nyert az {CALL} "
    f"„{CALL_TITLE}” című felhíváson, a Széchenyi 2020 program keretében.",
    # the ID, the title, the period
    f"A „{TITLE}” című, {CODE} azonosítójú projekt 2017. december 1. és 2021. május 31. "
    "között valósult meg.",
    # the deadline extension because of the pandemic
    "Az eredetileg 2020. november 30. napra tervezett befejezés a pandémiás helyzet miatt "
    "2021. május 31. napra módosult.",
    # the goal and the four sub-goals
    "csökkentse a társadalmi kirekesztettségben, szegénységben élők számát",
    "megyei szintű koordinációs és konzultációs rendszert alakított ki",
    *[f"– {goal}" for goal in SUB_GOALS],
    # the beneficiary's role and the county forum
    f"{LEAD} megyei önkormányzatként vezette a projektet és a {FORUM} munkáját.",
    # the consortium partner under the name valid on the day, with the renaming
    f"A projekt megvalósításában részt vett: {TEF} (konzorciumi partner; 2020. január 1. "
    f"előtt {SZGYF} néven).",
    # the staff
    "A projektben 2 felzárkózási munkatárs, 1 projektmenedzser (egyben pénzügyi vezető), "
    f"1 instruktor ({TEF}) dolgozott.",
    # the sensitisation training of the beneficiary's staff
    f"{AUDIENCE[:1].upper()}{AUDIENCE[1:]} részére „Esélyegyenlőségi érzékenyítő tréning” "
    "címen érzékenyítő képzés került lebonyolításra.",
    # the community events and the closing event in Veszprém on 2021-05-26
    "3 közösségi rendezvény („Közösségi rendezvény a felzárkózásért”)",
    "2021. május 26-án került sor az EFOP-1.6.3-17-2017-00009 projekt zárórendezvényére "
    "(Záró rendezvény)",
    "A rendezvények helyszínei (a megvalósítás helyszínei): Ajka, Pápa, Tapolca, Veszprém.",
    # the SZÚT completed and what it summarises
    f"Elkészült a Szolgáltatási Út Térkép (SZÚT), amely {SZUT_PRESENTS}.",
    # the service gaps of the county's municipalities mapped
    "Feltérképezésre kerültek a megyéhez tartozó önkormányzatok szolgáltatási hiányai: "
    "2 szolgáltatáshiány 2 településen.",
    # the agreements created
    f"A projekt során 2 együttműködési megállapodás jött létre: „{AGREEMENTS[0][0]}”, "
    f"„{AGREEMENTS[1][0]}”.",
    # the results built into the development-policy documents
    "– 2021. április 30.: A projekt eredményei beépültek a megyei fejlesztéspolitikai "
    "dokumentumokba",
    # the forum and its working group during the project and in the sustainability period
    f"A projekt ideje alatt, majd a fenntartási időszakban (2024. május 31. napjáig) is "
    f"működött a {FORUM} és munkacsoportja: {GROUP}.",
    # the website
    f"További információ: {WEBSITE}",
    "A projekt az Európai Unió támogatásával, az Európai Szociális Alap "
    "társfinanszírozásával valósult meg.",
]
REPORT_FACTS = [
    f"Projektazonosító: {CODE}",
    f"Felhívás: {CALL} – {CALL_TITLE}",
    "Támogatás: 74\u202f976\u202f000 Ft (74,976 millió forint)",  # narrow no-break spaces
    "Megvalósítás: 2017. december 1. – 2021. május 31.",
    "Program: a Széchenyi 2020 program",
    "A kedvezményezett szerepe: megyei önkormányzat",
    "a pandémiás helyzet miatt 2021. május 31. napra módosult.",
    "– Szolgáltatási Út Térkép (SZÚT): elkészült 2021. március 15.",
    "– Záró rendezvény: tervezett 2021. május 26., teljesült 2021. május 26.",
    "– Létrejött együttműködési megállapodások: 2 / 2 megállapodás, 100%",
    f"– {TEF} (konzorciumi partner; 2020. január 1. előtt {SZGYF} néven)",
    "Feltérképezésre kerültek a megyéhez tartozó önkormányzatok szolgáltatási hiányai",
    f"{AUDIENCE[:1].upper()}{AUDIENCE[1:]} részére „Esélyegyenlőségi érzékenyítő tréning”",
]


def _accept_role(page, axe):
    """The coordinator opens the mailed invitation and accepts it."""
    invitation = next(m for m in reversed(mail.outbox) if COORDINATOR in m.to)
    link = re.search(r"/accounts/invitations/[^/\s]+/", invitation.body).group(0)
    page.goto(link)
    axe("invitation")
    page.get_by_role("button", name="Elfogadom").click()
    expect(page.locator(".message--success")).to_contain_text(FORUM)


def test_veszprem_efop_00009_through_the_web_interface(page, axe, live_server, tmp_path):
    demo_load()

    # The operator creates the county forum and gives the coordinator its role.
    log_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Új fórum létrehozása").click()
    axe("new forum form")
    page.get_by_label("A fórum neve").fill(FORUM)
    page.get_by_label("A fórum típusa").select_option("county_forum")
    page.get_by_label("Vármegye").select_option(label="Veszprém")
    page.get_by_label("Vezető szervezet (pályázó önkormányzat) neve").fill(LEAD)
    page.get_by_role("button", name="Fórum létrehozása").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORUM)
    axe("workspace")
    manage = page.url
    page.goto(manage + "access/")
    page.get_by_label("E-mail-cím").fill(COORDINATOR)
    page.get_by_label("Név", exact=True).fill("Horváth Katalin")
    page.get_by_label("Szerepkör").select_option(label="Koordinátor")
    axe("access form")
    page.get_by_role("button", name="Hozzáférés megadása").click()
    expect(page.locator(".message--success")).to_contain_text("Meghívót küldtünk")
    page.context.clear_cookies()

    log_in(page, COORDINATOR, DEMO_PASSWORD)
    _accept_role(page, axe)

    # Member organisations, their representatives and memberships by spreadsheet.
    import_file(page, axe, manage + "directory/organisations/import/", write_csv(
        tmp_path / "szervezetek.csv", ["Név", "Típus", "Székhely"], ORGANISATIONS),
        len(ORGANISATIONS), "organisation")
    import_file(page, axe, manage + "directory/people/import/", write_csv(
        tmp_path / "kapcsolattartok.csv",
        ["Név", "Beosztás", "Szervezet", "Jogalap", "Megőrzés vége"],
        [(name, position, organisation, "szerződés", "2031-12-31")
         for name, position, organisation in PEOPLE]), len(PEOPLE), "people")
    import_file(page, axe, manage + "members/import/", write_csv(
        tmp_path / "tagsagok.csv", ["Szervezet", "Szerep", "Csatlakozás napja"],
        [(LEAD, "elnök", "2018-02-15"), (SZGYF, "állandó meghívott", "2018-02-15")]
        + [(name, "tag", "2018-02-15") for name, _kind, _seat in ORGANISATIONS[1:]]),
        len(ORGANISATIONS) + 1, "membership")

    # The forum's sessions (invented days).
    import_file(page, axe, manage + "meetings/held/import/", write_csv(
        tmp_path / "ulesek.csv", ["Dátum", "Helyszín", "Cím", "Fajta", "Létszám"],
        [("2018-02-15", "Veszprém", "A Megyei Felzárkózási Fórum alakuló ülése", "zárt", "18"),
         ("2019-02-21", "Veszprém", "A Megyei Felzárkózási Fórum ülése", "zárt", "16"),
         ("2020-02-20", "Veszprém", "A Megyei Felzárkózási Fórum ülése", "zárt", "15")]),
        3, "held sessions")

    # The working group the forum created.
    page.goto(manage)
    page.get_by_role("link", name="Új munkacsoport").click()
    axe("new working group form")
    page.get_by_label("A fórum neve").fill(GROUP)
    page.get_by_role("button", name="Fórum létrehozása").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP)
    axe("working group")

    # The events held, the training with its audience.
    import_file(page, axe, manage + "events/import/", write_csv(
        tmp_path / "rendezvenyek.csv",
        ["Dátum", "Kezdés", "Befejezés", "Cím", "Típus", "Helyszín", "Település", "Létszám",
         "Résztvevők köre"], EVENTS), len(EVENTS), "held events")

    # The agreements, one row per signing party (invented days).
    rows = []
    for title, topic in AGREEMENTS:
        for party, day in [(LEAD, "2019-11-12"), ("Pápa Város Önkormányzata", "2019-11-14"),
                           ("Veszprém Megyei Esélyegyenlőségi Egyesület", "2019-11-15")]:
            rows.append((title, "többoldalú", topic, "2019-10-30", "2019-11-15", "",
                         party, day, "Aláíró"))
    import_file(page, axe, manage + "agreements/import/", write_csv(
        tmp_path / "megallapodasok.csv",
        ["A megállapodás címe", "Típus", "Témák", "A szöveg elkészült", "Hatály kezdete",
         "Hatály vége", "Aláíró szervezet", "Aláírás napja", "Aláíró neve"], rows),
        len(rows), "agreements")

    # The service map (SZÚT): service points by spreadsheet, the gaps found.
    import_file(page, axe, manage + "services/points/import/", write_csv(
        tmp_path / "szolgaltatasok.csv",
        ["Szolgáltatástípus", "Szolgáltató", "Székhely", "Működik ettől"],
        [("Védőnői szolgálat", "Pápai Egészségügyi Központ", "Pápa", "2010-01-01"),
         ("Védőnői szolgálat", "Ajkai Egészségügyi Központ", "Ajka", "2010-01-01")]),
        2, "service points")
    for settlement, found_on in [("Csögle", "2019-06-12"), ("Nagyalásony", "2019-06-13")]:
        page.goto(manage + "services/gaps/new/")
        page.get_by_label("Település").select_option(label=settlement)
        page.get_by_label("Szolgáltatástípus").select_option(label="Védőnői szolgálat")
        page.get_by_label("Feltárva").fill(found_on)
        axe("gap form")
        page.get_by_role("button", name="Mentés").click()
        expect(page.locator(".message--success")).to_be_visible()

    # The project.
    page.goto(manage)
    nav(page, "Projektek")
    page.get_by_role("link", name="Új projekt rögzítése").click()
    axe("new project form")
    page.get_by_label("Operatív program").select_option("EFOP")
    page.get_by_label("Felhívás kódja").fill(CALL)
    page.get_by_label("Felhívás címe").fill(CALL_TITLE)
    page.get_by_label("Projektazonosító").fill(CODE)
    page.get_by_label("Projekt címe").fill(TITLE)
    page.get_by_label("A projekt célja és tartalma").fill(
        GOAL + "\nRészcélok:\n" + "\n".join(f"– {goal}" for goal in SUB_GOALS))
    page.get_by_label("Kedvezményezett").select_option(label=LEAD)
    page.get_by_label(FORUM).check()
    page.get_by_label("Támogatás összege (Ft)").fill("74976000")
    page.get_by_label("Európai Szociális Alap", exact=True).check()
    page.get_by_label("Kezdés").fill("2017-12-01")
    page.get_by_label("Eredeti befejezés").fill("2020-11-30")
    page.get_by_label("Fenntartási időszak vége").fill("2024-05-31")
    page.get_by_label("Honlap").fill(WEBSITE)
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe("project page")
    project_url = page.url

    project_record(page, axe, "Hosszabbítás rögzítése",
                   [("Új befejezés", "2021-05-31"), ("Indok", "a pandémiás helyzet"),
                    ("A módosítás napja", "2020-10-15")], "extension form", TITLE)
    project_record(page, axe, "Partner felvétele",
                   [("Szervezet", (SZGYF,)), ("Szerep", ("consortium",)),
                    ("Feladatai a projektben", "az állami és önkormányzati feladatok "
                                               "összehangolása")], "partner form", TITLE)
    project_record(page, axe, "Névváltozás rögzítése",
                   [("Partner", (SZGYF,)), ("Új név", TEF), ("Hatályos ettől", "2020-01-01")],
                   "renaming form", TITLE)
    for role, person, employer in [
            ("catch_up_officer", "Minta Anna", ""), ("catch_up_officer", "Minta Béla", ""),
            ("project_manager", "Minta Csilla", ""), ("finance_manager", "Minta Csilla", ""),
            ("instructor", "Minta Dénes", SZGYF)]:
        page.get_by_role("link", name="Munkatárs felvétele").click()
        page.get_by_label("Munkakör").select_option(role)
        page.get_by_label("Személy").select_option(label=person)
        if employer:
            page.get_by_label("Munkáltató").select_option(label=employer)
        page.get_by_label("Kezdete").fill("2017-12-01")
        axe("staff form")
        page.get_by_role("button", name="Mentés").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    project_record(page, axe, "Vállalt termék felvétele",
                   [("Megnevezés", "Szolgáltatási Út Térkép (SZÚT)"),
                    ("Mit mutat be", SZUT_PRESENTS), ("Határidő", "2021-03-31"),
                    ("Elkészült", "2021-03-15")], "deliverable form", TITLE)
    for kind, title, day in [
            ("other", "A projekt eredményei beépültek a megyei fejlesztéspolitikai "
                      "dokumentumokba", "2021-04-30"),
            ("closing_event", "Záró rendezvény", "2021-05-26")]:
        project_record(page, axe, "Mérföldkő felvétele",
                       [("Fajta", (kind,)), ("Megnevezés", title), ("Tervezett időpont", day),
                        ("Teljesült", day)], "milestone form", TITLE)
    add_indicator(page, axe, project_url, "Létrejött együttműködési megállapodások",
                  "agreements.signed", "2")

    # The closing release states every fact of the seed.
    text = close_and_draft(page, axe, project_url, closed_on="2021-06-30", kind="closing",
                           as_of="2021-05-31")
    expect(text).to_contain_text(TITLE)
    body = text.input_value()
    for fact in RELEASE_FACTS:
        assert fact in body, f"{fact}\n--- not in ---\n{body}"
    assert "valósul meg" not in body
    assert SZGYF in body and body.index(TEF) < body.index(SZGYF)  # named as on the day
    axe("closing release draft")

    report = close_and_draft(page, axe, project_url, closed_on="", kind="closing_report",
                             as_of="2021-05-31")
    expect(report).to_contain_text(CODE)
    body = report.input_value()
    for fact in REPORT_FACTS:
        assert fact in body, f"{fact}\n--- not in ---\n{body}"
    axe("closing report draft")
