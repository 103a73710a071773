"""The workbook to fill in for an import: the data sheet (its header, and rows when it is an export for editing)
and a second sheet that explains every column in the user's language."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from apps.core.spreadsheets import MAX_COLUMN_WIDTH, xlsx_cell
from apps.core.tabular.kinds import ImportKind


def template_file(kind: type[ImportKind], rows: Iterable[Sequence[object]] = ()) -> tempfile._TemporaryFileWrapper:
    """``kind``'s workbook in a temporary file at its start: the header and ``rows``, then the explanations."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(title=str(kind.label)[:31])
    explained = workbook.create_sheet(title=_("Instructions")[:31])
    bold = Font(bold=True)
    for index, column in enumerate(kind.columns, start=1):
        data.column_dimensions[get_column_letter(index)].width = min(max(len(column.key) + 4, 12), MAX_COLUMN_WIDTH)
    data.freeze_panes = "A2"
    header = []
    for column in kind.columns:
        cell = xlsx_cell(data, column.key)
        cell.font = bold
        header.append(cell)
    data.append(header)
    for row in rows:
        data.append([xlsx_cell(data, value) for value in row])
    for letter, width in zip("ABCDE", (24, 28, 10, 80, 30), strict=True):
        explained.column_dimensions[letter].width = width
    titles = [_("Column"), _("Name"), _("Required"), _("What to write"), _("Example")]
    head = []
    for title in titles:
        cell = xlsx_cell(explained, title)
        cell.font = bold
        head.append(cell)
    explained.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in kind.columns:
        cells = [
            xlsx_cell(explained, value)
            for value in (column.key, str(column.label), _("Yes") if column.required else _("No"), str(column.help))
        ]
        cells.append(xlsx_cell(explained, column.example) if column.example not in ("", None) else None)
        for cell in cells:
            if cell is not None:
                cell.alignment = wrap
        explained.append(cells)
    explained.append([])
    explained.append([xlsx_cell(explained, text) for text in (_("Every row"), _row_note())])
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def _row_note() -> str:
    return _(
        "Give every row its own external id (any text, e.g. the id of your own register). Importing the same "
        "file again changes nothing; a row whose cells you edit changes the same record. Dates: 1.2.2026 or "
        "2026-02-01. Numbers: 12 500,50 or 12500.50. Several values in one cell: separate them with “;”. "
        "Silta shows a preview first and writes nothing until you confirm."
    )
