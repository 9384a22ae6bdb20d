import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kerekasztal.core.models import ImportBatch
from kerekasztal.directory.models import Organisation, Person
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(world, rest):
    return f"/f/{world.forum.slug}/manage/directory/{rest}"


def test_search_forgives_case_and_accents(coordinator_client, world):
    OrganisationFactory(forum=world.forum, name="Kőszegi Roma Nemzetiségi Önkormányzat")
    html = coordinator_client.get(url(world, "organisations/?q=KOSZEGI+roma")).content.decode()
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in html
    assert "Bozsok Község" not in html


def test_list_shows_only_this_forums_organisations(coordinator_client, world):
    html = coordinator_client.get(url(world, "organisations/")).content.decode()
    assert world.organisation.name in html
    assert world.other_organisation.name not in html


def test_list_query_count_does_not_grow_with_the_data(coordinator_client, world,
                                                      django_assert_max_num_queries):
    coordinator_client.get(url(world, "organisations/"))  # warm up sessions and caches
    for n in range(30):
        OrganisationFactory(forum=world.forum, name=f"Szervezet {n:02d}")
    with django_assert_max_num_queries(12) as few:
        coordinator_client.get(url(world, "organisations/"))
    for n in range(30, 60):
        OrganisationFactory(forum=world.forum, name=f"Szervezet {n:02d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(url(world, "organisations/"))


def test_bad_tax_number_gets_a_hungarian_message_next_to_the_field(coordinator_client, world):
    response = coordinator_client.post(url(world, "organisations/new/"), {
        "name": "Hibás Adószámú Egyesület", "kind": "civil", "tax_number": "12345678-1-12",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_tax_number_error"' in html
    assert "ellenőrző számjegye hibás" in html
    assert 'aria-invalid="true"' in html
    assert not Organisation.objects.filter(name="Hibás Adószámú Egyesület").exists()


def test_create_organisation_then_person_for_it(coordinator_client, world):
    response = coordinator_client.post(url(world, "organisations/new/"), {
        "name": "Esélyt Mindenkinek Egyesület", "kind": "civil", "postal_code": "9730",
    })
    organisation = Organisation.objects.get(name="Esélyt Mindenkinek Egyesület")
    assert response["Location"].endswith(f"/organisations/{organisation.pk}/")
    response = coordinator_client.post(url(world, "people/new/"), {
        "name": "Török Hajnalka", "email": "Hajnalka@Example.org", "legal_basis": "public_task",
        "retention_until": "2031-12-31", "organisations": [organisation.pk],
    })
    person = Person.objects.get(name="Török Hajnalka")
    assert person.email == "hajnalka@example.org"
    assert list(person.organisations.all()) == [organisation]


def test_grant_login_sends_an_invitation_and_links_the_account(
    coordinator_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    person = Person.objects.create(forum=world.forum, name="Új Ubul", email="ubul@example.org",
                                   legal_basis="public_task", retention_until="2031-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url(world, f"people/{person.pk}/login/"))
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "ubul@example.org"
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_export_xlsx_contains_the_filtered_rows(coordinator_client, world):
    response = coordinator_client.get(url(world, "organisations/export.xlsx?q=bozsok"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Név"
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [world.organisation.name]


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("szervezetek.csv", text.encode("utf-8"))


def test_import_preview_lists_every_bad_row_and_applies_nothing(coordinator_client, world):
    before = Organisation.objects.count()
    content = (
        "Név;Típus;Székhely;Adószám\n"
        "Jó Egyesület;Civil szervezet;Kőszeg;\n"
        "Rossz Típusú Kft.;kft;Kőszeg;\n"
        "Ismeretlen Helyű Egyesület;civil;Atlantisz;\n"
        "Jó Egyesület;Civil szervezet;Kőszeg;\n"
        "Hibás Adószám Bt.;Gazdasági szervezet;Bük;10773382-2-44\n"
    )
    response = coordinator_client.post(url(world, "organisations/import/"),
                                       {"file": _csv(content)})
    batch = ImportBatch.objects.get()
    assert response["Location"].endswith(f"/organisations/import/{batch.pk}/")
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "4 hibás sor" in html
    for message in ("Ismeretlen típus", "Nincs ilyen nevű település: „Atlantisz”",
                    "korábban már szerepelt", "ellenőrző számjegye hibás"):
        assert message in html
    assert 'name="apply"' not in html
    coordinator_client.post(response["Location"], {"apply": "1"})
    assert Organisation.objects.count() == before


def test_import_of_a_clean_file_applies_all_rows_at_once(coordinator_client, world):
    workbook = Workbook()
    workbook.active.append(["Név", "Típus", "Székhely", "Irányítószám", "Adószám"])
    workbook.active.append(["Cáki Faluszépítő Egyesület", "Civil szervezet", "cak", 9725, ""])
    workbook.active.append(["Magyar Telekom Nyrt.", "Gazdasági szervezet", "Budapest", "",
                            "10773381-2-44"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = coordinator_client.post(
        url(world, "organisations/import/"),
        {"file": SimpleUploadedFile("szervezetek.xlsx", buffer.getvalue())},
    )
    preview = coordinator_client.get(response["Location"]).content.decode()
    assert "Minden sor hibátlan" in preview
    coordinator_client.post(response["Location"], {"apply": "1"})
    cak = Organisation.objects.get(name="Cáki Faluszépítő Egyesület")
    assert cak.seat.name == "Cák" and cak.postal_code == "9725" and cak.kind == "civil"
    assert ImportBatch.objects.get().status == "applied"
    # Applying the same batch twice does nothing more.
    coordinator_client.post(response["Location"], {"apply": "1"})
    assert Organisation.objects.filter(name="Cáki Faluszépítő Egyesület").count() == 1


def test_import_of_people_needs_their_organisation_first(coordinator_client, world):
    content = ("Név,E-mail,Szervezet,Jogalap,Megőrzés vége\n"
               f"Minta Mária,maria@example.org,{world.organisation.name},közfeladat,2031-12-31\n"
               "Más Mihály,mihaly@example.org,Nem Létező Kft.,közfeladat,2031-12-31\n")
    response = coordinator_client.post(url(world, "people/import/"),
                                       {"file": SimpleUploadedFile("a.csv", content.encode())})
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "Nincs ilyen nevű szervezet a címtárban" in html
    assert not Person.objects.filter(name="Minta Mária").exists()


def test_import_that_fails_while_writing_leaves_nothing_behind(coordinator_client, world,
                                                               monkeypatch):
    content = "Név;Típus\nElső Egyesület;civil\nMásodik Egyesület;civil\n"
    response = coordinator_client.post(url(world, "organisations/import/"),
                                       {"file": _csv(content)})
    from kerekasztal.directory import services

    original = services.organisation_create
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(services, "organisation_create", failing)
    # The task writing the rows fails: the page answers, and says so with the reason.
    applied = coordinator_client.post(response["Location"], {"apply": "1"}, follow=True)
    assert applied.status_code == 200
    assert "Az importálás sikertelen" in applied.content.decode()
    assert "RuntimeError" in applied.content.decode()
    assert not Organisation.objects.filter(name="Első Egyesület").exists()
    assert ImportBatch.objects.get().status == "failed"
