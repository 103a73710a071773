"""The premises app's notification kinds: a new booking request to the space's managers, the decision to the
booker. Declared here and sent from the booking services, in the transaction of the change (the e-mail leaves
through the core outbox's task after the commit)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.notifications.kinds import Kind, register
from apps.notifications.services import notification_send
from apps.premises import permissions
from apps.premises.formatting import local_text
from apps.premises.models import Booking, BookingSeries, Space
from apps.premises.selectors import space_managers

BOOKING_REQUESTED = register(
    Kind(
        code="premises.booking_requested",
        label=_("New booking requests"),
        help_text=_("A booking request waits for your decision in a space you manage (a series comes as one)."),
        template="premises/notifications/booking_requested",
        offered_to=permissions.manages_any_space,
    )
)
BOOKING_DECIDED = register(
    Kind(
        code="premises.booking_decided",
        label=_("Decisions on my bookings"),
        help_text=_("Your booking request was approved or declined."),
        template="premises/notifications/booking_decided",
    )
)


def _times(occurrences: list[Booking]) -> list[tuple[str, str]]:
    return [(local_text(booking.start), local_text(booking.end)) for booking in occurrences]


def notify_booking_requested(
    *, space: Space, booker: User, occurrences: list[Booking], series: BookingSeries | None
) -> None:
    """Tell each manager of ``space`` about one request: a single booking, or a whole series as one notification."""
    subject = series or occurrences[0]
    for manager in space_managers(space):
        if manager.pk == booker.pk:
            continue
        notification_send(
            recipient=manager,
            kind=BOOKING_REQUESTED.code,
            key=f"premises.booking_requested:{subject._meta.model_name}:{subject.pk}:{manager.pk}",
            subject=subject,
            url=reverse("premises:request_queue"),
            context={
                "space": space,
                "booker": booker,
                "series": series,
                "purpose": occurrences[0].purpose,
                "times": _times(occurrences[:10]),
                "more": max(0, len(occurrences) - 10),
                "count": len(occurrences),
            },
        )


def notify_booking_decided(*, booker: User, space: Space, status: str, reason: str, occurrences: list[Booking]) -> None:
    """Tell the booker of a decision, once (each booking is decided once, so the first one names the decision)."""
    notification_send(
        recipient=booker,
        kind=BOOKING_DECIDED.code,
        key=f"premises.booking_decision:{occurrences[0].pk}",
        subject=occurrences[0].series or occurrences[0],
        url=reverse("premises:my_bookings"),
        context={
            "space": space,
            "approved": status == Booking.Status.CONFIRMED,
            "reason": reason,
            "times": _times(occurrences),
        },
    )
