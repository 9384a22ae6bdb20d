"""Generic, typed links between records of one forum (core.models.Link).

Apps that land at different times point at each other through these instead of foreign
keys: `link_create(source=problem, target=event, kind="evidence")`. Both ends must belong
to the same forum (their `forum` attribute, or `forum_id`).
"""

from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import Link, User


def _forum_id(record: Any) -> int | None:
    forum_id = getattr(record, "forum_id", None)
    if forum_id is None and hasattr(record, "forum"):
        forum_id = record.forum.pk
    return forum_id


@transaction.atomic
def link_create(*, source: models.Model, target: models.Model, kind: str, note: str = "",
                user: User | None = None) -> Link:
    forum_id = _forum_id(source)
    target_forum = _forum_id(target)
    if forum_id is None or target_forum is None:
        raise ValueError("both ends of a link need a forum")
    if forum_id != target_forum:
        forum_root = getattr(getattr(source, "forum", None), "root", None)
        target_root = getattr(getattr(target, "forum", None), "root", None)
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


def _resolve(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], models.Model]:
    """(content type id, pk) pairs → records, one query per model."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for type_id, pk in pairs:
        by_type[type_id].add(pk)
    found: dict[tuple[int, int], models.Model] = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for record in model._default_manager.filter(pk__in=pks):
            found[(type_id, record.pk)] = record
    return found


def targets_of(source: models.Model, kind: str | None = None,
               model: type[models.Model] | None = None) -> list[models.Model]:
    """Records that `source` links to (optionally of one kind and one model)."""
    links = Link.objects.filter(source_type=ContentType.objects.get_for_model(source),
                                source_id=source.pk)
    if kind:
        links = links.filter(kind=kind)
    if model is not None:
        links = links.filter(target_type=ContentType.objects.get_for_model(model))
    pairs = list(links.values_list("target_type_id", "target_id"))
    found = _resolve(pairs)
    return [found[pair] for pair in pairs if pair in found]


def sources_of(target: models.Model, kind: str | None = None,
               model: type[models.Model] | None = None) -> list[models.Model]:
    """Records that link to `target`."""
    links = Link.objects.filter(target_type=ContentType.objects.get_for_model(target),
                                target_id=target.pk)
    if kind:
        links = links.filter(kind=kind)
    if model is not None:
        links = links.filter(source_type=ContentType.objects.get_for_model(model))
    pairs = list(links.values_list("source_type_id", "source_id"))
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
