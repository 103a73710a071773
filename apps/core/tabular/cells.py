"""Cells as people write them in Finnish, Swedish and English spreadsheets, read into Python values.

Each reader takes a cell (text, a number or a datetime from a workbook, or None) and returns the value, or raises
:class:`CellError` with a message for the person who filled in the sheet. A formula is never evaluated: it is read
as the text it is (``=1+1`` is no number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.core.tabular.reader import Cell

# Spaces a number may have between its thousands: a space, a no-break space, a narrow no-break space, a thin space.
THOUSANDS_SPACES = re.compile(r"[ \u00a0\u202f\u2009']")
FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
YES = frozenset({"1", "x", "yes", "y", "true", "kyllä", "k", "ja", "j", "sant"})
NO = frozenset({"0", "no", "n", "false", "ei", "e", "nej", "falskt", "-"})
LIST_SEPARATORS = re.compile(r"\s*[;\n]\s*")


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is for the person who filled in the sheet."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text(value: Cell) -> str:
    """The cell as text, stripped: a number as written (12 stays ``12``, not ``12.0``), a formula as its text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    return str(value).strip()


def optional_date(value: Cell) -> date | None:
    """A date as ``1.2.2026``, ``01.02.2026``, ``2026-02-01`` or an Excel date cell; empty is None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    if match := FINNISH_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
    elif match := ISO_DATE.match(raw):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(_("“%(value)s” is not a date: write it as 1.2.2026 or 2026-02-01.") % {"value": raw})
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(_("“%(value)s” is not a date of the calendar.") % {"value": raw}) from exc


def required(value: object, empty: object = None) -> None:
    if value is None or value == "" or value == empty:
        raise CellError(_("This column needs a value."))


def optional_decimal(value: Cell, places: int = 2) -> Decimal | None:
    """A number as ``12 500,50`` (spaces, no-break spaces or none between thousands, a decimal comma), ``12500.50``
    or a number cell; empty is None."""
    if isinstance(value, bool):
        raise CellError(_("This is not a number."))
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        raw = text(value)
        if not raw:
            return None
        cleaned = THOUSANDS_SPACES.sub("", raw).removesuffix("€").strip()
        if "," in cleaned and "." in cleaned:  # 12.500,50 (dots between thousands) or 12,500.50
            cleaned = (
                cleaned.replace(".", "").replace(",", ".")
                if cleaned.rfind(",") > cleaned.rfind(".")
                else (cleaned.replace(",", ""))
            )
        else:
            cleaned = cleaned.replace(",", ".")
        cleaned = cleaned.replace("−", "-")
        try:
            number = Decimal(cleaned)
        except InvalidOperation as exc:
            raise CellError(
                _("“%(value)s” is not a number: write it as 12 500,50 or 12500.50.") % {"value": raw}
            ) from exc
        if not number.is_finite():
            raise CellError(_("“%(value)s” is not a number: write it as 12 500,50 or 12500.50.") % {"value": raw})
    quantum = Decimal(1).scaleb(-places)
    if number != number.quantize(quantum):
        raise CellError(_("At most %(places)s decimals, please.") % {"places": places})
    return number.quantize(quantum)


def optional_integer(value: Cell) -> int | None:
    """A whole number (``12 500`` or a number cell); empty is None."""
    try:
        number = optional_decimal(value, places=0)
    except CellError as exc:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text(value)}) from exc
    return None if number is None else int(number)


DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(d|vrk|h|t|min)\b", re.IGNORECASE)
CLOCK = re.compile(r"^(\d{1,3}):(\d{2})$")
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def optional_duration(value: Cell) -> timedelta | None:
    """A duration as minutes (``90``), hours and minutes (``1:30``) or with units (``1 h 30 min``, ``2 d``,
    ``24 t``); empty is None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(minutes=value)
    raw = text(value)
    if not raw:
        return None
    if raw.isdigit():
        return timedelta(minutes=int(raw))
    if match := CLOCK.match(raw):
        return timedelta(hours=int(match.group(1)), minutes=int(match.group(2)))
    parts = DURATION_PART.findall(raw)
    if not parts or DURATION_PART.sub("", raw).strip():
        raise CellError(_("“%(value)s” is not a duration: write minutes (90), 1:30 or 1 h 30 min.") % {"value": raw})
    total = timedelta()
    units = {"d": "days", "vrk": "days", "h": "hours", "t": "hours", "min": "minutes"}
    for number, unit in parts:
        total += timedelta(**{units[unit.lower()]: float(number.replace(",", "."))})
    return total


def _time(raw: str) -> time:
    match = TIME.match(raw.strip())
    if not match or int(match.group(1)) > 24 or int(match.group(2) or 0) > 59:
        raise CellError(_("“%(value)s” is not a time of day: write 8, 8:30 or 08:30.") % {"value": raw.strip()})
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    return time(0, 0) if hours == 24 and minutes == 0 else time(hours, minutes)


def time_ranges(value: Cell) -> list[tuple[time, time]]:
    """Opening periods of a day, ``8-16`` or ``08:00–12:00; 13:00–16:00``; empty or ``-`` is closed."""
    raw = text(value)
    if not raw or raw in ("-", "–"):
        return []
    periods = []
    for item in items(raw.replace(",", ";")):
        opens, separator, closes = item.replace("–", "-").replace("—", "-").partition("-")
        if not separator:
            raise CellError(_("“%(value)s” is no opening period: write 8-16 or 08:00-16:00.") % {"value": item})
        periods.append((_time(opens), _time(closes)))
    return periods


def boolean(value: Cell) -> bool:
    """Yes or no in any of the three languages (Kyllä, Ja, Yes, x, 1 / Ei, Nej, No, 0); empty is no."""
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if not raw or raw in NO or raw == _("No").lower():
        return False
    if raw in YES or raw == _("Yes").lower():
        return True
    raise CellError(_("“%(value)s” is neither yes nor no: write Yes or No (Kyllä or Ei).") % {"value": text(value)})


def choice(value: Cell, choices: Iterable[tuple[str, object]], default: str | None = None) -> str:
    """One of ``choices`` (value, label), written as its value or its label in the active language, any case."""
    raw = text(value)
    if not raw:
        if default is None:
            raise CellError(_("This column needs a value."))
        return default
    wanted = raw.casefold()
    options = list(choices)
    for key, label in options:
        if wanted in (str(key).casefold(), str(label).casefold()):
            return str(key)
    allowed = ", ".join(str(key) for key, _label in options)
    raise CellError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": raw, "allowed": allowed})


def items(value: Cell) -> list[str]:
    """Several values in one cell, separated by ``;`` or line breaks (names may have commas), each stripped."""
    raw = text(value)
    return [item for item in LIST_SEPARATORS.split(raw) if item] if raw else []


def lookup(names: Iterable[str], table: Mapping[str, int], what: str) -> list[int]:
    """The ids of ``names`` in ``table`` (keys casefolded), or a CellError naming those that are not there."""
    found, missing = [], []
    for name in names:
        key = name.casefold()
        if key in table:
            if table[key] not in found:
                found.append(table[key])
        else:
            missing.append(name)
    if missing:
        raise CellError(_("No %(what)s “%(names)s” in Silta.") % {"what": what, "names": "”, “".join(missing)})
    return found
