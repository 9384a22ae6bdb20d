"""The activity log of a forum: who changed what, when, from what to what.

Every model with `history = HistoricalRecords()` that belongs to a forum (a `forum` foreign
key, or a `forum_path` class attribute naming the lookup to the forum) takes part. The
historical tables are combined with one UNION query for the page; the page's records and
their previous versions are then read with two queries per model present on the page, so the
number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

NAME_FIELDS = ("name", "title", "subject", "full_name", "email")
HIDDEN_FIELDS = {"name_key", "updated_at", "created_at"}
ACTIONS = {"+": _("létrehozás"), "~": _("módosítás"), "-": _("törlés")}
EXPORT_LIMIT = 20000


@dataclass(frozen=True)
class Tracked:
    """A model with history and how to reach its forum."""

    model: type[models.Model]
    forum_lookup: str  # "forum", "meeting__forum", or "id" for the Forum itself

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def history(self) -> type[models.Model]:
        return self.model.history.model  # type: ignore[attr-defined]

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)


def tracked_models() -> list[Tracked]:
    """Every model with history that belongs to a forum, in a stable order."""
    from django.apps import apps

    from kerekasztal.forums.models import Forum

    result = []
    for model in apps.get_models():
        if not hasattr(model, "history") or not hasattr(model.history, "model"):
            continue
        if model is Forum:
            lookup = "id"
        elif getattr(model, "forum_path", None):
            lookup = model.forum_path  # type: ignore[attr-defined]
        elif any(f.name == "forum" for f in model._meta.get_fields()):
            lookup = "forum"
        else:
            continue
        result.append(Tracked(model, lookup))
    return sorted(result, key=lambda t: t.label)


def model_choices() -> list[tuple[str, str]]:
    return sorted(((t.label, t.verbose_name.capitalize()) for t in tracked_models()),
                  key=lambda choice: choice[1])


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    """One line of the activity log."""

    when: datetime.datetime
    action: str
    action_label: str
    model_label: str
    model_name: str
    object_id: int
    object_repr: str
    user: Any
    changes: list[Change] = field(default_factory=list)

    @property
    def user_name(self) -> str:
        if self.user is None:
            return str(_("rendszer"))
        return self.user.get_full_name() or self.user.email

    def changes_text(self) -> str:
        return "; ".join(f"{c.field}: {c.old} → {c.new}" for c in self.changes)


def activity_union(forum, *, model: str = "", user: str = "", date_from=None, date_to=None):
    """The forum's historical records as one queryset of dicts (history_id, history_date,
    kind, object_id), newest first. None when no model matches."""
    parts = []
    for index, tracked in enumerate(tracked_models()):
        if model and tracked.label != model:
            continue
        lookup = "id" if tracked.forum_lookup == "id" else f"{tracked.forum_lookup}_id"
        qs = tracked.history.objects.filter(**{lookup: forum.pk})
        if user:
            qs = qs.filter(
                Q(history_user__email__icontains=user) | Q(history_user__full_name__icontains=user)
            )
        if date_from:
            qs = qs.filter(history_date__date__gte=date_from)
        if date_to:
            qs = qs.filter(history_date__date__lte=date_to)
        parts.append(
            qs.annotate(log_kind=Value(index, output_field=IntegerField()),
                        log_object=models.F("id"))
            .values("history_id", "history_date", "log_kind", "log_object")
            .order_by()
        )
    if not parts:
        return None
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-history_date", "-history_id")


class ActivityList(Sequence):
    """A lazily counted, sliceable list of Entry for the paginator."""

    def __init__(self, union) -> None:
        self.union = union
        self._count: int | None = None

    def __len__(self) -> int:
        if self.union is None:
            return 0
        if self._count is None:
            self._count = self.union.count()
        return self._count

    def count(self) -> int:  # the paginator prefers count()
        return len(self)

    def __getitem__(self, index):  # type: ignore[override]
        if self.union is None:
            return []
        if isinstance(index, slice):
            return entries_for(list(self.union[index]))
        return entries_for([self.union[index]])[0]


def _display(record, field_name: str) -> str:
    model_field = record._meta.get_field(field_name)
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("igen") if value else _("nem"))
    # The log is a table: compact dates ("2026. 12. 08."), as the language writes them.
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since the change was recorded
        return name


def _changes(tracked: Tracked, record, previous) -> list[Change]:
    fields = [
        f for f in tracked.model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and f.editable and not f.primary_key
    ]
    changes = []
    for model_field in fields:
        if previous is None:
            new = _display(record, model_field.name)
            if new != "–":
                changes.append(Change(_field_label(tracked.model, model_field.name), "–", new))
            continue
        if getattr(previous, model_field.attname) != getattr(record, model_field.attname):
            changes.append(Change(_field_label(tracked.model, model_field.name),
                                  _display(previous, model_field.name),
                                  _display(record, model_field.name)))
    return changes


def entries_for(rows: Iterable[dict]) -> list[Entry]:
    """Entries for rows of the union: two queries per model present among the rows."""
    rows = list(rows)
    models_ = tracked_models()
    by_kind: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        by_kind[row["log_kind"]].append(row["history_id"])
    records: dict[tuple[int, int], Any] = {}
    previous: dict[tuple[int, int], Any] = {}
    for kind, ids in by_kind.items():
        history = models_[kind].history
        prev_id = (
            history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id").values("history_id")[:1]
        )
        found = list(
            history.objects.filter(history_id__in=ids).select_related("history_user")
            .annotate(prev_history_id=Subquery(prev_id))
        )
        for record in found:
            records[(kind, record.history_id)] = record
        prev_ids = [r.prev_history_id for r in found if r.prev_history_id]
        for record in history.objects.filter(history_id__in=prev_ids):
            previous[(kind, record.history_id)] = record
    entries = []
    for row in rows:
        kind = row["log_kind"]
        record = records.get((kind, row["history_id"]))
        if record is None:
            continue
        tracked = models_[kind]
        prev = previous.get((kind, record.prev_history_id)) if record.prev_history_id else None
        changes = [] if record.history_type == "-" else _changes(tracked, record, prev)
        entries.append(Entry(
            when=record.history_date, action=record.history_type,
            action_label=str(ACTIONS.get(record.history_type, record.history_type)),
            model_label=tracked.label, model_name=tracked.verbose_name,
            object_id=record.id, object_repr=_object_repr(record),
            user=record.history_user, changes=changes,
        ))
    return entries


def _object_repr(record: HistoricalChanges) -> str:
    """The record's own name field (no query), else its number."""
    for name in NAME_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value
    return f"#{record.id}"


def activity_export_rows(union) -> Iterable[list[Any]]:
    if union is None:
        return
    rows = list(union[:EXPORT_LIMIT])
    for start in range(0, len(rows), 500):
        for entry in entries_for(rows[start:start + 500]):
            yield [entry.when.isoformat(timespec="seconds"), entry.user_name,
                   entry.action_label, entry.model_name, entry.object_repr,
                   entry.changes_text()]


