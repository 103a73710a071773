"""Recurring bookings: one request for the same local time every (other) week, previewed before it is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError, Conflict, Invalid
from apps.core.policy import require
from apps.core.services import validated_save
from apps.core.timezones import NonexistentLocalTime, local_datetime
from apps.initiatives.models import Initiative
from apps.premises import permissions, selectors
from apps.premises.formatting import local_iso
from apps.premises.models import Booking, BookingSeries, Recurrence, Space
from apps.premises.notifications import notify_booking_requested
from apps.premises.services._rules import (
    as_utc,
    book,
    booking_write,
    cancel,
    cancellable_from,
    check_links,
    check_may_book,
    check_rules,
    check_terms,
    conflict_error,
    lock_calendar,
    locked,
)
from apps.programmes.models import Programme

# A series runs at most a year: longer ones are new decisions, not one request.
MAX_SERIES_SPAN = timedelta(days=366)


@dataclass
class Occurrence:
    """One date of a series as previewed: ``problem`` says why it cannot be booked (empty if it can).

    ``start`` and ``end`` are naive wall-clock times when that time does not exist on the day (clock change).
    """

    start: datetime
    end: datetime
    problem: str = ""
    conflict: Booking | None = field(default=None, repr=False)

    @property
    def is_free(self) -> bool:
        return not self.problem

    def as_dict(self) -> dict:
        return {"start": local_iso(self.start), "end": local_iso(self.end), "problem": self.problem}


def series_dates(*, start: datetime, end: datetime, recurrence: str, until: date) -> list[Occurrence]:
    """Occurrences at the same local wall-clock time every week or every other week, up to ``until``.

    On a day the clocks skip that time the occurrence is refused, not moved; of a repeated time it takes the same
    reading (first or second) as the first occurrence.
    """
    if recurrence not in Recurrence.values:
        raise Invalid(_("Choose how the booking repeats."))
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if until < local_start.date():
        raise Invalid(_("The series must end on or after its first date."))
    if until > (local_start + MAX_SERIES_SPAN).date():
        raise Invalid(_("A series may run for at most a year."))
    step = timedelta(weeks=1 if recurrence == Recurrence.WEEKLY else 2)
    naive_start, naive_end = local_start.replace(tzinfo=None), local_end.replace(tzinfo=None)
    occurrences = []
    while naive_start.date() <= until:
        try:
            occurrence = Occurrence(
                as_utc(local_datetime(naive_start, fold=local_start.fold)),
                as_utc(local_datetime(naive_end, fold=local_end.fold)),
            )
        except NonexistentLocalTime as refusal:
            occurrence = Occurrence(naive_start, naive_end, problem=refusal.message)
        occurrences.append(occurrence)
        naive_start, naive_end = naive_start + step, naive_end + step
    return occurrences


def _bookable_dates(
    *, space: Space, booker: User, start: datetime, end: datetime, recurrence: str, until: date
) -> list[Occurrence]:
    start, end = as_utc(start), as_utc(end)
    check_may_book(booker, space)
    if end <= start:
        raise Invalid(_("The end must be after the start."))
    return series_dates(start=start, end=end, recurrence=recurrence, until=until)


def _checked(
    *, space: Space, booker: User, occurrences: list[Occurrence], attendees: int, now: datetime
) -> list[Occurrence]:
    """The occurrences, each refused with the first rule it breaks or the booking it overlaps."""
    for occurrence in occurrences:
        if occurrence.problem:
            continue  # a time that does not exist that day
        try:
            check_rules(
                space=space, booker=booker, start=occurrence.start, end=occurrence.end, attendees=attendees, now=now
            )
        except ApplicationError as refusal:
            occurrence.problem = refusal.message
        else:
            conflict = selectors.first_conflict(space, DateTimeTZRange(occurrence.start, occurrence.end + space.buffer))
            if conflict is not None:
                occurrence.conflict = conflict
                occurrence.problem = conflict_error(conflict).message
    return occurrences


def booking_series_preview(
    *,
    by: User,
    space: Space,
    start: datetime,
    end: datetime,
    recurrence: str,
    until: date,
    attendees: int,
    now: datetime | None = None,
) -> list[Occurrence]:
    """Every occurrence of a series ``by`` plans, with the reason it cannot be booked, before anything is saved.

    It writes nothing, but is refused as the booking would be: the preview answers the booker's question.
    """
    occurrences = _bookable_dates(space=space, booker=by, start=start, end=end, recurrence=recurrence, until=until)
    return _checked(space=space, booker=by, occurrences=occurrences, attendees=attendees, now=now or timezone.now())


@booking_write
def booking_series_create(
    *,
    by: User,
    space: Space,
    start: datetime,
    end: datetime,
    recurrence: str,
    until: date,
    purpose: str,
    attendees: int,
    book_free_only: bool = False,
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    accept_terms: bool | str = False,
    now: datetime | None = None,
) -> BookingSeries:
    """Book a recurring slot: all occurrences, or with ``book_free_only`` just the free ones; never half by accident.
    An external booker accepts the space's terms of use once for the series (each occurrence records it)."""
    now = now or timezone.now()
    check_links(by, initiative, programme)
    occurrences = _bookable_dates(space=space, booker=by, start=start, end=end, recurrence=recurrence, until=until)
    check_terms(by, space, accept_terms)
    lock_calendar(space, by, [(occurrence.start, occurrence.end) for occurrence in occurrences if occurrence.is_free])
    occurrences = _checked(space=space, booker=by, occurrences=occurrences, attendees=attendees, now=now)
    refused = [occurrence for occurrence in occurrences if not occurrence.is_free]
    if refused and not book_free_only:
        raise Conflict(
            ngettext(
                "%(refused)d of %(total)d occurrences cannot be booked. Book the free ones or none.",
                "%(refused)d of %(total)d occurrences cannot be booked. Book the free ones or none.",
                len(refused),
            )
            % {"refused": len(refused), "total": len(occurrences)},
            extra={"occurrences": [occurrence.as_dict() for occurrence in occurrences]},
        )
    if len(refused) == len(occurrences):
        raise Conflict(
            _("None of the occurrences can be booked."),
            extra={"occurrences": [occurrence.as_dict() for occurrence in occurrences]},
        )
    first = occurrences[0]
    series = BookingSeries(
        space=space,
        booker=by,
        recurrence=recurrence,
        first_period=DateTimeTZRange(first.start, first.end),
        until=until,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
    )
    validated_save(series)
    booked: list[Booking] = []
    for occurrence in occurrences:
        if not occurrence.is_free:
            continue
        try:
            # A savepoint each: with ``book_free_only`` the series goes on after an occurrence that failed.
            with transaction.atomic():
                booking = book(
                    space=space,
                    booker=by,
                    start=occurrence.start,
                    end=occurrence.end,
                    purpose=purpose,
                    attendees=attendees,
                    initiative=initiative,
                    programme=programme,
                    series=series,
                    now=now,
                )
        except Conflict:
            if not book_free_only:
                raise  # someone was faster: the whole series is rolled back
        else:
            booked.append(booking)
    if not booked:
        raise Conflict(_("None of the occurrences can be booked."))
    requested = [booking for booking in booked if booking.status == Booking.Status.REQUESTED]
    if requested:
        notify_booking_requested(space=space, booker=by, occurrences=requested, series=series)
    return series


@booking_write
def booking_series_cancel(*, by: User, series: BookingSeries, now: datetime | None = None) -> int:
    """Cancel every future occurrence of a series that can still be cancelled; returns how many."""
    require(permissions.can_cancel(by, series), _("You can cancel only your own bookings."))
    now = now or timezone.now()
    cancellable = locked(
        series.occurrences.holding().filter(
            period__startswith__gte=cancellable_from(space=series.space, by=by, now=now)
        )
    )
    if not cancellable:
        raise Invalid(_("No occurrence of this series can be cancelled any more."))
    cancel(cancellable)
    return len(cancellable)
