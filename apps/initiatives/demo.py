"""Demo initiatives: 220 over three years, with units, contacts, funding and outcomes that look like a real city.

Patterns the dashboards should show: most work stays inside one or two sectors; culture takes part often
outside programmes but seldom inside them; many initiatives hang on one contact person.
Keyed by (English) title: a second run finds every title and writes nothing.
"""

from __future__ import annotations

import datetime
import itertools
import random
import zlib
import zoneinfo
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from apps.accounts.models import User
from apps.core.demo import Names, translations, write_names
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme
from apps.programmes.models import Programme
from apps.sectors.models import Person, Sector, Unit
from apps.strategy.models import StrategyGoal

INITIATIVE_COUNT = 220
FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2026, 10, 31)  # the demo's "today": three years of history end here
THEMES = [
    Names("Yksinäisyys", "Ensamhet", "Loneliness"),
    Names("Nuorten työllisyys", "Ungas sysselsättning", "Youth employment"),
    Names("Ilmasto", "Klimat", "Climate"),
    Names("Lukeminen", "Läsning", "Reading"),
    Names("Liikunta", "Motion", "Physical activity"),
    Names("Kotoutuminen", "Integration", "Integration"),
    Names("Taide ja terveys", "Konst och hälsa", "Arts and health"),
    Names("Kaupunginosien turvallisuus", "Trygghet i stadsdelarna", "Neighbourhood safety"),
    Names("Digitaidot", "Digitala färdigheter", "Digital skills"),
    Names("Osallisuus", "Delaktighet", "Participation"),
]
ACTIVITIES = [
    "Reading buddies",
    "Culture on prescription",
    "Street football",
    "Language café",
    "Green courtyards",
    "Museum mornings",
    "Summer jobs",
    "Digital help desk",
    "Choir for all ages",
    "Repair café",
    "Neighbourhood festival",
    "Walking group",
    "Youth council workshop",
    "Art in care homes",
    "School library nights",
    "Climate walks",
    "Job fair",
    "Family sports day",
    "Story circle",
    "Community garden",
    "Open stage",
    "Homework club",
    "Memory café",
    "Bike repair course",
]
AREAS = [
    "Kallio",
    "Itäkeskus",
    "Vuosaari",
    "Malmi",
    "Kontula",
    "Pasila",
    "Herttoniemi",
    "Kannelmäki",
    "Myllypuro",
    "Centre",
]
# A few initiatives their authors wrote in Finnish or Swedish (an initiative's text stays in its author's language);
# keyed by the English title the demo would give them: (language, title, the activity as the text names it).
OWN_LANGUAGE: dict[str, tuple[str, str, str]] = {
    "Reading buddies, Kontula": ("fi", "Lukukaverit, Kontula", "Lukukaverit"),
    "Memory café, Malmi": ("fi", "Muistikahvila, Malmi", "Muistikahvila"),
    "Story circle, Kallio": ("fi", "Tarinapiiri, Kallio", "Tarinapiiri"),
    "Language café, Itäkeskus": ("fi", "Kielikahvila, Itäkeskus", "Kielikahvila"),
    "Reading buddies, Vuosaari": ("sv", "Läskompisar, Nordsjö", "Läskompisar"),
    "Story circle, Herttoniemi": ("sv", "Berättarcirkel, Hertonäs", "Berättarcirkel"),
    "Memory café, Pasila": ("sv", "Minneskafé, Böle", "Minneskafé"),
    "Choir for all ages, Centre": ("sv", "Kör för alla åldrar, Centrum", "Kör för alla åldrar"),
}
DESCRIPTIONS = {
    "en": "{activity} run together by {units}.",
    "fi": "{activity}. Mukana: {units}.",
    "sv": "{activity}. Medverkande: {units}.",
}
EXTERNAL_SOURCES = [
    "EU Interreg Central Baltic",
    "Ministry of Education and Culture",
    "Finnish Cultural Foundation",
    "Regional Council development fund",
    "Local business sponsorship",
]
OUTCOME_TEXTS = [
    ("Participants reached", "participants"),
    ("Events held", "events"),
    ("Volunteers trained", "volunteers"),
    ("Residents' satisfaction surveyed", "satisfaction %"),
    ("New partners joined", "partners"),
]
FORM_WEIGHTS = {
    Initiative.CollaborationForm.PROJECT: 5,
    Initiative.CollaborationForm.EVENT: 4,
    Initiative.CollaborationForm.NETWORK: 2,
    Initiative.CollaborationForm.PARTNERSHIP: 2,
    Initiative.CollaborationForm.DIALOGUE: 2,
    Initiative.CollaborationForm.GRANT: 1,
    Initiative.CollaborationForm.COUNCIL: 1,
}
CULTURE = "culture"


