"""The checks the premises services share: who may book, the space's rules, the quota lock and the one save.

Private to :mod:`apps.premises.services`; everything here raises only ``ApplicationError`` subclasses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.accounts.models import User
from apps.core.exceptions import Conflict, Invalid
from apps.core.history import insert_with_history
from apps.core.policy import require
from apps.core.services import atomic_write
from apps.core.timezones import local_datetime
from apps.initiatives import permissions as initiative_policy
from apps.initiatives.models import Initiative
from apps.premises import permissions, selectors
from apps.premises.formatting import duration_text, local_iso, local_text
from apps.premises.models import Booking, BookingSeries, Space
from apps.programmes import permissions as programme_policy
from apps.programmes.models import Programme

# The transaction of every booking write: a deadlock runs it again, a lock not granted within lock_timeout (a
# competing booking of the same space not yet committed, the booking being cancelled or
# decided by someone else) is this 409 instead of a 503.
booking_write = atomic_write(
    busy=gettext_lazy("Someone else is booking or changing this space at this moment. Please try again.")
)


def conflict_error(conflict: Booking | None) -> Conflict:
    """The 409 that names the booking in the way (or, if it is gone again, just says someone was faster)."""
    if conflict is None:
        return Conflict(_("Someone else booked this time a moment ago. Please choose another time."))
    return Conflict(
        _("The space is already booked from %(start)s to %(end)s (including the buffer after it).")
        % {"start": local_text(conflict.held_period.lower), "end": local_text(conflict.held_period.upper)},
        extra={
            "conflict": {
                "booking": conflict.pk,
                "start": local_iso(conflict.period.lower),
                "end": local_iso(conflict.period.upper),
                "held_until": local_iso(conflict.held_period.upper),
            }
        },
    )


def as_utc(moment: datetime) -> datetime:
    """The instant in UTC; a naive argument is a local wall-clock time, refused if the clocks skip or repeat it.

    In UTC because Python subtracts two datetimes of one zone by their wall clocks: 02:30-05:00 on the spring
    night would last 2.5 hours, not 1.5.
    """
    return (moment if timezone.is_aware(moment) else local_datetime(moment)).astimezone(UTC)


def _advisory_key(name: str) -> int:
    """A signed 64-bit advisory lock key for ``name``; a collision only serialises more."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def lock_calendar(space: Space, booker: User, periods: Iterable[tuple[datetime, datetime]]) -> None:
    """Let one transaction at a time add bookings to each day of the space it books, until it ends; and, on a
    space with a weekly quota, one at a time per (booker, ISO week). Taken before any rule is read.

    The quota is a check-and-insert: without the week lock two requests read the same hours before either is
    saved and both pass. The day locks are for overlaps: overlapping inserts would otherwise wait for each
    other's uncommitted rows in the exclusion constraint's check, and a burst for nearly one slot (or a series
    meeting a single booking) formed wait cycles that PostgreSQL breaks only one at a time after
    ``deadlock_timeout`` each, until requests ran past the statement time limit (503s in the HTTP stress test).
    Two overlapping bookings always share a day (the buffer after a booking included), so now the next one in
    line meets only committed bookings and is refused at once; bookings of other days do not wait. All keys are
    taken in one order (days, then weeks, each sorted), so two writes never wait for each other in a cycle. A
    wait past ``lock_timeout`` is the 409 "try again". The exclusion constraint still decides every overlap.
    """
    days: set[date] = set()
    for start, end in periods:
        first, last = timezone.localtime(start).date(), timezone.localtime(end + space.buffer).date()
        days.update(first + timedelta(days=offset) for offset in range((last - first).days + 1))
    keys = [_advisory_key(f"premises.calendar:{space.pk}:{day.isoformat()}") for day in sorted(days)]
    if space.weekly_quota_hours is not None:
        weeks = sorted({day.isocalendar()[:2] for day in days})
        keys += [_advisory_key(f"premises.quota:{space.pk}:{booker.pk}:{year}-W{week}") for year, week in weeks]
    with connection.cursor() as cursor:  # one statement: the function scan takes them in the array's order
        cursor.execute("SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [keys])


# Why an external booker of each kind may not book a space not opened to them.
NOT_OPEN_TO = {
    permissions.ExternalKind.ASSOCIATION: gettext_lazy(
        "This space is not open to registered associations. Ask its premises manager."
    ),
    permissions.ExternalKind.PARTNER: gettext_lazy(
        "This space is not open to partner organisations. Ask its premises manager."
    ),
    permissions.ExternalKind.RESIDENT: gettext_lazy("This space is not open to residents. Ask its premises manager."),
}


def check_may_book(booker: User, space: Space) -> None:
    require(space.is_bookable, _("This space is not open for booking."))
    kind = permissions.external_kind(booker)
    refusal = (
        NOT_OPEN_TO[kind] if kind is not None else _("Your sector may not book this space. Ask its premises manager.")
    )
    require(permissions.can_book(booker, space), str(refusal))


def check_terms(booker: User, space: Space, accept_terms: bool | str) -> None:
    """An external booker accepts the space's terms of use; nothing is saved without. ``accept_terms`` may be the
    SHA-256 of the terms the booker read (the form sends it): if the manager changed them meanwhile, it is refused,
    so nobody is held to terms they did not see."""
    if not permissions.must_accept_terms(booker, space):
        return
    if not accept_terms:
        raise Invalid({"accept_terms": [_("Accept the terms of use of this space to book it.")]})
    if isinstance(accept_terms, str) and accept_terms != space.terms_sha256:
        raise Invalid(
            {"accept_terms": [_("The terms of use changed while you were booking. Read them again and accept them.")]}
        )


def check_links(booker: User, initiative: Initiative | None, programme: Programme | None) -> None:
    """A booking counts in the premises figures of its initiative and programme: only theirs who work on them."""
    if initiative is not None:
        require(
            initiative_policy.can_link_initiative(booker, initiative),
            _("You can link a booking only to an initiative you take part in or may edit."),
        )
    if programme is not None:
        require(
            programme_policy.can_link_programme(booker, programme),
            _("You can link a booking only to a programme you take part in or may edit."),
        )


def check_manages(user: User, space: Space) -> None:
    require(
        permissions.can_manage(user, space), _("Only the premises managers of this space can decide on its bookings.")
    )


def check_edits(user: User, space: Space) -> None:
    require(permissions.can_manage(user, space), _("Only the premises managers of this space can change it."))


def check_rules(*, space: Space, booker: User, start: datetime, end: datetime, attendees: int, now: datetime) -> None:
    """Refuse with a clear message whatever the space's rules forbid; overlaps are checked when booking."""
    if end <= start:
        raise Invalid(_("The end must be after the start."))
    if start < now:
        raise Invalid(_("A booking cannot start in the past."))
    duration = end - start
    if duration < space.min_duration:
        raise Invalid(_("The shortest booking for this space is %s.") % duration_text(space.min_duration))
    if duration > space.max_duration:
        raise Invalid(_("The longest booking for this space is %s.") % duration_text(space.max_duration))
    if start < now + space.lead_time:
        raise Invalid(_("Book this space at least %s before the start.") % duration_text(space.lead_time))
    if start > now + timedelta(days=space.max_advance_days):
        raise Invalid(
            ngettext(
                "This space takes bookings at most %(days)d day ahead.",
                "This space takes bookings at most %(days)d days ahead.",
                space.max_advance_days,
            )
            % {"days": space.max_advance_days}
        )
    if attendees < 1:
        raise Invalid(_("At least one person must attend."))
    if attendees > space.capacity:
        raise Invalid(
            _("This space fits %(capacity)d people; you asked for %(attendees)d.")
            % {"capacity": space.capacity, "attendees": attendees}
        )
    if not selectors.is_open_throughout(space, start, end):
        raise Invalid(_("The space is not open for the whole time asked. See its opening hours."))
    if space.weekly_quota_hours is not None:
        booked = selectors.hours_booked_in_week(space, booker, start)
        if booked + duration > timedelta(hours=space.weekly_quota_hours):
            raise Invalid(
                _("You may book this space for %(quota)d hours a week; you already have %(booked)s that week.")
                % {"quota": space.weekly_quota_hours, "booked": duration_text(booked)}
            )


def book(
    *,
    space: Space,
    booker: User,
    start: datetime,
    end: datetime,
    purpose: str,
    attendees: int,
    initiative: Initiative | None,
    programme: Programme | None,
    series: BookingSeries | None,
    now: datetime,
) -> Booking:
    """Save one booking; the exclusion constraint decides overlaps (a check before it would be one more query on
    every booking and still not safe under concurrency), and its refusal names the booking in the way."""
    held = DateTimeTZRange(start, end + space.buffer)
    instant = not permissions.needs_approval(booker, space)
    # Reached only once ``check_terms`` has passed: an external booker of a space with terms has accepted them.
    terms = space.terms_sha256 if permissions.must_accept_terms(booker, space) else ""
    booking = Booking(
        space=space,
        booker=booker,
        # Kept for the indicators (shared_space_use): the hours count for this sector even once the booker is gone.
        booker_sector_id=_home_sector_id(booker),
        series=series,
        period=DateTimeTZRange(start, end),
        held_period=held,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
        status=Booking.Status.CONFIRMED if instant else Booking.Status.REQUESTED,
        decided_at=now if instant else None,
        terms_accepted_at=now if terms else None,
        terms_sha256=terms,
    )
    # Not validated_save: the exclusion constraint is checked by the database on insert, and a booking it refuses
    # is answered with the booking in the way, not the generic "someone else changed the same data". The related
    # rows are those just read (the foreign keys guard them): checking each exists again would cost a query each.
    try:
        booking.full_clean(exclude=RELATED_FIELDS, validate_constraints=False)
    except ValidationError as exc:
        raise Invalid.from_validation_error(exc) from exc
    # The booking and its history row in one statement, which leaves out a booking the exclusion constraint
    # refuses instead of failing: no savepoint to read the booking in the way after it.
    try:
        inserted = insert_with_history(booking, by=booker, unless_violating=NO_OVERLAP)
    except IntegrityError as exc:
        raise Conflict(_("Someone else changed the same data at the same time. Please reload and try again.")) from exc
    if not inserted:
        # The faster transaction has committed by now (PostgreSQL waited for it), so it is visible here.
        raise conflict_error(selectors.first_conflict(space, held))
    return booking


# Booking.Meta's exclusion constraint: a space's holding bookings never overlap (with the buffer after each).
NO_OVERLAP = "premises_booking_no_overlap"


# The foreign keys of a booking, left out of its ``full_clean`` (see ``book``).
RELATED_FIELDS = ["space", "series", "booker", "booker_sector", "initiative", "programme", "decided_by"]


def _home_sector_id(booker: User) -> int | None:
    """The sector of the booker's home unit; the API's token authentication reads it along with the user."""
    if not booker.home_unit_id:
        return None
    if hasattr(booker, "home_unit_sector_id"):
        return booker.home_unit_sector_id
    return booker.home_unit.sector_id


def locked(bookings: QuerySet[Booking]) -> list[Booking]:
    """The bookings, locked until the transaction ends, so two decisions or cancellations never cross.

    Only the booking rows (``OF self``), and ``FOR NO KEY UPDATE`` as the status update takes anyway: a plain
    ``FOR UPDATE`` with the ``select_related`` join locked the space's and the booker's rows too, and every new
    booking of that space or by that booker waited for it in its foreign key checks (``FOR KEY SHARE``) until the
    cancellation committed, past ``lock_timeout`` under load.
    """
    rows = bookings.select_for_update(of=("self",), no_key=True).select_related("space", "booker")
    return list(rows.order_by("period"))


def cancellable_from(*, space: Space, by: User, now: datetime) -> datetime:
    """The earliest start a user may still cancel: managers anything not begun, bookers before the deadline."""
    return permissions.cancellable_from(by, space, now)


def cancel(bookings: Iterable[Booking]) -> None:
    for booking in bookings:
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status"])
