"""`kerekasztal db_worker`: django-tasks-db's worker, which also puts back on the queue the
tasks that a killed worker left "running" (before every pass over the queue, at most once
a minute). `--batch` runs the queue until it is empty and exits (for cron and tests)."""

import os
import time

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from kerekasztal.core.tasks import requeue_abandoned

SWEEP_SECONDS = 60


class Worker(db_worker.Worker):
    def run(self) -> None:
        once = self.batch
        self.batch = True  # the parent's loop returns when the queue is empty
        last_sweep = 0.0
        while True:
            if time.monotonic() - last_sweep >= SWEEP_SECONDS or once:
                requeue_abandoned()
                last_sweep = time.monotonic()
            super().run()
            self.startup_delay = False
            if once or not self.running or (
                    self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                return
            time.sleep(self.interval)


class Command(db_worker.Command):
    help = db_worker.Command.help + " (and requeue tasks abandoned by killed workers)"

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               reload, max_tasks, worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        excluded = exclude_queues.split(",") if exclude_queues else []
        worker = Worker(
            queue_names=queue_name.split(","), interval=interval, batch=batch,
            backend_name=backend_name, startup_delay=startup_delay, max_tasks=max_tasks,
            worker_id=worker_id, excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the reloaded child, as the parent does
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
