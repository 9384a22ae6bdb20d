"""Seed koszeg-arop-0019 (/work/shared/seeds/koszeg-arop-0019.txt) replayed through the web
interface only: the coordinator founds the district roundtable, records its member
organisations and memberships (spreadsheet imports), the founding session, the events the
release names (the bulk by the held-events import, the closing conference in one form), the
founding agreement, the district programme plan, the project with its assets, deliverables
and milestones; then closes the project, generates the closing release and report and checks
that every fact the seed states is in them, worded as Hungarian releases word it. Dates are
inside the project period (2015. április 1. – 2015. november 30.). axe-core on every page visited.

The demo data only provides the logins; every record of this forum is made through the
pages. (The coordinator creates the forum: the demo operator has no forum role, and the
coordinator holds the forum-creating permission, as in test_foundation.)
"""

import re

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

COORDINATOR = "koordinator@example.org"
FORUM = "Járási Felzárkózási Kerekasztal"
CODE = "ÁROP-1.A.3-2014-2014-0019"
TITLE = "Esélyteremtési Akcióprogram a Kőszegi Járásban"
CALL_TITLE = ("Területi együttműködést segítő programok kialakítása az önkormányzatoknál a "
              "konvergencia régiókban")
SUMMARY = (
    "A projekt célja a Kőszegi Járás települései, helyi szereplői közötti területi "
    "együttműködés kialakítása és megerősítése a társadalmi felzárkózást elősegítő és a helyi "
    "esélyegyenlőségi programok végrehajtásához kapcsolódó koordináció megvalósításával, az "
    "esélyegyenlőség biztosítása érdekében. A projekt keretében közös, több önkormányzat "
    "részvételével zajló járási esélyegyenlőségi akcióprogram valósult meg: szülői klubok, a "
    "generációk együttműködését és az egészségműveltség fejlesztését célzó programok, "
    "szociális gazdaságfejlesztő fórumok, valamint a szociális és egészségügyi eljárások "
    "dokumentációjának horvát nyelvre fordítása."
)

ORGANISATIONS = [
    ("Bozsok Község Önkormányzata", "Települési önkormányzat", "Bozsok"),
    ("Bük Város Önkormányzata", "Települési önkormányzat", "Bük"),
    ("Csepreg Város Önkormányzata", "Települési önkormányzat", "Csepreg"),
    ("Horvátzsidány Község Önkormányzata", "Települési önkormányzat", "Horvátzsidány"),
    ("Horvátzsidányi Horvát Nemzetiségi Önkormányzat", "Nemzetiségi önkormányzat",
     "Horvátzsidány"),
    ("Kőszegi Család- és Gyermekjóléti Szolgálat", "Szociális intézmény", "Kőszeg"),
]
# date; title; kind; venue; settlement; headcount; audience — the events the release names
HEP_OFFICERS = ("a járási együttműködésben részt vevő önkormányzatok HEP-megbízottjai és "
                "esélyteremtéssel foglalkozó munkatársai")
MEMBERS = "a Kerekasztal tagjai és a szakmai megvalósítók"
EVENTS = [
    ("2015-07-09", "Szülői klub – a család szerepe", "Szülői klub", "Művelődési ház", "Kőszeg",
     "16", ""),
    ("2015-09-10", "Szülői klub – generációk együttműködése", "Szülői klub", "Közösségi ház",
     "Bük", "14", ""),
    ("2015-08-27", "Szociális gazdaságfejlesztő fórum", "Szakmai rendezvény, műhely",
     "Városháza", "Kőszeg", "22", ""),
    ("2015-10-08", "Szociális gazdaságfejlesztő fórum", "Szakmai rendezvény, műhely",
     "Művelődési ház", "Csepreg", "18", ""),
    ("2015-09-24", "Esélyteremtő attitűd formálása", "Képzés", "Városháza", "Kőszeg", "15",
     HEP_OFFICERS),
    ("2015-10-15", "Érzékenyítő tréning a Kerekasztal tagjainak", "Érzékenyítő képzés",
     "Városháza", "Kőszeg", "17", MEMBERS),
    ("2015-10-22", "Partnerségi és disszeminációs fórum", "Disszeminációs fórum",
     "Városháza", "Kőszeg", "30", ""),
]


