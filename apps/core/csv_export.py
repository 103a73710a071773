"""CSV downloads that spreadsheets open safely, every cell of every export through one helper; large ones stream."""

from __future__ import annotations

import csv
import numbers
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The text of ``value`` as a spreadsheet should show it: empty for None, else ``str()`` of it (a Programme
    is its name), quoted with ' when it would run as a formula (OWASP CSV injection).

    Text is made first and escaped after, so no type slips past; a number stays a number (-0.25 is no formula).
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, numbers.Number) or not text.startswith(FORMULA_STARTS):
        return text
    return f"'{text}"


class _Echo:
    """A file-like object that hands back what is written, so csv.writer yields lines instead of storing them."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """``rows`` as CSV lines, each cell through ``safe_cell``."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def csv_download(filename: str, rows: Iterable[Iterable[object]]) -> HttpResponse:
    """``rows`` (the first one the header) as a CSV attachment named ``filename``, for tables of a page's size."""
    response = HttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    _attachment(response, filename)
    return response


def streaming_csv(filename: str, rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    """Stream ``rows`` (the first one the header) as a CSV attachment named ``filename``: never all in memory."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    _attachment(response, filename)
    return response
