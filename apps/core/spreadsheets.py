"""Every download of a table, as CSV or as an Excel workbook, from one description: a header and rows of typed values.

A table's cells are Python values (text, numbers, dates, datetimes, None, lazy translations, model instances,
booleans, or :class:`Rounded` for a number shown with a page's rounding). Each writer turns them into what a
spreadsheet opened in the user's language reads best:

- **CSV**: UTF-8 with a byte order mark (so Excel reads ä and ö), the delimiter Excel expects in the active
  language (``;`` in Finnish and Swedish, whose decimal separator is the comma; ``,`` in English), decimal numbers
  with that language's separator (``1500,50`` in Finnish and Swedish, ``1500.50`` in English) and no thousands
  separator, dates as ISO 8601 (``2026-01-31``, which Excel reads as a date in every language), datetimes in the
  city's local time (``2026-01-31 14:30``). It streams: never all in memory.
- **XLSX** (openpyxl's write-only mode, to a temporary file that the response then streams): numbers and dates as
  real cells with a number format, the header bold and frozen, columns as wide as their first rows need.

Both are formula-safe (OWASP CSV injection): text starting with ``= + - @``, a tab or a carriage return never runs.
The CSV quotes it with ``'``; the workbook stores it as a text cell (never a formula) with Excel's quote prefix,
so the cell shows the text as written. Booleans are the active language's Yes and No.
"""

from __future__ import annotations

import csv
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.db import models
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# Languages whose Excel separates CSV fields with ';' (their decimal separator is the comma).
SEMICOLON_LANGUAGES = frozenset({"fi", "sv"})
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# The first rows that size the workbook's columns (write-only mode fixes widths before the first row is written).
WIDTH_SAMPLE_ROWS = 200
MAX_COLUMN_WIDTH = 60
MAX_CELL_TEXT = 32_767  # Excel's limit: a longer text makes it "repair" the file


@dataclass(frozen=True)
class Rounded:
    """A number rounded as its page shows it: ``places`` decimals, of the percentage when ``percent`` (a share of
    0.3214 shown as 32.1 % is 0.321 in the file, formatted 0.0 % in a workbook)."""

    value: float | Decimal
    places: int
    percent: bool = False

    @property
    def decimals(self) -> int:
        """The decimals of the stored number (a percentage's two more)."""
        return self.places + 2 if self.percent else self.places

    @property
    def number(self) -> float | int:
        rounded = round(float(self.value), self.decimals)
        return int(rounded) if self.decimals <= 0 else rounded

    @property
    def exact(self) -> Decimal | int:
        """The number with exactly its decimals (0.320, not 0.32): the page's precision in a CSV cell."""
        number = self.number
        return Decimal(number).quantize(Decimal(1).scaleb(-self.decimals)) if self.decimals > 0 else number

    @property
    def number_format(self) -> str:
        digits = "0." + "0" * self.places if self.places > 0 else "0"
        return f"{digits}%" if self.percent else digits


@dataclass
class Table:
    """What a download holds: the column headers and the rows (an iterable, read once, so it may stream)."""

    header: Sequence[str | Promise]
    rows: Iterable[Sequence[object]]
    title: str = ""  # the workbook's sheet name


def column(model: type[models.Model], field: str) -> str:
    """A column headed by a model field's name in the active language (``capfirst`` of its verbose name)."""
    return capfirst(str(model._meta.get_field(field).verbose_name))


def joined(values: Iterable[object]) -> str:
    """Several values in one cell (a person's topics), as the page lists them."""
    return ", ".join(str(value) for value in values)


def language_delimiter(language: str | None = None) -> str:
    """The CSV delimiter Excel expects in ``language`` (the active one by default)."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return ";" if code in SEMICOLON_LANGUAGES else ","


def _decimal_separator(delimiter: str) -> str:
    return "," if delimiter == ";" else "."


def _local(value: datetime) -> datetime:
    """A datetime as the city's clocks show it, without a zone (Excel has none)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _is_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _text(value: object) -> str:
    """The text of a value that is no number, date or boolean (a model instance is its ``str()``, its name)."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def safe_cell(value: object, delimiter: str = ",") -> str:
    """The text of ``value`` in a CSV cell: empty for None, a number with the decimal separator that goes with
    ``delimiter``, a date in ISO 8601, a datetime in local time, a boolean as Yes or No, other values as
    ``str()`` quoted with ' when it would run as a formula. A number stays a number (-0.25 is no formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, Rounded):
        value = (
            Decimal(value.number).quantize(Decimal(1).scaleb(-value.decimals)) if value.decimals > 0 else value.number
        )
    if isinstance(value, int | float | Decimal):
        text = str(value)
        return text.replace(".", ",") if _decimal_separator(delimiter) == "," else text
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if _is_formula(text) else text


