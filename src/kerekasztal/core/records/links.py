"""Generic, typed links between records of one forum (core.models.Link).

Apps that land at different times point at each other through these instead of foreign
keys: `link_create(source=problem, target=event, kind="evidence")`. Both ends must belong
to the same forum (their `forum` attribute, or `forum_id`).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kerekasztal.core.models import Link, User


def _forum(record: Any) -> Any:
    try:
        return forum_of(record)
    except AttributeError:
        return None


def _forum_id(record: Any) -> int | None:
    forum_id = getattr(record, "forum_id", None)
    if forum_id is None:
        forum = _forum(record)
        forum_id = forum.pk if forum is not None else None
    return forum_id


@transaction.atomic
def link_create(*, source: models.Model, target: models.Model, kind: str, note: str = "",
                user: User | None = None) -> Link:
    forum_id = _forum_id(source)
    target_forum = _forum_id(target)
    if forum_id is None or target_forum is None:
        raise ValueError("both ends of a link need a forum")
    if forum_id != target_forum:
        forum_root = getattr(_forum(source), "root", None)
        target_root = getattr(_forum(target), "root", None)
        if forum_root is None or forum_root != target_root:
            raise ValidationError(_("Csak ugyanannak a fórumnak a rekordjai kapcsolhatók össze."))
    link = Link(
        forum_id=forum_id,
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk,
        kind=kind, note=note, created_by=user,
    )
    link.full_clean()
    link.save()
    return link


def link_delete(*, source: models.Model, target: models.Model, kind: str) -> int:
    deleted, _count = Link.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk, kind=kind,
    ).delete()
    return deleted


def _resolve(pairs, *, with_forum: bool = False) -> dict[tuple[int, int], models.Model]:
    """(content type id, pk) pairs → records, one query per model; `with_forum` selects each
    record's forum path too (labels and URLs need it)."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for type_id, pk in pairs:
        by_type[type_id].add(pk)
    found: dict[tuple[int, int], models.Model] = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        records = model._default_manager.all()
        if with_forum:
            records = records.select_related(forum_path(model))
        for record in records.filter(pk__in=pks):
            found[(type_id, record.pk)] = record
    return found


def targets_of(source: models.Model, kind: str | None = None,
               model: type[models.Model] | None = None) -> list[models.Model]:
    """Records that `source` links to (optionally of one kind and one model)."""
    return _linked(source, "source", "target", kind, model)


def sources_of(target: models.Model, kind: str | None = None,
               model: type[models.Model] | None = None) -> list[models.Model]:
    """Records that link to `target`."""
    return _linked(target, "target", "source", kind, model)


def _linked(record: models.Model, end: str, other: str, kind: str | None,
            model: type[models.Model] | None) -> list[models.Model]:
    """The records at the `other` end of `record`'s links, in the links' order."""
    links = Link.objects.filter(**{f"{end}_type": ContentType.objects.get_for_model(record),
                                   f"{end}_id": record.pk})
    if kind:
        links = links.filter(kind=kind)
    if model is not None:
        links = links.filter(**{f"{other}_type": ContentType.objects.get_for_model(model)})
    pairs = list(links.values_list(f"{other}_type_id", f"{other}_id"))
    found = _resolve(pairs)
    return [found[pair] for pair in pairs if pair in found]


def link_counts(records: list[models.Model], *, kind: str, direction: str = "target"
                ) -> dict[int, int]:
    """How many links each record has, in one query (for lists)."""
    if not records:
        return {}
    content_type = ContentType.objects.get_for_model(records[0])
    pks = [record.pk for record in records]
    field = "target" if direction == "target" else "source"
    rows = (
        Link.objects.filter(**{f"{field}_type": content_type, f"{field}_id__in": pks,
                               "kind": kind})
        .values(f"{field}_id")
        .annotate(n=models.Count("id"))
    )
    return {row[f"{field}_id"]: row["n"] for row in rows}


# --- registry of linkable records (pickers) -------------------------------------------------
#
# Which records a link of each kind may point at. A later app adds its model with one line,
# e.g. the service map's gaps as evidence of a problem:
#     LINKABLE["evidence"].append(Linkable("servicemap.Gap"))
# and, to link to its page, RECORD_URLS["servicemap.gap"] = lambda gap: reverse(...).
# Models of apps that are not installed are skipped.


