"""Press releases and the closing report, generated from the records.

The seed (kunszentmiklos-arop-0099.txt) is the closing press release of a real project.
The project is built here from records: its figures are computed by the indicator rules of
the forums, events and agreements apps from memberships, held events and signed agreements.
"""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document
from pypdf import PdfReader

from kerekasztal.projects import services
from kerekasztal.projects.models import Deliverable, Milestone, Project
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

from .conftest import project_data

pytestmark = pytest.mark.django_db
D = datetime.date

SEED_SUMMARY = (
    "A projekt célja a járási szintű esélyegyenlőség erősítése és a járási szintű párbeszéd "
    "kialakítása a járás önkormányzatai, nemzetiségi önkormányzatai, civil és gazdálkodó "
    "szervezetei, oktatásban, nevelésben és felzárkóztatásban tevékenykedő szervezetei "
    "között."
)


# The eight professional events (each with a roundtable discussion), spread over the
# project; the seed names only the dissemination events and the closing event.
PROFESSIONAL_EVENTS = [
    (D(2015, 6, 18), "Esélyegyenlőség a járásban – nyitó szakmai nap"),
    (D(2015, 7, 9), "Mélyszegénység és gyermekszegénység"),
    (D(2015, 8, 20), "Romák a munkaerőpiacon"),
    (D(2015, 9, 17), "Fogyatékkal élők a közszolgáltatásokban"),
    (D(2015, 10, 6), "Oktatás és felzárkózás"),
    (D(2015, 10, 13), "Idősek helyzete a kistelepüléseken"),
    (D(2015, 10, 22), "Nők esélyei a foglalkoztatásban"),
    (D(2015, 10, 27), "Az Esélyteremtő Programterv intézkedései"),
]
OTHER_EVENTS = [
    (D(2015, 9, 12), "dissemination", "Szentmiklósi Napok – disszeminációs esemény"),
    (D(2015, 10, 1), "dissemination", "Együttműködési megállapodások bemutatása"),
    (D(2015, 10, 30), "closing", "Zárórendezvény"),
]
AGREEMENT_THEMES = ["Romák", "Fogyatékkal élők", "Oktatás", None]


def hold_events(forum):
    """Held events of the forum: attendance recorded after the day."""
    from kerekasztal.events import services as events
    from kerekasztal.territory.models import Settlement
    from tests.events.conftest import at

    town = Settlement.objects.get(name="Kunszentmiklós")
    for day, kind, title in [(d, "professional", t) for d, t in PROFESSIONAL_EVENTS] + \
            OTHER_EVENTS:
        event = events.event_create(
            forum=forum, kind=kind, title=title, venue="Kunszentmiklós, Művelődési Ház",
            starts_at=at(day.year, day.month, day.day, 13),
            ends_at=at(day.year, day.month, day.day, 15), settlements=[town])
        events.attendance_record(event=event, participants_count=30)


def sign_agreements(forum, user):
    """Four cooperation agreements signed on 1 October 2015; three of them thematic."""
    from kerekasztal.agreements import services as agreements
    from kerekasztal.core.models import Topic
    from tests.agreements.conftest import make_agreement, sign

    parties = [OrganisationFactory(forum=forum, name=name) for name in (
        "Kunszentmiklós Város Önkormányzata – Polgármesteri Hivatal",
        "Kunszentmiklósi Család- és Gyermekjóléti Szolgálat")]
    for theme in AGREEMENT_THEMES:
        topics = [Topic.objects.get(name=theme)] if theme else []
        agreement = make_agreement(
            forum, user, parties=parties, kind="thematic" if theme else "multilateral",
            title=f"Együttműködési megállapodás – {theme or 'járási együttműködés'}",
            topics=topics, drafted_on=D(2015, 9, 1))
        agreements.agreement_open(agreement=agreement, user=user, on=D(2015, 9, 15))
        for party in agreement.parties.all():
            sign(party, D(2015, 10, 1), user=user)


def build_kunszentmiklos(world, media) -> Project:
    forum, user = world.other_forum, world.outsider  # the outsider coordinates this forum
    project = services.project_create(forum=forum, user=user, **project_data(
        world, beneficiary=world.other_organisation, code="ÁROP-1.A.3-2014-2014-0099",
        title="Területi esélyegyenlőséget segítő programok kialakítása a Kunszentmiklósi "
              "járásban",
        grant_amount=21_980_000, total_cost=21_980_000, start=D(2015, 5, 15),
        end=D(2015, 10, 31), sustainability_end=D(2020, 10, 31), summary=SEED_SUMMARY,
        website="https://kunszentmiklos.example.org/arop"))
    for name in ("Tass Község Önkormányzata", "Kunszentmiklósi Roma Nemzetiségi Önkormányzat"):
        MembershipFactory(forum=forum, since=D(2015, 6, 1),
                          organisation=OrganisationFactory(forum=forum, name=name))
    services.indicator_add(project=project, user=user, name="Tagszervezetek száma",
                           rule="forums.member_organisations", unit="szervezet", target=2)
    services.indicator_add(project=project, user=user, name="Szakmai rendezvények",
                           rule="events.held", params={"kind": "professional"},
                           unit="rendezvény", target=8)
    services.indicator_add(project=project, user=user,
                           name="Aláírt együttműködési megállapodások",
                           rule="agreements.signed", unit="megállapodás", target=4)
    hold_events(forum)
    sign_agreements(forum, user)
    services.record_save(instance=Deliverable(project=project, title="Esélyteremtő Programterv",
                                              completed_on=D(2015, 10, 20)), user=user)
    for kind, title, day in (
        ("other", "Szentmiklósi Napok – disszeminációs esemény", D(2015, 9, 12)),
        ("other", "Együttműködési megállapodások bemutatása", D(2015, 10, 1)),
        ("closing_event", "Zárórendezvény", D(2015, 10, 30)),
    ):
        services.record_save(instance=Milestone(project=project, kind=kind, title=title,
                                                due=day, reached_on=day), user=user)
    return project


