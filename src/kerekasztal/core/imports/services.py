"""Imports from CSV/XLSX: every row is checked and shown in a preview, then applied all at
once in one transaction, or not at all. Apps describe their tables with an ImportSpec.

Accepting the preview (`import_queue`) only marks the batch queued and puts the task
`apply_import` on the queue in the same transaction; the task writes every row in one
transaction (`import_apply`) and marks the batch applied, or failed with the reason. A
worker killed mid-task leaves nothing written and the batch queued: the task is run again
(core/tasks.requeue_abandoned)."""

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kerekasztal.core import tasks
from kerekasztal.core.models import ImportBatch, ImportStatus, User
from kerekasztal.core.tabular import header_key, read_numbered_table

logger = logging.getLogger(__name__)

# The key of a stored row that holds its number in the file (blank rows are left out).
ROW_NUMBER = "_row"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the user sees it in the spreadsheet (header is row 1)
    column: str
    message: str


@dataclass
class ImportSpec:
    """What an app needs to import one kind of table.

    `row_form` is a Form class built for one row (its fields named like the column keys);
    it receives `forum` and `seen` (state shared across rows, e.g. for duplicates).
    `create(forum, cleaned_rows, user)` writes every row; it runs inside one transaction.
    """

    kind: str
    label: str
    columns: list[Column]
    row_form: Callable[..., forms.Form]
    create: Callable[..., int]
    example: list[list[str]] = field(default_factory=list)
    # Rules across rows (e.g. rows that group into one record), given (row number, cleaned
    # row) of every good row and (row number, raw row) of every row that failed its own
    # checks, returning the errors of the rows that break them. A rule must not blame a good
    # row for what a failed row lacks (the failed row's own error is the real one).
    check_rows: Callable[[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]],
                         list["RowError"]] | None = None

    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]  # XLSX needs str, not lazy


def _map_headers(spec: ImportSpec, headers: list[str], row: int = 1
                 ) -> tuple[dict[int, str], list[RowError]]:
    known: dict[str, str] = {}
    for column in spec.columns:
        for name in (column.header, column.key, *column.aliases):
            known[header_key(name)] = column.key
    mapping: dict[int, str] = {}
    errors: list[RowError] = []
    for index, header in enumerate(headers):
        key = known.get(header_key(header))
        if key is None:
            if header.strip():
                errors.append(RowError(row, header, _("Ismeretlen oszlop: „%s”.") % header))
            continue
        if key in mapping.values():
            errors.append(RowError(row, header, _("Az oszlop kétszer szerepel: „%s”.") % header))
            continue
        mapping[index] = key
    for column in spec.columns:
        if column.required and column.key not in mapping.values():
            errors.append(RowError(
                row, str(column.header), _("Hiányzik a kötelező oszlop: „%s”.") % column.header
            ))
    return mapping, errors


def _validate(
    spec: ImportSpec, forum: Any, rows: list[dict[str, str]]
) -> tuple[list[dict[str, Any]], list[RowError]]:
    headers = {column.key: str(column.header) for column in spec.columns}
    seen: dict[str, Any] = {}
    cleaned_rows: list[dict[str, Any]] = []
    numbered: list[tuple[int, dict[str, Any]]] = []
    failed: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    for index, row in enumerate(rows, start=2):
        number = int(row.get(ROW_NUMBER, index))  # batches stored before the numbers: in order
        form = spec.row_form(data=row, forum=forum, seen=seen)
        if form.is_valid():
            cleaned_rows.append(form.cleaned_data)
            numbered.append((number, form.cleaned_data))
            continue
        failed.append((number, row))
        for key, messages in form.errors.items():
            column = headers.get(key, _("(egész sor)"))
            errors.extend(RowError(number, column, str(message)) for message in messages)
    if spec.check_rows is not None:
        errors.extend(spec.check_rows(numbered, failed))
        errors.sort(key=lambda error: error.row)
    return cleaned_rows, errors


