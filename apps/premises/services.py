"""Writes of premises: booking, series, decisions and cancellations. The exclusion constraint is the guarantee."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from psycopg2 import errorcodes

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.services import email_queue
from apps.core.timezones import NonexistentLocalTime, local_datetime
from apps.initiatives import permissions as initiative_policy
from apps.initiatives.models import Initiative
from apps.premises import permissions, selectors
from apps.premises.models import (
    Booking,
    BookingSeries,
    OpeningException,
    OpeningHours,
    Recurrence,
    Space,
    UserFeedToken,
    new_feed_secret,
)
from apps.programmes.models import Programme
from apps.sectors.models import Sector

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


def _conflict_error(conflict: Booking | None) -> Conflict:
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


def _aware(moment: datetime) -> datetime:
    """The instant in UTC; a naive argument is a local wall-clock time, refused if the clocks skip or repeat it.

    In UTC because Python subtracts two datetimes of one zone by their wall clocks: 02:30-05:00 on the spring
    night would last 2.5 hours, not 1.5.
    """
    return (moment if timezone.is_aware(moment) else local_datetime(moment)).astimezone(UTC)


def _quota_lock_key(space: Space, booker: User, day: date) -> int:
    """A signed 64-bit advisory lock key for (space, booker, ISO week of ``day``); a collision only serialises more."""
    year, week, _weekday = day.isocalendar()
    digest = hashlib.blake2b(f"premises.quota:{space.pk}:{booker.pk}:{year}-W{week}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _lock_quota_weeks(space: Space, booker: User, starts: Iterable[datetime]) -> None:
    """Serialise the quota's check-and-insert per (space, booker, week) until the transaction ends.

    Without it two requests read the same hours before either is saved and both pass. The keys are taken in a
    stable order, so a series and single bookings of the same weeks wait for each other instead of deadlocking.
    """
    if space.weekly_quota_hours is None:
        return
    keys = sorted({_quota_lock_key(space, booker, timezone.localtime(start).date()) for start in starts})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _check_may_book(booker: User, space: Space) -> None:
    if not space.is_bookable:
        raise NotAllowed(_("This space is not open for booking."))
    if not permissions.can_book(booker, space):
        raise NotAllowed(_("Your sector may not book this space. Ask its premises manager."))


def _check_links(booker: User, initiative: Initiative | None, programme: Programme | None) -> None:
    """A booking counts in the premises figures of its initiative and programme: only theirs who work on them."""
    if initiative is not None and not initiative_policy.can_link_initiative(booker, initiative):
        raise NotAllowed(_("You can link a booking only to an initiative you take part in or may edit."))
    if programme is not None and not initiative_policy.can_link_programme(booker, programme):
        raise NotAllowed(_("You can link a booking only to a programme you take part in or may edit."))


def _check_rules(*, space: Space, booker: User, start: datetime, end: datetime, attendees: int, now: datetime) -> None:
    """Refuse with a clear message whatever the space's rules forbid; overlaps are checked when booking."""
    if end <= start:
        raise ApplicationError(_("The end must be after the start."))
    if start < now:
        raise ApplicationError(_("A booking cannot start in the past."))
    duration = end - start
    if duration < space.min_duration:
        raise ApplicationError(_("The shortest booking for this space is %s.") % duration_text(space.min_duration))
    if duration > space.max_duration:
        raise ApplicationError(_("The longest booking for this space is %s.") % duration_text(space.max_duration))
    if start < now + space.lead_time:
        raise ApplicationError(_("Book this space at least %s before the start.") % duration_text(space.lead_time))
    if start > now + timedelta(days=space.max_advance_days):
        raise ApplicationError(
            ngettext(
                "This space takes bookings at most %(days)d day ahead.",
                "This space takes bookings at most %(days)d days ahead.",
                space.max_advance_days,
            )
            % {"days": space.max_advance_days}
        )
    if attendees < 1:
        raise ApplicationError(_("At least one person must attend."))
    if attendees > space.capacity:
        raise ApplicationError(
            _("This space fits %(capacity)d people; you asked for %(attendees)d.")
            % {"capacity": space.capacity, "attendees": attendees}
        )
    if not selectors.is_open_throughout(space, start, end):
        raise ApplicationError(_("The space is not open for the whole time asked. See its opening hours."))
    if space.weekly_quota_hours is not None:
        booked = selectors.hours_booked_in_week(space, booker, start)
        if booked + duration > timedelta(hours=space.weekly_quota_hours):
            raise ApplicationError(
                _("You may book this space for %(quota)d hours a week; you already have %(booked)s that week.")
                % {"quota": space.weekly_quota_hours, "booked": duration_text(booked)}
            )


