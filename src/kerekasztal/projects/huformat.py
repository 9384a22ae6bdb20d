"""Hungarian number, currency and date formats for documents ("22,0 millió forint",
"2015. április 1. és 2015. november 30. között"), independent of the active language."""

import datetime
from decimal import Decimal

from kerekasztal.core import hungarian
from kerekasztal.documents.render import hu_date


def number(value, decimals: int | None = None) -> str:
    """12345 → '12 345' (a narrow no-break space); 12.5 → '12,5': core.hungarian.number,
    the one Hungarian number format of pages, documents and e-mails."""
    return hungarian.number(value, decimals)


NO_VALUE = "–"  # a figure nobody measured yet: never printed as 0


def amount(value, unit: str) -> str:
    """'14 fő'; '–' (without the unit) when there is no value yet."""
    return NO_VALUE if value is None else f"{number(value)} {unit}".strip()


def million_forints(amount: int) -> str:
    """22 000 000 → '22,0 millió forint'; 74 976 000 → '74,976 millió forint'."""
    millions = (Decimal(amount) / Decimal(1_000_000)).normalize()
    decimals = max(1, min(3, -millions.as_tuple().exponent))
    return f"{number(millions, decimals)} millió forint"


def forints(amount: int) -> str:
    """1 250 000 → '1 250 000 Ft' (narrow no-break spaces)."""
    return f"{number(amount)} Ft"


def percent(value) -> str:
    """85.50 → '85,5%', 100 → '100%' (no space before the sign: AkH 12)."""
    return hungarian.percentage(value, 2)


def period(start: datetime.date, end: datetime.date) -> str:
    """'2015. április 1. és 2015. november 30. között'."""
    return f"{hu_date(start)} és {hu_date(end)} között"


def span(start: datetime.date, end: datetime.date) -> str:
    """'2015. április 1. – 2015. november 30.'."""
    return f"{hu_date(start)} – {hu_date(end)}"


# The suffix of "on the Nth" follows the last word of the spoken number:
# elseje → -jén, másodika → -án, harmadika → -án, negyedike → -én, ötödike → -én,
# hatodika → -án, hetedike → -én, nyolcadika → -án, kilencedike → -én,
# tizedike → -én, huszadika → -án, harmincadika → -án.
_ON_DAY = {1: "jén", 2: "án", 3: "án", 4: "én", 5: "én", 6: "án", 7: "én", 8: "án", 9: "én"}
_ON_TENS = {10: "én", 20: "án", 30: "án"}


def on_day(day: datetime.date) -> str:
    """'2015. október 30-án', '2015. március 1-jén'."""
    suffix = _ON_TENS[day.day] if day.day % 10 == 0 else _ON_DAY[day.day % 10]
    return f"{hu_date(day)[:-1]}-{suffix}"


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months the period covers, counted generously (Apr 1 – Nov 30 is 8)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day - 1 else 0)
