"""Local wall-clock times made aware strictly: a time the clocks skip is refused, a time they repeat is named.

``timezone.make_aware`` with zoneinfo never complains: 03:30 on the night the clocks jump from 03:00 to 04:00
silently becomes 04:30, and 03:30 on the night they go back is silently the first of the two. A booking must not
move without the booker knowing, so every naive local time a person typed goes through here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError


class NonexistentLocalTime(ApplicationError):
    """The wall-clock time is skipped when the clocks go forward."""


class AmbiguousLocalTime(ApplicationError):
    """The wall-clock time happens twice when the clocks go back, and nothing says which one is meant."""


def _zone(zone: tzinfo | None) -> tzinfo:
    return zone or timezone.get_current_timezone()


def exists(naive: datetime, zone: tzinfo | None = None) -> bool:
    """Whether the clocks of ``zone`` ever show ``naive`` (false inside the hour skipped in spring)."""
    zone = _zone(zone)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def is_ambiguous(naive: datetime, zone: tzinfo | None = None) -> bool:
    """Whether the clocks of ``zone`` show ``naive`` twice (inside the hour repeated in autumn)."""
    zone = _zone(zone)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return exists(naive, zone) and first.utcoffset() != second.utcoffset()


def _wall_clock(naive: datetime) -> dict[str, str]:
    return {"date": formats.date_format(naive, "SHORT_DATE_FORMAT"), "time": formats.time_format(naive, "H:i")}


def offset_text(moment: datetime) -> str:
    """``UTC+03:00``: the offset of an aware datetime as people write it."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_datetime(naive: datetime, *, fold: int | None = None, zone: tzinfo | None = None) -> datetime:
    """``naive`` as an aware datetime of ``zone`` (the current time zone by default), or a clear refusal.

    A time the clocks skip raises ``NonexistentLocalTime``. A repeated time takes ``fold`` (0: the first, in
    summer time; 1: the second); without one it raises ``AmbiguousLocalTime``, whose message asks for an offset.
    """
    zone = _zone(zone)
    if timezone.is_aware(naive):
        raise ValueError("local_datetime() takes a naive datetime")
    if not exists(naive, zone):
        raise NonexistentLocalTime(
            _(
                "This time does not exist on that day (clock change): %(time)s is skipped on %(date)s when the "
                "clocks go forward. Choose another time."
            )
            % _wall_clock(naive)
        )
    if is_ambiguous(naive, zone) and fold is None:
        first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
        raise AmbiguousLocalTime(
            _(
                "%(time)s on %(date)s happens twice (the clocks go back an hour). Give the time with its UTC "
                "offset: %(first)s for the first, %(second)s for the second."
            )
            % {**_wall_clock(naive), "first": first.isoformat(), "second": second.isoformat()}
        )
    return naive.replace(tzinfo=zone, fold=fold or 0)


def repeated_time_note(moment: datetime) -> str:
    """If ``moment`` (aware) is one of a repeated hour's two readings, a sentence that says which one it is."""
    naive = timezone.localtime(moment).replace(tzinfo=None)
    if not is_ambiguous(naive):
        return ""
    local = timezone.localtime(moment)
    is_first = local.utcoffset() == naive.replace(tzinfo=local.tzinfo, fold=0).utcoffset()
    message = (
        _("%(time)s on %(date)s happens twice as the clocks go back: this is the first of the two (%(offset)s).")
        if is_first
        else _("%(time)s on %(date)s happens twice as the clocks go back: this is the second of the two (%(offset)s).")
    )
    return message % {**_wall_clock(naive), "offset": offset_text(local)}


def aware(day: date, moment: time, *, shift_skipped: bool = False, zone: tzinfo | None = None) -> datetime:
    """The wall-clock ``moment`` of ``day`` in ``zone`` (the current time zone by default) as an aware datetime.

    Of a repeated time it takes the first of the two readings. A time the clocks skip raises
    ``NonexistentLocalTime``, because a booking must not move without the booker knowing; with
    ``shift_skipped`` it reads as the instant an hour later instead, for the bounds of days, opening hours and
    search windows, which must not fail on the spring night.
    """
    naive = datetime.combine(day, moment)
    if shift_skipped:
        return naive.replace(tzinfo=_zone(zone))
    return local_datetime(naive, fold=0, zone=zone)
