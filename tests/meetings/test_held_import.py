"""Importing sessions held before the platform from a spreadsheet: a preview with every
row's errors, then all rows or none; an unknown organisation is an error of its row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kerekasztal.core.imports.services import ImportRefused, import_apply, import_preview
from kerekasztal.core.models import ImportBatch
from kerekasztal.directory.models import Organisation
from kerekasztal.meetings.imports import HELD_MEETINGS
from kerekasztal.meetings.models import Meeting, MeetingStatus
from tests.conftest import login

pytestmark = pytest.mark.django_db

HEADER = "Dátum;Helyszín;Cím;Fajta;Létszám;Szervezet 1;Létszám 1;Szervezet 2;Létszám 2\n"


def _csv(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ulesek.csv", (HEADER + "\n".join(rows) + "\n").encode(),
                              content_type="text/csv")


def test_rows_are_previewed_with_their_errors_and_nothing_is_saved(world):
    batch = import_preview(spec=HELD_MEETINGS, forum=world.forum, user=world.coordinator,
                           file=_csv(
        "2015-07-08;Kőszeg;Egyeztetés;zárt;14;Bozsok Község Önkormányzata;2;;",
        "2015-08-12;Kőszeg;Második;nyilvános;5;Nem Létező Egyesület;3;;",
        "2099-01-01;Kőszeg;Jövőbeli;;5;;;;",
        "2015-09-01;Kőszeg;Kevés;;1;Bozsok Község Önkormányzata;4;;"))
    errors = {(e["row"], e["column"]) for e in batch.errors}
    assert (3, "Szervezet 1") in errors  # the unknown organisation, in its own row
    assert (4, "Dátum") in errors and (5, "Létszám") in errors
    assert not any(e["row"] == 2 for e in batch.errors)
    with pytest.raises(ImportRefused):
        import_apply(spec=HELD_MEETINGS, batch=batch, user=world.coordinator)
    assert not Meeting.objects.exists()
    assert not Organisation.objects.filter(name="Nem Létező Egyesület").exists()


def test_a_clean_file_records_every_session_held(world):
    batch = import_preview(spec=HELD_MEETINGS, forum=world.forum, user=world.coordinator,
                           file=_csv(
        "2015-07-08;Kőszeg;Egyeztetés;zárt;14;Bozsok Község Önkormányzata;2;;",
        "2015. 08. 12.;Bozsok;Második;nyilvános;5;;;;"))
    assert batch.errors == []
    assert import_apply(spec=HELD_MEETINGS, batch=batch, user=world.coordinator) == 2
    first, second = Meeting.objects.order_by("starts_at")
    assert first.status == second.status == MeetingStatus.HELD
    assert (first.number, second.number) == (1, 2)
    assert first.attendances.count() == 14
    assert first.attendances.filter(organisation=world.organisation).count() == 2
    assert second.visibility == "public" and second.attendances.count() == 5
    assert first.history.first().history_user == world.coordinator
    # importing the same file again is refused row by row
    again = import_preview(spec=HELD_MEETINGS, forum=world.forum, user=world.coordinator,
                           file=_csv("2015-07-08;Kőszeg;Egyeztetés;zárt;14;;;;"))
    assert again.errors and again.errors[0]["column"] == "Cím"


def test_the_import_pages(world, client):
    coordinator = login(client, world.coordinator)
    upload = reverse("meetings:held_import", kwargs={"forum": world.forum.slug})
    assert coordinator.get(upload).status_code == 200
    response = coordinator.post(upload, {"file": _csv(
        "2015-07-08;Kőszeg;Egyeztetés;zárt;14;Ismeretlen Kft.;2;;")})
    assert response.status_code == 302
    page = coordinator.get(response["Location"]).content.decode()
    assert "Ismeretlen Kft." in page and "Nincs ilyen nevű szervezet" in page
    batch = ImportBatch.objects.get()
    coordinator.post(response["Location"], {"confirm": "on"})
    assert not Meeting.objects.exists() and batch.kind == "meetings.held"
    example = coordinator.get(reverse("meetings:held_import_example",
                                      kwargs={"forum": world.forum.slug, "fmt": "csv"}))
    assert "Szervezet 1" in example.content.decode("utf-8-sig")


def test_a_session_held_with_nobody_present_is_an_error_of_its_row_in_the_preview(world):
    # the preview accepted 0 and the queued import then failed as "Váratlan hiba"
    batch = import_preview(spec=HELD_MEETINGS, forum=world.forum, user=world.coordinator,
                           file=_csv("2015-09-01;Kőszeg;Kerekasztal;zárt;0;;;;"))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Létszám")]
    assert "legalább egy jelenlévő" in batch.errors[0]["message"]
