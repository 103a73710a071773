"""iCalendar feeds of bookings (RFC 5545), for Outlook and other calendar apps."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from apps.accounts.models import User
from apps.premises.models import Booking, UserFeedToken

SECRET_LENGTH = UserFeedToken._meta.get_field("secret").max_length


def user_from_feed_token(token: str) -> User | None:
    """Whose feed this address is: calendar apps cannot log in, so the secret in the URL is the key."""
    if len(token) > SECRET_LENGTH:
        return None
    return User.objects.filter(feed_token__secret=token, is_active=True).first()


def calendar(name: str, bookings: Iterable[Booking], *, with_details: bool) -> bytes:
    """One VEVENT per booking; ``with_details`` adds purpose and booker (the booker's own feed only)."""
    feed = Calendar()
    feed.add("prodid", "-//Silta//Premises//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@silta")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(booking.period.lower))
        event.add("dtend", timezone.localtime(booking.period.upper))
        event.add("location", f"{booking.space.name}, {booking.space.venue.name}, {booking.space.venue.address}")
        event.add("status", "CONFIRMED" if booking.status == Booking.Status.CONFIRMED else "TENTATIVE")
        if with_details:
            event.add("summary", f"{booking.purpose} ({booking.space.name})")
            event.add("description", booking.get_status_display())
        else:
            event.add("summary", f"{booking.space.name}: {booking.get_status_display()}")
        feed.add_component(event)
    # Outlook needs the VTIMEZONE of every TZID used, not only the IANA name.
    feed.add_missing_timezones()
    return feed.to_ical()
