"""Whether an indicator is on its way to its target: the latest value and a straight line through the last
periods, extended to the target date (docs: README "Targets").

Pure functions of a value history, so the dashboards judge from the stored values only and the tests can work a
series out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
STATUS_LABELS = {ON_TRACK: _("on track"), AT_RISK: _("at risk"), OFF_TRACK: _("off track")}


@dataclass(frozen=True)
class TargetProgress:
    """The judgement (``status``) and what it rests on: the value the line reaches by the target date."""

    status: str
    projected: float

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def projection(points: list[tuple[date, float]], on: date) -> float:
    """The least-squares line through ``points`` (dates and values) read on ``on``; one point: its value."""
    if len(points) < 2:
        return points[-1][1]
    origin = points[0][0]
    xs = [(day - origin).days for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    return mean_y + slope * ((on - origin).days - mean_x)


def target_progress(
    *,
    history: list[tuple[date, float | None]],
    target: float,
    target_date: date,
    higher_is_better: bool,
    baseline: float | None = None,
) -> TargetProgress | None:
    """On track when the line through the last ``SILTA_TARGET_TREND_PERIODS`` values reaches the target by its
    date; at risk when it falls short by at most ``SILTA_TARGET_AT_RISK_SHARE`` of the distance from the start
    (the baseline, else the first of those values) to the target; off track beyond that. After the target date,
    the latest value is judged. None without any value."""
    points = [(day, value) for day, value in history if value is not None][-settings.SILTA_TARGET_TREND_PERIODS :]
    if not points:
        return None
    last_day, latest = points[-1]
    reached = projection(points, target_date) if target_date > last_day else latest
    sign = 1 if higher_is_better else -1
    shortfall = sign * (target - reached)
    if shortfall <= 0:
        return TargetProgress(ON_TRACK, reached)
    start = baseline if baseline is not None else points[0][1]
    distance = abs(target - start) or abs(target) or 1.0
    status = AT_RISK if shortfall <= settings.SILTA_TARGET_AT_RISK_SHARE * distance else OFF_TRACK
    return TargetProgress(status, reached)
