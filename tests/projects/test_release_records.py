"""What the closing release and report say from the records of the other apps (issue 16,
seed veszprem): the audience of a training, a deliverable with what it presents, the service
gaps mapped, the agreements made; the staff roles the releases name."""

import datetime

import pytest
from django.utils import timezone

from kerekasztal.agreements import services as agreements
from kerekasztal.events import services as events
from kerekasztal.projects import services
from kerekasztal.projects.models import Deliverable, StaffRole
from kerekasztal.projects.writing import write
from kerekasztal.servicemap.catalogue import ensure_service_types
from kerekasztal.servicemap.models import Gap, ServiceType
from kerekasztal.territory.models import Settlement
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
END = D(2015, 9, 30)
JUNE = D(2015, 6, 10)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))  # noqa: DTZ001


def _held(world, title, kind, audience="", day=JUNE):
    return events.event_record_held(
        forum=world.forum, kind=kind, title=title, venue="Városháza",
        starts_at=_at(day), ends_at=_at(day, 12),
        settlements=[Settlement.objects.get(name="Kőszeg")], participants_count=12,
        audience=audience)


def test_the_audience_of_a_training_is_said_as_releases_say_it(project, world):
    _held(world, "Esélyteremtő attitűd formálása", "training",
          "a települések HEP-megbízottjai")
    _held(world, "Érzékenyítő tréning", "sensitization", "a Kerekasztal tagjai")
    _held(world, "Érzékenyítő tréning", "sensitization", "a Kerekasztal tagjai",
          day=D(2015, 7, 1))
    _held(world, "Szülői klub", "parent_club")  # no audience: not in the sentence
    for kind in ("closing", "closing_report"):
        body = write(project, kind, END)[1]
        assert ("A települések HEP-megbízottjai részére „Esélyteremtő attitűd formálása” "
                "címen képzés, valamint a Kerekasztal tagjai részére „Érzékenyítő tréning” "
                "címen 2 érzékenyítő képzés került lebonyolításra.") in body, body
        assert "„Szülői klub” címen" not in body


def test_an_event_after_the_day_of_the_data_is_not_counted(project, world):
    _held(world, "Érzékenyítő tréning", "sensitization", "a Kerekasztal tagjai")
    assert "lebonyolításra" not in write(project, "closing", D(2015, 6, 1))[1]


def test_a_deliverable_is_said_with_what_it_presents(project):
    services.record_save(instance=Deliverable(
        project=project, title="Szolgáltatási Út Térkép (SZÚT)", completed_on=D(2015, 9, 1),
        description="bemutatja és összefoglalja a rendezvényeken feltárt problémákat."),
        user=None)
    services.record_save(instance=Deliverable(project=project, title="Programterv",
                                              completed_on=D(2015, 9, 2)), user=None)
    body = write(project, "closing", END)[1]
    assert "A projekt keretében elkészült: Programterv." in body, body
    assert ("Elkészült a Szolgáltatási Út Térkép (SZÚT), amely bemutatja és összefoglalja a "
            "rendezvényeken feltárt problémákat.") in body


def test_the_service_gaps_mapped_during_the_project_are_counted(project, world):
    ensure_service_types()  # the seeded catalogue (a transactional test's flush removes it)
    service = ServiceType.objects.order_by("pk").first()
    for name, day in [("Bozsok", D(2015, 5, 1)), ("Bozsok", D(2015, 6, 1)),
                      ("Cák", D(2015, 7, 1)), ("Velem", D(2016, 1, 1))]:
        Gap.objects.create(forum=world.forum, settlement=Settlement.objects.get(name=name),
                           service_type=service, found_on=day)
        service = ServiceType.objects.exclude(pk=service.pk).order_by("pk").first()
    for kind in ("closing", "closing_report"):
        assert ("Feltérképezésre kerültek a járáshoz tartozó önkormányzatok szolgáltatási "
                "hiányai: 3 szolgáltatáshiány 2 településen.") in write(project, kind, END)[1]


def test_the_agreements_made_during_the_project_are_named(project, world):
    parties = [world.organisation, OrganisationFactory(forum=world.forum)]
    for title, day in [("Megállapodás a szülői klubokról", D(2015, 6, 3)),
                       ("Megállapodás a közfoglalkoztatásról", D(2015, 7, 3)),
                       ("Későbbi megállapodás", D(2016, 2, 3))]:
        agreements.agreement_create(
            forum=world.forum, user=None, kind="multilateral", title=title, purpose="Cél.",
            drafted_on=D(2015, 6, 1), parties=[
                agreements.PartyEntry(organisation=o, signed_on=day, signatory_name="A")
                for o in parties])
    assert ("A projekt során 2 együttműködési megállapodás jött létre: „Megállapodás a "
            "szülői klubokról”, „Megállapodás a közfoglalkoztatásról”.") in write(
        project, "closing", END)[1]


def test_one_person_as_project_and_finance_manager_and_a_partners_instructor(project, world):
    manager = PersonFactory(forum=world.forum)
    state = OrganisationFactory(forum=world.forum, kind="state", name="Járási Hivatal")
    for role, person, employer in [
            ("catch_up_officer", PersonFactory(forum=world.forum), None),
            ("catch_up_officer", PersonFactory(forum=world.forum), None),
            ("project_manager", manager, None), ("finance_manager", manager, None),
            ("instructor", PersonFactory(forum=world.forum), state)]:
        StaffRole.objects.create(project=project, role=role, person=person,
                                 employer=employer, since=D(2015, 4, 1))
    assert ("A projektben 2 felzárkózási munkatárs, 1 projektmenedzser (egyben pénzügyi "
            "vezető), 1 instruktor (Járási Hivatal) dolgozott.") in write(
        project, "closing", END)[1]
