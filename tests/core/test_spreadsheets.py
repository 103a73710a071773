"""One table, two files: the CSV in the dialect of the user's language and the workbook with typed cells."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from apps.core.spreadsheets import (
    XLSX_CONTENT_TYPE,
    Rounded,
    Table,
    csv_response,
    language_delimiter,
    table_response,
    xlsx_response,
)
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil.example","x")']


def csv_body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def workbook(response) -> openpyxl.worksheet.worksheet.Worksheet:
    body = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(body)).active


def _table(rows) -> Table:
    return Table(header=[gettext_lazy("Status"), "b"], rows=rows, title="Test")


@pytest.mark.parametrize(("language", "delimiter"), [("fi", ";"), ("sv", ";"), ("en", ","), ("en-gb", ",")])
def test_the_csv_starts_with_a_bom_and_separates_as_excel_does_in_the_language(language, delimiter):
    with translation.override(language):
        response = csv_response(_table([[Decimal("1500.50"), 2.25]]), "a.csv")

    body = csv_body(response)
    assert body.startswith("\ufeff") and body.count("\ufeff") == 1
    assert language_delimiter(language) == delimiter
    rows = list(csv.reader(io.StringIO(body[1:], newline=""), delimiter=delimiter))
    decimal = "," if delimiter == ";" else "."
    assert rows[1] == [f"1500{decimal}50", f"2{decimal}25"]


def test_the_csv_header_booleans_and_datetimes_are_in_the_language_and_local_time():
    moment = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.UTC)  # 14:30 in Helsinki

    with translation.override("fi"):
        response = csv_response(_table([[True, moment], [False, None]]), "a.csv")

    rows = list(csv.reader(io.StringIO(csv_body(response)[1:], newline=""), delimiter=";"))
    assert rows == [["Tila", "b"], ["Kyllä", "2026-03-01 14:30"], ["Ei", ""]]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_csv_cell_that_would_run_is_quoted(text):
    with translation.override("fi"):
        rows = list(csv.reader(io.StringIO(csv_body(csv_response(_table([[text, 1]]), "a.csv"))[1:]), delimiter=";"))

    assert rows[1][0] == f"'{text}"


def test_the_workbook_has_typed_cells_with_number_formats():
    moment = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.UTC)
    row = [
        7,
        Decimal("1500.50"),
        0.25,
        datetime.date(2026, 1, 31),
        moment,
        None,
        Rounded(0.32149, 1, percent=True),
        Rounded(12.3456, 2),
        Rounded(3.6, 0),
    ]
    table = Table(header=[f"c{index}" for index in range(len(row))], rows=[row])

    response = xlsx_response(table, "a.xlsx")

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="a.xlsx"'
    cells = workbook(response)[2]
    assert [cell.value for cell in cells] == [
        7,
        1500.5,
        0.25,
        datetime.datetime(2026, 1, 31),
        datetime.datetime(2026, 3, 1, 14, 30),  # the city's clock, no zone
        None,
        0.321,
        12.35,
        4,
    ]
    assert [cell.data_type for cell in cells[:5]] == ["n", "n", "n", "d", "d"]
    assert cells[1].number_format == "0.00"
    assert cells[3].number_format == "yyyy-mm-dd"
    assert cells[4].number_format == "yyyy-mm-dd hh:mm"
    assert [cells[6].number_format, cells[7].number_format, cells[8].number_format] == ["0.0%", "0.00", "0"]


def test_the_workbook_header_is_translated_bold_and_frozen_and_texts_are_names():
    programme = ProgrammeFactory(name="Kulttuuri hyvinvoinnin tukena")
    with translation.override("sv"):
        response = xlsx_response(_table([[programme, True], [gettext_lazy("Status"), False]]), "a.xlsx")

    sheet = workbook(response)
    header = sheet[1]
    assert [cell.value for cell in header] == ["Status", "b"]
    assert header[0].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "Test"
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["Kulttuuri hyvinvoinnin tukena", "Ja"],
        ["Status", "Nej"],
    ]
    assert sheet.column_dimensions["A"].width >= len("Kulttuuri hyvinvoinnin tukena")


@pytest.mark.parametrize("text", FORMULAS)
def test_a_workbook_cell_that_would_run_stays_text(text):
    response = xlsx_response(_table([[text, "plain"]]), "a.xlsx")

    body = b"".join(response.streaming_content)
    cell = openpyxl.load_workbook(io.BytesIO(body)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value.strip("\r\n") == text.strip("\r")  # (XML reads a carriage return as a line feed)
    assert cell.quotePrefix
    assert b"<f>" not in _sheet_xml(body)


def test_characters_a_workbook_cannot_hold_are_dropped_not_a_server_error():
    response = xlsx_response(_table([["bell\x07 and null\x00", 1]]), "a.xlsx")

    assert workbook(response)["A2"].value == "bell and null"


def test_a_text_longer_than_excel_holds_is_cut_to_its_limit():
    response = xlsx_response(_table([["x" * 40_000, 1]]), "a.xlsx")

    assert len(workbook(response)["A2"].value) == 32_767


def test_a_large_table_streams_from_a_file_and_keeps_every_row():
    rows = ([index, f"row {index}", datetime.date(2026, 1, 1)] for index in range(5000))
    table = Table(header=["n", "text", "day"], rows=rows)

    response = table_response(table, "big", "xlsx")

    sheet = workbook(response)
    assert sheet.max_row == 5001
    assert sheet["A5001"].value == 4999


def _sheet_xml(body: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")
