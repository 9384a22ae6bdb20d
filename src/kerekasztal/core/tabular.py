"""Reading and writing tables (CSV and XLSX) for imports and exports."""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kerekasztal.core import hungarian
from kerekasztal.core.records.files import content_disposition
from kerekasztal.core.records.uploads import CONTENT_TYPES, sniff

MAX_ROWS = 20000


@dataclass(frozen=True)
class Percent:
    """A percentage for an export (45.3 for 45,3 %): in XLSX a number shown as a percentage
    (Excel can sum and chart it), in CSV the Hungarian number ("45,3"); None stays empty."""

    value: int | float | Decimal | None
    places: int = 1


def header_key(text: str) -> str:
    """Compare headers without case, accents and spacing: 'Adószám ' == 'adoszam'."""
    decomposed = unicodedata.normalize("NFKD", str(text or "")).lower()
    return "".join(ch for ch in decomposed if ch.isalnum())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(file: File) -> tuple[list[str], list[list[str]]]:
    """Header row and data rows of an uploaded CSV or XLSX; raises ValidationError."""
    kind = sniff(file)
    if kind == "xlsx":
        rows = _read_xlsx(file)
    elif kind == "csv":
        rows = _read_csv(file)
    else:
        raise ValidationError(_("Csak CSV vagy XLSX fájlt lehet importálni."), code="bad_type")
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise ValidationError(_("A fájl üres."), code="empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(
            _("Egyszerre legfeljebb %(max)s sort lehet importálni.") % {"max": MAX_ROWS},
            code="too_many_rows",
        )
    return rows[0], rows[1:]


def _read_xlsx(file: File) -> list[list[str]]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValidationError(_("Az XLSX fájl nem olvasható."), code="corrupt") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
        file.seek(0)


def _read_csv(file: File) -> list[list[str]]:
    raw = file.read()
    file.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1250")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def table_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *,
    sheet: str = "",
) -> HttpResponse:
    """A CSV (UTF-8 with BOM, so Excel shows accents) or XLSX download: the one exporter of
    every list. XLSX cells are typed (dates as dates in Hungarian format, numbers as numbers),
    the sheet has a Hungarian name, fitted column widths, and a frozen, filtered header."""
    headers = [str(h) for h in headers]
    duplicates = {h for h in headers if headers.count(h) > 1}
    if duplicates:
        raise ValueError(f"export headers must be unique: {sorted(duplicates)}")
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(headers, rows, sheet or _("Adatok")),
                                content_type=CONTENT_TYPES["xlsx"])
    elif fmt == "csv":
        buffer_text = io.StringIO()
        writer = csv.writer(buffer_text)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        response = HttpResponse(
            "\ufeff" + buffer_text.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        raise ValueError(fmt)
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
    return response


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_DATE_FORMAT = "yyyy. mm. dd."
_DATETIME_FORMAT = "yyyy. mm. dd. hh:mm"


def _xlsx(headers: list[str], rows: Iterable[Sequence[Any]], sheet_name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _SHEET_FORBIDDEN.sub(" ", sheet_name).strip()[:31] or "Adatok"
    sheet.append(headers)
    widths = [len(h) for h in headers]
    count = 0
    for row in rows:
        count += 1
        row = list(row)
        values = [_xlsx_value(v) for v in row]
        sheet.append(values)
        for index, value in enumerate(values):
            cell = sheet.cell(row=count + 1, column=index + 1)
            if isinstance(value, datetime.datetime):
                cell.number_format = _DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = _DATE_FORMAT
            elif isinstance(row[index], Percent) and value is not None:
                places = row[index].places
                cell.number_format = f"0{'.' + '0' * places if places else ''}\\ %"
            shown = 13 if isinstance(value, datetime.date) else len(str(value or ""))
            if index < len(widths):
                widths[index] = max(widths[index], min(shown, 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Percent):
        return None if value.value is None else float(value.value) / 100
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date | Decimal) or (
            isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return _csv_value(value)


def _csv_value(value: Any) -> Any:
    if isinstance(value, Percent):
        return "" if value.value is None else hungarian.number(value.value, value.places)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return _export_value(value)


def _export_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("igen") if value else _("nem")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    text = str(value)
    # A cell starting like a formula is neutralised (CSV/formula injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