def test_koszeg_arop_0019_through_the_web_interface(page, axe, live_server, tmp_path):
    demo_load()
    log_in(page, COORDINATOR, DEMO_PASSWORD)

    # The forum, founded by Kőszeg Város Önkormányzata.
    manage = create_forum(page, axe, name=FORUM, district="Kőszegi járás",
                          lead="Kőszeg Város Önkormányzata")

    # Member organisations and memberships by spreadsheet.
    import_file(page, axe, manage + "directory/organisations/import/", write_csv(
        tmp_path / "szervezetek.csv", ["Név", "Típus", "Székhely"], ORGANISATIONS),
        len(ORGANISATIONS), "organisation")
    import_file(page, axe, manage + "members/import/", write_csv(
        tmp_path / "tagsagok.csv", ["Szervezet", "Szerep", "Csatlakozás napja"],
        [("Kőszeg Város Önkormányzata", "elnök", "2015-06-16")]
        + [(name, "tag", "2015-06-16") for name, _kind, _seat in ORGANISATIONS]),
        len(ORGANISATIONS) + 1, "membership")

    # The founding session on 2015-06-16, held in the past, in one form.
    page.goto(manage)
    page.get_by_role("link", name="Megtartott ülés utólagos rögzítése").click()
    axe("held session form")
    page.get_by_label("Az ülés címe").fill("A Járási Felzárkózási Kerekasztal alakuló ülése")
    page.get_by_label("Az ülés kezdete").fill("2015-06-16T10:00")
    page.get_by_label("Az ülés vége").fill("2015-06-16T12:00")
    page.get_by_label("Helyszín (település)").select_option(label="Kőszeg")
    page.get_by_label("Összlétszám (fő)").fill("12")
    page.get_by_label("Kőszeg Város Önkormányzata: létszám (fő)").fill("3")
    page.get_by_role("button", name="Megtartott ülés rögzítése").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    axe("founding session")

    # The founding agreement on paper.
    nav(page, "Megállapodások")
    page.get_by_role("link", name="Aláírt megállapodás rögzítése").click()
    page.get_by_label("Típus").select_option("multilateral")
    page.get_by_label("Cím", exact=True).fill(
        "Megállapodás a Járási Felzárkózási Kerekasztal létrehozásáról")
    page.get_by_label("A szöveg elkészült").fill("2015-06-10")
    for number, (name, signatory) in enumerate(
            [("Kőszeg Város Önkormányzata", "Básthy Béla"),
             ("Bozsok Község Önkormányzata", "Pócza Alexandra")], start=1):
        row = page.get_by_role("group", name=f"{number}. fél")
        row.get_by_label("Szervezet").select_option(label=name)
        row.get_by_label("Az aláírás napja").fill("2015-06-16")
        row.get_by_label("Aláíró neve").fill(signatory)
    axe("paper agreement form")
    page.get_by_role("button", name="Rögzítés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Megállapodás a Járási Felzárkózási Kerekasztal létrehozásáról")
    axe("recorded agreement")

    # The events held, by spreadsheet; the closing conference in one form.
    page.goto(manage + "events/")
    page.get_by_role("link", name="Megtartott rendezvények importálása").click()
    import_file(page, axe, page.url, write_csv(
        tmp_path / "rendezvenyek.csv",
        ["Dátum", "Cím", "Típus", "Helyszín", "Település", "Létszám", "Résztvevők köre"],
        EVENTS), len(EVENTS), "held events")
    page.goto(manage + "events/")
    page.get_by_role("link", name="Megtartott rendezvény rögzítése").click()
    page.get_by_label("Típus").select_option("closing")
    page.get_by_label("Cím", exact=True).fill("Záró Konferencia")
    page.get_by_label("Kezdés").fill("2015-11-25T10:00")
    page.get_by_label("Befejezés").fill("2015-11-25T14:00")
    page.get_by_label("Helyszín").fill("Városháza, Jurisics tér 8.")
    page.get_by_label("Települések").select_option(label="Kőszeg")
    page.get_by_label("Résztvevők száma (fő)").fill("45")
    axe("held event form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("rögzítettük")
    axe("closing conference")

    # The district programme plan (presented at the closing conference).
    page.goto(manage + "plans/")
    axe("plan list")
    page.get_by_role("link", name="Új program").click()
    page.get_by_label("Típus").select_option(label="Járási programterv")
    page.get_by_label("Cím").fill("Járási Esélyteremtő Programterv")
    page.get_by_label("Időszak kezdete (év)").fill("2015")
    page.get_by_label("Időszak vége (év)").fill("2020")
    axe("new district plan form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Járási Esélyteremtő Programterv")
    expect(page.locator(".facts")).to_contain_text("Kőszegi járás")
    axe("district plan")

    # The project.
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
    page.get_by_label("Kedvezményezett").select_option(label="Kőszeg Város Önkormányzata")
    page.get_by_label(FORUM).check()
    page.get_by_label("Támogatás összege (Ft)").fill("22000000")
    page.get_by_label("Európai Szociális Alap", exact=True).check()
    page.get_by_label("Kezdés").fill("2015-04-01")
    page.get_by_label("Eredeti befejezés").fill("2015-11-30")
    page.get_by_label("Honlap").fill("http://www.koszeg.hu")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe("project page")

    for link, fields, label in [
        ("Eszköz felvétele", [("Megnevezés", "laptop"), ("Mennyiség (db)", "1"),
                              ("Beszerzés napja", "2015-05-12")], "asset form"),
        ("Eszköz felvétele", [("Megnevezés", "projektor"), ("Mennyiség (db)", "1"),
                              ("Beszerzés napja", "2015-05-12")], "second asset form"),
        ("Vállalt termék felvétele",
         [("Megnevezés", "Járási Esélyteremtő Programterv"), ("Határidő", "2015-11-25"),
          ("Elkészült", "2015-11-20")], "deliverable form"),
        ("Vállalt termék felvétele",
         [("Megnevezés", "a szociális és egészségügyi eljárások dokumentációjának horvát "
                         "nyelvű fordítása"),
          ("Határidő", "2015-10-31"), ("Elkészült", "2015-10-20")], "second deliverable"),
        ("Mérföldkő felvétele",
         [("Fajta", ("other",)),
          ("Megnevezés", "A Járási Felzárkózási Kerekasztal alakuló ülése"),
          ("Tervezett időpont", "2015-06-16"), ("Teljesült", "2015-06-16")], "milestone form"),
        ("Mérföldkő felvétele",
         [("Fajta", ("closing_event",)), ("Megnevezés", "Záró Konferencia"),
          ("Tervezett időpont", "2015-11-25"), ("Teljesült", "2015-11-25")],
         "closing milestone form"),
    ]:
        project_record(page, axe, link, fields, label, TITLE)

    # Figures computed from the records: the sessions held and the agreement signed.
    project_url = page.url
    for name, rule in [("Megtartott kerekasztal-ülések", "meetings.sessions_held"),
                       ("Aláírt együttműködési megállapodások", "agreements.signed")]:
        add_indicator(page, axe, project_url, name, rule, "1")

    # The closing release states every fact of the seed.
    text = close_and_draft(page, axe, project_url, closed_on="2015-12-15", kind="closing",
                           as_of="2015-11-30")
    for fact in [
        "Kőszeg Város Önkormányzata 22,0 millió forint vissza nem térítendő támogatást nyert "
        f"az ÁROP-1.A.3-2014 „{CALL_TITLE}” című felhíváson",
        f"Az „{TITLE}” című, {CODE} azonosítójú projekt 2015. április 1. és 2015. november 30. "
        "között valósult meg.",
        "A projekt célja a Kőszegi Járás települései",
        "szülői klubok",
        "szociális gazdaságfejlesztő fórumok",
        "horvát nyelvre fordítása",
        f"Kőszeg Város Önkormányzata járásszékhely önkormányzatként vezette a projektet és a "
        f"{FORUM} munkáját.",
        f"A {FORUM} munkájában részt vett 5 települési önkormányzat, a "
        "Horvátzsidányi Horvát Nemzetiségi Önkormányzat, valamint a járás 1 szociális "
        "intézménye.",
        "– 2015. június 16.: A Járási Felzárkózási Kerekasztal alakuló ülése",
        "A projekt keretében elkészült: a szociális és egészségügyi eljárások "
        "dokumentációjának horvát nyelvű fordítása, Járási Esélyteremtő Programterv.",
        "A projekt keretében beszerzésre került: 1 db laptop, 1 db projektor.",
        "– Megtartott kerekasztal-ülések: 1 alkalom",
        "– Aláírt együttműködési megállapodások: 1 megállapodás",
        "A projekt keretében megtartott rendezvények: 2 szülői klub („Szülői klub – a család "
        "szerepe”, „Szülői klub – generációk együttműködése”), 2 szakmai rendezvény "
        "(„Szociális gazdaságfejlesztő fórum”), 1 disszeminációs fórum („Partnerségi és "
        "disszeminációs fórum”), 1 képzés („Esélyteremtő attitűd formálása”), 1 érzékenyítő "
        "képzés („Érzékenyítő tréning a Kerekasztal tagjainak”) és 1 záró konferencia "
        "(„Záró Konferencia”).",
        # the audiences of the training and the sensitisation training
        f"{HEP_OFFICERS[:1].upper()}{HEP_OFFICERS[1:]} részére „Esélyteremtő attitűd "
        f"formálása” címen képzés, valamint {MEMBERS} részére „Érzékenyítő tréning a "
        "Kerekasztal tagjainak” címen érzékenyítő képzés került lebonyolításra.",
        "2015. november 25-én került sor az ÁROP-1.A.3-2014-2014-0019 projekt "
        "zárórendezvényére (Záró Konferencia)",
        "További információ: http://www.koszeg.hu",
        "A projekt az Európai Unió támogatásával, az Európai Szociális Alap "
        "társfinanszírozásával valósult meg.",
    ]:
        expect(text).to_contain_text(fact)
    expect(text).not_to_contain_text("valósul meg")
    axe("closing release draft")
    body = text.input_value()
    # The places of the events recorded through the import and the form.
    assert re.search(r"A rendezvények helyszínei \(a megvalósítás helyszínei\): Bük, "
                     r"Csepreg, Kőszeg\.", body), body

    # The closing report.
    report = close_and_draft(page, axe, project_url, closed_on="", kind="closing_report",
                             as_of="2015-11-30")
    for fact in [
        f"Projektazonosító: {CODE}",
        "Támogatás: 22 000 000 Ft (22,0 millió forint)",
        "Megvalósítás: 2015. április 1. – 2015. november 30.",
        "– Járási Esélyteremtő Programterv: elkészült 2015. november 20.",
        "– Záró Konferencia: tervezett 2015. november 25., teljesült 2015. november 25.",
        "– 1 db laptop",
        "– 1 db projektor",
        "– Aláírt együttműködési megállapodások: 1 / 1 megállapodás",
        "A projekt keretében megtartott rendezvények: 2 szülői klub",
    ]:
        expect(report).to_contain_text(fact)
    axe("closing report draft")
