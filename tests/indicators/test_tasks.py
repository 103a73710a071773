import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.utils import timezone

from apps.indicators import services
from apps.indicators.computations.engine import DRILLDOWNS, JOBS
from apps.indicators.models import IndicatorRun, IndicatorValue, PersonNode, PersonTie, SectorTie, UnitNode, UnitTie
from apps.indicators.selectors import numerator_initiatives
from apps.indicators.tasks import compute_indicator_task, compute_recent_task, reap_runs_task
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
    for summary in (UnitNode, UnitTie, PersonNode, PersonTie):
        summary.objects.all().delete()

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        first = _wait_until_finished(services.indicator_run_create(by=None, since=SINCE, until=UNTIL))
        rows_after_first = IndicatorValue.objects.count()
        second = _wait_until_finished(services.indicator_run_create(by=None, since=SINCE, until=UNTIL))

    assert first.status == second.status == IndicatorRun.Status.SUCCEEDED
    assert first.errors == []
    assert first.jobs_total == len(JOBS) * 3
    assert sorted(first.jobs_done) == sorted(f"{code}:{kind}" for code in JOBS for kind in ("month", "quarter", "year"))
    summaries = sum(model.objects.count() for model in (SectorTie, UnitNode, UnitTie, PersonNode, PersonTie))
    assert first.values_written == rows_after_first + summaries
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


def _all_jobs_but(run: IndicatorRun, *missing: str) -> list[str]:
    return [
        key for key in (services.job_key(code, kind) for code, kind in services.run_jobs(run)) if key not in missing
    ]


def _stalled_run(*, status: str, jobs_done_but: tuple[str, ...], **fields) -> IndicatorRun:
    """A run whose last job finished an hour ago: a job lost in "unacked", or a failure nobody could record."""
    run = services.indicator_run_create(by=None, period_kinds=["year"], since=SINCE, until=UNTIL)
    run.status = status
    run.jobs_done = _all_jobs_but(run, *jobs_done_but)
    run.progressed_at = timezone.now() - services.STALL_AFTER - timedelta(minutes=1)
    for name, value in fields.items():
        setattr(run, name, value)
    run.save()
    return run


@pytest.mark.django_db
def test_every_run_gets_a_deadline():
    run = services.indicator_run_create(by=None, period_kinds=["year"])

    assert run.deadline == run.progressed_at + services.RUN_DEADLINE
    assert abs(run.progressed_at - run.created_at) < timedelta(seconds=1)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("status", [IndicatorRun.Status.QUEUED, IndicatorRun.Status.RUNNING])
def test_the_reaper_requeues_the_missing_jobs_of_a_stalled_run_and_the_run_finishes(status):
    # given a run that stopped progressing with one job never recorded (at 71/72, say) or never started at all
    _collaboration()
    missing = ("cross_sector_share:year",) if status == IndicatorRun.Status.RUNNING else ()
    run = _stalled_run(
        status=status, jobs_done_but=missing or tuple(_all_jobs_but(IndicatorRun(period_kinds=["year"])))
    )

    # when the periodic reaper runs on a real worker
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        reap_runs_task.delay()
        run = _wait_until_finished(run)

    # then the missing jobs were queued again once, and the run finished
    assert run.status == IndicatorRun.Status.SUCCEEDED
    assert run.requeues == 1
    assert len(run.jobs_done) == run.jobs_total
    assert IndicatorValue.objects.filter(indicator__code="cross_sector_share", period_kind="year").exists()


@pytest.mark.django_db
def test_the_reaper_fails_a_run_past_its_deadline_and_names_the_missing_jobs():
    run = _stalled_run(
        status=IndicatorRun.Status.RUNNING,
        jobs_done_but=("bus_factor:year",),
        deadline=timezone.now() - timedelta(seconds=1),
    )

    counts = services.indicator_runs_reap()

    run.refresh_from_db()
    assert counts == {"requeued": 0, "failed": 1}
    assert run.status == IndicatorRun.Status.FAILED
    assert run.finished_at is not None
    assert run.errors == [{"job": "run", "error": "Not finished by its deadline; 1 jobs missing: bus_factor:year"}]


@pytest.mark.django_db
def test_the_reaper_gives_up_after_the_last_requeue_and_says_why():
    run = _stalled_run(
        status=IndicatorRun.Status.RUNNING, jobs_done_but=("bus_factor:year",), requeues=services.MAX_REQUEUES
    )

    services.indicator_runs_reap()

    run.refresh_from_db()
    assert run.status == IndicatorRun.Status.FAILED
    assert run.errors == [{"job": "run", "error": "Stopped progressing after 3 re-queues; missing: bus_factor:year"}]