SEED_FACTS = [
    "Kunszentmiklós Város Önkormányzata",
    "ÁROP-1.A.3-2014",
    "„Területi együttműködést segítő programok kialakítása az önkormányzatoknál a "
    "konvergencia régiókban”",
    "Új Széchenyi Terv Államreform Operatív Program",
    "21,98 millió forint vissza nem térítendő támogatás",
    "Területi esélyegyenlőséget segítő programok kialakítása a Kunszentmiklósi járásban",
    "ÁROP-1.A.3-2014-2014-0099",
    "Szakmai rendezvények: 8 rendezvény",
    "Aláírt együttműködési megállapodások: 4 megállapodás",
    "romák, fogyatékkal élők, oktatás",
    "Esélyteremtő Programterv",
    "2015. szeptember 12.: Szentmiklósi Napok – disszeminációs esemény",
    "2015. október 1.: Együttműködési megállapodások bemutatása",
    "2015. október 30-án került sor az ÁROP-1.A.3-2014-2014-0099 projekt zárórendezvényére",
    "közel fél éves intenzív munkát és sikeres együttműködést zárt le",
    "járás önkormányzatai, nemzetiségi önkormányzatai, civil és gazdálkodó szervezetei",
    "Európai Szociális Alap",
]


def test_closing_press_release_states_every_fact_of_the_seed(world, media):
    project = build_kunszentmiklos(world, media)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 10, 31), user=world.outsider)
    text = f"{release.title}\n{release.body}"
    missing = [fact for fact in SEED_FACTS if fact not in text]
    assert not missing, f"missing from the press release: {missing}\n\n{text}"
    # The computed figure comes from the memberships on record.
    assert "Tagszervezetek száma: 2 szervezet" in text
    # The events and agreements figures come from the held events and signed agreements.
    assert ("Aláírt együttműködési megállapodások: 4 megállapodás (témák: romák, fogyatékkal "
            "élők, oktatás)") in text
    assert "2015. május 15. és 2015. október 31. között" in text
    assert not release.is_published


def test_figures_follow_the_day_of_the_data(world, media):
    project = build_kunszentmiklos(world, media)
    early = services.press_release_generate(project=project, kind="closing",
                                            as_of=D(2015, 9, 30), user=world.outsider)
    assert "Szakmai rendezvények: 4 rendezvény" in early.body  # June – 17 September
    assert "Aláírt együttműködési megállapodások: 0 megállapodás" in early.body
    assert "Esélyteremtő Programterv" not in early.body


def test_one_place_of_the_events_is_not_said_to_be_the_projects_reach(world, media):
    """The seed's events were all held in Kunszentmiklós: the release names the one place
    in the singular and does not claim "the project reached 1 settlement" (for a county's
    project with one recorded event that read as the project's whole reach)."""
    project = build_kunszentmiklos(world, media)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 10, 31), user=world.outsider)
    assert ("A rendezvények helyszíne (a megvalósítás helyszíne): Kunszentmiklós."
            in release.body)
    assert "települést ért" not in release.body


def test_extension_is_stated_with_its_reason(project, world):
    services.extension_add(project=project, new_end=D(2015, 11, 30),
                           reason="a járványhelyzet", decided_on=D(2015, 9, 1),
                           user=world.coordinator)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 11, 30), user=world.coordinator)
    assert "2015. április 1. és 2015. november 30. között" in release.body
    assert ("Az eredetileg 2015. szeptember 30. napra tervezett befejezés a járványhelyzet "
            "miatt 2015. november 30. napra módosult.") in release.body
    assert "22,0 millió forint" in release.body


