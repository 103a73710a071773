"""Writes of the dashboards: asking for a board report, and making it (the worker's part)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError, Invalid
from apps.core.policy import require
from apps.dashboards.board_report import board_report_content, board_report_pdf, scope_name
from apps.dashboards.models import BoardReport
from apps.dashboards.permissions import can_have_board_report
from apps.indicators.models import PeriodKind, Scope
from apps.indicators.periods import period_start

if TYPE_CHECKING:
    from apps.accounts.models import User

logger = logging.getLogger(__name__)

Status = BoardReport.Status
REPORT_SCOPES = (Scope.CITY, Scope.SECTOR, Scope.PROGRAMME)


def _report_key(*, scope: str, scope_id: int, period_kind: str, period: date, language: str) -> dict:
    """The fields that name one report; a bad value is refused with a message, never a 500."""
    if scope not in REPORT_SCOPES or (scope == Scope.CITY) != (scope_id == 0):
        raise Invalid(_("Choose the whole city, a sector or a programme."))
    if period_kind not in PeriodKind.values:
        raise Invalid({"period_kind": _("Choose a month, a quarter or a year.")})
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Unknown language."))
    scope_name(scope, scope_id)  # NotFound for a sector or programme that does not exist
    return {
        "scope": scope,
        "scope_id": scope_id,
        "period_kind": period_kind,
        "period_start": period_start(period, period_kind),
        "language": language,
    }


def _reap(key: dict, *, now: datetime) -> None:
    """A report still under way past its deadline was lost with its worker: it fails, so it can be asked again."""
    deadline = now - timedelta(seconds=settings.SILTA_BOARD_REPORT_DEADLINE)
    BoardReport.objects.filter(**key, status__in=[Status.QUEUED, Status.RUNNING], created_at__lt=deadline).update(
        status=Status.FAILED, finished_at=now, error=_("The report took too long and was given up.")
    )


@transaction.atomic
def board_report_request(
    *,
    by: User | None,
    scope: str,
    scope_id: int,
    period_kind: str,
    period: date,
    language: str,
    anew: bool = False,
    queue: bool = True,
) -> BoardReport:
    """Ask for the board report of a scope, period and language; the worker makes it after the commit.

    The same report asked again returns the one under way or the newest finished one, unless ``anew`` (then a
    new one is made, except while one is under way). ``by`` None: the monthly mail's own request, which makes the
    report in its own worker (``queue`` False) rather than queueing it.
    """
    if by is not None:
        require(
            can_have_board_report(by, scope, scope_id),
            _("Board reports are for managers, and for programme leads of their own programme."),
        )
    key = _report_key(scope=scope, scope_id=scope_id, period_kind=period_kind, period=period, language=language)
    now = timezone.now()
    _reap(key, now=now)
    existing = BoardReport.objects.filter(**key).exclude(status=Status.FAILED).order_by("-created_at", "-pk").first()
    if existing is not None and (existing.under_way or not anew):
        return existing
    report = BoardReport(**key, requested_by=by)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # another request queued the same report a moment ago
        return BoardReport.objects.get(**key, status__in=[Status.QUEUED, Status.RUNNING])
    if queue:
        from apps.dashboards.tasks import board_report_generate_task

        transaction.on_commit(lambda: board_report_generate_task.delay(report.pk))
    return report


def board_report_generate(*, report_id: int) -> BoardReport | None:
    """Make a queued report's PDF in its language and keep it; on any failure the report is marked failed with
    a message (and the error logged), never left running. None if the report is not waiting (made already, or
    by another delivery of the task)."""
    with transaction.atomic():
        report = BoardReport.objects.select_for_update(skip_locked=True).filter(pk=report_id).first()
        if report is None or report.status != Status.QUEUED:
            return None
        report.status = Status.RUNNING
        report.save(update_fields=["status"])
    try:
        with translation.override(report.language):
            content = board_report_content(
                scope=report.scope,
                scope_id=report.scope_id,
                period_kind=report.period_kind,
                period=report.period_start,
            )
            pdf, pages = board_report_pdf(content)
    except Exception as exc:  # whatever broke, the report says so instead of running forever
        logger.exception("Board report %s failed", report.pk)
        with translation.override(report.language):
            message = exc.message if isinstance(exc, ApplicationError) else _("The report could not be made.")
        BoardReport.objects.filter(pk=report.pk).update(status=Status.FAILED, error=message, finished_at=timezone.now())
        report.refresh_from_db()
        return report
    report.file.save(report.filename, ContentFile(pdf), save=False)
    report.pages = pages
    report.status = Status.DONE
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "pages", "status", "finished_at"])
    return report


def board_reports_purge(*, now: datetime | None = None) -> int:
    """Remove the board reports made more than ``SILTA_BOARD_REPORT_KEEP_DAYS`` ago, with their files: a report is
    made again from the kept indicator values when asked, so old PDFs only fill the disk. Returns how many went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SILTA_BOARD_REPORT_KEEP_DAYS)
    removed = 0
    for report in BoardReport.objects.filter(created_at__lt=cutoff).exclude(status__in=[Status.QUEUED, Status.RUNNING]):
        if report.file:
            report.file.delete(save=False)  # the file first: a row without its file would offer a broken link
        report.delete()
        removed += 1
    return removed
