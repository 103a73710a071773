"""Demo data: a city strategy with its goals, and a culture programme 2030 under it."""

from __future__ import annotations

import random

from apps.sectors.models import Sector
from apps.strategy.models import StrategyGoal

# (code, title, owning sector slug or None); a code's prefix names its parent.
GOALS: list[tuple[str, str, str | None]] = [
    ("1", "A city of wellbeing and equal opportunities", None),
    ("1.1", "Every child and young person has a hobby", None),
    ("1.2", "Loneliness among older people decreases", None),
    ("1.3", "Health and wellbeing gaps between neighbourhoods narrow", None),
    ("2", "A city of learning and culture", None),
    ("2.1", "Culture and art reach every resident", None),
    ("2.2", "Schools and culture work together", None),
    ("2.3", "Libraries are open meeting places for all", None),
    ("3", "A sustainable and vibrant urban environment", None),
    ("3.1", "Neighbourhoods are planned with residents", None),
    ("3.2", "The city is carbon neutral by 2035", None),
    ("3.3", "City premises are shared and used efficiently", None),
    ("4", "A working and attractive city", None),
    ("4.1", "Employment of immigrants improves", None),
    ("4.2", "Events and creative industries grow", None),
    ("5", "Culture programme 2030", "culture"),
    ("5.1", "Culture is part of social and health services", "culture"),
    ("5.2", "Culture premises open to other sectors", "culture"),
    ("5.3", "Residents co-create cultural offer", "culture"),
    ("6", "Sports and youth programme", "sports-and-youth"),
    ("6.1", "Physical activity for all ages", "sports-and-youth"),
    ("6.2", "Youth participation in decision making", "sports-and-youth"),
]


def seed(rng: random.Random) -> None:
    """Create the strategy goal tree, keyed by goal code."""
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    goals: dict[str, StrategyGoal] = {}
    for code, title, sector_slug in GOALS:
        parent = goals.get(code.rsplit(".", 1)[0]) if "." in code else None
        goals[code], _ = StrategyGoal.objects.get_or_create(
            code=code,
            defaults={"title": title, "parent": parent, "sector": sectors.get(sector_slug) if sector_slug else None},
        )
