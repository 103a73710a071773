"""Target status on hand-made series: a straight line through the last values, read on the target date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from apps.indicators.targets import AT_RISK, OFF_TRACK, ON_TRACK, projection, target_progress

START = date(2026, 1, 1)


def days(*values: float | None, step: int = 100) -> list[tuple[date, float | None]]:
    """Values 100 days apart from 1 Jan 2026: a line rising by 10 per 100 days rises by 0.1 a day."""
    return [(START + timedelta(days=step * index), value) for index, value in enumerate(values)]


def at(day: int) -> date:
    return START + timedelta(days=day)


def test_the_line_through_the_points_is_read_on_the_target_date():
    # 10, 20, 30 at days 0, 100, 200: slope 0.1 a day, so 50 on day 400
    assert projection([(d, v) for d, v in days(10, 20, 30)], at(400)) == pytest.approx(50)
    # a single point: its value
    assert projection([(START, 7.0)], at(400)) == 7.0


@pytest.mark.parametrize(
    ("target", "baseline", "expected"),
    [
        (50, None, ON_TRACK),  # reaches exactly 50 by day 400
        (45, None, ON_TRACK),  # beyond it
        (60, None, AT_RISK),  # 10 short; a quarter of the way from 10 to 60 is 12.5
        (80, None, OFF_TRACK),  # 30 short; a quarter of 70 is 17.5
        (64, None, OFF_TRACK),  # 14 short; a quarter of 54 is 13.5
        (64, 0, AT_RISK),  # the same, measured from a baseline of 0: a quarter of 64 is 16
    ],
)
def test_a_rising_series_against_targets_it_reaches_or_not(target, baseline, expected):
    progress = target_progress(
        history=days(10, 20, 30), target=target, target_date=at(400), higher_is_better=True, baseline=baseline
    )

    assert progress.status == expected
    assert progress.projected == pytest.approx(50)


def test_a_falling_series_where_lower_is_better():
    # 30, 20, 10: 0 by day 300, under a target of 5
    assert (
        target_progress(history=days(30, 20, 10), target=5, target_date=at(300), higher_is_better=False).status
        == ON_TRACK
    )
    # 30, 28, 26 falls only to 24 by day 300: 19 short of 5, where a quarter of the 25 to go is 6.25
    assert (
        target_progress(history=days(30, 28, 26), target=5, target_date=at(300), higher_is_better=False).status
        == OFF_TRACK
    )


def test_only_the_last_periods_make_the_line(settings):
    # two old values of 100 before a steady rise from 10 by 10; with 6 periods they are left out
    settings.SILTA_TARGET_TREND_PERIODS = 6
    history = days(100, 100, 10, 20, 30, 40, 50, 60)

    progress = target_progress(history=history, target=80, target_date=at(900), higher_is_better=True)

    assert progress.projected == pytest.approx(80)  # 60 on day 700, +20 by day 900
    assert progress.status == ON_TRACK


def test_after_the_target_date_the_latest_value_is_judged():
    history = days(10, 20, 30)

    late = target_progress(history=history, target=35, target_date=at(150), higher_is_better=True)
    done = target_progress(history=history, target=25, target_date=at(150), higher_is_better=True)

    assert (late.status, late.projected) == (AT_RISK, 30)
    assert done.status == ON_TRACK


def test_missing_values_are_skipped_and_no_values_give_no_status():
    assert target_progress(
        history=days(10, None, 30), target=50, target_date=at(400), higher_is_better=True
    ).projected == pytest.approx(50)
    assert target_progress(history=days(None, None), target=50, target_date=at(400), higher_is_better=True) is None