@pytest.mark.django_db
def test_the_reaper_leaves_runs_that_are_progressing_and_a_late_job_changes_no_failed_run():
    progressing = services.indicator_run_create(by=None, period_kinds=["year"], since=SINCE, until=UNTIL)
    given_up = _stalled_run(
        status=IndicatorRun.Status.FAILED, jobs_done_but=("bus_factor:year",), finished_at=timezone.now()
    )

    counts = services.indicator_runs_reap()
    services.indicator_run_compute_job(run_id=given_up.pk, code="bus_factor", period_kind="year")

    progressing.refresh_from_db()
    given_up.refresh_from_db()
    assert counts == {"requeued": 0, "failed": 0}
    assert progressing.status == IndicatorRun.Status.QUEUED
    assert given_up.status == IndicatorRun.Status.FAILED
    assert "bus_factor:year" not in given_up.jobs_done


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_the_recent_periods_make_one_run():
    # given six requests released at the same instant, each on a connection of its own
    start_together = threading.Barrier(6, timeout=30)

    def request(_index: int) -> tuple[str, bool]:
        try:
            start_together.wait()
            run, started = services.indicator_run_request(by=None)
            return str(run.pk), started
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(request, range(6)))

    # then one of them started the run and the others joined it
    run = IndicatorRun.objects.get()
    assert {pk for pk, _started in outcomes} == {str(run.pk)}
    assert sorted(started for _pk, started in outcomes) == [False] * 5 + [True]


@pytest.mark.django_db
def test_the_nightly_run_computes_the_recent_periods_when_no_night_was_missed():
    # given a successful nightly run yesterday
    yesterday = timezone.now() - timedelta(days=1)
    IndicatorRun.objects.create(period_kinds=["month"], status="succeeded", started_at=yesterday, finished_at=yesterday)

    # when tonight's run starts
    run = IndicatorRun.objects.get(pk=compute_recent_task())

    # then it covers the previous and the current period, as every night
    assert (run.since, run.until) == (None, None)
    assert run.period_kinds == ["month", "quarter", "year"]


@pytest.mark.django_db
def test_the_nightly_run_catches_up_on_the_nights_an_outage_swallowed():
    # given the last successful run on 2026-07-20, and nights missed until 2026-11-02 (beat or the queue was down)
    last = datetime(2026, 7, 20, 2, 30, tzinfo=UTC)
    IndicatorRun.objects.create(period_kinds=["month"], status="succeeded", started_at=last, finished_at=last)

    # when the nightly run starts
    run, started = services.indicator_run_nightly(today=date(2026, 11, 2))

    # then it computes everything from the month the last run saw up to the current periods
    assert started
    assert run.since == date(2026, 7, 1)
    assert run.until is None
    assert services.run_range(run, "month", today=date(2026, 11, 2)) == (date(2026, 7, 1), date(2026, 12, 1))
    assert services.run_range(run, "year", today=date(2026, 11, 2)) == (date(2026, 7, 1), date(2027, 1, 1))


@pytest.mark.django_db(transaction=True)
def test_a_failure_that_cannot_be_recorded_with_postgresql_down_is_left_to_the_reaper(unused_tcp_port):
    # given a run, and a worker thread whose database has gone away (a refused port) when a job spends its retries
    run = services.indicator_run_create(by=None, period_kinds=["year"], since=SINCE, until=UNTIL)
    raised: list[BaseException] = []
    database, unreachable = connections["default"], {"HOST": "127.0.0.1", "PORT": unused_tcp_port}

    def worker_with_postgresql_down() -> None:
        connections["default"] = type(database)({**database.settings_dict, **unreachable}, "default")
        try:
            compute_indicator_task.on_failure(
                OperationalError("server closed the connection"),
                "task-id",
                (),
                {"run_id": str(run.pk), "code": "bus_factor", "period_kind": "year"},
                None,
            )
        except BaseException as exc:  # the test asserts that nothing escapes
            raised.append(exc)

    # when the failure handler runs
    thread = threading.Thread(target=worker_with_postgresql_down)
    thread.start()
    thread.join(30)

    # then it does not raise (the worker goes on), and the run still misses the job for the reaper to find
    run.refresh_from_db()
    assert raised == []
    assert run.jobs_done == []
    assert run.status == IndicatorRun.Status.QUEUED


@pytest.mark.django_db
def test_the_reaper_also_finds_a_run_written_without_its_clocks():
    # given an unfinished run created by hand long ago, with no deadline and no progress recorded
    run = IndicatorRun.objects.create(period_kinds=["year"], since=SINCE, until=UNTIL, jobs_total=1)
    IndicatorRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - services.RUN_DEADLINE)

    services.indicator_runs_reap()

    run.refresh_from_db()
    assert run.status == IndicatorRun.Status.FAILED
    assert run.errors[0]["error"].startswith("Not finished by its deadline")
