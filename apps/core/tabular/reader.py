"""A CSV or Excel file as a header and rows of cell values, read row by row so memory stays flat.

- **XLSX**: openpyxl's read-only mode (rows streamed from the zip, never the whole sheet in memory), the first
  sheet; a formula comes as its text (``=SUM(A1:A3)``), never evaluated (the workbook is opened without
  ``data_only`` and its cached results are not read).
- **CSV**: UTF-8 with or without a byte order mark, fields separated by ``,`` ``;`` or a tab (sniffed from the
  header line, as Finnish Excel writes ``;``).

What is no spreadsheet, an empty file and one over ``SILTA_IMPORT_MAX_BYTES`` are refused with a message for
people (:class:`FileRefused`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from apps.core.exceptions import Invalid

ZIP_MAGIC = b"PK\x03\x04"
DELIMITERS = ",;\t"
Cell = str | int | float | datetime | None


class FileRefused(Invalid):
    """The upload is not a spreadsheet Silta reads (or is too big, or empty)."""


@dataclass
class SheetRows:
    """The header (as written, stripped) and an iterator of the rows below it; ``line`` of each row is its line in
    the file (the header is line 1)."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    file_format: str
    estimated_rows: int | None = None  # for a progress bar: the sheet's dimension, or the CSV's line count


def check_size(size: int) -> None:
    limit = settings.SILTA_IMPORT_MAX_BYTES
    if size == 0:
        raise FileRefused(_("The file is empty."))
    if size > limit:
        raise FileRefused(
            _("The file is too big (%(size)s); the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def _size_of(handle: IO[bytes]) -> int:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def open_rows(handle: IO[bytes]) -> SheetRows:
    """The rows of a binary file ``handle`` (seekable), whichever of CSV and XLSX it is."""
    check_size(_size_of(handle))
    start = handle.read(4)
    handle.seek(0)
    if start == ZIP_MAGIC:
        return _xlsx_rows(handle)
    return _csv_rows(handle)


def _text_of(value: Cell) -> str:
    return "" if value is None else str(value).strip()


def _xlsx_rows(handle: IO[bytes]) -> SheetRows:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise FileRefused(_("The file is not an Excel workbook (.xlsx) Silta can read.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        workbook.close()
        raise FileRefused(_("The first sheet of the workbook is empty."))
    header = [_text_of(value) for value in header_row]
    while header and not header[-1]:
        header.pop()

    def body() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for line, row in enumerate(rows, start=2):
                values = [_xlsx_value(value) for value in row[: len(header)]]
                if any(value not in (None, "") for value in values):
                    yield line, values
        finally:
            workbook.close()

    estimate = (sheet.max_row - 1) if sheet.max_row else None
    return SheetRows(header=header, rows=body(), file_format="xlsx", estimated_rows=estimate)


def _xlsx_value(value: object) -> Cell:
    """A cell as read: text, a number, a datetime (dates come as datetimes), or None; a formula is its text."""
    if value is None or isinstance(value, str | int | float | datetime):
        return value  # type: ignore[return-value]
    return str(value)  # a time, a timedelta, an error value


def _csv_rows(handle: IO[bytes]) -> SheetRows:
    head = handle.read(64 * 1024)
    handle.seek(0)
    if b"\x00" in head:
        raise FileRefused(_("The file is not a spreadsheet: save it as Excel (.xlsx) or as CSV (UTF-8)."))
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            raise FileRefused(
                _("The file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”, or as .xlsx.")
            ) from exc
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    first_line = head.decode("utf-8-sig", errors="ignore").splitlines()[0] if head.strip() else ""
    if not first_line.strip():
        raise FileRefused(_("The file has no header row."))
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = [_text_of(value) for value in next(reader)]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileRefused(_("The file is not a CSV file Silta can read.")) from exc
    while header and not header[-1]:
        header.pop()

    def body() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for values in reader:
                line = reader.line_num
                values = values[: len(header)]
                if any(value.strip() for value in values):
                    yield line, list(values)
        except UnicodeDecodeError as exc:
            raise FileRefused(
                _("The file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”, or as .xlsx.")
            ) from exc
        except csv.Error as exc:
            raise FileRefused(_("The CSV file is broken near line %(line)s.") % {"line": reader.line_num}) from exc

    return SheetRows(header=header, rows=body(), file_format="csv", estimated_rows=_line_count(handle) - 1)


def _line_count(handle: IO[bytes]) -> int:
    """The file's lines, read in blocks (the reader above has not started yet, so the position is put back)."""
    position = handle.tell()
    handle.seek(0)
    count = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    handle.seek(-1, io.SEEK_END)
    if handle.read(1) != b"\n":
        count += 1
    handle.seek(position)
    return count


def _sniff_delimiter(line: str) -> str:
    """The delimiter of the header line: whichever of ``, ; tab`` it has most of (a header has no quoted commas
    as a rule; csv.Sniffer guesses wrong on one-column files)."""
    counts = {delimiter: line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
