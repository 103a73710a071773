"""Backfill or recompute indicators: queued for the workers, or in-process with --sync.

An operator on the server runs it, so it starts runs as the system (``by=None``), which no role restrains.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.indicators import services
from apps.indicators.models import IndicatorRun, PeriodKind
from apps.indicators.periods import STEPS, period_start


class Command(BaseCommand):
    help = "Compute the cross-sector indicators for a range of periods (default: the previous and current period)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--period",
            choices=[*PeriodKind.values, "all"],
            default="all",
            help="Which period kind to compute (default: all).",
        )
        parser.add_argument("--since", type=date.fromisoformat, help="First day to cover, YYYY-MM-DD.")
        parser.add_argument(
            "--until",
            type=date.fromisoformat,
            help="Day after the last one to cover, YYYY-MM-DD (default: end of the current period).",
        )
        parser.add_argument("--sync", action="store_true", help="Compute in this process instead of queueing.")

    def handle(
        self, *args: Any, period: str, since: date | None, until: date | None, sync: bool, **options: Any
    ) -> None:
        kinds = list(PeriodKind.values) if period == "all" else [period]
        if until and not since:
            raise CommandError("--until needs --since.")
        if since and until and until <= since:
            raise CommandError("--until must be after --since.")
        if sync:
            today = timezone.localdate()
            written = 0
            for kind in kinds:
                current = period_start(today, kind)
                written += services.indicators_compute_now(
                    period_kinds=[kind],
                    since=since or current - STEPS[kind],
                    until=until or current + STEPS[kind],
                )
            self.stdout.write(self.style.SUCCESS(f"Computed indicators: {written} values written."))
            return
        if since and not until:
            until = max(period_start(timezone.localdate(), kind) + STEPS[kind] for kind in kinds)
        if since:
            run, started = services.indicator_run_create(by=None, period_kinds=kinds, since=since, until=until), True
        else:
            run, started = services.indicator_run_request(by=None, period_kinds=kinds)
        run.refresh_from_db()
        if run.status == IndicatorRun.Status.FAILED:
            reasons = "; ".join(error["error"] for error in run.errors)
            raise CommandError(f"Indicator run {run.pk} failed: {reasons}")
        if not started:
            self.stdout.write(self.style.SUCCESS(f"Joined indicator run {run.pk}, already under way."))
            return
        self.stdout.write(self.style.SUCCESS(f"Queued indicator run {run.pk} ({run.jobs_total} jobs)."))
