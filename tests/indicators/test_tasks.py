import time
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command

from apps.indicators import services
from apps.indicators.computations import JOBS
from apps.indicators.computations.drilldown import DRILLDOWNS
from apps.indicators.models import IndicatorRun, IndicatorValue, SectorTie
from apps.indicators.selectors import numerator_initiatives
from apps.initiatives.models import Initiative, Participation
from apps.sectors.models import Sector
from config.celery import app
from tests.sectors.factories import SectorFactory, UnitFactory

SINCE, UNTIL = date(2025, 1, 1), date(2026, 1, 1)


def _collaboration() -> None:
    """Three sectors, two initiatives in 2025: one shared by culture and youth, one by culture alone."""
    culture = UnitFactory(sector=SectorFactory(slug="culture", name="Culture"))
    youth = UnitFactory(sector=SectorFactory(slug="youth", name="Youth"))
    UnitFactory(sector=SectorFactory(slug="education", name="Education"))
    shared = Initiative.objects.create(
        title="Art in youth centres", status="active", collaboration_form="project", start_date=date(2025, 2, 1)
    )
    alone = Initiative.objects.create(
        title="Museum nights",
        status="active",
        collaboration_form="event",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 9, 30),
    )
    Participation.objects.create(initiative=shared, unit=culture, role="lead", joined_on=date(2025, 2, 1))
    Participation.objects.create(initiative=shared, unit=youth, role="partner", joined_on=date(2025, 2, 1))
    Participation.objects.create(initiative=alone, unit=culture, role="lead", joined_on=date(2025, 3, 1))


def _values() -> list[tuple]:
    return list(
        IndicatorValue.objects.order_by(
            "indicator__code", "scope", "scope_id", "period_kind", "period_start"
        ).values_list(
            "indicator__code", "scope", "scope_id", "period_kind", "period_start", "numerator", "denominator", "value"
        )
    )


def _wait_until_finished(run: IndicatorRun, timeout: float = 90) -> IndicatorRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run.pk} did not finish: {len(run.jobs_done)}/{run.jobs_total} jobs")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_compute_all_through_a_real_worker_stores_the_same_values_as_computing_in_process():
    _collaboration()
    call_command("compute_indicators", "--sync", "--since", "2025-01-01", "--until", "2026-01-01")
    expected = _values()
    IndicatorValue.objects.all().delete()
    SectorTie.objects.all().delete()

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        first = _wait_until_finished(services.indicator_run_create(since=SINCE, until=UNTIL))
        rows_after_first = IndicatorValue.objects.count()
        second = _wait_until_finished(services.indicator_run_create(since=SINCE, until=UNTIL))

    assert first.status == second.status == IndicatorRun.Status.SUCCEEDED
    assert first.errors == []
    assert first.jobs_total == len(JOBS) * 3
    assert sorted(first.jobs_done) == sorted(f"{code}:{kind}" for code in JOBS for kind in ("month", "quarter", "year"))
    assert first.values_written == rows_after_first + SectorTie.objects.count()
    assert first.started_at <= first.finished_at
    assert IndicatorValue.objects.count() == rows_after_first
    assert _values() == expected
    shared_months = [row for row in expected if row[:2] == ("cross_sector_share", "city") and row[3] == "month"]
    assert [row[7] for row in shared_months] == [None, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0]
    monthly_ties = SectorTie.objects.filter(period_kind="month").order_by("period_start")
    assert [tie.period_start.month for tie in monthly_ties] == list(range(2, 13))  # culture–youth, Feb to Dec
    assert {(tie.programme_id, tie.initiatives) for tie in monthly_ties} == {(0, 1)}


@pytest.mark.django_db
def test_a_job_delivered_twice_is_counted_once():
    _collaboration()
    run = IndicatorRun.objects.create(period_kinds=["year"], since=SINCE, until=UNTIL, jobs_total=2)

    written = services.indicator_run_compute_job(run_id=run.pk, code="cross_sector_share", period_kind="year")
    again = services.indicator_run_compute_job(run_id=run.pk, code="cross_sector_share", period_kind="year")

    run.refresh_from_db()
    assert written > 0
    assert again == 0
    assert run.jobs_done == ["cross_sector_share:year"]
    assert run.values_written == written
    assert run.status == IndicatorRun.Status.RUNNING


@pytest.mark.django_db
def test_a_failed_job_is_recorded_and_the_run_still_finishes():
    run = IndicatorRun.objects.create(period_kinds=["year"], since=SINCE, until=UNTIL, jobs_total=2)

    services.indicator_run_compute_job(run_id=run.pk, code="key_person_risk", period_kind="year")
    services.indicator_run_record_failure(run_id=run.pk, code="bus_factor", period_kind="year", error="boom")

    run.refresh_from_db()
    assert run.status == IndicatorRun.Status.FAILED
    assert run.errors == [{"job": "bus_factor:year", "error": "boom"}]
    assert run.finished_at is not None


def test_retry_countdowns_stay_below_the_broker_visibility_timeout(settings):
    from apps.indicators.tasks import RETRY_BACKOFF_MAX, compute_indicator_task

    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert compute_indicator_task.retry_backoff_max == RETRY_BACKOFF_MAX < visibility_timeout
    assert compute_indicator_task.time_limit < visibility_timeout
    assert compute_indicator_task.acks_late is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(DRILLDOWNS))
def test_every_drilldown_runs_and_finds_the_initiatives_of_the_numerator(code):

    _collaboration()

    behind = numerator_initiatives(code, period_kind="month", period_start=date(2025, 3, 1))

    assert set(behind.values_list("title", flat=True)) <= {"Art in youth centres", "Museum nights"}


@pytest.mark.django_db
def test_the_drilldown_of_cross_sector_share_lists_the_shared_initiative_per_scope():

    _collaboration()
    march = {"period_kind": "month", "period_start": date(2025, 3, 1)}
    education = Sector.objects.get(slug="education")

    city = numerator_initiatives("cross_sector_share", **march)
    culture = numerator_initiatives(
        "cross_sector_share", scope="sector", scope_id=Sector.objects.get(slug="culture").pk, **march
    )
    nobody = numerator_initiatives("cross_sector_share", scope="sector", scope_id=education.pk, **march)
    january = numerator_initiatives("cross_sector_share", period_kind="month", period_start=date(2025, 1, 1))

    assert list(city.values_list("title", flat=True)) == ["Art in youth centres"]
    assert list(culture.values_list("title", flat=True)) == ["Art in youth centres"]
    assert not nobody.exists()
    assert not january.exists()
