"""Reading and writing tables (CSV and XLSX) for imports and exports."""

import csv
import datetime
import io
import itertools
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kerekasztal.core import hungarian
from kerekasztal.core.records.files import content_disposition
from kerekasztal.core.records.uploads import CONTENT_TYPES, sniff

MAX_ROWS = 20000


@dataclass(frozen=True)
class Percent:
    """A percentage for an export (45.3 for 45,3%): in XLSX a number shown as a percentage
    (Excel can sum and chart it), in CSV a machine number rounded to `places` ("45.3"), as
    every CSV value is; None stays empty."""

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


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^(\d{2}):(\d{2}):00$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.(\d+)$")


def as_written(text: str) -> str:
    """A cell as a Hungarian writes it, for showing (an import's preview): the forms a
    spreadsheet's typed cells are read in ('2015-06-20', '16:00:00', '1234.5') become
    '2015. 06. 20.', '16:00' and '1234,5'; anything else is shown as it is. What is
    imported stays the cell as read."""
    if _ISO_DATE.match(text):
        try:
            return hungarian.date_short(datetime.date.fromisoformat(text))
        except ValueError:
            return text
    if time := _ISO_TIME.match(text):
        return f"{time[1]}:{time[2]}"
    if decimal := _DECIMAL_POINT.match(text):
        return hungarian.number(Decimal(text), len(decimal[1]))
    return text


def read_table(file: File) -> tuple[list[str], list[list[str]]]:
    """Header row and data rows of an uploaded CSV or XLSX; raises ValidationError."""
    _number, header, rows = read_numbered_table(file)
    return header, [cells for _row, cells in rows]


def read_numbered_table(file: File) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header row and the data rows, each with its number in the file as the
    spreadsheet shows it (1 is the first): blank rows are left out, so an error of a row
    after a blank one still names the row the user sees. Raises ValidationError."""
    kind = sniff(file)
    if kind == "xlsx":
        rows = _read_xlsx(file)
    elif kind == "csv":
        rows = _read_csv(file)
    else:
        raise ValidationError(_("Csak CSV vagy XLSX fájlt lehet importálni."), code="bad_type")
    numbered = [(number, row) for number, row in enumerate(rows, start=1)
                if any(cell for cell in row)]
    if not numbered:
        raise ValidationError(_("A fájl üres."), code="empty")
    if len(numbered) - 1 > MAX_ROWS:
        raise ValidationError(
            _("Egyszerre legfeljebb %(max)s sort lehet importálni.") % {"max": MAX_ROWS},
            code="too_many_rows",
        )
    header_number, header = numbered[0]
    return header_number, header, numbered[1:]


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


# An export of up to this many rows is sent in one piece (with its length); a longer one
# streams: CSV row by row, XLSX written by openpyxl's write-only mode to a temporary file
# that is then sent in chunks. Column widths are fitted to the header and these first rows.
STREAM_AFTER_ROWS = 1000


def table_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *,
    sheet: str = "", stream: bool = True,
) -> HttpResponseBase:
    """A CSV (UTF-8 with BOM, so Excel shows accents) or XLSX download: the one exporter of
    every list. XLSX cells are typed (dates as dates in Hungarian format, numbers as numbers),
    the sheet has a Hungarian name, fitted column widths, and a frozen, filtered header.
    Large exports stream (STREAM_AFTER_ROWS), so memory and time to the first byte stay flat;
    `stream=False` sends any size in one piece (a response the public page cache can keep)."""
    headers = _checked_headers(headers, fmt)
    rows = iter(rows)
    first = list(itertools.islice(rows, STREAM_AFTER_ROWS + 1))
    large = stream and len(first) > STREAM_AFTER_ROWS
    response: HttpResponseBase
    if fmt == "xlsx":
        file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
        _xlsx(file, headers, first, rows, sheet or _("Adatok"))
        file.seek(0)
        if large:
            response = FileResponse(file, content_type=CONTENT_TYPES["xlsx"])
        else:
            with file:
                response = HttpResponse(file.read(), content_type=CONTENT_TYPES["xlsx"])
    else:
        lines = _csv_lines(headers, itertools.chain(first, rows))
        content_type = "text/csv; charset=utf-8"
        if large:
            response = StreamingHttpResponse(lines, content_type=content_type)
        else:
            response = HttpResponse("".join(lines), content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
    return response


def write_table(file: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[Any]],
                fmt: str, *, sheet: str = "") -> int:
    """The same file as `table_response` sends, written to `file` (an export made by a task,
    core/exports/); returns the number of data rows."""
    headers = _checked_headers(headers, fmt)
    counter = _Counted(rows)
    counted = iter(counter)
    if fmt == "xlsx":
        first = list(itertools.islice(counted, STREAM_AFTER_ROWS + 1))  # widths as above
        _xlsx(file, headers, first, counted, sheet or _("Adatok"))
    else:
        for line in _csv_lines(headers, counted):
            file.write(line.encode("utf-8"))
    return counter.count


class _Counted:
    def __init__(self, rows: Iterable[Sequence[Any]]):
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def _checked_headers(headers: Sequence[str], fmt: str) -> list[str]:
    headers = [str(h) for h in headers]
    duplicates = {h for h in headers if headers.count(h) > 1}
    if duplicates:
        raise ValueError(f"export headers must be unique: {sorted(duplicates)}")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(fmt)
    return headers


class _Line:
    """csv.writer's file: hands back the line it was given."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(headers: list[str], rows: Iterator[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_DATE_FORMAT = "yyyy. mm. dd."
_DATETIME_FORMAT = "yyyy. mm. dd. hh:mm"


def _xlsx(file: IO[bytes], headers: list[str], first: list[Sequence[Any]],
          rest: Iterator[Sequence[Any]], sheet_name: str) -> None:
    """The workbook in openpyxl's write-only mode (rows go to disk as they come, not into a
    tree of cells), saved to `file`: widths and the frozen header are set before the first
    row, as that mode requires; the filter's range after the last."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_SHEET_FORBIDDEN.sub(" ", sheet_name).strip()[:31]
                                  or "Adatok")
    widths = [len(h) for h in headers]
    for row in first:
        for index, value in enumerate(row[:len(widths)]):
            value = _xlsx_value(value)
            shown = 13 if isinstance(value, datetime.date) else len(str(value or ""))
            widths[index] = max(widths[index], min(shown, 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(sheet, header, font=bold) for header in headers])
    count = 0
    for row in itertools.chain(first, rest):
        count += 1
        sheet.append([_typed(sheet, value) for value in row])
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    workbook.save(file)


def _styled(sheet: Any, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _typed(sheet: Any, given: Any) -> Any:
    value = _xlsx_value(given)
    if isinstance(given, Percent) and value is not None:
        places = f".{'0' * given.places}" if given.places else ""
        return _styled(sheet, value, number_format=f"0{places}%")
    if isinstance(value, datetime.datetime):
        return _styled(sheet, value, number_format=_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return _styled(sheet, value, number_format=_DATE_FORMAT)
    return value


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


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any) -> Any:
    if type(value) is str:  # most cells: the same as _export_value, without its checks
        return "'" + value if value[:1] in _FORMULA_STARTS else value
    if isinstance(value, Percent):
        return "" if value.value is None else Decimal(str(value.value)).quantize(
            Decimal(1).scaleb(-value.places), rounding=ROUND_HALF_UP)
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
    return "'" + text if text[:1] in _FORMULA_STARTS else text
