"""Old board reports go with their PDFs (``dashboards.board_reports_purge_task``, nightly); recent ones and those
still being made stay."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from apps.dashboards.models import BoardReport
from apps.dashboards.tasks import board_reports_purge_task

pytestmark = pytest.mark.django_db


def _report(days_ago: int, status: str = BoardReport.Status.DONE, month: int = 1) -> BoardReport:
    report = BoardReport(scope="city", period_kind="month", period_start=datetime.date(2026, month, 1), language="fi")
    report.file.save(f"retention-{month}.pdf", ContentFile(b"%PDF-1.4 old"), save=False)
    report.status = status
    report.save()
    BoardReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return report


def test_reports_older_than_the_keeping_time_go_with_their_files(settings):
    settings.SILTA_BOARD_REPORT_KEEP_DAYS = 90
    old, recent = _report(91, month=1), _report(10, month=2)
    stuck = _report(200, status=BoardReport.Status.RUNNING, month=3)  # the deadline's reaper decides on it

    assert board_reports_purge_task.apply().get() == 1

    assert set(BoardReport.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(recent.file.name)
