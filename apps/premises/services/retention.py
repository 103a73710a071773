"""Retention of bookings: once a booking has ended long enough ago, who booked it and why is no longer needed.

The booking itself stays (space, time, status, attendees, the sector the booker worked in), so the premises
indicators and the heatmap count its hours as before; the personal fields go from the booking and from every row of
its history (django-simple-history), which would otherwise keep them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from apps.core.history import update_with_history
from apps.premises.models import Booking, BookingSeries

# What the retention run empties: the booker and what they wrote, and who decided (a manager, named to the booker).
ANONYMISED_BOOKING = {"booker": None, "purpose": "", "reason": "", "decided_by": None}
ANONYMISED_SERIES = {"booker": None, "purpose": ""}


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Bookings that ended before this instant are anonymised (``SILTA_BOOKING_RETENTION_DAYS`` ago)."""
    return (now or timezone.now()) - timedelta(days=settings.SILTA_BOOKING_RETENTION_DAYS)


@transaction.atomic
def bookings_anonymise(*, now: datetime | None = None) -> dict[str, int]:
    """Anonymise the bookings that ended before the retention cutoff, and the series all of whose occurrences did,
    with their history (the history's "changed by" too: on a booking it is mostly the booker). Idempotent: a rerun
    finds nothing more. Returns how many bookings and series were anonymised."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    bookings = Booking.objects.filter(anonymised_at__isnull=True, period__endswith__lt=cutoff)
    booking_count, _ = update_with_history(
        bookings, **ANONYMISED_BOOKING, anonymised_at=now, history_only={"history_user": None}
    )

    series = BookingSeries.objects.filter(
        anonymised_at__isnull=True, until__lt=timezone.localdate(cutoff), first_period__endswith__lt=cutoff
    ).exclude(Exists(Booking.objects.filter(series=OuterRef("pk"), period__endswith__gte=cutoff)))
    series_count, _ = update_with_history(
        series, **ANONYMISED_SERIES, anonymised_at=now, history_only={"history_user": None}
    )
    return {"bookings": booking_count, "series": series_count}
