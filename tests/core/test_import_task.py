"""A spreadsheet import accepted in its preview is written by a task: all rows or none, the
batch's status says which, and a task run twice or left by a killed worker writes once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kerekasztal.core.imports.services import apply_import, import_preview, import_queue, spec_for
from kerekasztal.core.models import ImportBatch, ImportStatus
from kerekasztal.core.tasks import requeue_abandoned
from kerekasztal.directory import imports, services
from kerekasztal.directory.models import Organisation
from tests.core.test_mail_queue import run_worker

# The worker closes the database connection after each task (as in production), which a
# test inside one transaction would lose: these tests commit, and are flushed after.
pytestmark = pytest.mark.django_db(transaction=True)

NAMES = [f"Háttérben Mentett Egyesület {n}" for n in range(1, 6)]


def _queued(world) -> ImportBatch:
    lines = ["Név;Típus"] + [f"{name};Civil szervezet" for name in NAMES]
    upload = SimpleUploadedFile("szervezetek.csv", "\n".join(lines).encode("utf-8"))
    batch = import_preview(spec=imports.ORGANISATIONS, forum=world.forum, file=upload,
                           user=world.coordinator)
    assert batch.errors == []
    return import_queue(spec=imports.ORGANISATIONS, batch=batch, user=world.coordinator)


def _imported() -> int:
    return Organisation.objects.filter(name__in=NAMES).count()


def test_accepting_a_preview_only_queues_it_and_the_worker_writes_every_row(world,
                                                                             task_queue):
    batch = _queued(world)
    assert batch.status == ImportStatus.QUEUED and batch.queued_at is not None
    assert _imported() == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1

    run_worker()

    batch.refresh_from_db()
    assert (batch.status, batch.applied_count, batch.rows) == (ImportStatus.APPLIED, 5, [])
    assert batch.applied_by == world.coordinator
    assert _imported() == 5


def test_an_error_while_writing_leaves_nothing_and_ends_failed_with_its_reason(
        world, task_queue, monkeypatch):
    batch = _queued(world)
    original = services.organisation_create
    written = []

    def failing(**kwargs):
        if written:
            raise RuntimeError("a lemez megtelt")
        written.append(original(**kwargs))
        return written[-1]

    monkeypatch.setattr(services, "organisation_create", failing)
    run_worker()

    batch.refresh_from_db()
    assert written and _imported() == 0  # the first row was written, then rolled back
    assert batch.status == ImportStatus.FAILED
    assert "semmi sem került mentésre" in batch.failure and "RuntimeError" in batch.failure
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()  # no retry


def test_rows_that_became_invalid_since_the_preview_end_failed_with_the_row_errors(
        world, task_queue):
    batch = _queued(world)
    services.organisation_create(forum=world.forum, name=NAMES[2], kind="civil")
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.errors and {error["row"] for error in batch.errors} == {4}
    assert _imported() == 1  # only the one created by hand


def test_the_task_run_twice_writes_the_rows_once(world, task_queue):
    batch = _queued(world)
    assert apply_import.call(batch.pk) == "applied 5"
    assert apply_import.call(batch.pk) == "skipped"
    assert _imported() == 5
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED


def test_an_import_left_running_by_a_killed_worker_is_run_again(world, task_queue):
    batch = _queued(world)
    # A worker took the task and was killed: its transaction (the rows) was rolled back.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING,
                                started_at=timezone.now() - datetime.timedelta(hours=1))
    assert _imported() == 0
    assert requeue_abandoned() == 1  # what every pass of `kerekasztal db_worker` does first
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and _imported() == 5


def test_a_plans_import_finds_its_spec_by_the_batch_kind(world):
    from tests.plans.factories import make_plan

    plan = make_plan(world.forum)
    assert spec_for(f"plans.measures.{plan.pk}").kind == f"plans.measures.{plan.pk}"
    assert spec_for(f"plans.statistics.{plan.pk}").kind == f"plans.statistics.{plan.pk}"
    assert spec_for("directory.people") is imports.PEOPLE
    with pytest.raises(LookupError):
        spec_for("directory.unknown")


def test_a_services_refusal_while_writing_ends_failed_with_its_own_words(
        world, task_queue, monkeypatch):
    from django.core.exceptions import ValidationError

    batch = _queued(world)

    def refusing(**kwargs):
        raise ValidationError({"name": "Ez a név nem menthető."})

    monkeypatch.setattr(services, "organisation_create", refusing)
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and _imported() == 0
    assert "Ez a név nem menthető." in batch.failure  # not only "(ValidationError)"
    assert "semmi sem került mentésre" in batch.failure
