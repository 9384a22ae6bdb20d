"""Hungarian grammar and formats in one place: the article, date suffixes, decision numbers,
numbers, percentages and dates as Hungarian texts write them.

Pages, e-mails and documents use these (templates through the filters of
`core/templatetags/kerekasztal.py`), so "a(z)" and "(XII. 05.)" never appear.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat, translation

VOWELS = frozenset("aáeéiíoóöőuúüűAÁEÉIÍOÓÖŐUÚÜŰ")
# Letters whose Hungarian name starts with a vowel: ef, el, em, en, er, es (esz), iksz,
# ipszilon; an acronym without vowels is read letter by letter ("az SZMSZ", "a KSH").
_VOWEL_NAMED_LETTERS = frozenset("FLMNRSXY")
# Roman numerals are read as ordinals (I. első, II. második, V. ötödik): by their value.
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_LEADING_PUNCT = "„“”\"'«»‚‘’([{–—-  "

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Dates as Hungarians type them ("2019. 03. 15.", "2019.03.15", "2019. 3. 15") and the ISO
# form spreadsheets give: every date field of a form and of an import reads these. The first
# is Django's Hungarian one, which a text date input is rendered with.
DATE_INPUT_FORMATS = ["%Y.%m.%d.", "%Y. %m. %d.", "%Y.%m.%d", "%Y. %m. %d", "%Y-%m-%d"]
MONTHS = ("január", "február", "március", "április", "május", "június", "július",
          "augusztus", "szeptember", "október", "november", "december")


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _number_takes_az(digits: str) -> bool:
    """'az 1', 'az 5', 'az 50', 'az 1000' (ezer), 'a 10', 'a 100', 'a 10 000'."""
    digits = digits.lstrip("0") or "0"
    if digits[0] == "5":
        return True
    # 1, 1xxx, 1xxxxxx: egy, ezer, egymillió; 1x and 1xx: tíz, száz.
    return digits[0] == "1" and len(digits) % 3 == 1


def article(following: object) -> str:
    """'a' or 'az', chosen by how the following word or number is read aloud."""
    text = str(following if following is not None else "").lstrip(_LEADING_PUNCT)
    if not text:
        return "a"
    digits = re.match(r"\d+(?:[ \u00a0\u202f]\d{3})*", text)
    if digits:
        return "az" if _number_takes_az(re.sub(r"\D", "", digits.group(0))) else "a"
    word = re.match(r"[^\s,;:.!?)]+", text)
    token = word.group(0) if word else text
    if _ROMAN.match(token) and text[len(token):].startswith("."):
        return "az" if _number_takes_az(str(_roman_value(token))) else "a"
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters) \
            and not any(ch in VOWELS for ch in letters):
        return "az" if letters[0] in _VOWEL_NAMED_LETTERS else "a"
    return "az" if token[0] in VOWELS else "a"


def with_article(following: object, *, capital: bool = False) -> str:
    """'az 1.', 'a 10.', 'az Esélyteremtő…': the article and the word.

    Only Hungarian text takes the article: under another active language (an English page
    or message) the word comes alone, so a translatable sentence can pass
    `with_article(...)` as a placeholder and its translation reads "version 2", not "az 2".
    """
    language = translation.get_language()
    if language and not language.startswith("hu"):
        return str(following)
    word = article(following)
    return f"{word.capitalize() if capital else word} {following}"


# The possessive vowel a day number takes ("június 2-án", "1-jén", "10-én", "20-án"),
# decided by the ordinal's last part: elseje, másodika (but tizenkettedike), harmadika,
# negyedike, ötödike, hatodika, hetedike, nyolcadika, kilencedike; tizedike, huszadika,
# harmincadika.
_UNIT_VOWEL = {1: "é", 2: "é", 3: "á", 4: "é", 5: "é", 6: "á", 7: "é", 8: "á", 9: "é"}
_TENS_VOWEL = {1: "é", 2: "á", 3: "á"}


def _day_stem(day: int) -> str:
    if not 1 <= day <= 31:
        raise ValueError(f"day out of range: {day}")
    if day == 1:
        return "1-jé"
    if day == 2:
        return "2-á"
    vowel = _UNIT_VOWEL[day % 10] if day % 10 else _TENS_VOWEL[day // 10]
    return f"{day}-{vowel}"


def day_on(day: int) -> str:
    """'1-jén', '2-án', '10-én', '26-án', '31-én': on that day."""
    return _day_stem(day) + "n"


def day_from(day: int) -> str:
    """'1-jétől', '2-ától', '10-étől', '20-ától': from that day."""
    stem = _day_stem(day)
    return stem + ("tól" if stem.endswith("á") else "től")


def day_until(day: int) -> str:
    """'1-ig', '31-ig': until that day (as Hungarian texts write a deadline)."""
    _day_stem(day)
    return f"{day}-ig"


def day_of(day: int) -> str:
    """'1-jei', '2-ai', '10-ei': the day's adjective ('a május 26-ai ülés')."""
    stem = _day_stem(day)
    return stem[:-1] + ("a" if stem.endswith("á") else "e") + "i"


