"""Cheap rows for large exports: plain values instead of model instances with prefetches."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Model, QuerySet


def related_values(qs: QuerySet, field: str, *values: str) -> dict[int, list[tuple[Any, ...]]]:
    """For the many-to-many `field` of the records of `qs`, the related rows' `values` per
    record key, in the related model's own order (as a prefetch would give them): one query,
    the records picked by `qs` as a subquery (no list of keys sent)."""
    m2m = qs.model._meta.get_field(field)
    through: type[Model] = m2m.remote_field.through
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    ordering = [f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
                for o in m2m.related_model._meta.ordering]
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    # Ordered by record first: only a record's own related rows are compared by name (a
    # collation's comparison costs; thousands of rows sorted by name took half the query).
    for row in (through.objects
                .filter(**{f"{source}__in": qs.order_by().values("pk")})
                .order_by(f"{source}_id", *ordering, "pk")
                .values_list(f"{source}_id", *[f"{target}__{v}" for v in values])):
        found[row[0]].append(row[1:])
    return found


def joined(found: dict[int, list[tuple[Any, ...]]], key: int, shown=None) -> str:
    """The related rows of one record as the exports show them: "a; b; c"."""
    return "; ".join(str(shown(*row) if shown else row[0]) for row in found.get(key, ()))


def joined_all(found: dict[int, list[tuple[Any, ...]]], shown=None) -> dict[int, str]:
    """`joined` for every record at once (record key → "a; b; c"): for rows read in one
    pass, cheaper than joining record by record."""
    if shown is None:
        return {key: "; ".join(str(row[0]) for row in rows) for key, rows in found.items()}
    return {key: "; ".join(str(shown(*row)) for row in rows) for key, rows in found.items()}
