"""The premises' part of a person's data (``apps.sectors.person_data``): their bookings and repeating bookings;
erasure waits while a booking of theirs is still to come, and rewrites the texts that name them, while the
bookings themselves stay for the premises' figures."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.premises.models import Booking, BookingSeries, UserFeedToken
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Refusal, Section, merge_counts

# A refusal lists this many of the bookings still to come, and counts the rest.
REFUSALS_LISTED = 10


def _booking_row(booking: Booking) -> list[object]:
    return [
        booking.pk,
        booking.space.name,
        booking.space.venue.name,
        booking.period.lower,
        booking.period.upper,
        booking.get_status_display(),
        booking.purpose,
        booking.attendees,
        booking.reason,
        booking.terms_accepted_at,
        booking.created_at,
    ]


def premises_export(person: Person) -> Iterator[Section]:
    if person.user_id is None:
        return
    bookings = Booking.objects.filter(booker_id=person.user_id).select_related("space__venue").order_by("period")
    yield Section(
        "bookings",
        gettext_lazy("Bookings"),
        [
            ("id", gettext_lazy("id")),
            ("space", gettext_lazy("space")),
            ("venue", gettext_lazy("venue")),
            ("start", gettext_lazy("start")),
            ("end", gettext_lazy("end")),
            ("status", gettext_lazy("status")),
            ("purpose", gettext_lazy("purpose")),
            ("attendees", gettext_lazy("attendees")),
            ("reason", gettext_lazy("reason")),
            ("terms_accepted_at", gettext_lazy("terms accepted at")),
            ("created_at", gettext_lazy("created at")),
        ],
        [_booking_row(booking) for booking in bookings],
    )
    series = BookingSeries.objects.filter(booker_id=person.user_id).select_related("space").order_by("created_at")
    yield Section(
        "booking_series",
        gettext_lazy("Repeating bookings"),
        [
            ("id", gettext_lazy("id")),
            ("space", gettext_lazy("space")),
            ("recurrence", gettext_lazy("recurrence")),
            ("first", gettext_lazy("first occurrence")),
            ("until", gettext_lazy("until")),
            ("purpose", gettext_lazy("purpose")),
            ("created_at", gettext_lazy("created at")),
        ],
        [
            [
                item.pk,
                item.space.name,
                item.get_recurrence_display(),
                item.first_period,
                item.until,
                item.purpose,
                item.created_at,
            ]
            for item in series
        ],
    )


def premises_refusals(person: Person) -> Iterator[Refusal]:
    """Bookings of theirs that still hold a space (requested or confirmed, not yet over): cancelled first, or
    booked again by whoever takes the event over."""
    if person.user_id is None:
        return
    coming = (
        Booking.objects.holding()
        .filter(booker_id=person.user_id, period__endswith__gt=timezone.now())
        .select_related("space")
        .order_by("period")
    )
    total = coming.count()
    for booking in coming[:REFUSALS_LISTED]:
        start = formats.date_format(timezone.localtime(booking.period.lower), "SHORT_DATETIME_FORMAT")
        yield Refusal(
            _(
                "They have a booking still to come (%(space)s, %(start)s): cancel it, or have the colleague who takes "
                "the event over book it, first."
            )
            % {"space": booking.space.name, "start": start},
            url=reverse("premises:space_detail", args=[booking.space_id]),
            link=_("The space %(space)s") % {"space": booking.space.name},
        )
    if total > REFUSALS_LISTED:
        yield Refusal(_("And %(count)s more bookings still to come.") % {"count": total - REFUSALS_LISTED})


def premises_erase(erasure: Erasure) -> dict[str, int]:
    feeds = UserFeedToken.objects.filter(user=erasure.user).delete()[0] if erasure.user else 0
    return merge_counts(
        erasure.scrub_texts(Booking, "purpose", "reason"),
        erasure.scrub_texts(BookingSeries, "purpose"),
        {"premises.UserFeedToken": feeds} if feeds else {},
    )


PREMISES_PART = PersonDataPart(
    "premises", order=50, export=premises_export, refusals=premises_refusals, erase=premises_erase
)