def seed(rng: random.Random) -> None:
    themes = [_seed_theme(names) for names in THEMES]
    world = _World.load()
    existing = set(Initiative.objects.values_list("title", flat=True))
    titles = [f"{activity}, {area}" for activity, area in itertools.product(ACTIVITIES, AREAS)]
    plans = [_plan(rng, world, themes, title) for title in rng.sample(titles, INITIATIVE_COUNT)]
    # Random values above were drawn for every plan, so reruns draw the same ones; only missing titles are written.
    new = [plan for plan in plans if plan["key"] not in existing and plan["initiative"].title not in existing]
    for plan in plans:  # a demo seeded before these were written in Finnish or Swedish gets their own text
        if plan["key"] != plan["initiative"].title and plan["key"] in existing:
            own = plan["initiative"]
            Initiative.objects.filter(title=plan["key"]).update(
                title=own.title, description=own.description, language=own.language
            )
    # ... and each is marked with the language it is written in (it took the language of the command that seeded it)
    for language in DESCRIPTIONS:
        titles = [plan["initiative"].title for plan in plans if plan["initiative"].language == language]
        Initiative.objects.filter(title__in=titles).exclude(language=language).update(language=language)
    if not new:
        return
    created = bulk_create_with_history([plan["initiative"] for plan in new], Initiative, batch_size=500)
    for plan, initiative in zip(new, created, strict=True):
        for row in plan["participations"] + plan["fundings"] + plan["outcomes"]:
            row.initiative = initiative
    for model, key in ((Participation, "participations"), (Funding, "fundings"), (Outcome, "outcomes")):
        bulk_create_with_history([row for plan in new for row in plan[key]], model, batch_size=500)
    _backdate_logging([(initiative, plan["key"]) for plan, initiative in zip(new, created, strict=True)])
    for name in ("themes", "strategy_goals", "contact_persons"):
        through = getattr(Initiative, name).through
        target = getattr(Initiative, name).field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(initiative_id=initiative.pk, **{f"{target}_id": related.pk})
                for plan, initiative in zip(new, created, strict=True)
                for related in plan[name]
            ]
        )


def _seed_theme(names: Names) -> Theme:
    theme, created = Theme.objects.get_or_create(slug=slugify(names.en), defaults=translations(names))
    if not created:
        write_names(theme, ("name", names))
    return theme


def _backdate_logging(initiatives: list[tuple[Initiative, str]]) -> None:
    """Officials log an initiative some weeks before it starts; without this every demo initiative would look
    logged on the day the demo was seeded (and "time to first partner" would be meaningless)."""
    helsinki = zoneinfo.ZoneInfo("Europe/Helsinki")
    for initiative, key in initiatives:
        weeks_before = zlib.crc32(key.encode()) % 13  # deterministic (the English title): reruns would write the same
        logged_on = initiative.start_date - datetime.timedelta(weeks=weeks_before)
        Initiative.objects.filter(pk=initiative.pk).update(
            created_at=datetime.datetime.combine(logged_on, datetime.time(9), tzinfo=helsinki)
        )


