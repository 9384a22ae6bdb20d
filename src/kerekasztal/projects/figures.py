"""Indicator values computed from the records of the other apps, as of any day.

Computed indicators go through `core.contracts.indicator_rules()` only: the rule of another
app returns the records behind the figure. Manual indicators take the latest recorded
value on or before the day (each with its evidence).
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models
from django.db.models import F, Min, QuerySet

from kerekasztal.core import contracts, hungarian
from kerekasztal.core.contracts import IndicatorRule
from kerekasztal.core.records import links

from .models import Indicator, ManualValue, Project


@dataclass
class Figure:
    indicator: Indicator
    as_of: datetime.date
    # None: nothing measured — a manual indicator with no value yet on that day, or a rule
    # whose app is not installed. Never shown as 0: a real 0 is a value entered (or counted).
    value: Decimal | int | None
    rule: IndicatorRule | None = None
    manual_value: ManualValue | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def manual(self) -> bool:
        return self.indicator.is_manual

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def percent(self) -> Decimal | None:
        """Achievement in per cent, rounded half up to one decimal (14 of 12: 116.7)."""
        if self.value is None or not self.indicator.target:
            return None
        return (Decimal(self.value) * 100 / Decimal(self.indicator.target)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent_text(self) -> str:
        """'116,7%' as Hungarians write it; '–' when there is no target or value."""
        if self.value is None:
            return "–"
        return hungarian.percent(self.value, self.indicator.target)

    @property
    def reached(self) -> bool:
        return self.value is not None and Decimal(self.value) >= self.indicator.target

    @property
    def has_places(self) -> bool:
        return bool(self.rule and self.rule.settlement)


def rule_of(indicator: Indicator) -> IndicatorRule | None:
    return contracts.indicator_rules().get(indicator.rule) if indicator.rule else None


def manual_value_on(indicator: Indicator, day: datetime.date) -> ManualValue | None:
    """The manual value in force on `day` (from a prefetched `manual_values`)."""
    values = [v for v in indicator.manual_values.all() if v.as_of <= day]
    return max(values, key=lambda v: (v.as_of, v.pk)) if values else None


def figure(indicator: Indicator, as_of: datetime.date, forums: QuerySet | None = None,
           value: int | None = None) -> Figure:
    """The indicator's figure on a day; `value` is its computed value when already known
    (the last point of its series)."""
    if indicator.is_manual:
        manual = manual_value_on(indicator, as_of)
        measured = manual.value.normalize() if manual is not None else None
        return Figure(indicator, as_of, measured, manual_value=manual)
    rule = rule_of(indicator)
    if rule is None:
        return Figure(indicator, as_of, None)
    if value is None:
        forums = forums if forums is not None else indicator.project.funded_forums()
        value = rule.value(forums, as_of, **indicator.params)
    return Figure(indicator, as_of, value, rule=rule)


def figures(project: Project, as_of: datetime.date,
            series: dict[int, list[tuple[datetime.date, Any]]] | None = None) -> list[Figure]:
    """Every indicator of the project (prefetched by queries.project_detail) as of a day.
    With the project's `series` up to that day, each computed value is its last point
    (the same count, not made again)."""
    forums = project.funded_forums()
    known = {pk: points[-1][1] for pk, points in (series or {}).items()
             if points and points[-1][0] == as_of}
    return [figure(indicator, as_of, forums, value=known.get(indicator.pk))
            for indicator in project.indicators.all()]


def records(indicator: Indicator, as_of: datetime.date) -> QuerySet | None:
    """The records behind a computed value; None for manual indicators and missing rules."""
    rule = rule_of(indicator)
    if rule is None:
        return None
    return rule.records(indicator.project.funded_forums(), as_of, **indicator.params)


def counted_model(rule: IndicatorRule, model: type[models.Model]) -> type[models.Model] | None:
    """The model a distinct rule counts, when its `distinct` path ends on a relation (e.g.
    "organisation" → directory.Organisation); None when it counts values (an e-mail
    address, an annotation) or the rule is not distinct."""
    if not rule.distinct:
        return None
    target = model
    for name in rule.distinct.split("__"):
        try:
            field_ = target._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field_.is_relation:
            return None
        target = field_.related_model
    return target


def listed(indicator: Indicator, as_of: datetime.date) -> QuerySet | None:
    """The records listed behind a computed value, exactly as many as the value: every
    record, or — for a "distinct" rule — each counted record once (the organisations
    themselves, however many sessions they attended), or, when the rule counts values
    (e-mail addresses, people), the first record of each value. None for manual indicators
    and missing rules."""
    rule = rule_of(indicator)
    if rule is None:
        return None
    records = rule.records(indicator.project.funded_forums(), as_of, **indicator.params)
    if not rule.distinct:
        return with_relations(records)
    present = records.exclude(**{f"{rule.distinct}__isnull": True})
    target = counted_model(rule, records.model)
    if target is not None:
        return with_relations(target._default_manager.filter(
            pk__in=present.values(rule.distinct).order_by()))
    firsts = present.order_by().values(rule.distinct).annotate(first=Min("pk")).values("first")
    return with_relations(records.model._default_manager.filter(pk__in=firsts))


def with_relations(records: QuerySet) -> QuerySet:
    """The records with their direct foreign keys joined, so that listing them (their
    str and get_absolute_url usually follow one of them) costs one query."""
    names = [f.name for f in records.model._meta.concrete_fields if f.many_to_one]
    path = links.forum_path(records.model)
    if "__" in path:  # the record's URL follows its forum
        names.append(path)
    return records.select_related(*names) if names else records


def by_settlement(indicator: Indicator, as_of: datetime.date) -> dict[int, int]:
    rule = rule_of(indicator)
    if rule is None:
        return {}
    return rule.by_settlement(indicator.project.funded_forums(), as_of, **indicator.params)


def month_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of every month from start's to end's, the last one being `end`."""
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


