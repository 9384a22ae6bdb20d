import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kerekasztal.core.records.activity import activity_union, entries_for, tracked_models
from kerekasztal.directory import services as directory_services
from tests.conftest import login

pytestmark = pytest.mark.django_db


def url(world, rest=""):
    return f"/f/{world.forum.slug}/manage/activity/{rest}"


def _person(world, name="Napló Nándor", **extra):
    return directory_services.person_create(
        forum=world.forum, user=world.coordinator, name=name, email="naplo@example.org",
        legal_basis="public_task", retention_until=datetime.date(2030, 1, 1), **extra,
    )


def test_every_directory_and_forum_model_with_history_takes_part():
    labels = {t.label for t in tracked_models()}
    assert {"directory.organisation", "directory.person", "directory.affiliation",
            "forums.forum", "forums.membership", "forums.forumaccess"} <= labels


def test_log_shows_who_changed_what_with_before_and_after(coordinator_client, world):
    person = _person(world)
    directory_services.person_update(person=person, user=world.coordinator,
                                     position="jegyző", email="uj@example.org")
    html = coordinator_client.get(url(world)).content.decode()
    assert "Koordinátor Kata" in html
    assert "Napló Nándor" in html
    assert "naplo@example.org</del> → <ins>uj@example.org" in html
    assert "beosztás" in html
    assert "módosítás" in html and "létrehozás" in html


def test_log_shows_only_this_forums_records(coordinator_client, world):
    directory_services.person_create(
        forum=world.other_forum, user=world.outsider, name="Idegen Ilona",
        legal_basis="public_task", retention_until=datetime.date(2030, 1, 1),
    )
    html = coordinator_client.get(url(world)).content.decode()
    assert "Idegen Ilona" not in html
    assert "Más Márta" not in html


def test_filters_by_model_user_and_dates(coordinator_client, world):
    _person(world)
    directory_services.organisation_create(forum=world.forum, user=world.auditor,
                                           name="Szűrt Egyesület", kind="civil")
    html = coordinator_client.get(url(world), {"model": "directory.organisation"}).content.decode()
    assert "Szűrt Egyesület" in html and "Napló Nándor" not in html
    html = coordinator_client.get(url(world), {"user": "coordinator@"}).content.decode()
    assert "Napló Nándor" in html and "Szűrt Egyesület" not in html
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    html = coordinator_client.get(url(world), {"date_from": tomorrow}).content.decode()
    assert "Napló Nándor" not in html and "Nincs a szűrésnek megfelelő bejegyzés" in html


def test_reversed_date_range_gets_a_message_next_to_the_field(coordinator_client, world):
    html = coordinator_client.get(url(world), {"date_from": "2026-05-02",
                                               "date_to": "2026-05-01"}).content.decode()
    assert 'id="id_date_to_error"' in html


def test_deletion_is_logged(world):
    person = _person(world, name="Törölt Tódor")
    person._history_user = world.coordinator
    person.delete()
    entries = entries_for(activity_union(world.forum))
    assert entries[0].action == "-" and entries[0].object_repr == "Törölt Tódor"


def test_auditor_sees_the_log_member_does_not(client, world):
    assert login(client, world.auditor).get(url(world)).status_code == 200
    assert login(client, world.member).get(url(world)).status_code == 403


def test_export_has_the_filtered_rows(coordinator_client, world):
    _person(world)
    response = coordinator_client.get(url(world, "export.xlsx"),
                                      {"model": "directory.person"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Időpont"
    assert any("Napló Nándor" in str(row[4]) for row in rows[1:])
    assert all(row[3] == "kapcsolattartó" for row in rows[1:])
    csv = coordinator_client.get(url(world, "export.csv")).content.decode("utf-8-sig")
    assert "Napló Nándor" in csv


def _changes(world, start, stop):
    for n in range(start, stop):
        person = _person(world, name=f"Személy {n:02d}")
        directory_services.person_update(person=person, user=world.coordinator,
                                         position=f"beosztás {n}")
        directory_services.organisation_create(forum=world.forum, user=world.auditor,
                                               name=f"Egyesület {n:02d}", kind="civil")


def test_query_count_is_the_same_for_2_and_12_records(coordinator_client, world):
    coordinator_client.get(url(world))
    _changes(world, 0, 2)
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(url(world)).status_code == 200
    _changes(world, 2, 12)
    with CaptureQueriesContext(connection) as many:
        html = coordinator_client.get(url(world)).content.decode()
    assert "Személy 11" in html
    assert len(many) == len(few)
