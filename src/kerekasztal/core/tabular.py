"""Reading and writing tables (CSV and XLSX) for imports and exports."""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from .files import content_disposition
from .uploads import CONTENT_TYPES, sniff

MAX_ROWS = 20000


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
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str
) -> HttpResponse:
    """A CSV (UTF-8 with BOM, so Excel shows accents) or XLSX download."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(list(headers))
        for row in rows:
            sheet.append([_export_value(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    elif fmt == "csv":
        buffer_text = io.StringIO()
        writer = csv.writer(buffer_text)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_export_value(v) for v in row])
        response = HttpResponse(
            "\ufeff" + buffer_text.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        raise ValueError(fmt)
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
    return response


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
