"""Demo data for sectors, units, topics and the person directory: a plausible Finnish city."""

from __future__ import annotations

import random

from django.utils.text import slugify

from apps.sectors import services
from apps.sectors.models import Language, Person, Sector, Topic, Unit

CITY_SECTORS: dict[str, list[str]] = {
    "Culture": [
        "Culture Services",
        "City Library",
        "City Museum",
        "Art Museum",
        "Cultural Centre Stoa",
        "Music Institute",
    ],
    "Education": [
        "Basic Education",
        "Early Childhood Education",
        "Upper Secondary Education",
        "Adult Education Centre",
    ],
    "Social and Health": ["Family Services", "Elderly Services", "Mental Health Services", "Health Promotion"],
    "Urban Environment": ["City Planning", "Housing Services", "Parks and Green Areas", "Environmental Services"],
    "Sports and Youth": ["Sports Services", "Youth Services", "Outreach Youth Work"],
    "Employment and Business": ["Employment Services", "Business Development"],
}
EXTERNAL_SECTORS: dict[str, list[str]] = {
    "Civil Society": [
        "Neighbourhood Association Kallio",
        "Mannerheim League for Child Welfare",
        "Multicultural Women's Association",
        "Sports Club Kiri",
        "Artists' Association",
    ],
    "Business": ["Local Entrepreneurs' Association", "Cafe Kulttuurikulma Oy", "Event Agency Oy"],
    "Residents": ["Residents' Council East", "Youth Council", "Elderly Council"],
    "Region and State": ["Regional Council", "Wellbeing Services County", "Centre for Economic Development"],
    "Research and Universities": ["University of Applied Sciences", "City Research Unit Partner University"],
}
# The organisation above the working units, as a city's HR register has it (sector → division → department → unit).
# Parent → sub-units per sector; names not in CITY_SECTORS are the levels above, created here. They carry no people
# and take part in no demo initiative (STRUCTURE_UNITS), so the demo's figures stay as they were.
UNIT_TREE: dict[str, dict[str, list[str]]] = {
    "Culture": {
        "Culture Services": ["Libraries", "Museum Services", "Cultural Centre Stoa", "Music Institute"],
        "Libraries": ["City Library"],
        "Museum Services": ["City Museum", "Art Museum"],
    },
    "Education": {
        "Education Division": ["Early Childhood Education", "General Education", "Adult Education Centre"],
        "General Education": ["Basic Education", "Upper Secondary Education"],
    },
    "Social and Health": {
        "Social and Health Services": ["Family and Social Services", "Health Services"],
        "Family and Social Services": ["Family Services", "Elderly Services"],
        "Health Services": ["Mental Health Services", "Health Promotion"],
    },
    "Urban Environment": {
        "Urban Environment Division": ["Land Use and City Structure", "Public Areas and Environment"],
        "Land Use and City Structure": ["City Planning", "Housing Services"],
        "Public Areas and Environment": ["Parks and Green Areas", "Environmental Services"],
    },
    "Sports and Youth": {
        "Leisure Services": ["Sports Services", "Youth Services"],
        "Youth Services": ["Outreach Youth Work"],
    },
    "Employment and Business": {
        "Employment and Competitiveness": ["Employment Services", "Business Development"],
    },
}
STRUCTURE_UNITS = frozenset(
    name
    for sector_name, tree in UNIT_TREE.items()
    for name in {*tree, *(child for children in tree.values() for child in children)}
    if name not in CITY_SECTORS[sector_name]
)
TOPICS = [
    "Arts in health",
    "Cultural participation",
    "Digital inclusion",
    "Early childhood",
    "Employment",
    "Environment",
    "Equality",
    "Events",
    "Funding and grants",
    "Housing",
    "Integration",
    "Libraries",
    "Loneliness",
    "Mental health",
    "Museums",
    "Music",
    "Neighbourhoods",
    "Older people",
    "Participatory budgeting",
    "Physical activity",
    "Premises",
    "Reading",
    "School cooperation",
    "Sustainability",
    "Urban planning",
    "Volunteering",
    "Wellbeing",
    "Youth",
]
FIRST_NAMES = {
    "fi": [
        "Aino",
        "Eero",
        "Helmi",
        "Juhani",
        "Kaisa",
        "Lauri",
        "Minna",
        "Olli",
        "Pirjo",
        "Sanna",
        "Tuomas",
        "Veera",
        "Ville",
        "Elina",
        "Markku",
        "Riikka",
    ],
    "sv": [
        "Anders",
        "Britta",
        "Carl",
        "Elsa",
        "Fredrik",
        "Greta",
        "Henrik",
        "Ingrid",
        "Johan",
        "Karin",
        "Linnea",
        "Mats",
    ],
    "en": ["Amira", "Daniel", "Fatima", "Grace", "Hassan", "Liam", "Maria", "Noah", "Olga", "Samuel"],
}
LAST_NAMES = {
    "fi": [
        "Virtanen",
        "Korhonen",
        "Mäkinen",
        "Nieminen",
        "Mäkelä",
        "Hämäläinen",
        "Laine",
        "Heikkinen",
        "Koskinen",
        "Järvinen",
        "Lehtonen",
        "Saarinen",
        "Salminen",
        "Heinonen",
    ],
    "sv": ["Lindqvist", "Holmström", "Sjöberg", "Ekman", "Lindholm", "Björklund", "Nyström", "Wikström"],
    "en": ["Ahmed", "Smith", "Ivanova", "Mohamud", "Brown", "Garcia", "Kowalski", "Nguyen"],
}
TITLES = [
    "Planning Officer",
    "Coordinator",
    "Director",
    "Specialist",
    "Project Manager",
    "Producer",
    "Service Manager",
    "Youth Worker",
    "Librarian",
    "Chair",
    "Executive Director",
    "Researcher",
]
PERSONS_PER_UNIT = 2
EXTRA_PERSONS = 20


