"""The publicity block of a grant project (Széchenyi 2020 / Széchenyi Terv Plusz rules):
beneficiary, project title and ID, grant amount and rate, fund, period, the EU-funding
statement and, where the brand asks for it (or the project says so), the EU infoblock with
"Befektetés a jövőbe" under Széchenyi 2020. The brand (Új Széchenyi Terv, Széchenyi 2020,
Széchenyi Terv Plusz) comes from the programme unless the project sets it: projects of the
same ÁROP call were published under either of the first two. A project closed (or ended) by
the day of the document is described in the past tense.

Registered with documents/publicity.py: `publicity_for(record)` returns the block of the
project that funds the record's forum on the record's day.
"""

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kerekasztal.documents.publicity import Publicity

from . import huformat
from .programmes import (
    BRAND_NAMES_HU,
    FUND_GENITIVE_HU,
    FUND_NAMES_HU,
    NEW_SZECHENYI,
    SZECHENYI_2020,
    SZECHENYI_PLUS,
)

SLOGAN = "Befektetés a jövőbe"
DATE_ATTRIBUTES = ("held_on", "held_at", "date", "starts_at", "starts_on", "start", "signed_on",
                   "adopted_on", "since",
                   "created_at")


def is_past(project, day: datetime.date | None = None) -> bool:
    return project.is_closed_on(day or timezone.localdate())


def eu_statement(project, *, past: bool | None = None) -> str:
    """'A projekt az Európai Unió támogatásával ... valósul meg / valósult meg'; the tense
    follows whether the project is closed today unless `past` says otherwise."""
    if past is None:
        past = is_past(project)
    verb = "valósult meg" if past else "valósul meg"
    eu_funds = [FUND_GENITIVE_HU[f] for f in project.funds if f in FUND_GENITIVE_HU]
    if project.scheme == SZECHENYI_PLUS:
        return f"A projekt az Európai Unió társfinanszírozásával {verb}."
    if eu_funds:
        return (f"A projekt az Európai Unió támogatásával, {' és '.join(eu_funds)} "
                f"társfinanszírozásával {verb}.")
    return f"A projekt a Magyar Állam támogatásával {verb}."


def brand_line(project) -> str:
    """How a release names the programme: 'az Új Széchenyi Terv Államreform Operatív
    Program keretében' (seed kunszentmiklos), 'a Széchenyi 2020 program keretében' (seed
    veszprem)."""
    from .writing import az

    programme = project.programme_info
    scheme = project.scheme
    if not scheme:
        return ""
    brand = BRAND_NAMES_HU[scheme]
    if programme and scheme == NEW_SZECHENYI and programme.plan == brand:
        return f"{az(brand)} {brand} {programme.name} keretében"
    return f"{az(brand)} {brand} program keretében"


def needs_slogan(project) -> bool:
    """Documents under the Széchenyi 2020 infoblock carry 'Befektetés a jövőbe'."""
    return project.shows_infoblock and project.scheme == SZECHENYI_2020


def infoblock(project) -> list[str]:
    """The lines of the EU infoblock (the logo block), or none."""
    if not project.shows_infoblock:
        return []
    eu_funds = [FUND_NAMES_HU[f] for f in project.funds if f in FUND_GENITIVE_HU]
    lines = [BRAND_NAMES_HU.get(project.scheme, ""), "Európai Unió"]
    lines += eu_funds
    lines.append("Magyarország Kormánya")
    return [line for line in lines if line]


def block(project, day: datetime.date | None = None) -> Publicity:
    """The block for a document of `day` (today unless given): past tense once closed."""
    funds = ", ".join(FUND_NAMES_HU.get(f, f) for f in project.funds)
    programme = project.programme_info
    lines = [
        f"Támogatás: {huformat.million_forints(project.grant_amount)} "
        f"({huformat.percent(project.grant_rate)} támogatási intenzitás)",
    ]
    if funds:
        lines.append(f"Alap: {funds}")
    if programme:
        lines.append(f"{BRAND_NAMES_HU.get(project.scheme, programme.plan)} – "
                     f"{programme.name}")
    lines.append(f"Megvalósítás: {huformat.span(project.start, project.current_end)}")
    lines.append(eu_statement(project, past=is_past(project, day)))
    if needs_slogan(project):
        lines.append(SLOGAN)
    return Publicity(beneficiary=project.beneficiary.name, project_title=project.title,
                     project_id=project.code, lines=lines, infoblock=infoblock(project))


def _forum_of(record: Any):
    from kerekasztal.forums.models import Forum

    if isinstance(record, Forum):
        return record
    path = getattr(type(record), "forum_path", None)
    target = record
    for step in (path.split("__") if path else ["forum"]):
        target = getattr(target, step, None)
        if target is None:
            return None
    return target if isinstance(target, Forum) else None


def _day_of(record: Any) -> datetime.date:
    for name in DATE_ATTRIBUTES:
        value = getattr(record, name, None)
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            return value
    return timezone.localdate()


def provider(record: Any) -> Publicity | None:
    from .models import Project

    if isinstance(record, Project):
        return block(record)
    forum = _forum_of(record)
    if forum is None:
        return None
    day = _day_of(record)
    candidates = (
        Project.objects.filter(Q(forums_funded=forum) | Q(forum=forum, forums_funded=None))
        .filter(start__lte=day).select_related("beneficiary").prefetch_related("extensions")
        .distinct().order_by("-start")
    )
    for project in candidates:
        if day <= project.current_end:
            return block(project, day)
    return None
