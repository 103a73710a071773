"""How far the work got: outcomes rolled up into an initiative's, a programme's and a strategy goal's progress.

The one definition, in SQL, shared by the pages (as of today) and the ``outcome_progress`` indicator (as of each
period's end), so the two never disagree:

1. An outcome's *attainment* (0…1): when it is measured (baseline, target and actual value given),
   (actual − baseline) / (target − baseline) kept to 0…1 — a target below the baseline (fewer waiting days) works
   the same way; otherwise its progress % ÷ 100.
2. An initiative's *progress*: the mean attainment of its results, where a result recorded more than once (the
   same text, ignoring case and surrounding spaces) counts once, with its latest recording (latest
   ``recorded_on``, then the latest saved). A result measured again each quarter so counts as where it is now,
   not as the average of its history.
3. A programme's or a strategy goal's *progress*: Σ weight × progress ÷ Σ weight over its initiatives that have
   at least one outcome; an initiative without outcomes is left out (not counted as 0: no result recorded is
   not a result of 0 %), and the pages say how many are left out. The weight is the initiative's
   (``Initiative.weight``, 1 unless set). A strategy goal counts the initiatives linked to it directly.

Only outcomes recorded before the cut-off count; the programme, the goal links and the weights are as they are now.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from apps.programmes.selectors import RolledUpProgress

if TYPE_CHECKING:
    from apps.programmes.models import Programme
    from apps.strategy.models import StrategyGoal

# An outcome's attainment over alias ``o`` (see the module's rule 1); the model's ``Outcome.attainment`` is the same.
ATTAINMENT = """CASE
    WHEN o.actual IS NOT NULL AND o.target <> o.baseline
    THEN LEAST(GREATEST((o.actual - o.baseline) / (o.target - o.baseline), 0), 1)::float
    ELSE o.progress / 100.0
END"""
RESULT_KEY = "lower(btrim(o.text))"


def progress_ctes(cutoffs: str, *, outcomes_where: str = "true") -> str:
    """CTEs ending in ``initiative_progress (period_start, initiative_id, programme_id, weight, progress)``: each
    initiative's progress (rules 1–2) from its outcomes recorded before ``period_end`` of each row of ``cutoffs``
    (a relation with ``period_start, period_end``). ``outcomes_where`` narrows the outcomes (alias ``o``).

    An initiative's progress changes only when one of its outcomes is recorded. So it is computed once per recording
    (over its results' latest recordings by then) and holds until the initiative's next recording; each cut-off
    then takes the one state it falls in. That is a row per recording, and a range join for the cut-offs, instead
    of a sort (or hash) of every recording once per cut-off."""
    return f"""
-- Each recording, numbered within its initiative (``seq``, by day, then the later saved), with the day of the
-- initiative's next recording (``next_on``) and the number of its result's next recording (``superseded_seq``).
outcome_recording AS (
    SELECT initiative_id, recorded_on, attainment, seq, next_on,
           lead(seq) OVER (PARTITION BY initiative_id, result ORDER BY seq) AS superseded_seq
    FROM (
        SELECT o.initiative_id, o.recorded_on, {RESULT_KEY} AS result, {ATTAINMENT} AS attainment,
               row_number() OVER recordings AS seq, lead(o.recorded_on) OVER recordings AS next_on
        FROM initiatives_outcome o
        WHERE {outcomes_where}
        WINDOW recordings AS (PARTITION BY o.initiative_id ORDER BY o.recorded_on, o.id)
    ) o
),
-- The initiative's progress right after each recording: the mean (a sum over a count, the same float as avg())
-- over its results' latest recordings so far.
outcome_state AS (
    SELECT e.initiative_id, e.recorded_on, e.next_on, sum(r.attainment) / count(*) AS progress
    FROM outcome_recording e
    JOIN outcome_recording r
      ON r.initiative_id = e.initiative_id AND r.seq <= e.seq AND (r.superseded_seq IS NULL OR r.superseded_seq > e.seq)
    GROUP BY e.initiative_id, e.seq, e.recorded_on, e.next_on
),
-- The state a cut-off falls in: recorded before it, and the initiative's next recording not.
initiative_progress AS (
    SELECT c.period_start, s.initiative_id, s.programme_id, s.weight, s.progress
    FROM {cutoffs} c
    JOIN (SELECT s.*, i.programme_id, i.weight
          FROM outcome_state s JOIN initiatives_initiative i ON i.id = s.initiative_id) s
      ON s.recorded_on < c.period_end AND (s.next_on IS NULL OR s.next_on >= c.period_end)
)"""


def _roll_up(initiatives: str, params: dict, as_of: date | None) -> RolledUpProgress:
    """Rule 3 over the initiatives ``initiatives`` (a SELECT of ids) lists, as of the end of ``as_of``: one query."""
    as_of = as_of or timezone.localdate()
    sql = f"""
WITH scope AS ({initiatives}),
cutoffs AS (SELECT %(as_of)s::date AS period_start, %(end)s::date AS period_end),
{progress_ctes("cutoffs", outcomes_where="o.initiative_id IN (SELECT id FROM scope)").strip()}
SELECT i.id, i.weight, p.progress
FROM initiatives_initiative i
JOIN scope s ON s.id = i.id
LEFT JOIN initiative_progress p ON p.initiative_id = i.id
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "as_of": as_of, "end": as_of + timedelta(days=1)})
        rows = cursor.fetchall()
    return RolledUpProgress(as_of=as_of, initiatives={pk: (weight, progress) for pk, weight, progress in rows})


def programme_progress(programme: Programme, *, as_of: date | None = None) -> RolledUpProgress:
    """The programme's progress from its initiatives' outcomes recorded up to ``as_of`` (today)."""
    return _roll_up(
        "SELECT id FROM initiatives_initiative WHERE programme_id = %(scope_id)s", {"scope_id": programme.pk}, as_of
    )


def goal_progress(goal: StrategyGoal, *, as_of: date | None = None) -> RolledUpProgress:
    """The strategy goal's progress from the outcomes of the initiatives linked to it, recorded up to ``as_of``."""
    return _roll_up(
        "SELECT initiative_id AS id FROM initiatives_initiative_strategy_goals WHERE strategygoal_id = %(scope_id)s",
        {"scope_id": goal.pk},
        as_of,
    )
