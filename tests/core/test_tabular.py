import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kerekasztal.core.tabular import as_written, header_key, read_table, table_response


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_header_keys_ignore_case_accents_and_spaces():
    assert header_key(" Adószám ") == header_key("ADOSZAM") == "adoszam"


def test_reads_semicolon_csv_in_windows_1250():
    content = "Név;Típus\nŐriszentpéteri Egyesület;civil\n".encode("cp1250")
    headers, rows = read_table(SimpleUploadedFile("a.csv", content))
    assert headers == ["Név", "Típus"]
    assert rows == [["Őriszentpéteri Egyesület", "civil"]]


def test_reads_xlsx_and_skips_empty_rows():
    headers, rows = read_table(SimpleUploadedFile("a.xlsx", _xlsx(
        [["Név", "Irányítószám"], ["Bozsok", 9727], [None, None]]
    )))
    assert headers == ["Név", "Irányítószám"]
    assert rows == [["Bozsok", "9727"]]


def test_typed_cells_are_shown_as_hungarians_write_them_and_read_unchanged():
    headers, rows = read_table(SimpleUploadedFile("a.xlsx", _xlsx([
        ["Nap", "Kezdés", "Érték", "Szöveg"],
        [datetime.date(2015, 6, 20), datetime.time(16, 0), 1234.5, "Bozsok 1."],
    ])))
    assert rows == [["2015-06-20", "16:00:00", "1234.5", "Bozsok 1."]]
    assert [as_written(cell) for cell in rows[0]] == [
        "2015. 06. 20.", "16:00", "1234,5", "Bozsok 1."]
    assert as_written("-0.25") == "-0,25"
    assert as_written("16:30:15") == "16:30:15"
    assert as_written("2015-02-30") == "2015-02-30"  # not a day: shown as written
    assert as_written("9727") == "9727"


def test_refuses_other_files():
    with pytest.raises(ValidationError):
        read_table(SimpleUploadedFile("a.csv", b"%PDF-1.4\n"))


def test_csv_export_has_bom_and_neutralises_formulas():
    response = table_response("x", ["Név"], [["=HYPERLINK(\"http://x\")"], ["Kőszeg"]], "csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK" in text and "Kőszeg" in text
    assert response["Content-Disposition"] == (
        "attachment; filename=\"x.csv\"; filename*=UTF-8''x.csv")


def test_export_name_from_user_text_cannot_inject_a_parameter():
    """A project code with a quote, a semicolon and Ő/Ű (RFC 6266: ASCII fallback + UTF-8)."""
    response = table_response('ÁROP "Ő"; filename=evil.exe Ű', ["Név"], [["x"]], "csv")
    header = response["Content-Disposition"]
    fallback = header.split("; ")[1]
    assert fallback == 'filename="AROP _O_ filename_evil.exe U.csv"'
    assert header.count("filename=") == 1 and header.count("filename*=") == 1
    assert header.endswith("filename*=UTF-8''%C3%81ROP%20%22%C5%90%22%3B%20filename%3Devil.exe"
                           "%20%C5%B0.csv")


def test_xlsx_export_round_trips():
    response = table_response("x", ["Név", "Szám"], [["Kőszeg", 3]], "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["Kőszeg", 3]


def test_xlsx_export_opens_right_in_excel():
    import datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    moment = datetime.datetime(2015, 7, 9, 14, 0, tzinfo=ZoneInfo("Europe/Budapest"))
    rows = [["Kőszegi Járási Felzárkózási Kerekasztal ülése", datetime.date(2015, 6, 16),
             moment, 12, Decimal("11.5")]]
    response = table_response("x", ["Cím", "Nap", "Kezdés", "Jelenlévők", "Arány"], rows,
                              "xlsx", sheet="Ülések: 2015/16")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Ülések  2015 16"
    day, start, present, ratio = (sheet.cell(row=2, column=c) for c in (2, 3, 4, 5))
    assert day.value.timetuple()[:3] == (2015, 6, 16)
    assert day.number_format == "yyyy. mm. dd."
    assert start.value.timetuple()[:5] == (2015, 7, 9, 14, 0)  # local time, not text
    assert present.value == 12 and ratio.value == 11.5
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E2"
    assert sheet.column_dimensions["A"].width > 40  # the title is not cut off
    assert sheet["A1"].font.bold


def test_export_headers_must_be_unique():
    with pytest.raises(ValueError, match="Cím"):
        table_response("x", ["Cím", "Cím"], [["a", "b"]], "csv")


def test_percentages_are_percent_cells_in_xlsx_and_machine_numbers_in_csv():
    """Issue 19: 'percentages as percentages' (the indicator dashboard's export held the
    text '37,5')."""
    from kerekasztal.core.tabular import Percent

    rows = [["Szakmai rendezvények", Percent(37.5)], ["Tagok", Percent(None)],
            ["Ülések", Percent(40, 0)]]
    response = table_response("x", ["Indikátor", "Teljesülés (%)"], rows, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == 0.375 and sheet["B2"].number_format == "0.0%"
    assert sheet["B3"].value is None
    assert sheet["B4"].value == 0.4 and sheet["B4"].number_format == "0%"
    text = table_response("x", ["Indikátor", "Teljesülés (%)"], rows, "csv").content.decode()
    # CSV values are machine numbers, as every CSV number is (the brief's rule; pages and
    # documents write "37,5%").
    assert "Szakmai rendezvények,37.5\r\n" in text and "Tagok,\r\n" in text
    assert "Ülések,40" in text


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_large_csv_export_streams_row_by_row(settings, monkeypatch):
    from kerekasztal.core import tabular

    monkeypatch.setattr(tabular, "STREAM_AFTER_ROWS", 3)
    produced = []

    def rows():
        for n in range(10):
            produced.append(n)
            yield [f"Egyesület {n}", n]

    response = table_response("nagy", ["Név", "Szám"], rows(), "csv")
    assert response.streaming
    assert len(produced) == 4  # only the rows looked at to decide; the rest as sent
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeffNév,Szám\r\n") and text.count("\r\n") == 11
    assert "Egyesület 9,9" in text
    assert response["Content-Disposition"].startswith('attachment; filename="nagy.csv"')


def test_a_large_xlsx_export_is_written_in_write_only_mode_and_keeps_its_format(monkeypatch):
    import datetime

    from kerekasztal.core import tabular

    monkeypatch.setattr(tabular, "STREAM_AFTER_ROWS", 3)
    rows = [[f"Kőszegi Járási Felzárkózási Kerekasztal {n}. ülése", datetime.date(2015, 6, n),
             n] for n in range(1, 11)]
    response = table_response("nagy", ["Cím", "Nap", "Szám"], iter(rows), "xlsx",
                              sheet="Ülések")
    assert response.streaming
    sheet = load_workbook(io.BytesIO(_body(response))).active
    assert sheet.title == "Ülések" and sheet.max_row == 11
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:C11"
    assert sheet["A1"].font.bold and sheet.column_dimensions["A"].width > 40
    assert sheet["B11"].value.timetuple()[:3] == (2015, 6, 10)
    assert sheet["B11"].number_format == "yyyy. mm. dd." and sheet["C11"].value == 10
