"""Helpers of the write endpoints: bodies that refuse unknown fields, times in the platform's
time zone, reference records (settlements, topics, target groups, organisations) by their
public codes with a 400 naming the field when a code is unknown."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict

from kerekasztal.core import hungarian

from .errors import BadRequest


class WriteSchema(Schema):
    """A request body: an unknown field is an error (a typo must not be ignored silently)."""

    model_config = ConfigDict(extra="forbid")


def aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time without an offset is local time (Europe/Budapest)."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def reject_nulls(data: dict, nullable: Iterable[str]) -> None:
    """PATCH bodies: `null` only for the fields that may be empty."""
    allowed = set(nullable)
    for name, value in data.items():
        if value is None and name not in allowed:
            raise BadRequest(_("Ez a mező nem lehet üres (null)."), field=name)


def _storable(text: object) -> bool:
    if not isinstance(text, str) or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def by_codes(queryset, codes: list[str], *, field: str, lookup: str, unknown: str,
             outside: str | None = None, everything=None) -> list:
    """The records of `queryset` with the given codes, in the order given. A code that is
    not in `everything` is unknown; one that is but not in `queryset` is outside."""
    codes = list(dict.fromkeys(codes))
    # A code no database can hold (a NUL, a lone surrogate) is simply unknown.
    storable = [code for code in codes if _storable(code)]
    found = {getattr(record, lookup): record
             for record in queryset.filter(**{f"{lookup}__in": storable})}
    missing = [code for code in codes if code not in found]
    if missing:
        exists = set()
        if everything is not None and outside:
            exists = set(everything.filter(**{f"{lookup}__in": [
                code for code in missing if _storable(code)]}).values_list(lookup, flat=True))
        code = missing[0]
        message = outside if code in exists else unknown
        raise BadRequest(message % {"code": code,
                                    "the_code": hungarian.with_article(code, capital=True)},
                         field=field)
    return [found[code] for code in codes]


def settlements(queryset, codes: list[str], *, field: str) -> list:
    from kerekasztal.territory.models import Settlement

    return by_codes(
        queryset, codes, field=field, lookup="ksh_code",
        unknown=_("Ismeretlen település-KSH-kód: %(code)s"),
        outside=_("%(the_code)s KSH-kódú település nem tartozik a fórum területéhez."),
        everything=Settlement.objects.all())


def organisations(forum, ids: list[int], *, field: str) -> list:
    from kerekasztal.directory.models import Organisation

    queryset = Organisation.objects.filter(forum=forum.root, archived_at__isnull=True)
    ids = list(dict.fromkeys(ids))
    found = queryset.in_bulk(ids)
    for pk in ids:
        if pk not in found:
            raise BadRequest(_("%(id)s azonosítójú szervezet nincs a fórum címtárában.")
                             % {"id": hungarian.with_article(pk, capital=True)}, field=field)
    return [found[pk] for pk in ids]


def organisation(forum, value: int | str, *, field: str, matcher=None):
    """An organisation of the forum's directory by id, or by its name as people type it
    (`directory.matching.OrganisationMatcher`: accents, case and "Község Önkormányzata" /
    "Önkormányzat" do not matter); an unknown or ambiguous one is a 400 naming the field.
    Pass a `matcher` when resolving many names of one forum."""
    if isinstance(value, int):
        return organisations(forum, [value], field=field)[0]
    from kerekasztal.directory.matching import OrganisationMatcher

    try:
        return (matcher or OrganisationMatcher.for_forum(forum)).find(value)
    except ValueError as exc:
        raise BadRequest(str(exc), field=field) from exc