def test_staff_assets_partners_in_the_closing_release(project, world):
    from kerekasztal.projects.models import Asset, ConsortiumPartner, PartnerName, StaffRole

    state = OrganisationFactory(forum=world.forum, name="Kőszegi Kistérségi Hivatal")
    partner = services.record_save(instance=ConsortiumPartner(
        project=project, organisation=state, role="state"), user=world.coordinator)
    services.record_save(instance=PartnerName(partner=partner, name="Kőszegi Járási Hivatal",
                                              valid_from=D(2015, 7, 1)), user=world.coordinator)
    manager = PersonFactory(forum=world.forum)
    for role, person, employer in (
            ("catch_up_officer", PersonFactory(forum=world.forum), None),
            ("catch_up_officer", PersonFactory(forum=world.forum), None),
            ("project_manager", manager, None), ("finance", manager, None),
            ("instructor", PersonFactory(forum=world.forum), state)):
        services.record_save(instance=StaffRole(project=project, role=role, person=person,
                                                employer=employer, since=D(2015, 4, 1)),
                             user=world.coordinator)
    for name in ("laptop", "projektor"):
        services.record_save(instance=Asset(project=project, name=name, unit_cost=150000),
                             user=world.coordinator)
    body = services.press_release_generate(project=project, kind="closing",
                                           as_of=D(2015, 9, 30), user=world.coordinator).body
    # the instructor's employer by the name valid on the day of the data (issue 16)
    assert ("2 felzárkózási munkatárs, 1 projektmenedzser (egyben pénzügyi munkatárs), "
            "1 instruktor (Kőszegi Járási Hivatal) dolgozott") in body
    assert "1 db laptop, 1 db projektor" in body
    assert ("Kőszegi Járási Hivatal (állami partner; 2015. július 1. előtt Kőszegi Kistérségi "
            "Hivatal néven)") in body


def test_start_release_and_closing_report(world, media):
    project = build_kunszentmiklos(world, media)
    start = services.press_release_generate(project=project, kind="start",
                                            as_of=D(2015, 5, 15), user=world.outsider)
    assert "elindult" in start.title
    assert "valósul meg" in start.body and "Szakmai rendezvények: 8 rendezvény" in start.body
    report = services.press_release_generate(project=project, kind="closing_report",
                                             as_of=D(2015, 10, 31), user=world.outsider)
    assert report.title == "Záró beszámoló – ÁROP-1.A.3-2014-2014-0099"
    # Computed from the held events, not manual: no "kézi adat" marker.
    assert "Szakmai rendezvények: 8 / 8 rendezvény, 100%\n" in report.body
    assert "Aláírt együttműködési megállapodások: 4 / 4 megállapodás, 100%\n" in report.body
    assert "kézi adat" not in report.body
    assert "Tagszervezetek száma: 2 / 2 szervezet, 100%" in report.body
    assert "Támogatás: 21\u202f980\u202f000 Ft (21,98 millió forint)" in report.body


def test_release_as_pdf_and_docx_carries_text_and_publicity(world, media, client):
    project = build_kunszentmiklos(world, media)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 10, 31), user=world.outsider)
    client.force_login(world.outsider)
    base = f"/f/{world.other_forum.slug}/manage/projects/{project.pk}/releases/{release.pk}"
    response = client.get(f"{base}/document.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        response.content)).pages)
    assert "21,98 millió forint" in text and "ÁROP-1.A.3-2014-2014-0099" in text
    assert "Európai Szociális Alap" in text
    response = client.get(f"{base}/document.docx")
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert release.title in paragraphs
    assert any("2015. október 30-án" in p for p in paragraphs)
    assert any("az Európai Szociális Alap társfinanszírozásával valósult meg" in p
               for p in paragraphs)
    assert Decimal(project.grant_rate) == Decimal(100)


def test_release_pdf_is_tagged_and_says_what_the_docx_says(world, media, client):
    from tests.documents.checks import assert_accessible_pdf, assert_same_things, pdf_text

    project = build_kunszentmiklos(world, media)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 10, 31), user=world.outsider)
    services.press_release_update(release=release, user=world.outsider, title=release.title,
                                  body=release.body + "\n\nElső sor #strong[x],\nmásodik sor.")
    client.force_login(world.outsider)
    base = f"/f/{world.other_forum.slug}/manage/projects/{project.pk}/releases/{release.pk}"
    pdf = client.get(f"{base}/document.pdf").content
    assert_accessible_pdf(pdf, release.title)
    assert_same_things(pdf, client.get(f"{base}/document.docx").content)
    assert "Első sor #strong[x],\nmásodik sor." in pdf_text(pdf)


@pytest.mark.parametrize("typed", ["A pandémiás helyzet miatt.", "a pandémiás helyzet",
                                   "A pandémiás helyzet", " a pandémiás helyzet miatt "])
def test_the_reason_reads_well_however_it_was_typed(project, world, typed):
    # "… befejezés A pandémiás helyzet miatt miatt …" was printed for the first of these
    services.extension_add(project=project, new_end=D(2015, 11, 30), reason=typed,
                           decided_on=D(2015, 9, 1), user=world.coordinator)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 11, 30), user=world.coordinator)
    assert ("napra tervezett befejezés a pandémiás helyzet miatt 2015. november 30. napra "
            "módosult.") in release.body


def test_a_name_keeps_its_capitals_in_the_reason(project, world):
    services.extension_add(project=project, new_end=D(2015, 11, 30),
                           reason="Magyarország Kormányának döntése miatt",
                           decided_on=D(2015, 9, 1), user=world.coordinator)
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 11, 30), user=world.coordinator)
    assert "befejezés Magyarország Kormányának döntése miatt 2015. november 30." in release.body