def _book(
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
    """Save one booking; the friendly overlap check first, then the database's guarantee."""
    held = DateTimeTZRange(start, end + space.buffer)
    conflict = selectors.first_conflict(space, held)
    if conflict is not None:
        raise _conflict_error(conflict)
    instant = not space.approval_required
    booking = Booking(
        space=space,
        booker=booker,
        series=series,
        period=DateTimeTZRange(start, end),
        held_period=held,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
        status=Booking.Status.CONFIRMED if instant else Booking.Status.REQUESTED,
        decided_at=now if instant else None,
    )
    # The exclusion constraint is checked by the database on insert, where a violation becomes a Conflict.
    booking.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        if getattr(exc.__cause__, "pgcode", None) != errorcodes.EXCLUSION_VIOLATION:
            raise
        # The faster transaction has committed by now (PostgreSQL waited for it), so it is visible here.
        raise _conflict_error(selectors.first_conflict(space, held)) from exc
    return booking


@transaction.atomic
def booking_create(
    *,
    space: Space,
    booker: User,
    start: datetime,
    end: datetime,
    purpose: str,
    attendees: int,
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book a space for ``[start, end)``: confirmed at once or requested, depending on the space."""
    now = now or timezone.now()
    start, end = _aware(start), _aware(end)
    _check_may_book(booker, space)
    _check_links(booker, initiative, programme)
    _lock_quota_weeks(space, booker, [start])
    _check_rules(space=space, booker=booker, start=start, end=end, attendees=attendees, now=now)
    return _book(
        space=space,
        booker=booker,
        start=start,
        end=end,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
        series=None,
        now=now,
    )


def series_dates(*, start: datetime, end: datetime, recurrence: str, until: date) -> list[Occurrence]:
    """Occurrences at the same local wall-clock time every week or every other week, up to ``until``.

    On a day the clocks skip that time the occurrence is refused, not moved; of a repeated time it takes the same
    reading (first or second) as the first occurrence.
    """
    if recurrence not in Recurrence.values:
        raise ApplicationError(_("Choose how the booking repeats."))
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if until < local_start.date():
        raise ApplicationError(_("The series must end on or after its first date."))
    if until > (local_start + MAX_SERIES_SPAN).date():
        raise ApplicationError(_("A series may run for at most a year."))
    step = timedelta(weeks=1 if recurrence == Recurrence.WEEKLY else 2)
    naive_start, naive_end = local_start.replace(tzinfo=None), local_end.replace(tzinfo=None)
    occurrences = []
    while naive_start.date() <= until:
        try:
            occurrence = Occurrence(
                _aware(local_datetime(naive_start, fold=local_start.fold)),
                _aware(local_datetime(naive_end, fold=local_end.fold)),
            )
        except NonexistentLocalTime as refusal:
            occurrence = Occurrence(naive_start, naive_end, problem=refusal.message)
        occurrences.append(occurrence)
        naive_start, naive_end = naive_start + step, naive_end + step
    return occurrences


def _series_dates(
    *, space: Space, booker: User, start: datetime, end: datetime, recurrence: str, until: date
) -> list[Occurrence]:
    start, end = _aware(start), _aware(end)
    _check_may_book(booker, space)
    if end <= start:
        raise ApplicationError(_("The end must be after the start."))
    return series_dates(start=start, end=end, recurrence=recurrence, until=until)


def _checked(
    *, space: Space, booker: User, occurrences: list[Occurrence], attendees: int, now: datetime
) -> list[Occurrence]:
    """The occurrences, each refused with the first rule it breaks or the booking it overlaps."""
    for occurrence in occurrences:
        if occurrence.problem:
            continue  # a time that does not exist that day
        try:
            _check_rules(
                space=space, booker=booker, start=occurrence.start, end=occurrence.end, attendees=attendees, now=now
            )
        except ApplicationError as refusal:
            occurrence.problem = refusal.message
        else:
            conflict = selectors.first_conflict(space, DateTimeTZRange(occurrence.start, occurrence.end + space.buffer))
            if conflict is not None:
                occurrence.conflict = conflict
                occurrence.problem = _conflict_error(conflict).message
    return occurrences


def booking_series_preview(
    *,
    space: Space,
    booker: User,
    start: datetime,
    end: datetime,
    recurrence: str,
    until: date,
    attendees: int,
    now: datetime | None = None,
) -> list[Occurrence]:
    """Every occurrence of a planned series, with the reason it cannot be booked, before anything is saved."""
    occurrences = _series_dates(space=space, booker=booker, start=start, end=end, recurrence=recurrence, until=until)
    return _checked(space=space, booker=booker, occurrences=occurrences, attendees=attendees, now=now or timezone.now())


@transaction.atomic
def booking_series_create(
    *,
    space: Space,
    booker: User,
    start: datetime,
    end: datetime,
    recurrence: str,
    until: date,
    purpose: str,
    attendees: int,
    book_free_only: bool = False,
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    now: datetime | None = None,
) -> BookingSeries:
    """Book a recurring slot: all occurrences, or with ``book_free_only`` just the free ones; never half by accident."""
    now = now or timezone.now()
    _check_links(booker, initiative, programme)
    occurrences = _series_dates(space=space, booker=booker, start=start, end=end, recurrence=recurrence, until=until)
    _lock_quota_weeks(space, booker, [occurrence.start for occurrence in occurrences if occurrence.is_free])
    occurrences = _checked(space=space, booker=booker, occurrences=occurrences, attendees=attendees, now=now)
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
        booker=booker,
        recurrence=recurrence,
        first_period=DateTimeTZRange(first.start, first.end),
        until=until,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
    )
    series.full_clean()
    series.save()
    booked = 0
    for occurrence in occurrences:
        if not occurrence.is_free:
            continue
        try:
            _book(
                space=space,
                booker=booker,
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
            booked += 1
    if not booked:
        raise Conflict(_("None of the occurrences can be booked."))
    return series


def _locked(bookings: QuerySet[Booking]) -> list[Booking]:
    return list(bookings.select_for_update().select_related("space", "booker").order_by("period"))


def _check_manages(user: User, space: Space) -> None:
    if not permissions.can_manage(user, space):
        raise NotAllowed(_("Only the premises managers of this space can decide on its bookings."))


def _decide(bookings: list[Booking], *, status: str, by: User, reason: str, now: datetime) -> None:
    for booking in bookings:
        booking.status = status
        booking.decided_by = by
        booking.decided_at = now
        booking.reason = reason
        booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _notify_booker(*, booker: User, space: Space, status: str, reason: str, occurrences: list[Booking]) -> None:
    """One email per decision, written with it and sent by a worker once the decision is committed."""
    if not booker.email:
        return
    approved = status == Booking.Status.CONFIRMED
    subject = (
        _("Your booking of %(space)s was approved") if approved else _("Your booking of %(space)s was declined")
    ) % {"space": space.name}
    body = render_to_string(
        "premises/email/decision.txt",
        {
            "booker": booker,
            "space": space,
            "approved": approved,
            "reason": reason,
            "times": [(local_text(b.start), local_text(b.end)) for b in occurrences],
        },
    )
    # Each booking is decided once, so the first one decided names the decision.
    email_queue(key=f"premises.booking_decision:{occurrences[0].pk}", subject=subject, body=body, to=[booker.email])


def _requested(bookings: list[Booking]) -> list[Booking]:
    requested = [booking for booking in bookings if booking.status == Booking.Status.REQUESTED]
    if not requested:
        raise ApplicationError(_("There is nothing waiting for a decision here."))
    return requested


def _decide_single(*, booking: Booking, by: User, status: str, reason: str, now: datetime | None) -> Booking:
    _check_manages(by, booking.space)
    if booking.series_id:
        raise ApplicationError(_("This booking belongs to a series: decide on the whole series."))
    (locked,) = _locked(Booking.objects.filter(pk=booking.pk))
    _decide(_requested([locked]), status=status, by=by, reason=reason, now=now or timezone.now())
    _notify_booker(booker=locked.booker, space=locked.space, status=status, reason=reason, occurrences=[locked])
    return locked


def _decide_series(*, series: BookingSeries, by: User, status: str, reason: str, now: datetime | None) -> int:
    _check_manages(by, series.space)
    requested = _requested(_locked(series.occurrences.all()))
    _decide(requested, status=status, by=by, reason=reason, now=now or timezone.now())
    _notify_booker(booker=series.booker, space=series.space, status=status, reason=reason, occurrences=requested)
    return len(requested)


def _reason_required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give a reason for declining, so the booker knows what to do next."))
    return reason


@transaction.atomic
def booking_approve(*, booking: Booking, by: User, now: datetime | None = None) -> Booking:
    """Confirm a requested booking and tell the booker."""
    return _decide_single(booking=booking, by=by, status=Booking.Status.CONFIRMED, reason="", now=now)


@transaction.atomic
def booking_decline(*, booking: Booking, by: User, reason: str, now: datetime | None = None) -> Booking:
    """Decline a requested booking with a reason, free its slot and tell the booker."""
    reason = _reason_required(reason)
    return _decide_single(booking=booking, by=by, status=Booking.Status.DECLINED, reason=reason, now=now)


@transaction.atomic
def booking_series_approve(*, series: BookingSeries, by: User, now: datetime | None = None) -> int:
    """Confirm every requested occurrence of a series; one email. Returns how many were confirmed."""
    return _decide_series(series=series, by=by, status=Booking.Status.CONFIRMED, reason="", now=now)


@transaction.atomic
def booking_series_decline(*, series: BookingSeries, by: User, reason: str, now: datetime | None = None) -> int:
    """Decline every requested occurrence of a series; one email. Returns how many were declined."""
    reason = _reason_required(reason)
    return _decide_series(series=series, by=by, status=Booking.Status.DECLINED, reason=reason, now=now)


def _cancellable_from(*, space: Space, by: User, now: datetime) -> datetime:
    """The earliest start a user may still cancel: managers anything not begun, bookers before the deadline."""
    return now if permissions.can_manage(by, space) else now + space.cancellation_deadline


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, now: datetime | None = None) -> Booking:
    """Cancel one booking (also one occurrence of a series) and free its slot."""
    if not permissions.can_cancel(by, booking):
        raise NotAllowed(_("You can cancel only your own bookings."))
    now = now or timezone.now()
    (locked,) = _locked(Booking.objects.filter(pk=booking.pk))
    if not locked.is_holding:
        raise ApplicationError(_("This booking is no longer active."))
    if locked.start < _cancellable_from(space=locked.space, by=by, now=now):
        if locked.start <= now:
            raise ApplicationError(_("A booking that has already started cannot be cancelled."))
        raise ApplicationError(
            _("Bookings of this space can be cancelled until %s before the start. Contact its premises manager.")
            % duration_text(locked.space.cancellation_deadline)
        )
    locked.status = Booking.Status.CANCELLED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def booking_series_cancel(*, series: BookingSeries, by: User, now: datetime | None = None) -> int:
    """Cancel every future occurrence of a series that can still be cancelled; returns how many."""
    if not permissions.can_cancel(by, series):
        raise NotAllowed(_("You can cancel only your own bookings."))
    now = now or timezone.now()
    cancellable = _locked(
        series.occurrences.holding().filter(
            period__startswith__gte=_cancellable_from(space=series.space, by=by, now=now)
        )
    )
    if not cancellable:
        raise ApplicationError(_("No occurrence of this series can be cancelled any more."))
    for booking in cancellable:
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status"])
    return len(cancellable)


def _check_edits(user: User, space: Space) -> None:
    if not permissions.can_manage(user, space):
        raise NotAllowed(_("Only the premises managers of this space can change it."))


SPACE_EDITABLE_FIELDS = (
    "name",
    "description",
    "capacity",
    "equipment",
    "is_bookable",
    "min_duration",
    "max_duration",
    "lead_time",
    "max_advance_days",
    "buffer",
    "cancellation_deadline",
    "weekly_quota_hours",
    "approval_required",
)


@transaction.atomic
def space_update(
    *, space: Space, by: User, allowed_sectors: Iterable[Sector] | None = None, **changes: object
) -> Space:
    """A premises manager edits a space and its rules; existing bookings stay as they are."""
    _check_edits(by, space)
    unknown = set(changes) - set(SPACE_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(space, name, value)
    space.full_clean()
    space.save()
    if allowed_sectors is not None:
        space.allowed_sectors.set(allowed_sectors)
    return space


@transaction.atomic
def space_opening_hours_set(*, space: Space, by: User, periods: Iterable[tuple[int, time, time]]) -> None:
    """Replace the weekly opening hours; a period closing at or before its opening runs past midnight."""
    _check_edits(by, space)
    periods = sorted(set(periods))
    if len({(weekday, opens) for weekday, opens, _closes in periods}) != len(periods):
        raise ApplicationError(_("Two opening periods start at the same time on the same day."))
    OpeningHours.objects.filter(space=space).delete()
    hours = [
        OpeningHours(space=space, weekday=weekday, opens=opens, closes=closes) for weekday, opens, closes in periods
    ]
    for period in hours:
        period.full_clean(exclude=["space"])
    OpeningHours.objects.bulk_create(hours)


@transaction.atomic
def opening_exception_set(
    *, space: Space, by: User, day: date, opens: time | None, closes: time | None, reason: str
) -> OpeningException:
    """Other hours, or a closure (no hours), for one day; existing bookings of that day are not touched."""
    _check_edits(by, space)
    if (opens is None) != (closes is None):
        raise ApplicationError(_("Give both the opening and the closing time, or neither for a closed day."))
    exception, _created = OpeningException.objects.update_or_create(
        space=space, date=day, defaults={"opens": opens, "closes": closes, "reason": reason}
    )
    return exception


@transaction.atomic
def user_feed_token_get_or_create(*, by: User) -> UserFeedToken:
    """The user's one feed address, made on first use; the same on every visit, so calendar apps keep working."""
    token, _created = UserFeedToken.objects.get_or_create(user=by)
    return token


@transaction.atomic
def user_feed_token_renew(*, by: User) -> UserFeedToken:
    """A new secret for the user's feed address (e.g. after sharing it by mistake); the old one answers 404."""
    token, created = UserFeedToken.objects.select_for_update().get_or_create(user=by)
    if not created:
        token.secret = new_feed_secret()
        token.renewed_at = timezone.now()
        token.save(update_fields=["secret", "renewed_at"])
    return token
