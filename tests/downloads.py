"""Reading a download back as a spreadsheet would: the CSV in its language's dialect, the workbook's typed cells."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.http.response import HttpResponseBase

from apps.core.spreadsheets import XLSX_CONTENT_TYPE


def body(response: HttpResponseBase) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response: HttpResponseBase, delimiter: str = ",") -> list[list[str]]:
    """The rows of a CSV download, which starts with a byte order mark."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def csv_dicts(response: HttpResponseBase, delimiter: str = ",") -> list[dict[str, str]]:
    header, *rows = csv_rows(response, delimiter)
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_sheet(response: HttpResponseBase) -> openpyxl.worksheet.worksheet.Worksheet:
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith('.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(body(response))).active


def xlsx_rows(response: HttpResponseBase) -> list[list[object]]:
    """The values of a workbook download's first sheet, header first."""
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]