class _Echo:
    """A file-like object that hands back what is written, so csv.writer yields lines instead of storing them."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[object]], delimiter: str = ",", *, bom: bool = False) -> Iterator[str]:
    """``rows`` as CSV lines, each cell through ``safe_cell``; the first line starts with the BOM when ``bom``."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    prefix = BOM if bom else ""
    for row in rows:
        yield prefix + writer.writerow([safe_cell(cell, delimiter) for cell in row])
        prefix = ""


def _in_language(language: str, lines: Iterable[str]) -> Iterator[str]:
    """``lines`` made in ``language``: a streamed response is read after the view has returned."""
    with translation.override(language):
        yield from lines


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def _table_rows(table: Table) -> Iterator[Sequence[object]]:
    yield table.header
    yield from table.rows


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    """``table`` as a streamed CSV attachment in the active language's dialect (BOM, delimiter, decimals)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    lines = csv_lines(_table_rows(table), language_delimiter(language), bom=True)
    response = StreamingHttpResponse(_in_language(language, lines), content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    return response


def _xlsx_cell(sheet: object, value: object) -> WriteOnlyCell | None:
    """A workbook cell of ``value``: numbers and dates typed, text never a formula."""
    if value is None:
        return None
    if isinstance(value, bool):
        return WriteOnlyCell(sheet, _yes_no(value))
    if isinstance(value, Rounded):
        cell = WriteOnlyCell(sheet, value.number)
        cell.number_format = value.number_format
        return cell
    if isinstance(value, int | float | Decimal):
        cell = WriteOnlyCell(sheet, value)
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if isinstance(exponent, int) and exponent < 0:  # money keeps its decimals, e.g. 0.00
            cell.number_format = "0." + "0" * -exponent
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, _local(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    text = _text(value)[:MAX_CELL_TEXT]
    cell = WriteOnlyCell(sheet, text)
    if _is_formula(text):
        cell.data_type = "s"  # openpyxl takes a str starting with '=' for a formula: store it as text
        cell.quotePrefix = True  # and Excel shows and edits it as text too
    return cell


xlsx_cell = _xlsx_cell  # for other workbooks Silta writes (an import's template)


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, bool | Promise | models.Model | str):
        return len(str(value))
    if isinstance(value, Rounded):
        return len(str(value.number)) + 2
    return len(str(value))


def xlsx_file(table: Table) -> tempfile._TemporaryFileWrapper:
    """``table`` as a workbook in a temporary file, positioned at its start (deleted when closed).

    openpyxl's write-only mode keeps only the row being written, so the memory stays flat for any number of rows.
    """
    return xlsx_workbook_file([table])


def xlsx_workbook_file(tables: Iterable[Table]) -> tempfile._TemporaryFileWrapper:
    """``tables`` as one workbook, a sheet each (titled by the table; a repeated title gets a number), in a
    temporary file positioned at its start (a person's data export: a sheet per kind of row)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        _write_sheet(workbook, table, _unique_title(_sheet_title(table.title), used), language)
    if not used:  # a workbook needs a sheet
        workbook.create_sheet(title="Silta")
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def _unique_title(title: str, used: set[str]) -> str:
    candidate, number = title, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate, number = title[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.casefold())
    return candidate


def _write_sheet(workbook: Workbook, table: Table, title: str, language: str) -> None:
    sheet = workbook.create_sheet(title=title)
    header = [str(cell) for cell in table.header]
    rows = iter(table.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    for index, heading in enumerate(header, start=1):
        widest = max([len(heading), *(_width(row[index - 1]) for row in sample if len(row) >= index)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for heading in header:
        cell = _xlsx_cell(sheet, heading)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    with translation.override(language):
        for row in itertools.chain(sample, rows):
            sheet.append([_xlsx_cell(sheet, value) for value in row])


def _sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in _text(title)).strip()
    return cleaned[:31] or "Silta"


def xlsx_response(table: Table, filename: str) -> FileResponse:
    """``table`` as an Excel workbook attachment, streamed from its temporary file."""
    return xlsx_workbook_response([table], filename)


def xlsx_workbook_response(tables: Iterable[Table], filename: str) -> FileResponse:
    """``tables`` as an Excel workbook attachment with a sheet each, streamed from its temporary file."""
    return FileResponse(
        xlsx_workbook_file(tables), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def table_response(table: Table, name: str, file_format: Format) -> HttpResponseBase:
    """``table`` as ``name.csv`` or ``name.xlsx``."""
    if file_format == "xlsx":
        return xlsx_response(table, f"{name}.xlsx")
    return csv_response(table, f"{name}.csv")


def requested_format(value: str | None) -> Format | None:
    """The file format a query asks for (``csv`` or ``xlsx``), or None for anything else."""
    return value if value in FORMATS else None  # type: ignore[return-value]


def csv_download(filename: str, rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    """``rows`` (the first one the header) as a CSV attachment named ``filename``."""
    rows = iter(rows)
    return csv_response(Table(header=next(rows, []), rows=rows), filename)  # type: ignore[arg-type]


streaming_csv = csv_download
