"""The weekly digest for managers who subscribe to it: what changed in the city's cross-sector work in the last
seven days. Here, at the top of the layering, because it reads initiatives and premises; beat runs
:func:`weekly_digest_send` daily and it goes to those who chose that day of the week.

And the monthly board report: on the first of the month, the city's report for the month before as a PDF
attached to the mail, to the managers who subscribe, each in their language (one report per language)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.core.services import Attachment
from apps.dashboards.models import BoardReport
from apps.dashboards.selectors import period_label
from apps.dashboards.services import board_report_generate, board_report_request
from apps.indicators.models import PeriodKind, Scope
from apps.indicators.periods import period_start
from apps.indicators.permissions import can_view_indicators
from apps.initiatives.models import Initiative, Outcome
from apps.notifications.kinds import Kind, register
from apps.notifications.models import Channel
from apps.notifications.selectors import subscribers_of
from apps.notifications.services import language_of, notification_send
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
MONTHLY_BOARD_REPORT = register(
    Kind(
        code="dashboards.monthly_board_report",
        label=_("Monthly board report"),
        help_text=_("On the first of each month: the city's board report for the month before, as a PDF."),
        template="dashboards/notifications/monthly_board_report",
        default=Channel.OFF,
        offered_to=can_view_indicators,
    )
)

logger = logging.getLogger(__name__)


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


def _city_report(month: date, language: str) -> BoardReport:
    """The city's report of ``month`` in ``language``: made here, in this worker, unless one is made already."""
    report = board_report_request(
        by=None,
        scope=Scope.CITY,
        scope_id=0,
        period_kind=PeriodKind.MONTH,
        period=month,
        language=language,
        queue=False,
    )
    if report.status == BoardReport.Status.QUEUED:
        report = board_report_generate(report_id=report.pk) or report
    report.refresh_from_db()
    return report


def monthly_board_reports_send(*, now: datetime | None = None) -> int:
    """Mail the city's board report of the previous month to every subscribed manager, once a month each, in
    their language with the PDF attached. Returns how many were told."""
    now = now or timezone.now()
    month = period_start(timezone.localdate(now), PeriodKind.MONTH) - relativedelta(months=1)
    reports: dict[str, BoardReport] = {}
    sent = 0
    for choice in subscribers_of(MONTHLY_BOARD_REPORT):
        user = choice.user
        if not MONTHLY_BOARD_REPORT.offered_to(user):
            continue
        language = language_of(user)
        if language not in reports:
            reports[language] = _city_report(month, language)
        report = reports[language]
        if report.status != BoardReport.Status.DONE:
            logger.error("The monthly board report %s (%s) was not made: %s", month, language, report.error)
            continue
        with translation.override(language):
            label = period_label(PeriodKind.MONTH, month)
        notification = notification_send(
            recipient=user,
            kind=MONTHLY_BOARD_REPORT.code,
            key=f"dashboards.monthly_board_report:{month:%Y-%m}:{user.pk}",
            url=reverse("dashboards:board_report", args=[report.pk]),
            context={"period": label, "report": report},
            attachments=[Attachment(name=report.filename, path=report.file.name, content_type="application/pdf")],
            now=now,
        )
        sent += notification is not None
    return sent
