"""Premises managers' decisions on requested bookings: a single booking, or a whole series at once."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import Invalid
from apps.premises.models import Booking, BookingSeries, Space
from apps.premises.notifications import notify_booking_decided
from apps.premises.services._rules import booking_write, check_manages, locked


def _decide(bookings: list[Booking], *, status: str, by: User, reason: str, now: datetime) -> None:
    for booking in bookings:
        booking.status = status
        booking.decided_by = by
        booking.decided_at = now
        booking.reason = reason
        booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _notify_booker(*, booker: User, space: Space, status: str, reason: str, occurrences: list[Booking]) -> None:
    """One notification per decision, written with it; its e-mail is sent by a worker once the decision commits."""
    notify_booking_decided(booker=booker, space=space, status=status, reason=reason, occurrences=occurrences)


def _requested(bookings: list[Booking]) -> list[Booking]:
    requested = [booking for booking in bookings if booking.status == Booking.Status.REQUESTED]
    if not requested:
        raise Invalid(_("There is nothing waiting for a decision here."))
    return requested


def _decide_single(*, booking: Booking, by: User, status: str, reason: str, now: datetime | None) -> Booking:
    check_manages(by, booking.space)
    if booking.series_id:
        raise Invalid(_("This booking belongs to a series: decide on the whole series."))
    (booking,) = locked(Booking.objects.filter(pk=booking.pk))
    _decide(_requested([booking]), status=status, by=by, reason=reason, now=now or timezone.now())
    _notify_booker(booker=booking.booker, space=booking.space, status=status, reason=reason, occurrences=[booking])
    return booking


def _decide_series(*, series: BookingSeries, by: User, status: str, reason: str, now: datetime | None) -> int:
    check_manages(by, series.space)
    requested = _requested(locked(series.occurrences.all()))
    _decide(requested, status=status, by=by, reason=reason, now=now or timezone.now())
    _notify_booker(booker=series.booker, space=series.space, status=status, reason=reason, occurrences=requested)
    return len(requested)


def _reason_required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise Invalid(_("Give a reason for declining, so the booker knows what to do next."))
    return reason


@booking_write
def booking_approve(*, by: User, booking: Booking, now: datetime | None = None) -> Booking:
    """Confirm a requested booking and tell the booker."""
    return _decide_single(booking=booking, by=by, status=Booking.Status.CONFIRMED, reason="", now=now)


@booking_write
def booking_decline(*, by: User, booking: Booking, reason: str, now: datetime | None = None) -> Booking:
    """Decline a requested booking with a reason, free its slot and tell the booker."""
    reason = _reason_required(reason)
    return _decide_single(booking=booking, by=by, status=Booking.Status.DECLINED, reason=reason, now=now)


@booking_write
def booking_series_approve(*, by: User, series: BookingSeries, now: datetime | None = None) -> int:
    """Confirm every requested occurrence of a series; one email. Returns how many were confirmed."""
    return _decide_series(series=series, by=by, status=Booking.Status.CONFIRMED, reason="", now=now)


@booking_write
def booking_series_decline(*, by: User, series: BookingSeries, reason: str, now: datetime | None = None) -> int:
    """Decline every requested occurrence of a series; one email. Returns how many were declined."""
    reason = _reason_required(reason)
    return _decide_series(series=series, by=by, status=Booking.Status.DECLINED, reason=reason, now=now)