@dataclass(frozen=True)
class Linkable:
    """A model whose records may be picked as the target of a kind of link."""

    model: str  # "app_label.ModelName"
    search: tuple[str, ...] = ("title",)  # fields the picker's text search looks in
    order: tuple[str, ...] = ("-pk",)


LINKABLE: dict[str, list[Linkable]] = {
    # problem → the evidence behind it
    "evidence": [
        Linkable("plans.Statistic", search=("name", "source"), order=("plan", "chapter", "order")),
        Linkable("meetings.Meeting", order=("-starts_at",)),
        Linkable("events.Event", order=("-starts_at",)),
        Linkable("servicemap.Gap", search=("description", "settlement__name",
                                           "service_type__name"), order=("-found_on",)),
    ],
    # commitment → the plan measure it serves
    "measure": [Linkable("plans.Measure", order=("plan", "number"))],
    # event report → the plan problems raised at the event
    "raised": [Linkable("plans.Problem", order=("plan", "pk"))],
    # agreement or measure → the service gap it addresses
    "addresses": [Linkable("servicemap.Gap", search=("description", "settlement__name",
                                                     "service_type__name"),
                           order=("-found_on",))],
}

KIND_LABELS = {
    "evidence": _lazy("Bizonyíték"),
    "measure": _lazy("Intézkedés"),
    "addresses": _lazy("Kezelt hiány"),
    "raised": _lazy("Felvetett probléma"),
}


def _url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs=kwargs)


# Workspace page of a record, by "app_label.modelname" (the forum slug is added).
RECORD_URLS: dict[str, Callable[[Any], str]] = {
    "plans.statistic": lambda r: _url("plans:plan_detail", forum=forum_of(r).slug,
                                      pk=r.plan_id),
    "plans.problem": lambda r: _url("plans:problem_edit", forum=forum_of(r).slug,
                                    pk=r.plan_id, problem=r.pk),
    "plans.measure": lambda r: _url("plans:measure_detail", forum=forum_of(r).slug,
                                    pk=r.plan_id, measure=r.pk),
    "meetings.meeting": lambda r: _url("meetings:detail", forum=forum_of(r).slug, pk=r.pk),
    "servicemap.gap": lambda r: _url("servicemap:gap_detail", forum=forum_of(r).slug, pk=r.pk),
    "events.event": lambda r: _url("events:event_detail", forum=forum_of(r).slug, pk=r.pk),
    "events.eventreport": lambda r: _url("events:event_detail", forum=forum_of(r).slug,
                                         pk=r.event_id),
    "agreements.commitment": lambda r: _url("agreements:detail", forum=forum_of(r).slug,
                                            pk=r.agreement_id),
    # the records behind grant project indicators (projects' drill-down), on pages the
    # auditor may read too
    "agreements.agreement": lambda r: _url("agreements:detail", forum=forum_of(r).slug,
                                           pk=r.pk),
    "agreements.party": lambda r: _url("agreements:detail", forum=forum_of(r).slug,
                                       pk=r.agreement_id),
    "directory.organisation": lambda r: _url("directory:organisation_detail",
                                             forum=forum_of(r).slug, pk=r.pk),
    "meetings.attendance": lambda r: _url("meetings:detail", forum=forum_of(r).slug,
                                          pk=r.meeting_id),
    "meetings.decision": lambda r: _url("meetings:decision_detail", forum=forum_of(r).slug,
                                        pk=r.pk),
    "events.registration": lambda r: _url("events:registration_list", forum=forum_of(r).slug,
                                          pk=r.event_id),
    "plans.plan": lambda r: _url("plans:plan_detail", forum=forum_of(r).slug, pk=r.pk),
    "servicemap.servicepoint": lambda r: _url("servicemap:point_list", forum=forum_of(r).slug)
    + "?" + urlencode({"q": r.provider_name}),
    "forums.membership": lambda r: _url("forums:membership_list", forum=forum_of(r).slug)
    + "?" + urlencode({"on": r.since.isoformat()}),
}


def forum_path(model: type[models.Model]) -> str:
    """ORM path from a record to its forum (models of nested records declare `forum_path`)."""
    return getattr(model, "forum_path", "forum")


def forum_of(record: models.Model) -> Any:
    return reduce(getattr, forum_path(type(record)).split("__"), record)


