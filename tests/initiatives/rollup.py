"""A hand-worked roll-up of weighted outcomes, shared by the selector, page and indicator tests.

Programme P and strategy goal G; outcomes recorded in 2025 (the cut-off of June 2025 is its last day):

- A, weight 1, in P and G: "Residents reached" measured 0 → 200, at 50 on 1.3. and at 150 on 1.5. (recorded again,
  with other case and spaces: only the latest counts, 150 / 200 = 0.75); "Reading circle started" at 25 %
  (0.25). A = (0.75 + 0.25) / 2 = 0.5.
- B, weight 2, in P: "Waiting days" 30 → 10, now 25: (25 − 30) / (10 − 30) = 0.25; "Volunteers" 0 → 10, now 15:
  past the target, kept to 1. B = (0.25 + 1) / 2 = 0.625.
- C, weight 3, in P and G: 80 % only (no numbers): 0.8.
- D, weight 5, in P and G: no outcomes, left out (its weight too).
- E, weight 1, in P: 60 % recorded on 15.7.2025, after June.
- F, weight 1, in no programme or goal: 10 %.

June 2025: P = (1 × 0.5 + 2 × 0.625 + 3 × 0.8) / (1 + 2 + 3) = 4.15 / 6; G = (0.5 + 2.4) / (1 + 3) = 2.9 / 4;
city = (4.15 + 0.1) / 7 = 4.25 / 7. July 2025 (E counts): P = 4.75 / 7, city = 4.85 / 8.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from apps.initiatives.models import Initiative
from apps.programmes.models import Programme
from apps.strategy.models import StrategyGoal
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory
from tests.programmes.factories import ProgrammeFactory
from tests.strategy.factories import StrategyGoalFactory

JUNE, JULY = date(2025, 6, 1), date(2025, 7, 1)
JUNE_END = date(2025, 6, 30)


@dataclass
class RollUp:
    programme: Programme
    goal: StrategyGoal
    a: Initiative
    b: Initiative
    c: Initiative
    d: Initiative
    e: Initiative
    f: Initiative


def measured(initiative: Initiative, text: str, baseline: int, target: int, actual: int, on: date, **fields) -> None:
    OutcomeFactory(
        initiative=initiative,
        text=text,
        baseline=Decimal(baseline),
        target=Decimal(target),
        actual=Decimal(actual),
        unit=fields.pop("unit", "residents"),
        recorded_on=on,
        progress=0,  # not what counts: the numbers do
        **fields,
    )


def build() -> RollUp:
    programme = ProgrammeFactory(name="Reading city")
    goal = StrategyGoalFactory(code="3.1", title="Everyone reads")

    def new(title: str, weight: int, *, in_programme: bool = True, in_goal: bool = False) -> Initiative:
        item = InitiativeFactory(
            title=title,
            weight=weight,
            programme=programme if in_programme else None,
            status=Initiative.Status.ACTIVE,
            start_date=date(2025, 1, 1),
        )
        if in_goal:
            item.strategy_goals.add(goal)
        return item

    a, b = new("A", 1, in_goal=True), new("B", 2)
    c, d = new("C", 3, in_goal=True), new("D", 5, in_goal=True)
    e, f = new("E", 1), new("F", 1, in_programme=False)
    measured(a, "Residents reached", 0, 200, 50, date(2025, 3, 1))
    measured(a, "  residents REACHED ", 0, 200, 150, date(2025, 5, 1))
    OutcomeFactory(initiative=a, text="Reading circle started", progress=25, recorded_on=date(2025, 4, 1))
    measured(b, "Waiting days", 30, 10, 25, date(2025, 4, 1), unit="days")
    measured(b, "Volunteers", 0, 10, 15, date(2025, 4, 1), unit="volunteers")
    OutcomeFactory(initiative=c, text="Library card for every pupil", progress=80, recorded_on=date(2025, 2, 1))
    OutcomeFactory(initiative=e, text="Author visits", progress=60, recorded_on=date(2025, 7, 15))
    OutcomeFactory(initiative=f, text="Book swap shelf", progress=10, recorded_on=date(2025, 1, 15))
    return RollUp(programme, goal, a, b, c, d, e, f)