MAX_POINTS = 24


def series(project: Project, until: datetime.date) -> dict[int, list[tuple[datetime.date, Any]]]:
    """Indicator id → [(month end, value)] from the project's start to `until`.

    One query per computed indicator (every month's count as a scalar subquery of one
    SELECT), whatever the months and records; manual indicators use their prefetched
    values. The values are those of `figure()` on each day."""
    days = month_ends(project.start, max(project.start, until))
    if len(days) > MAX_POINTS:  # long projects: every few months, always the last day
        step = -(-len(days) // MAX_POINTS)
        days = days[-1::-step][::-1]
    forums = project.funded_forums()
    result = {}
    for indicator in project.indicators.all():
        rule = None if indicator.is_manual else rule_of(indicator)
        if rule is None:
            result[indicator.pk] = [(day, figure(indicator, day, forums).value) for day in days]
        else:
            values = values_on(rule, forums, days, **indicator.params)
            result[indicator.pk] = list(zip(days, values, strict=True))
    return result


def _counted(rule: IndicatorRule, forums: QuerySet, day: datetime.date, **params) -> QuerySet:
    """The queryset whose number of rows is `rule.value(forums, day, **params)`."""
    records = rule.records(forums, day, **params)
    if rule.distinct:
        return records.values(rule.distinct).exclude(**{f"{rule.distinct}__isnull": True}) \
            .distinct().order_by()
    return records.order_by().values("pk")  # as many rows; a DISTINCT compares ids only


def _compiled(rule: IndicatorRule, forums: QuerySet, day: datetime.date,
              **params: Any) -> tuple[str, str | None, list]:
    """(database alias, SQL or None when the records are none, parameters) for one day."""
    queryset = _counted(rule, forums, day, **params)
    try:
        sql, sql_params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return queryset.db, None, []
    return queryset.db, sql, list(sql_params)


def _day_forms(day: datetime.date, using: str) -> list[Any]:
    # The ways a day enters a rule's SQL as a parameter: the date itself or its ISO text
    # (SQLite), or the first moment after it (`contracts.day_end`) as the database takes it.
    end = contracts.day_end(day)
    return [day, day.isoformat(), end, connections[using].ops.adapt_datetimefield_value(end)]


def _per_day(rule: IndicatorRule, forums: QuerySet, days: list[datetime.date],
             **params: Any) -> list[tuple[str, str | None, list]]:
    """The compiled records of every day. Compiling a queryset costs ~1 ms of Python; when
    the first and last days compile to the same SQL whose parameters differ only where
    they are those days (or their ends), the other days reuse it with their own (else each
    day is compiled on its own)."""
    first = _compiled(rule, forums, days[0], **params)
    if len(days) == 1:
        return [first]
    last = _compiled(rule, forums, days[-1], **params)
    using, sql, first_params = first
    first_forms, last_forms = _day_forms(days[0], using), _day_forms(days[-1], using)
    slots: dict[int, int] | None = {}
    if sql is not None and sql == last[1] and len(first_params) == len(last[2]):
        for index, (one, other) in enumerate(zip(first_params, last[2], strict=True)):
            if one == other:
                continue
            form = next((k for k, (a, b) in enumerate(zip(first_forms, last_forms, strict=True))
                         if type(one) is type(a) and one == a and other == b), None)
            if form is None:
                slots = None
                break
            slots[index] = form
    else:
        slots = None
    if slots is None:
        return [first, *(_compiled(rule, forums, day, **params) for day in days[1:-1]), last]
    compiled = []
    for day in days:
        forms = _day_forms(day, using)
        day_params = list(first_params)
        for index, form in slots.items():
            day_params[index] = forms[form]
        compiled.append((using, sql, day_params))
    return compiled


def _running_totals(rule: IndicatorRule, forums: QuerySet, days: list[datetime.date],
                    **params: Any) -> list[int]:
    """A dated rule's values on every day, in one query: the last day's records (or their
    distinct values, each at its first date-time) counted before each day's end. The
    date-times are compared as stored, so no date is computed per row."""
    records = rule.records(forums, days[-1], **params).order_by()
    dated = str(rule.dated)
    if rule.distinct:
        records = (records.exclude(**{f"{rule.distinct}__isnull": True})
                   .values(rule.distinct).annotate(first_at=Min(dated)))
    else:
        records = records.annotate(first_at=F(dated)).values("first_at")
    try:
        sql, sql_params = records.query.get_compiler(using=records.db).as_sql()
    except EmptyResultSet:
        return [0] * len(days)
    ops = connections[records.db].ops
    ends = [ops.adapt_datetimefield_value(contracts.day_end(day)) for day in days]
    counts = ", ".join(f"COUNT(CASE WHEN first_at < %s THEN 1 END) AS day_{index}"
                       for index in range(len(days)))
    with connections[records.db].cursor() as cursor:
        # The SQL is the ORM's own, with its parameters kept apart.
        cursor.execute(f"SELECT {counts} FROM ({sql}) AS dated",  # noqa: S608
                       [*ends, *sql_params])
        return [int(n) for n in cursor.fetchone()]


def values_on(rule: IndicatorRule, forums: QuerySet, days: list[datetime.date],
              **params: Any) -> list[int]:
    """`rule.value(forums, day)` for every day, in one query: SELECT (SELECT COUNT(*) FROM
    (records on day 1)), (SELECT COUNT(*) FROM (records on day 2)), ... — the counts are
    those of `QuerySet.count()` on the same records. A rule with a record date (`dated`)
    is one GROUP BY instead (`_running_totals`), whatever the number of days."""
    if not days:
        return []
    if rule.dated and days == sorted(days):
        return _running_totals(rule, forums, days, **params)
    return _count_all(_per_day(rule, forums, days, **params))


def _count_all(compiled: list[tuple[str, str | None, list]]) -> list[int]:
    """The number of rows of each compiled query, all in one SELECT."""
    if not compiled:
        return []
    parts, arguments, using = [], [], compiled[0][0]
    for index, (_using, sql, sql_params) in enumerate(compiled):
        if sql is None:  # no records can match (e.g. an empty `__in`)
            parts.append("0")
            continue
        # The SQL is the ORM's own, with its parameters kept apart.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS day_{index})")  # noqa: S608
        arguments.extend(sql_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), arguments)
        return list(cursor.fetchone())


def current_day(project: Project, today: datetime.date) -> datetime.date:
    """The day a project's figures are shown as of by default (the dashboard's, the public
    page's): today, or the project's end (after its extensions) once it has ended."""
    return min(project.current_end, today)


def figures_of(projects: Iterable[Project],
               today: datetime.date) -> list[tuple[Project, datetime.date, list[Figure]]]:
    """Every indicator figure of several projects (prefetched by `queries.public_projects`),
    each project's as of its `current_day`: the dashboard's numbers, with every computed
    value counted in one query whatever the number of projects and indicators."""
    pending: list[tuple[Project, datetime.date, QuerySet]] = []
    compiled, counted = [], []
    for project in projects:
        as_of, forums = current_day(project, today), project.funded_forums()
        pending.append((project, as_of, forums))
        for indicator in project.indicators.all():
            rule = None if indicator.is_manual else rule_of(indicator)
            if rule is not None:
                compiled.append(_compiled(rule, forums, as_of, **indicator.params))
                counted.append(indicator.pk)
    values = dict(zip(counted, _count_all(compiled), strict=True))
    return [(project, as_of, [figure(indicator, as_of, forums, value=values.get(indicator.pk))
                              for indicator in project.indicators.all()])
            for project, as_of, forums in pending]
