"""Exports of the lists: small ones answered at once, large ones written by a task.

An app describes each export by a table builder, registered with `@exports.table(kind,
action=...)` in its views module: `builder(forum, user, query, **arguments) -> Table`, where
`query` is the list's filters (a QueryDict) and `arguments` the export URL's other keys (a
plan's). The view calls `exports.respond(request, forum, kind, fmt, **arguments)`: a cheap
COUNT decides. Up to EXPORT_TASK_AFTER_ROWS rows (EXPORT_TASK_AFTER_XLSX_ROWS for XLSX) the
file is answered at once (`tabular.table_response`, as before); above, an ExportJob is
stored and the task `build_export` runs the same builder after the request's transaction
commits and writes the same file (`tabular.write_table`) to storage. The request answers
at once with the job's page ("Az export készül…"), which refreshes itself and then offers
the download link.

Only the user who asked may see the job and download its file, and only while they may
still take the list's `action` (core/access/exports.py). A file expires after
EXPORT_KEEP_HOURS: its page says so and the file is deleted on access or by
`kerekasztal enforce-retention`, whichever comes first. A failed export shows its reason.
"""

from __future__ import annotations

import datetime
import importlib
import logging
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.http import Http404, HttpRequest, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from kerekasztal.core import tasks
from kerekasztal.core.models import ExportJob, ExportStatus, User
from kerekasztal.core.tabular import table_response, write_table

logger = logging.getLogger(__name__)


@dataclass
class Table:
    """One export: its file name (without extension), headers, rows (lazy: read only after
    `count`), and `count`, a cheap COUNT of those rows."""

    filename: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    count: Callable[[], int]
    sheet: str = ""


Builder = Callable[..., Table]


@dataclass(frozen=True)
class Exporter:
    kind: str
    action: str
    build: Builder


_EXPORTERS: dict[str, Exporter] = {}


def table(kind: str, *, action: str) -> Callable[[Builder], Builder]:
    """Register a table builder as the export `kind` ("<app>.<list>", registered in
    `kerekasztal.<app>.views`); `action` is the access rule that lets a user see the list."""

    def register(build: Builder) -> Builder:
        _EXPORTERS[kind] = Exporter(kind, action, build)
        return build

    return register


def exporter_for(kind: str) -> Exporter:
    if kind not in _EXPORTERS:  # a worker process: the app's views register it on import
        importlib.import_module(f"kerekasztal.{kind.split('.')[0]}.views")
    return _EXPORTERS[kind]


def respond(request: HttpRequest, forum: Any, kind: str, fmt: str,
            **arguments: Any) -> HttpResponseBase:
    """The export answered at once when it is small, else a job and a redirect to its page.
    The caller has checked access to the list already."""
    exporter = exporter_for(kind)
    built = exporter.build(forum, request.user, request.GET, **arguments)
    if not request.user.is_authenticated or built.count() <= task_after_rows(fmt):
        return table_response(built.filename, built.headers, built.rows, fmt, sheet=built.sheet)
    job = export_queue(forum=forum, user=request.user, kind=kind, fmt=fmt,
                       query=request.GET.urlencode(), arguments=arguments,
                       back_url=_back_url(request))
    return redirect("core:export_status", forum=forum.slug, pk=job.pk)


def task_after_rows(fmt: str) -> int:
    """Up to how many rows an export is answered at once: an XLSX row costs about five
    times a CSV row (openpyxl's cells), so XLSX has its own, lower limit."""
    return (settings.EXPORT_TASK_AFTER_XLSX_ROWS if fmt == "xlsx"
            else settings.EXPORT_TASK_AFTER_ROWS)


def _back_url(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()},
                                                   require_https=request.is_secure()):
        return referer[:500]
    return ""


@transaction.atomic
def export_queue(*, forum: Any, user: User, kind: str, fmt: str, query: str = "",
                 arguments: dict[str, Any] | None = None, back_url: str = "") -> ExportJob:
    """Store the job; its task is queued once this transaction commits."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(fmt)
    exporter_for(kind)  # an unknown kind fails here, not in the worker
    job = ExportJob(forum=forum, created_by=user, kind=kind, fmt=fmt, query=query,
                    arguments=arguments or {}, back_url=back_url,
                    expires_at=timezone.now() + datetime.timedelta(
                        hours=settings.EXPORT_KEEP_HOURS))
    job.full_clean()
    job.save()
    tasks.enqueue_on_commit(build_export, job.pk)
    return job


class ExportRefused(Exception):
    pass


@task()
def build_export(job_id: int) -> str:
    """Write a queued job's file; an error ends it as failed with its reason (not retried:
    the same rows would fail again). Safe to run twice; a worker killed mid-file leaves the
    job queued and no file, so the task is simply run again."""
    job = (ExportJob.objects.select_related("forum", "created_by")
           .filter(pk=job_id, status=ExportStatus.QUEUED).first())
    if job is None:
        return "skipped"  # done, failed or expired already
    try:
        count = _write(job)
    except ExportRefused as refused:
        _failed(job_id, str(refused))
        return "refused"
    except Exception as exc:
        logger.exception("Export %s failed", job_id)
        _failed(job_id, _("Váratlan hiba az export készítése közben (%(error)s).")
                % {"error": exc.__class__.__name__})
        return "failed"
    return f"written {count}"


def _write(job: ExportJob) -> int:
    from kerekasztal.core.access import can

    exporter = exporter_for(job.kind)
    if not job.created_by.is_active or not can(job.created_by, exporter.action, job.forum):
        raise ExportRefused(_("Önnek már nincs joga ehhez a listához."))
    try:
        built = exporter.build(job.forum, job.created_by, QueryDict(job.query), **job.arguments)
    except (PermissionDenied, Http404) as exc:  # the plan was deleted or made unreachable
        raise ExportRefused(_("Önnek már nincs joga ehhez a listához.")) from exc
    with tempfile.TemporaryFile() as handle:
        count = write_table(handle, built.headers, built.rows, job.fmt, sheet=built.sheet)
        handle.seek(0)
        name = f"{slugify(built.filename) or 'export'}.{job.fmt}"
        job.file.save(name, File(handle), save=False)
    updated = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.QUEUED).update(
        status=ExportStatus.DONE, file=job.file.name, filename=f"{built.filename}.{job.fmt}",
        row_count=count, finished_at=timezone.now())
    if not updated:  # another run finished it meanwhile: keep that one's file
        job.file.delete(save=False)
    return count


def _failed(job_id: int, reason: str) -> None:
    ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.FAILED, failure=reason, finished_at=timezone.now())


def is_expired(job: ExportJob, *, now: datetime.datetime | None = None) -> bool:
    return job.expires_at <= (now or timezone.now())


def export_expire(*, job: ExportJob) -> None:
    """Delete an expired job's file (its page then says it has expired)."""
    if job.file:
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")


def export_delete_expired(*, now: datetime.datetime | None = None,
                          dry_run: bool = False) -> int:
    """Delete every expired job and its file (`kerekasztal enforce-retention`)."""
    due = ExportJob.objects.filter(expires_at__lte=now or timezone.now())
    count = due.count()
    if dry_run:
        return count
    for job in due.exclude(file="").only("pk", "file"):
        job.file.delete(save=False)
    due.delete()
    return count