def seed(rng: random.Random) -> None:
    """Create or refresh sectors, units, topics and persons; keyed by natural keys, so a second run changes nothing."""
    topics = [Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in TOPICS]
    units: list[Unit] = []
    for kind, sectors in ((Sector.Kind.CITY, CITY_SECTORS), (Sector.Kind.EXTERNAL, EXTERNAL_SECTORS)):
        for sector_name, unit_names in sectors.items():
            sector, _ = Sector.objects.get_or_create(
                slug=slugify(sector_name), defaults={"name": sector_name, "kind": kind}
            )
            for unit_name in unit_names:
                unit, _ = Unit.objects.get_or_create(
                    sector=sector,
                    name=unit_name,
                    defaults={"email": f"{slugify(unit_name)}@example.org"},
                )
                units.append(unit)
    _seed_unit_tree()
    person_units = [unit for unit in units for _ in range(PERSONS_PER_UNIT)]
    person_units += rng.sample(units, EXTRA_PERSONS)
    for number, unit in enumerate(person_units, start=1):
        _seed_person(rng, number=number, unit=unit, topics=topics)


def _seed_unit_tree() -> None:
    """The levels above the working units, and each unit's parent; a second run writes nothing."""
    for sector_name, tree in UNIT_TREE.items():
        sector = Sector.objects.get(slug=slugify(sector_name))
        by_name = {unit.name: unit for unit in Unit.objects.filter(sector=sector)}
        for name in sorted(STRUCTURE_UNITS & {*tree, *(child for children in tree.values() for child in children)}):
            if name not in by_name:
                by_name[name] = services.unit_create(
                    by=None, sector=sector, name=name, email=f"{slugify(name)}@example.org"
                )
        for parent_name, children in tree.items():
            for child_name in children:
                child = by_name[child_name]
                if child.parent_id != by_name[parent_name].pk:
                    services.unit_update(by=None, unit=child, parent=by_name[parent_name])


def _seed_person(rng: random.Random, *, number: int, unit: Unit, topics: list[Topic]) -> None:
    mother_tongue = rng.choices(["fi", "sv", "en"], weights=[6, 2, 2])[0]
    first_name = rng.choice(FIRST_NAMES[mother_tongue])
    last_name = rng.choice(LAST_NAMES[mother_tongue])
    spoken = {mother_tongue, "fi"} | set(rng.sample([code for code, _ in Language.choices], rng.randint(0, 2)))
    email = f"{slugify(first_name)}.{slugify(last_name)}.{number}@example.org"
    person, created = Person.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "unit": unit,
            "title": rng.choice(TITLES),
            "phone": f"+358 40 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            "languages": sorted(spoken),
            "is_boundary_spanner": rng.random() < 0.15,
        },
    )
    chosen_topics = rng.sample(topics, rng.randint(1, 4))
    if created:
        person.topics.set(chosen_topics)
