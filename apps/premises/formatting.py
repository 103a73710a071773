"""Dates, times and durations of premises as people read them: in messages, e-mails, templates and the API."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def local_text(moment: datetime) -> str:
    """A date and time as the user reads it, in local time."""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def local_iso(moment: datetime) -> str:
    """ISO 8601 with the local offset; a naive wall-clock time (one that does not exist) without an offset."""
    return moment.isoformat() if timezone.is_naive(moment) else timezone.localtime(moment).isoformat()


def duration_text(duration: timedelta) -> str:
    """``2 days 3 h 30 min``: the largest units first, zeros left out."""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [ngettext("%d day", "%d days", days) % days] if days else []
    if hours:
        parts.append(_("%d h") % hours)
    if minutes or not parts:
        parts.append(_("%d min") % minutes)
    return " ".join(parts)
