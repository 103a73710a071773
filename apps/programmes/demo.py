"""Demo programmes with meetings and decisions. Culture leads only one of them: the research finding to show."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from apps.core.demo import Names, named, translations, write_names
from apps.programmes.models import Decision, Meeting, Programme
from apps.sectors.models import Person, Sector
from apps.strategy.models import StrategyGoal

# names, mandate, lead unit (English name), sector slugs, strategy goal codes, start, end, yearly budget (€)
PROGRAMMES: list[tuple[Names, str, str, list[str], list[str], datetime.date, datetime.date | None, int]] = [
    (
        Names("Ikääntyneiden hyvinvointi", "De äldres välbefinnande", "Wellbeing of older people"),
        "Reduce loneliness among older people with social, health, sports and civil society partners.",
        "Elderly Services",
        ["social-and-health", "sports-and-youth", "civil-society"],
        ["1.2", "1.3"],
        datetime.date(2024, 1, 1),
        datetime.date(2027, 12, 31),
        180_000,
    ),
    (
        Names("Jokaiselle lapselle harrastus", "En hobby för varje barn", "Every child has a hobby"),
        "A free hobby for every school child, organised with schools, sports clubs and youth services.",
        "Youth Services",
        ["education", "sports-and-youth", "civil-society"],
        ["1.1", "6.1"],
        datetime.date(2024, 1, 1),
        None,
        250_000,
    ),
    (
        Names("Kaupunginosat yhdessä", "Stadsdelarna tillsammans", "Neighbourhoods together"),
        "Plan the eastern neighbourhoods with residents, housing and environmental services.",
        "City Planning",
        ["urban-environment", "residents", "social-and-health"],
        ["3.1", "1.3"],
        datetime.date(2024, 6, 1),
        datetime.date(2026, 12, 31),
        120_000,
    ),
    (
        Names("Töitä uusille tulijoille", "Jobb för nyanlända", "Jobs for newcomers"),
        "Faster employment of immigrants through language, training and employer networks.",
        "Employment Services",
        ["employment-and-business", "education", "business"],
        ["4.1"],
        datetime.date(2024, 3, 1),
        datetime.date(2027, 2, 28),
        200_000,
    ),
    (
        Names("Hiilineutraali kaupunki 2035", "Koldioxidneutral stad 2035", "Carbon neutral city 2035"),
        "Cut the city's emissions with businesses, schools and residents.",
        "Environmental Services",
        ["urban-environment", "business", "education"],
        ["3.2"],
        datetime.date(2025, 1, 1),
        None,
        150_000,
    ),
    (
        Names("Kulttuuri hyvinvointipalveluissa", "Kultur i välfärdstjänsterna", "Culture in wellbeing services"),
        "Bring art and culture into social and health services (culture programme 2030).",
        "Culture Services",
        ["culture", "social-and-health"],
        ["5.1", "2.1"],
        datetime.date(2025, 1, 1),
        datetime.date(2028, 12, 31),
        60_000,
    ),
]
MEETINGS: list[tuple[str, str]] = [
    (Meeting.Kind.LARGE_GROUP, "Kick-off"),
    (Meeting.Kind.WORKSHOP, "Needs workshop"),
    (Meeting.Kind.WORKING_GROUP, "Working group 1"),
    (Meeting.Kind.WORKING_GROUP, "Working group 2"),
    (Meeting.Kind.WORKSHOP, "Results workshop"),
    (Meeting.Kind.LARGE_GROUP, "Annual forum"),
]
DECISIONS: list[tuple[str, bool, str]] = [
    (Decision.Level.POLITICAL, False, "The city board approves the programme and its yearly budget."),
    (Decision.Level.OFFICIAL, False, "The steering group names the working groups and their chairs."),
    (Decision.Level.OFFICIAL, True, "Interim: start with two pilot areas until the partners agree on the rest."),
    (Decision.Level.OFFICIAL, False, "Shared premises are used free of charge for programme activities."),
    (Decision.Level.POLITICAL, False, "The council extends the programme's funding for the next year."),
]
LEAD_USERNAME = "lead"  # the demo programme lead leads the culture programme


def seed(rng: random.Random) -> None:
    """Create programmes, keyed by their English name (apps.core.demo); meetings by (programme, title); decisions
    by (programme, text)."""
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    goals = {goal.code: goal for goal in StrategyGoal.objects.all()}
    # Not the partner accounts (apps/partners/demo.py, seeded later): a second run draws the same.
    people = list(Person.objects.exclude(user__kind="partner").select_related("unit__sector").order_by("email"))
    demo_lead = Person.objects.filter(user__username=LEAD_USERNAME).first()
    for name, mandate, unit_name, sector_slugs, goal_codes, start, end, budget in PROGRAMMES:
        lead = next(p for p in people if p.unit.name_en == unit_name and p.user_id is None)
        if demo_lead and demo_lead.unit.name_en == unit_name:
            lead = demo_lead
        programme = Programme.objects.filter(named(name)).first()
        created = programme is None
        if programme is None:
            programme = Programme.objects.create(
                **translations(name),
                mandate=mandate,
                lead=lead,
                start_date=start,
                end_date=end,
                yearly_budget=Decimal(budget),
            )
        else:
            write_names(programme, ("name", name))
        if created:
            programme.sectors.set([sectors[slug] for slug in sector_slugs])
            programme.strategy_goals.set([goals[code] for code in goal_codes if code in goals])
        _seed_meetings_and_decisions(rng, programme, [p for p in people if p.unit.sector.slug in sector_slugs])


def _seed_meetings_and_decisions(rng: random.Random, programme: Programme, people: list[Person]) -> None:
    # Random values are drawn whether or not a row exists, so a second run draws (and changes) the same.
    meetings = []
    for number, (kind, title) in enumerate(MEETINGS):
        held_on = programme.start_date + datetime.timedelta(days=45 * number + rng.randint(0, 20))
        attendees = rng.sample(people, min(len(people), rng.randint(4, 10)))
        meeting, created = Meeting.objects.get_or_create(
            programme=programme, title=title, defaults={"kind": kind, "held_on": held_on}
        )
        if created:
            meeting.attendees.set(attendees)
        meetings.append(meeting)
    for number, (level, is_kedge, text) in enumerate(DECISIONS):
        meeting = meetings[min(number, len(meetings) - 1)]
        Decision.objects.get_or_create(
            programme=programme,
            text=text,
            defaults={"level": level, "is_kedge": is_kedge, "decided_on": meeting.held_on, "meeting": meeting},
        )
