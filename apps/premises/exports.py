"""The space catalogue and a user's bookings as CSV or Excel, with the labels the pages show."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table, column, joined
from apps.premises.models import Booking, Space, Venue


def space_table(spaces: Iterable[Space]) -> Table:
    return Table(
        header=[
            column(Space, "name"),
            column(Space, "venue"),
            column(Venue, "address"),
            column(Space, "capacity"),
            column(Space, "equipment"),
            column(Venue, "step_free_access"),
            column(Space, "owner_unit"),
            column(Space, "allowed_sectors"),
            column(Space, "is_bookable"),
            column(Space, "approval_required"),
            column(Space, "open_to"),
            column(Space, "free_of_charge"),
            column(Space, "price_text"),
        ],
        rows=(
            [
                space.name,
                space.venue.name,
                space.venue.address,
                space.capacity,
                joined(space.equipment_labels),
                space.venue.step_free_access,
                space.owner_unit.name,
                joined(sector.name for sector in space.allowed_sectors.all()),
                space.is_bookable,
                space.approval_required,
                joined(space.open_to_labels),
                space.free_of_charge,
                space.price_text,
            ]
            for space in spaces
        ),
        title=_("Spaces"),
    )


def _booker(booking: Booking) -> str:
    booker = booking.booker
    if booker is None:
        return str(_("Anonymised"))
    name = booker.get_full_name() or booker.username
    return f"{name} ({booker.home_unit.name})" if booker.home_unit else name


def booking_table(bookings: Iterable[Booking], *, with_booker: bool = False) -> Table:
    """Bookings (a series' occurrences one by one), times in the city's local time, the status as the page names it."""
    return Table(
        header=[
            column(Booking, "space"),
            column(Space, "venue"),
            _("Start"),
            _("End"),
            _("Booking status"),
            column(Booking, "purpose"),
            column(Booking, "attendees"),
            *([column(Booking, "booker")] if with_booker else []),
        ],
        rows=(
            [
                booking.space.name,
                booking.space.venue.name,
                booking.period.lower,
                booking.period.upper,
                booking.get_status_display(),
                booking.purpose,
                booking.attendees,
                *([_booker(booking)] if with_booker else []),
            ]
            for booking in bookings
        ),
        title=_("Bookings"),
    )
