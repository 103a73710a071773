"""The weekly digest for managers who subscribe to it: what changed in the city's cross-sector work in the last
seven days. Here, at the top of the layering, because it reads initiatives and premises; beat runs
:func:`weekly_digest_send` daily and it goes to those who chose that day of the week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.indicators.permissions import can_view_indicators
from apps.initiatives.models import Initiative, Outcome
from apps.notifications.kinds import Kind, register
from apps.notifications.models import Channel
from apps.notifications.selectors import subscribers_of
from apps.notifications.services import notification_send
from apps.premises.models import Booking

WEEKLY_DIGEST = register(
    Kind(
        code="dashboards.weekly_digest",
        label=_("Weekly digest"),
        help_text=_("Once a week, on the day you choose: what changed in the city's joint initiatives."),
        template="dashboards/notifications/weekly_digest",
        default=Channel.OFF,
        periodic=True,
        offered_to=can_view_indicators,
    )
)


@dataclass(frozen=True)
class WeekInNumbers:
    """What changed between ``since`` and ``until``."""

    since: date
    until: date
    created: int
    completed: int
    discontinued: int
    outcomes: int
    bookings: int
    newest: list[Initiative]


def week_in_numbers(*, until: datetime) -> WeekInNumbers:
    """The digest's content for the seven days before ``until``."""
    since = until - timedelta(days=7)
    closed = Initiative.objects.filter(updated_at__gte=since, updated_at__lt=until)
    created = Initiative.objects.filter(created_at__gte=since, created_at__lt=until)
    return WeekInNumbers(
        since=timezone.localdate(since),
        until=timezone.localdate(until),
        created=created.count(),
        completed=closed.filter(status=Initiative.Status.COMPLETED, end_date__gte=since.date()).count(),
        discontinued=closed.filter(status=Initiative.Status.DISCONTINUED, end_date__gte=since.date()).count(),
        outcomes=Outcome.objects.filter(recorded_on__gte=since.date(), recorded_on__lt=until.date()).count(),
        bookings=Booking.objects.filter(
            Q(created_at__gte=since, created_at__lt=until), status=Booking.Status.CONFIRMED
        ).count(),
        newest=list(created.order_by("-created_at")[:5]),
    )


def weekly_digest_send(*, now: datetime | None = None) -> int:
    """Send the digest to every subscriber who chose today's weekday, once per ISO week."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    year, week, _weekday = today.isocalendar()
    numbers = None
    sent = 0
    for choice in subscribers_of(WEEKLY_DIGEST, weekday=today.weekday()):
        numbers = numbers or week_in_numbers(until=now)
        notification = notification_send(
            recipient=choice.user,
            kind=WEEKLY_DIGEST.code,
            key=f"dashboards.weekly_digest:{year}-W{week:02d}:{choice.user_id}",
            url=reverse("dashboards:overview"),
            context={"week": numbers},
            now=now,
        )
        sent += notification is not None
    return sent
