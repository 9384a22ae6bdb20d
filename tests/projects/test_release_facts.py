"""The computed parts of the generated releases and the closing report (issue 16): who took
part by kind with the nationality self-governments by name, the target groups, the places,
the beneficiary's role, the tense of a closed project, the brand per programme or project,
section numbers without gaps, partners' names on the day, IDs given by the call code."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kerekasztal.documents.publicity import publicity_for
from kerekasztal.projects import services
from kerekasztal.projects.models import (
    ConsortiumPartner,
    Deliverable,
    Milestone,
    PartnerName,
    StaffRole,
)
from kerekasztal.projects.writing import write
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

from .conftest import project_data

pytestmark = pytest.mark.django_db
D = datetime.date
END = D(2015, 9, 30)


def _members(world, *kinds_and_names):
    for kind, name in kinds_and_names:
        MembershipFactory(forum=world.forum, since=D(2015, 6, 16),
                          organisation=OrganisationFactory(forum=world.forum, kind=kind,
                                                           name=name))


def test_participants_are_broken_down_by_kind_with_nationality_self_governments_named(
        project, world):
    _members(world, ("local_government", "Cák Község Önkormányzata"),
             ("nationality_self_government", "Kőszegi Német Nemzetiségi Önkormányzat"),
             ("nationality_self_government", "Horvátzsidányi Horvát Nemzetiségi Önkormányzat"),
             ("education", "Kőszegi Általános Iskola"), ("social", "Kőszegi Családsegítő"),
             ("social", "Bozsoki Idősek Otthona"), ("state", "Kőszegi Járási Hivatal"),
             ("civil", "Kőszegi Roma Egyesület"), ("church", "Kőszegi Plébánia"),
             ("business", "Kőszegi Szociális Szövetkezet"))
    MembershipFactory(forum=world.forum, since=D(2016, 1, 1), organisation=OrganisationFactory(
        forum=world.forum, kind="civil", name="Későn csatlakozott Egyesület"))
    body = write(project, "closing", END)[1]
    # world.organisation (Bozsok Község Önkormányzata) is a civil member in the test world
    assert ("A Kőszegi Járási Felzárkózási Kerekasztal munkájában részt vett 1 települési "
            "önkormányzat, a Horvátzsidányi Horvát Nemzetiségi Önkormányzat és a Kőszegi "
            "Német Nemzetiségi Önkormányzat, a járás 1 köznevelési és 2 szociális "
            "intézménye, 1 állami szerv, valamint 2 civil, 1 egyházi és 1 gazdasági "
            "szervezet.") in body, body


def test_target_groups_come_from_held_events_agreements_and_measures(project, world):
    from tests.plans.factories import make_measure, make_plan

    make_measure(make_plan(world.forum))
    body = write(project, "closing", END)[1]
    assert re.search(r"A projekt célcsoportjai: [a-zőúéáű ]+\.", body), body


def test_the_beneficiary_of_the_district_seat_is_named_so(world):
    from kerekasztal.territory.models import Settlement

    city = OrganisationFactory(forum=world.forum, kind="local_government",
                               name="Kőszeg Város Önkormányzata",
                               seat=Settlement.objects.get(name="Kőszeg"))
    project = services.project_create(forum=world.forum, user=None,
                                      **project_data(world, beneficiary=city))
    assert ("Kőszeg Város Önkormányzata járásszékhely önkormányzatként vezette a projektet "
            "és a Kőszegi Járási Felzárkózási Kerekasztal munkáját.") in write(
        project, "closing", END)[1]


def test_the_contact_is_given_with_their_organisation(world):
    from kerekasztal.directory.models import Affiliation

    person = PersonFactory(forum=world.forum, name="Horváth Katalin", position="referens",
                           email="hk@example.org")
    Affiliation.objects.create(person=person, organisation=world.organisation)
    project = services.project_create(forum=world.forum, user=None,
                                      **project_data(world, contact=person))
    assert ("Kapcsolattartó: Horváth Katalin (referens, Bozsok Község Önkormányzata, "
            "hk@example.org)") in write(project, "closing", END)[1]


def test_the_forum_carries_on_with_its_working_groups_in_the_sustainability_period(
        project, world):
    from tests.factories import ForumFactory

    ForumFactory(name="Roma integrációs munkacsoport", slug="munkacsoport",
                 kind="working_group", parent=world.forum, district=None, county=None)
    body = write(project, "closing", END)[1]
    assert ("A projekt ideje alatt, majd a fenntartási időszakban (2020. november 30. "
            "napjáig) is működött a Kőszegi Járási Felzárkózási Kerekasztal és "
            "munkacsoportja: Roma integrációs munkacsoport.") in body


def test_staff_of_a_renamed_partner_are_named_as_the_partner_was_called_on_the_day(
        project, world):
    office = OrganisationFactory(forum=world.forum, kind="state", name="SZGYF")
    partner = ConsortiumPartner.objects.create(project=project, organisation=office,
                                               role="consortium")
    PartnerName.objects.create(partner=partner, name="TEF", valid_from=D(2015, 7, 1))
    StaffRole.objects.create(project=project, role="instructor", since=D(2015, 4, 1),
                             person=PersonFactory(forum=world.forum), employer=office)
    assert "1 instruktor (SZGYF)" in write(project, "closing", D(2015, 6, 1))[1]
    closing = write(project, "closing", END)[1]
    assert "1 instruktor (TEF)" in closing and "(SZGYF)" not in closing


def test_the_report_numbers_its_sections_without_gaps(project):
    body = write(project, "closing_report", END)[1]
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", body, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5
    assert "Beszerzett eszközök" not in body


def test_a_closed_project_is_described_in_the_past_everywhere(project, world):
    services.project_update(project=project, user=None, closed_on=D(2015, 10, 15))
    assert project.is_closed
    block = publicity_for(project)
    assert any(line.endswith("valósult meg.") for line in block.lines)
    closing = write(project, "closing", END)[1]
    start = write(project, "start", D(2015, 11, 1))[1]
    report = write(project, "closing_report", END)[1]
    for text in (closing, start, report):
        assert "valósul meg" not in text and "valósult meg" in text


def test_a_running_project_is_described_in_the_present(world):
    today = timezone.localdate()
    project = services.project_create(forum=world.forum, user=None, **project_data(
        world, start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=300), sustainability_end=None))
    assert not project.is_closed
    assert any(line.endswith("valósul meg.") for line in publicity_for(project).lines)
    assert "valósul meg" in write(project, "start", today)[1]


def test_the_brand_comes_from_the_programme_and_can_be_set_per_project(project):
    assert ("felhíváson, az Új Széchenyi Terv Államreform Operatív Program keretében."
            in write(project, "closing", END)[1])
    assert publicity_for(project).infoblock == []  # no EU infoblock under the old brand
    services.project_update(project=project, user=None, brand="sz2020")
    assert "felhíváson, a Széchenyi 2020 program keretében." in write(
        project, "closing", END)[1]
    block = publicity_for(project)
    assert block.infoblock == ["Széchenyi 2020", "Európai Unió", "Európai Szociális Alap",
                               "Magyarország Kormánya"]
    assert block.lines[-1] == "Befektetés a jövőbe"
    services.project_update(project=project, user=None, infoblock="hide")
    block = publicity_for(project)
    assert block.infoblock == [] and "Befektetés a jövőbe" not in block.lines


def test_an_efop_project_has_the_szechenyi_2020_line_by_default(world):
    project = services.project_create(forum=world.forum, user=None, **project_data(
        world, programme="EFOP", call_code="EFOP-1.6.3-17", code="EFOP-1.6.3-17-2017-00009"))
    assert "a Széchenyi 2020 program keretében" in write(project, "closing", END)[1]
    assert publicity_for(project).infoblock[0] == "Széchenyi 2020"


def test_a_project_may_be_given_by_its_call_code_alone(world):
    project = services.project_create(forum=world.forum, user=None, **project_data(
        world, code="ÁROP-1.A.3-2014"))
    assert project.code == "ÁROP-1.A.3-2014"
    assert "ÁROP-1.A.3-2014 azonosítójú projekt" in write(project, "closing", END)[1]
    with pytest.raises(ValidationError) as error:
        services.project_create(forum=world.forum, user=None, **project_data(
            world, code="ÁROP-1.A.3-2015"))
    assert "code" in error.value.message_dict


def test_the_same_call_code_id_may_serve_projects_of_two_forums(world):
    services.project_create(forum=world.forum, user=None,
                            **project_data(world, code="ÁROP-1.A.3-2014"))
    services.project_create(forum=world.other_forum, user=None, **project_data(
        world, code="ÁROP-1.A.3-2014", beneficiary=world.other_organisation))


def test_a_closing_day_in_the_future_or_before_the_start_is_refused(project):
    for day in (timezone.localdate() + datetime.timedelta(days=1), D(2015, 3, 1)):
        with pytest.raises(ValidationError) as error:
            services.project_update(project=project, user=None, closed_on=day)
        assert "closed_on" in error.value.message_dict


def test_deliverables_and_milestones_happened_on_a_past_day_never_a_future_one(project):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.record_save(instance=Deliverable(project=project, title="Programterv",
                                              completed_on=D(2015, 11, 20)), user=None)
    services.record_save(instance=Milestone(project=project, title="Záró konferencia",
                                            due=D(2015, 11, 25), reached_on=D(2015, 11, 25)),
                         user=None)
    with pytest.raises(ValidationError) as error:
        services.record_save(instance=Deliverable(project=project, title="Jövő",
                                                  completed_on=tomorrow), user=None)
    assert "completed_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_save(instance=Milestone(project=project, title="Jövő", due=tomorrow,
                                                reached_on=tomorrow), user=None)
    assert "reached_on" in error.value.message_dict
    # planned for the future is fine, as long as it has not been marked done
    services.record_save(instance=Deliverable(project=project, title="Terv", due=tomorrow),
                         user=None)


def test_the_public_project_page_speaks_of_a_closed_project_in_the_past(client, project,
                                                                       world):
    services.project_update(project=project, user=None, closed_on=D(2015, 10, 15),
                            brand="sz2020")
    page = client.get(f"/f/{world.forum.slug}/projekt/").content.decode()
    assert "társfinanszírozásával valósult meg" in page and "valósul meg" not in page
    assert "Befektetés a jövőbe" in page and "Széchenyi 2020 · Európai Unió" in page


def test_the_edit_form_sets_brand_call_code_id_and_closing_day(coordinator_client, project,
                                                               world):
    url = f"/f/{world.forum.slug}/manage/projects/{project.pk}/edit/"
    data = {**project_data(world), "beneficiary": world.organisation.pk, "funds": ["ESZA"],
            "brand": "sz2020", "code": "ÁROP-1.A.3-2014", "closed_on": "2999-01-01",
            "sustainability_end": "2020-11-30", "forums_funded": []}
    data = {k: v for k, v in data.items() if k != "forums_funded"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert "nem lehet a jövőben" in response.content.decode()
    response = coordinator_client.post(url, {**data, "closed_on": "2015-10-15"})
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert (project.brand, project.code, project.closed_on) == (
        "sz2020", "ÁROP-1.A.3-2014", D(2015, 10, 15))


def test_the_edit_form_saves_with_its_concurrency_token(coordinator_client, project, world):
    """The page's form carries the edit_version token; saving it must not answer 500
    (the token was passed on to the service as a project field)."""
    import re

    url = f"/f/{world.forum.slug}/manage/projects/{project.pk}/edit/"
    page = coordinator_client.get(url).content.decode()
    token = re.search(r'name="edit_version" value="([^"]+)"', page).group(1)
    data = {k: v for k, v in {**project_data(world), "beneficiary": world.organisation.pk,
                              "funds": ["ESZA"], "closed_on": "2015-10-15"}.items()
            if k != "forums_funded"}
    response = coordinator_client.post(url, {**data, "edit_version": token})
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert project.closed_on == D(2015, 10, 15)


def test_the_held_events_are_counted_by_kind_with_their_titles(project, world):
    """Seed koszeg-arop-0019 names the parent clubs, the social economy forums, the
    "Esélyteremtő attitűd formálása" training and the sensitisation training: the closing
    release and report count the held events by kind and name them."""
    from kerekasztal.events.services import event_record_held
    from kerekasztal.territory.models import Settlement

    koszeg = Settlement.objects.get(name="Kőszeg")

    def held(day, title, kind):
        starts = timezone.make_aware(datetime.datetime(2015, day[0], day[1], 10))  # noqa: DTZ001
        event_record_held(forum=world.forum, participants_count=12, title=title, kind=kind,
                          starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                          venue="Városháza", settlements=[koszeg])

    held((7, 9), "Szülői klub – a család szerepe", "parent_club")
    held((9, 10), "Szülői klub – egészségműveltség", "parent_club")
    held((8, 27), "Szociális gazdaságfejlesztő fórum", "professional")
    held((9, 3), "Szociális gazdaságfejlesztő fórum", "professional")
    held((9, 24), "Esélyteremtő attitűd formálása", "training")
    held((9, 28), "Érzékenyítő tréning", "sensitization")
    held((12, 1), "Későbbi képzés", "training")  # after the project
    sentence = ("A projekt keretében megtartott rendezvények: 2 szülői klub („Szülői klub – "
                "a család szerepe”, „Szülői klub – egészségműveltség”), 2 szakmai "
                "rendezvény („Szociális gazdaságfejlesztő fórum”), 1 képzés („Esélyteremtő "
                "attitűd formálása”) és 1 érzékenyítő képzés („Érzékenyítő tréning”).")
    assert sentence in write(project, "closing", END)[1]
    assert sentence in write(project, "closing_report", END)[1]
