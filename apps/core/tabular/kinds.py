"""Import kinds and the run that previews or writes one.

A feature app describes what its sheet holds as an :class:`ImportKind` (its ``resources.py``) and registers it
in its ``AppConfig.ready``, so the imports app finds every kind here without importing the feature apps (the
layering of docs/architecture.md).

:func:`run_import` reads the rows in chunks and hands each chunk to the kind, which writes it. The whole run is
one transaction: a preview rolls it back at the end (so it shows exactly what confirming would do, database rules
included), and so does a run with any error (all or nothing). A chunk the database refuses is tried again row by
row, each in a savepoint, to name the row and its rule. Memory stays flat: rows are streamed, results other than
the counts are kept only for the first ``SILTA_IMPORT_PREVIEW_ROWS`` rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import IO, TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError
from apps.core.tabular.cells import CellError, text
from apps.core.tabular.reader import Cell, FileRefused, open_rows

if TYPE_CHECKING:
    from apps.accounts.models import User

CREATE, CHANGE, UNCHANGED, ERROR = "create", "change", "unchanged", "error"
ACTIONS = (CREATE, CHANGE, UNCHANGED, ERROR)
ACTION_LABELS = {
    CREATE: gettext_lazy("New"),
    CHANGE: gettext_lazy("Changed"),
    UNCHANGED: gettext_lazy("Unchanged"),
    ERROR: gettext_lazy("Error"),
}


@dataclass(frozen=True)
class Column:
    """One column of a kind's sheet: ``key`` is its header (the same in every language, so a file travels), ``help``
    the explanation on the template's second sheet."""

    key: str
    label: str | Promise
    help: str | Promise
    required: bool = False
    example: object = ""


@dataclass
class Row:
    """A row to import: its line in the file, its external id and its cells by column key."""

    line: int
    key: str
    cells: dict[str, Cell]

    def __getitem__(self, column: str) -> Cell:
        return self.cells.get(column)


@dataclass
class RowResult:
    """What importing a row does (``action``), which columns it changes and, for an error, every message."""

    line: int
    key: str
    action: str
    changed: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    label: str = ""  # what the row is, for people (an initiative's title)

    @classmethod
    def failed(cls, row: Row, errors: Mapping[str, str | list[str]], label: str = "") -> RowResult:
        flat = []
        for column, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                flat.append({"column": column, "message": str(message)})
        return cls(line=row.line, key=row.key, action=ERROR, errors=flat, label=label)


class RowErrors(dict):
    """Collects a row's messages per column while its cells are read: ``with errors.of("start_date"): ...``."""

    def of(self, column: str) -> _CellGuard:
        return _CellGuard(self, column)

    def add(self, column: str, message: str) -> None:
        self.setdefault(column, []).append(str(message))


class _CellGuard:
    def __init__(self, errors: RowErrors, column: str) -> None:
        self.errors, self.column = errors, column

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if isinstance(exc, CellError):
            self.errors.add(self.column, exc.message)
            return True
        if isinstance(exc, ApplicationError):
            self.errors.add(self.column, exc.message)
            return True
        return False


class ImportKind:
    """What one kind of sheet holds and how its rows are written; subclasses live in the feature apps."""

    do_not_call_in_templates: ClassVar[bool] = True  # pages show the class itself (its label, its key)
    key: ClassVar[str]
    label: ClassVar[str | Promise]
    columns: ClassVar[tuple[Column, ...]]
    id_column: ClassVar[str] = "external_id"
    chunk_size: ClassVar[int] = 500
    # Options the preview page offers (e.g. creating persons for unknown e-mails): key → label.
    option_labels: ClassVar[dict[str, str | Promise]] = {}

    def __init__(self, *, by: User, options: Mapping[str, Any] | None = None) -> None:
        self.by = by
        self.options = dict(options or {})

    @classmethod
    def may_import(cls, user: User) -> bool:
        raise NotImplementedError

    def write(self, rows: list[Row]) -> list[RowResult]:
        """Write ``rows`` (create, change or leave each) and say what was done to each; cell errors come back as
        error results, with nothing written for that row. A database refusal may propagate (the run names it)."""
        raise NotImplementedError

    @classmethod
    def export_rows(cls, objects: Iterable[Any]) -> Iterator[list[object]]:
        """The rows of a file that imports back unchanged (the columns in order), for a kind that offers one."""
        raise NotImplementedError


