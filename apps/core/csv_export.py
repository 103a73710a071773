"""CSV downloads that spreadsheets open safely and that stream, so a large export never fills memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Empty for no value; text that a spreadsheet would run as a formula is quoted (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object that hands back what is written, so csv.writer yields lines instead of storing them."""

    def write(self, value: str) -> str:
        return value


def streaming_csv(filename: str, rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    """Stream ``rows`` (the first one the header) as a CSV attachment named ``filename``."""
    writer = csv.writer(_Echo())
    lines = (writer.writerow([safe_cell(cell) for cell in row]) for row in rows)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
