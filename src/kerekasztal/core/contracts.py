"""Contracts between apps that land at different times.

Apps describe what they offer to the rest of the platform in small modules of their own,
found here by name, so no app imports another app's internals:

- `kerekasztal.<app>.indicators.RULES`: a list of `IndicatorRule` (the projects app counts
  them for a grant project's indicators and shows the records behind each figure);
- `kerekasztal.<app>.public.SOURCES`: a list of `PublicSource` (public records for search,
  the sitemap, feeds and the platform front page, in the publishing app);
- `kerekasztal.<app>.api.router`: a django-ninja `Router` mounted by the api app under
  `/api/v1/`.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Count, QuerySet
from django.utils import timezone


def day_end(day: datetime.date) -> datetime.datetime:
    """The first moment after the local day `day`: a date-time falls on `day` or before it
    when it is earlier than this. Rules filter with `starts_at__lt=day_end(as_of)` rather
    than `starts_at__date__lte=as_of`: the same records, compared as stored (an index can
    serve it; SQLite calls no Python function per row)."""
    return timezone.make_aware(datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min))


@dataclass(frozen=True)
class IndicatorRule:
    """How one indicator is computed from records.

    `records(forums, as_of, **params)` returns the records behind the figure as of the end
    of `as_of` (inclusive) in the given forums; the value is their number, or the number
    of distinct `distinct` values (a lookup path, e.g. "parties__organisation").
    `settlement` is the lookup path from a record to a territory.Settlement, for the
    per-settlement breakdown (None when the indicator has no place).
    `params` names the keyword arguments `records` accepts, with their choices
    ({"kind": [("training", "Képzés"), ...]}).
    `dated` is the lookup path of a record's date-time when the day enters `records` only
    as "that local date on or before the day" (a running total: the records of a day are
    those of a later day up to it): a dashboard series then counts the last day's records
    before each day's end (`day_end`) in one query instead of counting them again for
    every month.
    """

    code: str
    label: str
    unit: str
    records: Callable[..., QuerySet]
    distinct: str | None = None
    settlement: str | None = None
    params: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    dated: str | None = None

    def value(self, forums: QuerySet, as_of: datetime.date, **params: Any) -> int:
        records = self.records(forums, as_of, **params)
        if self.distinct:
            return records.values(self.distinct).exclude(**{f"{self.distinct}__isnull": True}) \
                .distinct().count()
        return records.count()

    def by_settlement(self, forums: QuerySet, as_of: datetime.date,
                      **params: Any) -> dict[int, int]:
        """Settlement id → value; empty when the indicator has no place."""
        if not self.settlement:
            return {}
        records = self.records(forums, as_of, **params).order_by()
        counted = self.distinct or "pk"
        rows = records.values(self.settlement).annotate(n=Count(counted, distinct=True))
        # the records without a place are one group of their own, left out (cheaper than
        # excluding them: on a many-to-many path that is an anti-join per record)
        return {row[self.settlement]: row["n"] for row in rows
                if row[self.settlement] is not None}


@dataclass(frozen=True)
class PublicSource:
    """Public records of one kind, for search, the sitemap, feeds and the front page.

    `records(forums)` returns only what those forums publish (never closed material).
    The callables take one record; `text` is plain text for the search index.
    """

    kind: str
    label: str
    records: Callable[[QuerySet], QuerySet]
    title: Callable[[Any], str]
    text: Callable[[Any], str]
    url: Callable[[Any], str]
    date: Callable[[Any], datetime.date | datetime.datetime | None] = lambda record: None


def _modules(name: str) -> Iterable[Any]:
    for config in apps.get_app_configs():
        if not config.name.startswith("kerekasztal."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise


@cache
def indicator_rules() -> dict[str, IndicatorRule]:
    return {rule.code: rule for module in _modules("indicators")
            for rule in getattr(module, "RULES", [])}


@cache
def public_sources() -> dict[str, PublicSource]:
    return {source.kind: source for module in _modules("public")
            for source in getattr(module, "SOURCES", [])}


def api_routers() -> list[tuple[str, Any]]:
    """(app label, router) of every app with an `api.router`."""
    return [(module.__name__.split(".")[1], module.router) for module in _modules("api")
            if hasattr(module, "router")]