class RowByRowImport(ImportKind):
    """A kind whose rows are written one by one through the app's services (reference data of hundreds of rows):
    the subclass reads a row into values by column, finds the saved object by its key, says what of it the file's
    columns hold now, and saves."""

    # The column of a model field's error, where the names differ ("__all__": the row as a whole).
    field_columns: ClassVar[dict[str, str]] = {}

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        raise NotImplementedError

    def find(self, key: str) -> Any | None:
        raise NotImplementedError

    def current(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def save(self, obj: Any | None, key: str, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def label_of(self, values: dict[str, Any]) -> str:
        return ""

    def write(self, rows: list[Row]) -> list[RowResult]:
        results = []
        for row in rows:
            errors = RowErrors()
            values = self.read(row, errors)
            label = self.label_of(values)
            if errors:
                results.append(RowResult.failed(row, errors, label))
                continue
            obj = self.find(row.key)
            changed = []
            if obj is not None:
                now = self.current(obj)
                changed = [column for column, value in values.items() if now.get(column) != value]
                if not changed:
                    results.append(RowResult(row.line, row.key, UNCHANGED, label=label))
                    continue
            try:
                with transaction.atomic():
                    self.save(obj, row.key, values)
            except ApplicationError as exc:
                messages = exc.errors if hasattr(exc, "errors") else {"": [exc.message]}
                columns = {**self.field_columns, "__all__": ""}
                errors_by_column = {columns.get(name, name): text for name, text in messages.items()}
                results.append(RowResult.failed(row, errors_by_column, label))
                continue
            results.append(
                RowResult(row.line, row.key, CHANGE if obj is not None else CREATE, changed=changed, label=label)
            )
        return results


_registry: dict[str, type[ImportKind]] = {}


def register(kind: type[ImportKind]) -> type[ImportKind]:
    """Make ``kind`` importable (from a feature app's ``ready``)."""
    _registry[kind.key] = kind
    return kind


def kinds() -> list[type[ImportKind]]:
    return list(_registry.values())


def kind_of(key: str) -> type[ImportKind] | None:
    return _registry.get(key)


@dataclass
class Report:
    """The outcome of a run: counts per action, the first rows' results, every error (up to a limit) and the
    problems of the file as a whole (unknown columns...)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rows_read: int = 0
    errors_left_off: int = 0
    rows_left_off: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.counts[ERROR]

    def add(self, result: RowResult) -> None:
        self.counts[result.action] += 1
        self.rows_read += 1
        entry = asdict(result)
        if result.action == ERROR:
            for error in result.errors:
                if len(self.errors) < settings.SILTA_IMPORT_MAX_ERRORS:
                    self.errors.append({"line": result.line, "key": result.key, **error})
                else:
                    self.errors_left_off += 1
        if len(self.rows) < settings.SILTA_IMPORT_PREVIEW_ROWS:
            self.rows.append(entry)
        else:
            self.rows_left_off += 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def header_problems(kind: type[ImportKind], header: list[str]) -> tuple[list[str | None], list[str]]:
    """The column key of each header cell (None for an empty one) and the file's problems with the header."""
    known = {column.key.casefold(): column.key for column in kind.columns}
    known.update({str(column.label).casefold(): column.key for column in kind.columns})
    keys: list[str | None] = []
    problems: list[str] = []
    for index, title in enumerate(header, start=1):
        if not title:
            keys.append(None)
            continue
        key = known.get(title.casefold())
        if key is None:
            problems.append(
                _("Column %(number)s, “%(title)s”, is not a column of this import. The columns are: %(columns)s.")
                % {"number": index, "title": title, "columns": ", ".join(column.key for column in kind.columns)}
            )
        elif key in keys:
            problems.append(_("The column “%(title)s” is there twice.") % {"title": key})
        keys.append(key)
    for column in kind.columns:
        if column.required and column.key not in keys:
            problems.append(_("The column “%(title)s” is missing; it is needed.") % {"title": column.key})
    return keys, problems


def database_message(exc: DatabaseError) -> str:
    """A database refusal in words: which rule (the constraint's name, which says what it guards)."""
    cause = getattr(exc, "__cause__", None)
    diag = getattr(cause, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag is not None else None
    if constraint:
        return _("This row breaks a rule of the database (%(rule)s); nothing of it was saved.") % {"rule": constraint}
    return _("The database refused this row; nothing of it was saved.")


def run_import(
    kind_class: type[ImportKind],
    handle: IO[bytes],
    *,
    by: User,
    write: bool,
    options: Mapping[str, Any] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Report:
    """Import the file ``handle`` as ``kind_class``: a preview (``write=False``) or for real; see the module."""
    report = Report()
    try:
        sheet = open_rows(handle)
    except FileRefused as exc:
        report.file_errors.append(exc.message)
        return report
    keys, problems = header_problems(kind_class, sheet.header)
    if problems:
        report.file_errors.extend(problems)
        return report
    kind = kind_class(by=by, options=options)
    seen: dict[str, int] = {}
    try:
        with transaction.atomic():
            for chunk in _batched(sheet.rows, kind_class.chunk_size):
                rows: list[Row] = []
                for line, values in chunk:
                    cells = {key: value for key, value in zip(keys, values, strict=False) if key is not None}
                    row = Row(line=line, key=text(cells.get(kind_class.id_column)), cells=cells)
                    if not row.key:
                        report.add(RowResult.failed(row, {kind_class.id_column: _("The row needs an external id.")}))
                    elif row.key in seen:
                        report.add(
                            RowResult.failed(
                                row,
                                {
                                    kind_class.id_column: _("The external id “%(key)s” is on line %(line)s already.")
                                    % {"key": row.key, "line": seen[row.key]}
                                },
                            )
                        )
                    else:
                        seen[row.key] = line
                        rows.append(row)
                for result in _write_chunk(kind, rows):
                    report.add(result)
                if progress is not None:
                    progress(report.rows_read, sheet.estimated_rows)
            if not write or not report.ok:
                transaction.set_rollback(True)
    except FileRefused as exc:  # a broken line found while streaming
        report.file_errors.append(exc.message)
    return report


def _batched(rows: Iterator[tuple[int, list[Cell]]], size: int) -> Iterator[list[tuple[int, list[Cell]]]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _write_chunk(kind: ImportKind, rows: list[Row]) -> list[RowResult]:
    if not rows:
        return []
    try:
        with transaction.atomic():
            return kind.write(rows)
    except DatabaseError:
        pass
    results = []
    for row in rows:
        try:
            with transaction.atomic():
                results.extend(kind.write([row]))
        except DatabaseError as exc:
            results.append(RowResult.failed(row, {"": database_message(exc)}))
    return results
