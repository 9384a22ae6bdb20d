"""Seed kunszentmiklos-arop-0099 (/work/shared/seeds/kunszentmiklos-arop-0099.txt) replayed
through the web interface only: the coordinator founds the district roundtable, records the
member organisations, memberships, the roundtable sessions, the four thematic agreements and
the events (eight professional events, the dissemination event at the Szentmiklósi Napok,
the presentation of the agreements, the closing event on 2015-10-30) by spreadsheet, then the
project under the "Új Széchenyi Terv Államreform Operatív Program" brand with its plan,
milestones and figures; generates the closing release and report and checks every fact of
the seed in them. Dates inside the project period (2015. május 15. – 2015. október 31.:
"közel fél éves"). axe-core on every page visited. The demo data only provides the logins.
"""

import pytest
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in
from .seed_steps import (
    add_indicator,
    close_and_draft,
    create_forum,
    import_file,
    nav,
    project_record,
    write_csv,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUM = "Kunszentmiklósi Járási Felzárkózási Kerekasztal"
LEAD = "Kunszentmiklós Város Önkormányzata"
CODE = "ÁROP-1.A.3-2014-2014-0099"
TITLE = "Területi esélyegyenlőséget segítő programok kialakítása a Kunszentmiklósi járásban"
CALL_TITLE = ("Területi együttműködést segítő programok kialakítása az önkormányzatoknál a "
              "konvergencia régiókban")
SUMMARY = (
    "A projekt célja a járási szintű esélyegyenlőség erősítése és a járási szintű párbeszéd "
    "kialakítása a járás önkormányzatai, nemzetiségi önkormányzatai, civil és gazdálkodó "
    "szervezetei, oktatásban, nevelésben és felzárkóztatásban tevékenykedő szervezetei "
    "között. A szakmai rendezvényeken előadók ismertették az esélyegyenlőséggel kapcsolatos "
    "nézeteiket, a kapcsolódó kerekasztal-megbeszéléseken interaktív beszélgetés folyt a "
    "lehetséges intézkedésekről."
)
ORGANISATIONS = [
    ("Tass Község Önkormányzata", "Települési önkormányzat", "Tass"),
    ("Dunavecse Város Önkormányzata", "Települési önkormányzat", "Dunavecse"),
    ("Szabadszállás Város Önkormányzata", "Települési önkormányzat", "Szabadszállás"),
    ("Kunszentmiklósi Roma Nemzetiségi Önkormányzat", "Nemzetiségi önkormányzat",
     "Kunszentmiklós"),
    ("Kunszentmiklósi Esélyegyenlőségi Egyesület", "Civil szervezet", "Kunszentmiklós"),
    ("Kiskunsági Szociális Szövetkezet", "Gazdasági szervezet", "Kunszentmiklós"),
    ("Kunszentmiklósi Általános Iskola", "Köznevelési intézmény", "Kunszentmiklós"),
]
AGREEMENTS = [("Együttműködési megállapodás a járási esélyegyenlőségért", ""),
              ("Tematikus megállapodás a romák esélyegyenlőségéért", "Romák"),
              ("Tematikus megállapodás a fogyatékkal élők esélyegyenlőségéért",
               "Fogyatékkal élők"),
              ("Tematikus megállapodás az oktatás esélyegyenlőségéért", "Oktatás")]
PROFESSIONAL_DAYS = ["2015-06-10", "2015-07-08", "2015-09-01", "2015-10-01", "2015-10-20",
                     "2015-10-22", "2015-10-27", "2015-10-30"]


def test_kunszentmiklos_arop_0099_through_the_web_interface(page, axe, live_server, tmp_path):
    demo_load()
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    manage = create_forum(page, axe, name=FORUM, district="Kunszentmiklósi járás", lead=LEAD)

    import_file(page, axe, manage + "directory/organisations/import/", write_csv(
        tmp_path / "szervezetek.csv", ["Név", "Típus", "Székhely"], ORGANISATIONS),
        len(ORGANISATIONS), "organisation")
    import_file(page, axe, manage + "members/import/", write_csv(
        tmp_path / "tagsagok.csv", ["Szervezet", "Szerep", "Csatlakozás napja"],
        [(LEAD, "elnök", "2015-06-03")]
        + [(name, "tag", "2015-06-03") for name, _kind, _seat in ORGANISATIONS]),
        len(ORGANISATIONS) + 1, "membership")

    # The roundtable sessions (closed, invitees only), by spreadsheet.
    import_file(page, axe, manage + "meetings/held/import/", write_csv(
        tmp_path / "ulesek.csv", ["Dátum", "Helyszín", "Cím", "Fajta", "Létszám"],
        [("2015-06-03", "Kunszentmiklós", "Alakuló ülés", "zárt", "14"),
         ("2015-09-01", "Kunszentmiklós", "Kerekasztal-megbeszélés", "zárt", "12"),
         ("2015-10-22", "Kunszentmiklós", "Kerekasztal-megbeszélés", "zárt", "13")]),
        3, "held sessions")

    # The four agreements, one row per signing party.
    rows = []
    for title, topic in AGREEMENTS:
        for party, day in [(LEAD, "2015-09-28"), ("Tass Község Önkormányzata", "2015-09-29"),
                           ("Kunszentmiklósi Esélyegyenlőségi Egyesület", "2015-09-30")]:
            rows.append((title, "többoldalú", topic, "2015-09-15", "", "", party, day,
                         "Aláíró"))
    import_file(page, axe, manage + "agreements/import/", write_csv(
        tmp_path / "megallapodasok.csv",
        ["A megállapodás címe", "Típus", "Témák", "A szöveg elkészült", "Hatály kezdete",
         "Hatály vége", "Aláíró szervezet", "Aláírás napja", "Aláíró neve"], rows),
        len(rows), "agreements")

    # The events held.
    events = [(day, "10:00", "12:00", f"Szakmai rendezvény az esélyegyenlőségről ({n}.)",
               "Szakmai rendezvény, műhely", "Városháza", "Kunszentmiklós", "25")
              for n, day in enumerate(PROFESSIONAL_DAYS, start=1)]
    events += [
        ("2015-09-12", "13:00", "15:00", "Szentmiklósi Napok – disszeminációs esemény",
         "Disszeminációs fórum", "Zenepavilon környéke", "Kunszentmiklós", "120"),
        ("2015-10-01", "13:00", "15:00", "Együttműködési megállapodások bemutatása",
         "Disszeminációs fórum", "Városháza", "Kunszentmiklós", "40"),
        ("2015-10-30", "13:00", "15:00", "Zárórendezvény", "Záró konferencia", "Városháza",
         "Kunszentmiklós", "60"),
    ]
    import_file(page, axe, manage + "events/import/", write_csv(
        tmp_path / "rendezvenyek.csv",
        ["Dátum", "Kezdés", "Befejezés", "Cím", "Típus", "Helyszín", "Település", "Létszám"],
        events), len(events), "held events")

    # The project, under the Új Széchenyi Terv brand of its operational programme.
    page.goto(manage)
    nav(page, "Projektek")
    page.get_by_role("link", name="Új projekt rögzítése").click()
    axe("new project form")
    page.get_by_label("Operatív program").select_option("AROP")
    page.get_by_label("Felhívás kódja").fill("ÁROP-1.A.3-2014")
    page.get_by_label("Felhívás címe").fill(CALL_TITLE)
    page.get_by_label("Projektazonosító").fill(CODE)
    page.get_by_label("Projekt címe").fill(TITLE)
    page.get_by_label("A projekt célja és tartalma").fill(SUMMARY)
    page.get_by_label("Kedvezményezett").select_option(label=LEAD)
    page.get_by_label(FORUM).check()
    page.get_by_label("Támogatás összege (Ft)").fill("21980000")
    page.get_by_label("Európai Szociális Alap", exact=True).check()
    page.get_by_label("Kezdés").fill("2015-05-15")
    page.get_by_label("Eredeti befejezés").fill("2015-10-31")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe("project page")
    project_url = page.url

    project_record(page, axe, "Vállalt termék felvétele",
                   [("Megnevezés", "Esélyteremtő Programterv"), ("Határidő", "2015-10-31"),
                    ("Elkészült", "2015-10-26")], "deliverable form", TITLE)
    for kind, title, day in [("other", "Szentmiklósi Napok – disszeminációs esemény",
                              "2015-09-12"),
                             ("other", "Együttműködési megállapodások bemutatása",
                              "2015-10-01"),
                             ("closing_event", "Zárórendezvény", "2015-10-30")]:
        project_record(page, axe, "Mérföldkő felvétele",
                       [("Fajta", (kind,)), ("Megnevezés", title), ("Tervezett időpont", day),
                        ("Teljesült", day)], "milestone form", TITLE)
    add_indicator(page, axe, project_url, "Szakmai rendezvények", "events.held", "8",
                  params=[("Fajta", "professional")])
    add_indicator(page, axe, project_url, "Aláírt együttműködési megállapodások",
                  "agreements.signed", "4")

    text = close_and_draft(page, axe, project_url, closed_on="2015-11-20", kind="closing",
                           as_of="2015-10-31")
    for fact in [
        f"{LEAD} 21,98 millió forint vissza nem térítendő támogatást nyert az "
        f"ÁROP-1.A.3-2014 „{CALL_TITLE}” című felhíváson, az Új Széchenyi Terv Államreform "
        "Operatív Program keretében.",
        f"{CODE} azonosítójú projekt 2015. május 15. és 2015. október 31. között valósult meg",
        "járás önkormányzatai, nemzetiségi önkormányzatai, civil és gazdálkodó szervezetei",
        f"{LEAD} járásszékhely önkormányzatként vezette a projektet",
        f"A {FORUM} munkájában részt vett 4 települési önkormányzat, a Kunszentmiklósi Roma "
        "Nemzetiségi Önkormányzat, a járás 1 köznevelési intézménye, valamint 1 civil és "
        "1 gazdasági szervezet.",
        "– Szakmai rendezvények: 8 rendezvény",
        "– Aláírt együttműködési megállapodások: 4 megállapodás (témák: romák, fogyatékkal "
        "élők, oktatás)",
        "A projekt keretében elkészült: Esélyteremtő Programterv.",
        "– 2015. szeptember 12.: Szentmiklósi Napok – disszeminációs esemény",
        "– 2015. október 1.: Együttműködési megállapodások bemutatása",
        "A projekt keretében megtartott rendezvények: 8 szakmai rendezvény, 2 disszeminációs "
        "fórum („Szentmiklósi Napok – disszeminációs esemény”, „Együttműködési "
        "megállapodások bemutatása”) és 1 záró konferencia („Zárórendezvény”).",
        "2015. október 30-án került sor az ÁROP-1.A.3-2014-2014-0099 projekt "
        "zárórendezvényére, amely egy közel fél éves intenzív munkát és sikeres "
        "együttműködést zárt le.",
        "A projekt az Európai Unió támogatásával, az Európai Szociális Alap "
        "társfinanszírozásával valósult meg.",
    ]:
        expect(text).to_contain_text(fact)
    expect(text).not_to_contain_text("valósul meg")
    axe("closing release draft")

    report = close_and_draft(page, axe, project_url, closed_on="", kind="closing_report",
                             as_of="2015-10-31")
    for fact in [
        f"Projektazonosító: {CODE}",
        "Támogatás: 21 980 000 Ft (21,98 millió forint)",
        "Program: az Új Széchenyi Terv Államreform Operatív Program",
        "– Szakmai rendezvények: 8 / 8 rendezvény, 100%",
        "– Aláírt együttműködési megállapodások: 4 / 4 megállapodás, 100%",
        "– Zárórendezvény: tervezett 2015. október 30., teljesült 2015. október 30.",
    ]:
        expect(report).to_contain_text(fact)
    axe("closing report draft")