def import_preview(*, spec: ImportSpec, forum: Any, file: Any, user: User) -> ImportBatch:
    """Read and check the whole file; store it with every error for the preview."""
    try:
        header_number, header_row, data_rows = read_numbered_table(file)
    except ValidationError as exc:
        errors = [RowError(0, "", message) for message in exc.messages]
        rows: list[dict[str, Any]] = []
    else:
        mapping, errors = _map_headers(spec, header_row, header_number)
        rows = [
            {ROW_NUMBER: number} | {
                key: (row[index] if index < len(row) else "") for index, key in mapping.items()}
            for number, row in data_rows
        ]
        if not errors:
            _, errors = _validate(spec, forum, rows)
    return ImportBatch.objects.create(
        forum=forum, kind=spec.kind, filename=str(getattr(file, "name", ""))[:255],
        rows=rows, errors=[error.__dict__ for error in errors], created_by=user,
    )


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@transaction.atomic
def import_apply(*, spec: ImportSpec, batch: ImportBatch, user: User | None) -> int:
    """Apply every row or none. Rows are checked again: the data may have changed since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (ImportStatus.PREVIEW, ImportStatus.QUEUED):
        raise ImportRefused([RowError(0, "", _("Ezt az importálást már lezárták."))])
    cleaned_rows, errors = _validate(spec, batch.forum, batch.rows)
    if errors or batch.errors:
        raise ImportRefused(errors or [RowError(**e) for e in batch.errors])
    count = spec.create(batch.forum, cleaned_rows, user)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.applied_count = count
    batch.applied_by = user
    batch.rows = []
    batch.save(update_fields=["status", "applied_at", "applied_count", "applied_by", "rows"])
    return count


@transaction.atomic
def import_queue(*, spec: ImportSpec, batch: ImportBatch, user: User) -> ImportBatch:
    """Accept a checked preview: the rows are written by the task `apply_import`. The task
    is queued in this transaction (django-tasks-db keeps it in the database), so either the
    batch is queued and its task waits, or neither."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW or batch.kind != spec.kind:
        raise ImportRefused([RowError(0, "", _("Ezt az importálást már lezárták."))])
    if batch.errors or not batch.rows:
        raise ImportRefused([RowError(**e) for e in batch.errors]
                            or [RowError(0, "", _("A fájlban nincs importálható sor."))])
    batch.status, batch.applied_by, batch.queued_at = ImportStatus.QUEUED, user, timezone.now()
    batch.failure = ""
    batch.save(update_fields=["status", "applied_by", "queued_at", "failure"])
    tasks.enqueue(apply_import, batch.pk)
    return batch


def spec_for(kind: str) -> ImportSpec:
    """The ImportSpec of a batch's kind: an ImportSpec of `<app>/imports.py`, or what its
    `spec_for(kind)` gives (specs made per record, such as a plan's measures)."""
    module = importlib.import_module(f"kerekasztal.{kind.split('.')[0]}.imports")
    finder = getattr(module, "spec_for", None)
    spec = finder(kind) if finder is not None else None
    if spec is None:
        spec = next((value for value in vars(module).values()
                     if isinstance(value, ImportSpec) and value.kind == kind), None)
    if spec is None:
        raise LookupError(f"no import spec for {kind}")
    return spec


@task()
def apply_import(batch_id: int) -> str:
    """Write a queued batch, all rows or none; a refusal or an error ends it as failed with
    its reason (never retried: the same rows would fail again). Safe to run twice."""
    batch = (ImportBatch.objects.select_related("forum", "applied_by")
             .filter(pk=batch_id, status=ImportStatus.QUEUED).first())
    if batch is None:
        return "skipped"  # applied, failed or discarded already
    try:
        count = import_apply(spec=spec_for(batch.kind), batch=batch, user=batch.applied_by)
    except ImportRefused as refused:
        _failed(batch_id, _("A sorok az ellenőrzés óta hibássá váltak; semmi sem került "
                            "mentésre."), refused.errors)
        return "refused"
    except ValidationError as exc:  # a service's own check: its Hungarian words say why
        _failed(batch_id, _("Egy sor mentését a rendszer visszautasította, ezért semmi sem "
                            "került mentésre: %(error)s") % {"error": " ".join(exc.messages)})
        return "failed"
    except Exception as exc:
        logger.exception("Import %s failed", batch_id)
        _failed(batch_id, _("Váratlan hiba; semmi sem került mentésre (%(error)s).")
                % {"error": exc.__class__.__name__})
        return "failed"
    return f"applied {count}"


def _failed(batch_id: int, reason: str, errors: list[RowError] | None = None) -> None:
    fields: dict[str, Any] = {"status": ImportStatus.FAILED, "failure": reason}
    if errors:
        fields["errors"] = [error.__dict__ for error in errors]
    # only a batch still queued: another run of the task may have applied it meanwhile
    ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED).update(**fields)


def import_discard(*, batch: ImportBatch) -> None:
    batch.status = ImportStatus.DISCARDED
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
