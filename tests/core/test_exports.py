"""A large export is written by a task to a file that only its requester downloads, until it
expires; a small one is answered at once, as before. The file is the same either way."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kerekasztal.core import exports
from kerekasztal.core.exports import services as export_services
from kerekasztal.core.models import ExportJob, ExportStatus, TargetGroup, Topic
from kerekasztal.events import services
from kerekasztal.forums.models import ForumAccess
from kerekasztal.territory.models import Settlement
from tests.core.test_mail_queue import run_worker
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def _events(world, n=3):
    koszeg = Settlement.objects.get(name="Kőszeg")
    for i in range(n):
        event = make_event(
            world.forum, title=f"Rendezvény {i}", registration_open=True,
            topics=list(Topic.objects.order_by("-name")[:2]),
            target_groups=list(TargetGroup.objects.filter(code__in=["children", "elderly"])),
            settlements=[koszeg], partners=[world.organisation], organiser=world.organisation)
        services.event_publish(event=event)
        services.register(event=event, name="Kovács Éva", email=f"e{i}@example.org",
                          consent=True)


def _url(world, fmt="csv", query=""):
    url = reverse("events:event_export", kwargs={"forum": world.forum.slug, "fmt": fmt})
    return f"{url}?{query}" if query else url


def _status_url(world, job):
    return reverse("core:export_status", kwargs={"forum": world.forum.slug, "pk": job.pk})


def _download_url(world, job):
    return reverse("core:export_download", kwargs={"forum": world.forum.slug, "pk": job.pk})


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _large(client, world, django_capture_on_commit_callbacks, fmt="csv", query=""):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url(world, fmt, query))
    job = ExportJob.objects.order_by("-pk").first()
    assert response.status_code == 302 and response["Location"] == _status_url(world, job)
    return job


@pytest.fixture
def low_threshold(settings):
    settings.EXPORT_TASK_AFTER_ROWS = settings.EXPORT_TASK_AFTER_XLSX_ROWS = 2


def test_a_small_export_is_answered_at_once(coordinator_client, world, settings, media):
    _events(world, 2)
    settings.EXPORT_TASK_AFTER_ROWS, settings.EXPORT_TASK_AFTER_XLSX_ROWS = 2, 1
    response = coordinator_client.get(_url(world))
    assert response.status_code == 200 and "Rendezvény 1" in response.content.decode("utf-8-sig")
    assert not ExportJob.objects.exists()
    # an XLSX row costs more: the same two rows are over its own limit
    assert coordinator_client.get(_url(world, "xlsx")).status_code == 302
    assert ExportJob.objects.get().fmt == "xlsx"


@pytest.mark.django_db(transaction=True)  # the worker closes the connection
def test_a_large_export_is_queued_and_the_worker_writes_every_row_as_the_direct_file(
        coordinator_client, world, settings, media, task_queue, low_threshold,
        django_capture_on_commit_callbacks):
    _events(world, 3)
    job = _large(coordinator_client, world, django_capture_on_commit_callbacks,
                 query="kind=dissemination")
    page = coordinator_client.get(_status_url(world, job)).content.decode()
    assert "Az export készül…" in page and 'hx-trigger="every 2s"' in page
    assert coordinator_client.get(_download_url(world, job)).status_code == 404

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.row_count, job.created_by) == (ExportStatus.DONE, 3,
                                                           world.coordinator)
    page = coordinator_client.get(_status_url(world, job)).content.decode()
    assert "Az export elkészült: 3 sor." in page and _download_url(world, job) in page
    download = coordinator_client.get(_download_url(world, job))
    assert download["Content-Disposition"].startswith(
        f'attachment; filename="rendezvenyek-{world.forum.slug}.csv"')
    settings.EXPORT_TASK_AFTER_ROWS = 1000
    direct = coordinator_client.get(_url(world, query="kind=dissemination"))
    assert _content(download) == direct.content
    assert direct.content.decode("utf-8-sig").count("Rendezvény") == 3


def test_a_large_xlsx_has_the_cells_of_the_direct_file(
        coordinator_client, world, settings, media, low_threshold,
        django_capture_on_commit_callbacks):
    _events(world, 3)
    job = _large(coordinator_client, world, django_capture_on_commit_callbacks, fmt="xlsx")
    job.refresh_from_db()  # the immediate backend of the tests ran it after the commit
    assert job.status == ExportStatus.DONE
    settings.EXPORT_TASK_AFTER_XLSX_ROWS = 1000

    def cells(content):
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    stored = cells(_content(coordinator_client.get(_download_url(world, job))))
    assert stored == cells(coordinator_client.get(_url(world, "xlsx")).content)
    assert len(stored) == 4 and stored[0][8] == "Célcsoportok"
    assert set(stored[1][8].split("; ")) == {"Gyermekek", "Idősek"}


def test_the_rows_are_those_the_events_themselves_give(coordinator_client, world, media):
    """The plain-values rows against the events' own fields and relations (what the export
    was built from before): titles, relations in their order, status and counts."""
    _events(world, 2)
    text = coordinator_client.get(_url(world)).content.decode("utf-8-sig")
    from kerekasztal.events.models import Event

    for event in Event.objects.filter(forum=world.forum):
        expected = ",".join([
            event.title, event.get_kind_display(),
            timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M:%S"),
            timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M:%S"),
            event.venue, event.address, "; ".join(s.name for s in event.settlements.all()),
            "; ".join(t.name for t in event.topics.all()),
            "; ".join(str(g) for g in event.target_groups.all()), event.organiser.name,
            "; ".join(p.name for p in event.partners.all()), "igen" if event.is_public
            else "nem", event.status_label, "1", "0", ""])
        assert expected in text, (expected, text)


def test_a_failed_export_shows_its_reason_and_offers_no_file(
        coordinator_client, world, media, low_threshold, monkeypatch,
        django_capture_on_commit_callbacks):
    _events(world, 3)

    def broken(*args, **kwargs):
        raise RuntimeError("a lemez megtelt")

    monkeypatch.setattr(export_services, "write_table", broken)
    job = _large(coordinator_client, world, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "RuntimeError" in job.failure
    page = coordinator_client.get(_status_url(world, job)).content.decode()
    assert "Az export sikertelen" in page and "RuntimeError" in page
    assert coordinator_client.get(_download_url(world, job)).status_code == 404


@pytest.mark.django_db(transaction=True)  # the worker closes the connection
def test_a_user_who_lost_the_right_before_the_worker_ran_gets_a_refusal(
        client, world, media, task_queue, low_threshold,
        django_capture_on_commit_callbacks):
    _events(world, 3)
    client.force_login(world.auditor)
    job = _large(client, world, django_capture_on_commit_callbacks)
    ForumAccess.objects.filter(user=world.auditor, forum=world.forum).delete()
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.failure) == (ExportStatus.FAILED,
                                         "Önnek már nincs joga ehhez a listához.")
    assert not job.file
    assert client.get(_status_url(world, job)).status_code == 403


def test_only_the_requester_finds_the_job_and_its_file(
        client, world, media, low_threshold, django_capture_on_commit_callbacks):
    _events(world, 3)
    client.force_login(world.coordinator)
    job = _large(client, world, django_capture_on_commit_callbacks)
    assert client.get(_download_url(world, job)).status_code == 200
    for other in (world.auditor, world.member, world.operator):
        client.force_login(other)
        assert client.get(_status_url(world, job)).status_code == 404
        assert client.get(_download_url(world, job)).status_code == 404


def test_an_expired_export_is_gone_on_access_and_swept_by_retention(
        coordinator_client, world, media, low_threshold, django_capture_on_commit_callbacks):
    _events(world, 3)
    job = _large(coordinator_client, world, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    path = job.file.path
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert coordinator_client.get(_download_url(world, job)).status_code == 404
    page = coordinator_client.get(_status_url(world, job)).content.decode()
    assert "Az export lejárt, a fájlt töröltük." in page
    import os

    assert not os.path.exists(path)

    fresh = _large(coordinator_client, world, django_capture_on_commit_callbacks)
    call_command("enforce_retention", stdout=io.StringIO())
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_a_job_run_twice_writes_once(world, media, task_queue):
    _events(world, 3)
    job = export_services.export_queue(forum=world.forum, user=world.coordinator,
                                       kind="events.events", fmt="csv")
    assert export_services.build_export.call(job.pk) == "written 3"
    assert export_services.build_export.call(job.pk) == "skipped"


def test_an_unknown_kind_or_format_is_refused_before_queueing(world):
    with pytest.raises(KeyError):
        export_services.export_queue(forum=world.forum, user=world.coordinator,
                                     kind="events.nothing", fmt="csv")
    with pytest.raises(ValueError):
        export_services.export_queue(forum=world.forum, user=world.coordinator,
                                     kind="events.events", fmt="pdf")
    assert not ExportJob.objects.exists()
    assert exports.Table  # the names apps use