_SUFFIXES = {"on": day_on, "from": day_from, "until": day_until, "of": day_of}


def date_long(value: datetime.date | None, suffix: str = "") -> str:
    """'2026. december 5.', or with a suffix: '2015. június 1-jén' (on), '1-jétől'
    (from), '31-ig' (until), '26-ai' (of). A missing date is '–'."""
    if value is None:
        return "–"
    head = f"{value.year}. {MONTHS[value.month - 1]} "
    if not suffix:
        return f"{head}{value.day}."
    return head + _SUFFIXES[suffix](value.day)


def date_short(value: datetime.date | None) -> str:
    """'2026. 12. 05.' for tables (sortable by eye); a missing date is '–'."""
    if value is None:
        return "–"
    return f"{value.year}. {value.month:02d}. {value.day:02d}."


def decision_number(number: int, day: datetime.date) -> str:
    """'1/2026. (XII. 5.)': a decision's number as Hungarian bodies write it."""
    return f"{number}/{day.year}. ({ROMAN_MONTHS[day.month - 1]}. {day.day}.)"


# Numbers as Hungarian texts write them (AkH 12, 288-292): a decimal comma; numbers of five
# or more digits in groups of three with a space that never breaks a line (U+202F, the
# narrow no-break space), four-digit ones whole ("1250", "12 345"); the per cent sign
# follows the number without a space ("85,5%", "a 15%-os arány"). Machine formats (CSV
# values, the JSON API, XLSX numeric cells) keep machine numbers: these are for reading.
THOUSANDS = "\u202f"


def _decimal(value: int | float | Decimal | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def number(value: int | float | Decimal | str | None, places: int | None = 0) -> str:
    """'12 345' or '11,5': a narrow no-break space between thousands, a decimal comma.

    `places=None` keeps the places the value has, without trailing zeros (12.50 → '12,5',
    3.0 → '3'): for recorded figures whose precision is the recorder's. A missing value
    is '–'.
    """
    if value is None or value == "":
        return "–"
    exact = _decimal(value)
    if places is None:
        rounded = exact.quantize(Decimal(1)) if exact == exact.to_integral_value() \
            else exact.normalize()
    else:
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = THOUSANDS.join(groups) if len("".join(groups)) > 4 else "".join(groups)
    return sign + text + ("," + fraction if fraction else "")


def percentage(value: int | float | Decimal | str | None, places: int = 1) -> str:
    """'85,5%', '140%', '33,3%': a percentage already computed, rounded to `places`
    without trailing zeros, the sign after the number without a space (AkH 12); a missing
    value is '–'."""
    if value is None or value == "":
        return "–"
    text = number(value, places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def percent(part: int | float | Decimal, whole: int | float | Decimal | None,
            places: int = 1) -> str:
    """'116,7%' for 14 of 12 (never truncated); '–' when there is no whole."""
    if not whole:
        return "–"
    return percentage(_decimal(part) * 100 / _decimal(whole), places)


def _hungarian_active() -> bool:
    language = translation.get_language()
    return not language or language.startswith("hu")


def page_number(value: int | float | Decimal | str | None, places: int | None = 0) -> str:
    """`number` under Hungarian; under another active language (an English page) the
    same figure as English writes it ("12,345", "11.5"). Pages use this (the `hu_number`
    filter); documents and e-mails, always Hungarian, use `number`."""
    text = number(value, places)
    if text == "–" or _hungarian_active():
        return text
    plain = text.replace(THOUSANDS, "").replace(",", ".")
    return numberformat.format(plain, ".", grouping=3, thousand_sep=",", force_grouping=True)


def page_percentage(value: int | float | Decimal | str | None, places: int = 1) -> str:
    """`percentage` under Hungarian ("85,5%"); "85.5%" under another active language."""
    text = percentage(value, places)
    if text == "–" or _hungarian_active():
        return text
    return page_number(Decimal(text.removesuffix("%").replace(THOUSANDS, "")
                               .replace(",", ".")), None) + "%"


def page_time_span(start: datetime.datetime, end: datetime.datetime, *,
                   weekday: bool = False) -> str:
    """A session's or an event's time in local time and the active language, as pages and
    e-mails write it: "2026. március 2. 9:00–16:00", with the last day's date too when it
    ends on another day ("2026. március 2. 9:00 – 2026. március 3. 16:00"); with
    `weekday`, the first day's name after its date ("2026. március 2., hétfő 9:00–16:00")."""
    from django.utils import timezone
    from django.utils.formats import date_format

    start, end = timezone.localtime(start), timezone.localtime(end)
    day, last = date_format(start, "DATE_FORMAT"), date_format(end, "DATE_FORMAT")
    if weekday:
        day = f"{day}, {date_format(start, 'l')}"
    if start.date() == end.date():
        return f"{day} {start:%H:%M}–{end:%H:%M}"
    return f"{day} {start:%H:%M} – {last} {end:%H:%M}"