def record_key(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def record_label(record: models.Model) -> str:
    return f"{capfirst(str(record._meta.verbose_name))}: {record}"


def record_url(record: models.Model) -> str | None:
    build = RECORD_URLS.get(record._meta.label_lower)
    if build is None:
        return None
    try:
        return build(record)
    except NoReverseMatch:
        return None


def linkable_models(kind: str) -> list[tuple[Linkable, type[models.Model]]]:
    found = []
    for entry in LINKABLE.get(kind, []):
        try:
            found.append((entry, apps.get_model(entry.model)))
        except LookupError:
            continue
    return found


def forum_tree_ids(forum: Any) -> list[int]:
    """The forum's root and its working groups: the records a link may join."""
    root = forum.root
    return [root.pk, *root.working_groups.values_list("pk", flat=True)]


@dataclass(frozen=True)
class LinkedRecord:
    key: str
    label: str
    url: str | None
    kind: str
    note: str = ""
    record: Any = field(default=None, compare=False, repr=False)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def _as_linked(record: models.Model, kind: str, note: str = "") -> LinkedRecord:
    return LinkedRecord(record_key(record), record_label(record), record_url(record), kind, note,
                        record)


def visible_to(items: list[LinkedRecord], user: Any, forum: Any) -> list[LinkedRecord]:
    """Leave out the linked records the viewer may not read (`access.linked_records_visible`)."""
    from kerekasztal.core import access

    return access.linked_records_visible(items, user, forum)


def linked_targets(source: models.Model, kind: str | None = None) -> list[LinkedRecord]:
    """What `source` links to, with labels and URLs (one query per linked model)."""
    links = Link.objects.filter(source_type=ContentType.objects.get_for_model(source),
                                source_id=source.pk).order_by("pk")
    if kind:
        links = links.filter(kind=kind)
    rows = list(links.values_list("target_type_id", "target_id", "kind", "note"))
    found = _resolve({(t, pk) for t, pk, _k, _n in rows}, with_forum=True)
    return [_as_linked(found[(t, pk)], k, n) for t, pk, k, n in rows if (t, pk) in found]


def linked_sources(target: models.Model, kind: str | None = None) -> list[LinkedRecord]:
    """What links to `target` (for the target's page), with labels and URLs."""
    links = Link.objects.filter(target_type=ContentType.objects.get_for_model(target),
                                target_id=target.pk).order_by("pk")
    if kind:
        links = links.filter(kind=kind)
    rows = list(links.values_list("source_type_id", "source_id", "kind", "note"))
    found = _resolve({(t, pk) for t, pk, _k, _n in rows}, with_forum=True)
    return [_as_linked(found[(t, pk)], k, n) for t, pk, k, n in rows if (t, pk) in found]


def candidates(kind: str, forum: Any, *, q: str = "", source: models.Model | None = None,
               limit: int = 200) -> list[tuple[str, str]]:
    """(key, label) of the records of the forum's tree that a `kind` link may point at,
    filtered by text and leaving out what `source` already links to."""
    forum_ids = forum_tree_ids(forum)
    taken = set()
    if source is not None:
        taken = {record.key for record in linked_targets(source, kind)}
    choices: list[tuple[str, str]] = []
    for entry, model in linkable_models(kind):
        path = forum_path(model)
        qs = model._default_manager.select_related(path).filter(
            **{f"{path}__in": forum_ids})
        if q:
            condition = models.Q()
            for field in entry.search:
                condition |= models.Q(**{f"{field}__icontains": q})
            qs = qs.filter(condition)
        for record in qs.order_by(*entry.order)[:limit]:
            key = record_key(record)
            if key not in taken:
                choices.append((key, record_label(record)))
    return choices


def pick(kind: str, forum: Any, key: str) -> models.Model:
    """The record behind a picker's key, if a `kind` link of this forum may point at it."""
    label, _sep, pk = (key or "").partition(":")
    for _entry, model in linkable_models(kind):
        if model._meta.label_lower == label and pk.isdigit():
            path = forum_path(model)
            record = model._default_manager.select_related(path).filter(
                pk=int(pk), **{f"{path}__in": forum_tree_ids(forum)}).first()
            if record is not None:
                return record
    raise ValidationError(_("Válasszon a felsorolt rekordok közül."))


def unpick(source: models.Model, kind: str, key: str) -> int:
    """Delete the `kind` link from `source` to the record behind `key`."""
    label, _sep, pk = (key or "").partition(":")
    if not pk.isdigit() or "." not in label:
        return 0
    try:
        model = apps.get_model(label)
    except LookupError:
        return 0
    return Link.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
        target_type=ContentType.objects.get_for_model(model), target_id=int(pk), kind=kind,
    ).delete()[0]
