"""The CSV half of :mod:`apps.core.spreadsheets`, under the names the exports used before workbooks came."""

from apps.core.spreadsheets import csv_download, csv_lines, safe_cell, streaming_csv

__all__ = ["csv_download", "csv_lines", "safe_cell", "streaming_csv"]