class _World:
    """What the demo city already has: units by sector, people by unit, programmes, goals."""

    def __init__(self) -> None:
        # The working units, those with people: the levels above them (divisions, departments) and the regional and
        # national federations of the register run no initiatives of their own here.
        # Ordered by the English name, the demo's key: the random draws below stay the same whatever the language.
        # The demo's partner accounts (apps/partners/demo.py, seeded later) are left out: a rerun draws the same.
        people = Person.objects.exclude(user__kind="partner")
        units = Unit.objects.filter(Exists(people.filter(unit=OuterRef("pk")))).select_related("sector")
        self.units = list(units.order_by("sector__slug", "name_en"))
        self.city_units = [unit for unit in self.units if unit.sector.kind == Sector.Kind.CITY]
        self.external_units = [unit for unit in self.units if unit.sector.kind == Sector.Kind.EXTERNAL]
        self.people: dict[int, list[Person]] = {}
        for person in people.order_by("email"):
            self.people.setdefault(person.unit_id, []).append(person)
        self.programmes = list(Programme.objects.prefetch_related("sectors").order_by("name_en"))
        self.goals = list(StrategyGoal.objects.filter(parent__isnull=False).order_by("code"))
        self.creator = User.objects.filter(username="official").first()

    @classmethod
    def load(cls) -> _World:
        return cls()


def _random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _plan(rng: random.Random, world: _World, themes: list[Theme], title: str) -> dict:
    start = _random_day(rng, FIRST_DAY, LAST_DAY + datetime.timedelta(days=60))
    end = start + datetime.timedelta(days=rng.choice([30, 90, 180, 365, 540, 720])) if rng.random() < 0.8 else None
    status = _status(rng, start, end)
    running = [p for p in world.programmes if p.start_date <= start and (p.end_date is None or start <= p.end_date)]
    programme = rng.choice(running) if running and rng.random() < 0.4 else None
    units = _participating_units(rng, world, programme)
    joined = [start + datetime.timedelta(days=0 if n == 0 else rng.randint(0, 120)) for n in range(len(units))]
    roles = [Participation.Role.LEAD] + [
        rng.choices(
            [Participation.Role.PARTNER, Participation.Role.FUNDER, Participation.Role.VENUE], weights=[6, 2, 2]
        )[0]
        for _ in units[1:]
    ]
    participations = [
        Participation(unit=unit, role=role, joined_on=day) for unit, role, day in zip(units, roles, joined, strict=True)
    ]
    contact_pool = [person for unit in units for person in world.people.get(unit.pk, [])]
    # About a third hang on one person: the key-person risk the research describes.
    contact_count = 1 if rng.random() < 0.35 else rng.randint(2, 3)
    contacts = rng.sample(contact_pool, min(contact_count, len(contact_pool)))
    involves_ngos = any(unit.sector.slug == "civil-society" for unit in units)
    involves_residents = any(unit.sector.slug == "residents" for unit in units) or rng.random() < 0.2
    language, own_title, activity = OWN_LANGUAGE.get(title, ("en", title, title.split(",")[0]))
    units_named = ", ".join(getattr(unit, f"name_{language}") for unit in units)
    initiative = Initiative(
        title=own_title,
        description=DESCRIPTIONS[language].format(activity=activity, units=units_named),
        language=language,
        status=status,
        collaboration_form=rng.choices(list(FORM_WEIGHTS), weights=list(FORM_WEIGHTS.values()))[0],
        start_date=start,
        end_date=end,
        programme=programme,
        involves_residents=involves_residents,
        involves_ngos=involves_ngos,
        resident_participants=rng.randint(10, 400) if involves_residents else None,
        # Two in five of those under way or done are on the public pages; drawn apart from ``rng``, so the rest
        # of the demo stays as it was.
        is_public=status in PUBLISHED_STATUSES and random.Random(f"public:{title}").random() < 0.4,
        created_by=world.creator if world.creator and world.creator.home_unit_id in {u.pk for u in units} else None,
    )
    return {
        "key": title,
        "initiative": initiative,
        "participations": participations,
        "fundings": _fundings(rng, units, status, start, programme),
        "outcomes": _outcomes(rng, status, start, end),
        "themes": rng.sample(themes, rng.randint(1, 3)),
        "strategy_goals": rng.sample(world.goals, rng.randint(0, 2)) if world.goals else [],
        "contact_persons": contacts,
    }


PUBLISHED_STATUSES = (Initiative.Status.ACTIVE, Initiative.Status.COMPLETED)


