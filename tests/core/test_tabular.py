"""Reading spreadsheets for an import (apps/core/tabular): the file, its cells as people write them."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from apps.core.tabular import cells
from apps.core.tabular.reader import FileRefused, open_rows


def _xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def read(handle) -> tuple[list[str], list[tuple[int, list]]]:
    sheet = open_rows(handle)
    return sheet.header, list(sheet.rows)


@pytest.mark.parametrize(
    ("content", "delimiter"),
    [
        ("\ufeffexternal_id;title\nK-1;Lukupiiri, aikuiset\n", ";"),
        ('external_id,title\nK-1,"Lukupiiri, aikuiset"\n', ","),
        ("external_id\ttitle\r\nK-1\tLukupiiri, aikuiset\r\n", "\t"),
    ],
    ids=["semicolon with BOM", "comma without BOM", "tab with CRLF"],
)
def test_csv_in_utf8_with_or_without_bom_and_any_delimiter_reads_the_same(content, delimiter):
    header, rows = read(io.BytesIO(content.encode()))

    assert header == ["external_id", "title"]
    assert rows == [(2, ["K-1", "Lukupiiri, aikuiset"])]


def test_csv_skips_empty_lines_and_keeps_line_numbers_of_the_file():
    _header, rows = read(io.BytesIO(b"a;b\n1;2\n;\n3;4\n"))

    assert rows == [(2, ["1", "2"]), (4, ["3", "4"])]


def test_a_csv_in_another_encoding_is_refused_with_how_to_save_it():
    with pytest.raises(FileRefused, match=re.escape("not in UTF-8")):
        read(io.BytesIO("nimi;kuvaus\nÄänekoski;Öljy\n".encode("cp1252") * 10))


def test_a_workbook_formula_is_its_text_never_a_result():
    _header, rows = read(_xlsx([["external_id", "title"], ["K-1", "=1+1"], ["K-2", '=HYPERLINK("http://x","y")']]))

    assert [row[1][1] for row in rows] == ["=1+1", '=HYPERLINK("http://x","y")']


def test_a_workbook_gives_numbers_and_dates_as_typed_cells():
    _header, rows = read(_xlsx([["n", "d"], [12500.5, datetime(2026, 2, 1)]]))

    assert rows == [(2, [12500.5, datetime(2026, 2, 1)])]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "The file is not a spreadsheet"),
        (b"PK\x03\x04garbage", "The file is not an Excel workbook"),
        (b"\n\n", "The file has no header row."),
    ],
    ids=["empty", "an image", "a broken zip", "blank lines"],
)
def test_what_is_no_spreadsheet_is_refused_with_a_message(content, message):
    with pytest.raises(FileRefused, match=message):
        read(io.BytesIO(content))


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.SILTA_IMPORT_MAX_BYTES = 10

    with pytest.raises(FileRefused) as refused:
        read(io.BytesIO(b"a,b\n" * 10))

    assert (
        refused.value.message
        == "The file is too big (40\xa0bytes); the limit is 10\xa0bytes. Split it into smaller files."
    )


@pytest.mark.parametrize(
    "value",
    ["1.2.2026", "01.02.2026", "2026-02-01", "2026-2-1", datetime(2026, 2, 1), "2026-02-01 00:00:00"],
)
def test_dates_in_finnish_and_iso_form_and_excel_date_cells(value):
    assert cells.optional_date(value) == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [("31.2.2026", "“31.2.2026” is not a date of the calendar."), ("2/1/2026", "write it as 1.2.2026 or 2026-02-01")],
)
def test_a_date_that_is_none_says_how_to_write_one(value, message):
    with pytest.raises(cells.CellError, match=message):
        cells.optional_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "12 500,50",
        "12\u00a0500,50",
        "12\u202f500,50",
        "12500.50",
        "12500,5",
        "12.500,50",
        "12,500.50",
        12500.5,
        "12 500,50 €",
    ],
)
def test_numbers_as_finnish_and_english_spreadsheets_write_them(value):
    assert cells.optional_decimal(value) == Decimal("12500.50")


def test_a_formula_is_no_number_and_too_many_decimals_are_said():
    with pytest.raises(cells.CellError, match=re.escape("not a number")):
        cells.optional_decimal("=SUM(A1:A2)")
    with pytest.raises(cells.CellError, match=re.escape("At most 2 decimals")):
        cells.optional_decimal("1,005")


@pytest.mark.parametrize(
    ("value", "expected"), [("Kyllä", True), ("ja", True), ("x", True), ("Ei", False), ("", False), ("Nej", False)]
)
def test_yes_and_no_in_the_three_languages(value, expected):
    assert cells.boolean(value) is expected


def test_a_choice_by_value_or_label_and_an_unknown_one_lists_the_choices():
    choices = [("active", "Active"), ("idea", "Idea")]

    assert cells.choice("ACTIVE", choices) == "active"
    assert cells.choice("Idea", choices) == "idea"
    with pytest.raises(cells.CellError, match=re.escape("“busy” is not one of: active, idea.")):
        cells.choice("busy", choices)


def test_several_values_in_one_cell_and_their_lookup():
    assert cells.items("2.3; 1.1\nYouth, culture") == ["2.3", "1.1", "Youth, culture"]
    assert cells.lookup(["A", "a", "B"], {"a": 1, "b": 2}, "unit") == [1, 2]
    with pytest.raises(cells.CellError, match=re.escape("No unit “C”, “D” in Silta.")):
        cells.lookup(["C", "D"], {"a": 1}, "unit")
