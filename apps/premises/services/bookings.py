"""Single bookings: made by a booker, cancelled by the booker or the space's managers."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import Invalid
from apps.core.policy import require
from apps.initiatives.models import Initiative
from apps.premises import permissions
from apps.premises.formatting import duration_text
from apps.premises.models import Booking, Space
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
    lock_calendar,
    locked,
)
from apps.programmes.models import Programme


@booking_write
def booking_create(
    *,
    by: User,
    space: Space,
    start: datetime,
    end: datetime,
    purpose: str,
    attendees: int,
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    accept_terms: bool | str = False,
    now: datetime | None = None,
) -> Booking:
    """``by`` books a space for ``[start, end)``: confirmed at once or requested, depending on the space (an
    external booker's always requested, once they have accepted its terms of use)."""
    now = now or timezone.now()
    start, end = as_utc(start), as_utc(end)
    check_may_book(by, space)
    check_terms(by, space, accept_terms)
    check_links(by, initiative, programme)
    lock_calendar(space, by, [(start, end)])
    check_rules(space=space, booker=by, start=start, end=end, attendees=attendees, now=now)
    booking = book(
        space=space,
        booker=by,
        start=start,
        end=end,
        purpose=purpose,
        attendees=attendees,
        initiative=initiative,
        programme=programme,
        series=None,
        now=now,
    )
    if booking.status == Booking.Status.REQUESTED:
        notify_booking_requested(space=space, booker=by, occurrences=[booking], series=None)
    return booking


@booking_write
def booking_cancel(*, by: User, booking: Booking, now: datetime | None = None) -> Booking:
    """Cancel one booking (also one occurrence of a series) and free its slot."""
    require(permissions.can_cancel(by, booking), _("You can cancel only your own bookings."))
    now = now or timezone.now()
    (booking,) = locked(Booking.objects.filter(pk=booking.pk))
    if not booking.is_holding:
        raise Invalid(_("This booking is no longer active."))
    if booking.start < cancellable_from(space=booking.space, by=by, now=now):
        if booking.start <= now:
            raise Invalid(_("A booking that has already started cannot be cancelled."))
        raise Invalid(
            _("Bookings of this space can be cancelled until %s before the start. Contact its premises manager.")
            % duration_text(booking.space.cancellation_deadline)
        )
    cancel([booking])
    return booking