def _status(rng: random.Random, start: datetime.date, end: datetime.date | None) -> str:
    if start > LAST_DAY:
        return rng.choice([Initiative.Status.IDEA, Initiative.Status.PLANNED])
    if end is not None and end < LAST_DAY:
        return Initiative.Status.COMPLETED if rng.random() < 0.85 else Initiative.Status.DISCONTINUED
    return Initiative.Status.ACTIVE


def _participating_units(rng: random.Random, world: _World, programme: Programme | None) -> list[Unit]:
    """The lead unit first, then partners; programme work leans on the programme's sectors and seldom on culture."""
    if programme is not None:
        slugs = {sector.slug for sector in programme.sectors.all()}
        candidates = [u for u in world.city_units if u.sector.slug in slugs] or world.city_units
        lead = rng.choice(candidates)
        partner_pool = [u for u in world.units if u.sector.slug != CULTURE or rng.random() < 0.1]
    else:
        lead = rng.choice(world.city_units)
        partner_pool = list(world.units)
    partner_count = rng.choices([0, 1, 2, 3, 4], weights=[2, 4, 3, 2, 1])[0]
    partners = rng.sample([unit for unit in partner_pool if unit != lead], partner_count)
    if rng.random() < 0.3:  # civil society, residents or business join a good share of the work
        outside = rng.choice(world.external_units)
        if outside not in partners:
            partners.append(outside)
    return [lead, *partners]


def _fundings(
    rng: random.Random, units: list[Unit], status: str, start: datetime.date, programme: Programme | None
) -> list[Funding]:
    if rng.random() < 0.3:
        return []
    spent_share = {Initiative.Status.COMPLETED: 0.95, Initiative.Status.DISCONTINUED: 0.4}.get(status, 0.5)
    if status in (Initiative.Status.IDEA, Initiative.Status.PLANNED):
        spent_share = 0.0
    city_units = [unit for unit in units if unit.sector.kind == Sector.Kind.CITY]
    lines = []
    for number in range(rng.randint(1, 3)):
        from_programme = programme is not None and number == 0
        # A programme spreads its yearly budget over many initiatives: its lines are smaller.
        allocated = Decimal(rng.randint(4, 50 if from_programme else 160) * 500)
        spent = (allocated * Decimal(str(round(spent_share * rng.uniform(0.6, 1.0), 2)))).quantize(Decimal("0.01"))
        external = rng.random() < 0.25
        if from_programme:
            instrument = Funding.Instrument.PROGRAMME_BUDGET
        elif external:
            instrument = rng.choice([Funding.Instrument.GRANT, Funding.Instrument.EXTERNAL])
        else:
            instrument = Funding.Instrument.SECTOR_BUDGET
        source = None if external else city_units[number % len(city_units)]
        lines.append(
            Funding(
                source_unit=source,
                external_source=rng.choice(EXTERNAL_SOURCES) if external else "",
                instrument=instrument,
                allocated=allocated,
                spent=spent,
                year=start.year + min(number, 1),
            )
        )
    return lines


def _outcomes(rng: random.Random, status: str, start: datetime.date, end: datetime.date | None) -> list[Outcome]:
    chance = {Initiative.Status.COMPLETED: 0.8, Initiative.Status.ACTIVE: 0.4}.get(status, 0.0)
    if rng.random() >= chance:
        return []
    last = min(end or LAST_DAY, LAST_DAY)
    outcomes = []
    for text, indicator in rng.sample(OUTCOME_TEXTS, rng.randint(1, 2)):
        progress = rng.randint(70, 100) if status == Initiative.Status.COMPLETED else rng.randint(10, 80)
        count = rng.randint(5, 300)
        outcome = Outcome(
            text=f"{text}: {count}", indicator=indicator, progress=progress, recorded_on=_random_day(rng, start, last)
        )
        if count % 2 == 0:  # every other one measured, towards the target its progress implies (no further draws)
            outcome.baseline, outcome.actual, outcome.unit = Decimal(0), Decimal(count), indicator
            outcome.target = Decimal(round(count * 100 / progress))
            outcome.progress = outcome.measured_progress()
        outcomes.append(outcome)
    return outcomes
