"""A premises manager's changes to a space: its rules, who may book it, its weekly hours and exceptional days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.accounts.models import User
from apps.core.exceptions import Invalid
from apps.core.history import record_by
from apps.core.services import validated_save
from apps.premises.models import SPACE_EDITABLE_FIELDS, OpeningException, OpeningHours, Space
from apps.premises.services._rules import check_edits
from apps.sectors.models import Sector


@transaction.atomic
def space_update(
    *, by: User, space: Space, allowed_sectors: Iterable[Sector] | None = None, **changes: object
) -> Space:
    """A premises manager edits a space and its rules (``SPACE_EDITABLE_FIELDS``); existing bookings stay."""
    check_edits(by, space)
    unknown = set(changes) - set(SPACE_EDITABLE_FIELDS)
    if unknown:  # a caller's mistake, not the user's: like an unexpected keyword argument
        raise TypeError(f"not editable: {sorted(unknown)}")
    record_by(space, by)
    for name, value in changes.items():
        setattr(space, name, value)
    validated_save(space)
    if allowed_sectors is not None:
        space.allowed_sectors.set(allowed_sectors)
    return space


@transaction.atomic
def space_import_save(
    *,
    by: User,
    space: Space,
    allowed_sectors: Iterable[int] | None = None,
    opening_hours: Iterable[tuple[int, time, time]] | None = None,
) -> Space:
    """A space from a spreadsheet, new or changed, with its rules, who may book it and its weekly hours: the
    premises managers of its unit or venue (administrators: any) import it."""
    check_edits(by, space)
    validated_save(record_by(space, by))
    if allowed_sectors is not None:
        space.allowed_sectors.set(allowed_sectors)
    if opening_hours is not None:
        space_opening_hours_set(by=by, space=space, periods=opening_hours)
    return space


@transaction.atomic
def space_opening_hours_set(*, by: User, space: Space, periods: Iterable[tuple[int, time, time]]) -> None:
    """Replace the weekly opening hours; a period closing at or before its opening runs past midnight. Periods that
    stay are kept as they are, so the history shows only the ones removed and added."""
    check_edits(by, space)
    periods = sorted(set(periods))
    if len({(weekday, opens) for weekday, opens, _closes in periods}) != len(periods):
        raise Invalid(_("Two opening periods start at the same time on the same day."))
    existing = {(row.weekday, row.opens, row.closes): row for row in OpeningHours.objects.filter(space=space)}
    for period, row in existing.items():
        if period not in periods:
            record_by(row, by).delete()
    hours = [
        OpeningHours(space=space, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in periods
        if (weekday, opens, closes) not in existing
    ]
    try:
        for period in hours:
            period.full_clean(exclude=["space"])
    except ValidationError as exc:
        raise Invalid.from_validation_error(exc) from exc
    bulk_create_with_history(hours, OpeningHours, default_user=by)


@transaction.atomic
def opening_exception_set(
    *, by: User, space: Space, day: date, opens: time | None, closes: time | None, reason: str
) -> OpeningException:
    """Other hours, or a closure (no hours), for one day; existing bookings of that day are not touched."""
    check_edits(by, space)
    if (opens is None) != (closes is None):
        raise Invalid(_("Give both the opening and the closing time, or neither for a closed day."))
    exception = OpeningException.objects.select_for_update().filter(space=space, date=day).first()
    exception = exception or OpeningException(space=space, date=day)
    exception.opens, exception.closes, exception.reason = opens, closes, reason
    validated_save(record_by(exception, by))
    return exception
