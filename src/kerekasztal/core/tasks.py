"""The task queue: Django's Tasks API (django-tasks, built into Django 6) with the database
backend of django-tasks-db, on SQLite or PostgreSQL alike (docs/reliability.md).

`kerekasztal db_worker` runs the queue (`--batch`: until it is empty, then exits). Work is
put on the queue only once the transaction that asked for it commits, so a rolled-back
write never leaves a task behind; tasks are written to be run more than once safely,
because a task whose worker was killed is run again (`requeue_abandoned`).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any, run_after: datetime.datetime | None = None,
            **kwargs: Any) -> None:
    """Put `task` on the queue now (for callers outside a write, or already after commit).
    `run_after` is ignored by a backend that cannot defer (the immediate one of tests)."""
    if run_after is not None and default_task_backend.supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(*args, **kwargs)


def enqueue_on_commit(task: Any, *args: Any, run_after: datetime.datetime | None = None,
                      **kwargs: Any) -> None:
    """Put `task` on the queue once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task, *args, run_after=run_after, **kwargs))


def can_defer() -> bool:
    return bool(default_task_backend.supports_defer)


def requeue_abandoned(*, older_than: datetime.timedelta | None = None) -> int:
    """Tasks left "running" by a worker that was killed (or whose machine stopped) longer
    than TASKS_ABANDONED_MINUTES ago go back to the queue; returns how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if older_than is None:
        older_than = datetime.timedelta(minutes=settings.TASKS_ABANDONED_MINUTES)
    count = (DBTaskResult.objects
             .filter(status=TaskResultStatus.RUNNING,
                     started_at__lt=timezone.now() - older_than)
             .update(status=TaskResultStatus.READY, started_at=None))
    if count:
        logger.warning("Requeued %d task(s) abandoned by a stopped worker", count)
    return count
