"""Demo data for sectors, units, topics and the person directory: a plausible Finnish city."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TypeVar

from django.utils.text import slugify

from apps.core.demo import Names, named, translations, write_names
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
# Every demo name in Finnish, Swedish and English, as a bilingual city writes it; the tables above and the other
# apps' demos refer to a row by its English name (its key, see apps.core.demo).
SECTOR_NAMES: dict[str, Names] = {
    name.en: name
    for name in [
        Names("Kulttuuri", "Kultur", "Culture"),
        Names("Kasvatus ja koulutus", "Fostran och utbildning", "Education"),
        Names("Sosiaali- ja terveystoimi", "Social- och hälsovården", "Social and Health"),
        Names("Kaupunkiympäristö", "Stadsmiljö", "Urban Environment"),
        Names("Liikunta ja nuoriso", "Idrott och ungdom", "Sports and Youth"),
        Names("Työllisyys ja elinkeinot", "Sysselsättning och näringsliv", "Employment and Business"),
        Names("Kansalaisyhteiskunta", "Civilsamhället", "Civil Society"),
        Names("Yritykset", "Företag", "Business"),
        Names("Asukkaat", "Invånare", "Residents"),
        Names("Alue ja valtio", "Regionen och staten", "Region and State"),
        Names("Tutkimus ja korkeakoulut", "Forskning och högskolor", "Research and Universities"),
    ]
}
UNIT_NAMES: dict[str, Names] = {
    name.en: name
    for name in [
        Names("Kulttuuripalvelut", "Kulturtjänster", "Culture Services"),
        Names("Kaupunginkirjasto", "Stadsbiblioteket", "City Library"),
        Names("Kaupunginmuseo", "Stadsmuseet", "City Museum"),
        Names("Taidemuseo", "Konstmuseet", "Art Museum"),
        Names("Kulttuurikeskus Stoa", "Kulturcentret Stoa", "Cultural Centre Stoa"),
        Names("Musiikkiopisto", "Musikinstitutet", "Music Institute"),
        Names("Perusopetus", "Grundläggande utbildning", "Basic Education"),
        Names("Varhaiskasvatus", "Småbarnspedagogik", "Early Childhood Education"),
        Names("Lukiokoulutus", "Gymnasieutbildning", "Upper Secondary Education"),
        Names("Työväenopisto", "Arbetarinstitutet", "Adult Education Centre"),
        Names("Perhepalvelut", "Familjetjänster", "Family Services"),
        Names("Vanhusten palvelut", "Tjänster för äldre", "Elderly Services"),
        Names("Mielenterveyspalvelut", "Mentalvårdstjänster", "Mental Health Services"),
        Names("Terveyden edistäminen", "Hälsofrämjande", "Health Promotion"),
        Names("Kaupunkisuunnittelu", "Stadsplanering", "City Planning"),
        Names("Asumisen palvelut", "Boendetjänster", "Housing Services"),
        Names("Puistot ja viheralueet", "Parker och grönområden", "Parks and Green Areas"),
        Names("Ympäristöpalvelut", "Miljötjänster", "Environmental Services"),
        Names("Liikuntapalvelut", "Idrottstjänster", "Sports Services"),
        Names("Nuorisopalvelut", "Ungdomstjänster", "Youth Services"),
        Names("Etsivä nuorisotyö", "Uppsökande ungdomsarbete", "Outreach Youth Work"),
        Names("Työllisyyspalvelut", "Sysselsättningstjänster", "Employment Services"),
        Names("Elinkeinojen kehittäminen", "Näringslivsutveckling", "Business Development"),
        Names(
            "Kallion kaupunginosayhdistys ry", "Stadsdelsföreningen i Berghäll rf", "Neighbourhood Association Kallio"
        ),
        Names(
            "Mannerheimin Lastensuojeluliitto", "Mannerheims Barnskyddsförbund", "Mannerheim League for Child Welfare"
        ),
        Names(
            "Monikulttuuristen naisten yhdistys ry",
            "Mångkulturella kvinnoföreningen rf",
            "Multicultural Women's Association",
        ),
        Names("Urheiluseura Kiri ry", "Idrottsföreningen Kiri rf", "Sports Club Kiri"),
        Names("Taiteilijaseura ry", "Konstnärsgillet rf", "Artists' Association"),
        Names("Paikalliset Yrittäjät ry", "Lokala Företagare rf", "Local Entrepreneurs' Association"),
        Names("Kahvila Kulttuurikulma Oy", "Café Kulttuurikulma Ab", "Cafe Kulttuurikulma Oy"),
        Names("Tapahtumatoimisto Oy", "Evenemangsbyrån Ab", "Event Agency Oy"),
        Names("Itäinen asukasneuvosto", "Östra invånarrådet", "Residents' Council East"),
        Names("Nuorisovaltuusto", "Ungdomsfullmäktige", "Youth Council"),
        Names("Vanhusneuvosto", "Äldrerådet", "Elderly Council"),
        Names("Uudenmaan liitto", "Nylands förbund", "Regional Council"),
        Names("Hyvinvointialue", "Välfärdsområdet", "Wellbeing Services County"),
        Names("ELY-keskus", "NTM-centralen", "Centre for Economic Development"),
        Names("Ammattikorkeakoulu", "Yrkeshögskolan", "University of Applied Sciences"),
        Names(
            "Kaupunkitutkimuksen kumppaniyliopisto",
            "Partneruniversitetet för stadsforskning",
            "City Research Unit Partner University",
        ),
        # the levels above the working units
        Names("Kirjastot", "Biblioteken", "Libraries"),
        Names("Museopalvelut", "Museitjänster", "Museum Services"),
        Names("Kasvatuksen ja koulutuksen toimiala", "Fostrans- och utbildningssektorn", "Education Division"),
        Names("Yleissivistävä koulutus", "Allmänbildande utbildning", "General Education"),
        Names("Sosiaali- ja terveyspalvelut", "Social- och hälsovårdstjänster", "Social and Health Services"),
        Names("Perhe- ja sosiaalipalvelut", "Familje- och socialtjänster", "Family and Social Services"),
        Names("Terveyspalvelut", "Hälsovårdstjänster", "Health Services"),
        Names("Kaupunkiympäristön toimiala", "Stadsmiljösektorn", "Urban Environment Division"),
        Names("Maankäyttö ja kaupunkirakenne", "Markanvändning och stadsstruktur", "Land Use and City Structure"),
        Names("Yleiset alueet ja ympäristö", "Allmänna områden och miljö", "Public Areas and Environment"),
        Names("Vapaa-ajan palvelut", "Fritidstjänster", "Leisure Services"),
        Names("Työllisyys ja kilpailukyky", "Sysselsättning och konkurrenskraft", "Employment and Competitiveness"),
    ]
}
TOPIC_NAMES: dict[str, Names] = {
    name.en: name
    for name in [
        Names("Taide ja terveys", "Konst och hälsa", "Arts in health"),
        Names("Kulttuurinen osallisuus", "Kulturell delaktighet", "Cultural participation"),
        Names("Digitaalinen osallisuus", "Digital delaktighet", "Digital inclusion"),
        Names("Varhaislapsuus", "Tidig barndom", "Early childhood"),
        Names("Työllisyys", "Sysselsättning", "Employment"),
        Names("Ympäristö", "Miljö", "Environment"),
        Names("Yhdenvertaisuus", "Jämlikhet", "Equality"),
        Names("Tapahtumat", "Evenemang", "Events"),
        Names("Rahoitus ja avustukset", "Finansiering och understöd", "Funding and grants"),
        Names("Asuminen", "Boende", "Housing"),
        Names("Kotoutuminen", "Integration", "Integration"),
        Names("Kirjastot", "Bibliotek", "Libraries"),
        Names("Yksinäisyys", "Ensamhet", "Loneliness"),
        Names("Mielenterveys", "Psykisk hälsa", "Mental health"),
        Names("Museot", "Museer", "Museums"),
        Names("Musiikki", "Musik", "Music"),
        Names("Kaupunginosat", "Stadsdelar", "Neighbourhoods"),
        Names("Ikääntyneet", "Äldre", "Older people"),
        Names("Osallistuva budjetointi", "Deltagande budgetering", "Participatory budgeting"),
        Names("Liikunta", "Motion", "Physical activity"),
        Names("Tilat", "Lokaler", "Premises"),
        Names("Lukeminen", "Läsning", "Reading"),
        Names("Koulujen yhteistyö", "Samarbete med skolor", "School cooperation"),
        Names("Kestävä kehitys", "Hållbar utveckling", "Sustainability"),
        Names("Kaupunkisuunnittelu", "Stadsplanering", "Urban planning"),
        Names("Vapaaehtoistyö", "Frivilligarbete", "Volunteering"),
        Names("Hyvinvointi", "Välmående", "Wellbeing"),
        Names("Nuoret", "Unga", "Youth"),
    ]
}
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
_Row = TypeVar("_Row", Sector, Unit, Topic)
EXTRA_PERSONS = 20


def seed(rng: random.Random) -> None:
    """Create or refresh sectors, units, topics and persons; keyed by natural keys, so a second run changes nothing."""
    topics = [_named_row(Topic, TOPIC_NAMES[name], slug=slugify(name)) for name in TOPICS]
    units: list[Unit] = []
    for kind, sectors in ((Sector.Kind.CITY, CITY_SECTORS), (Sector.Kind.EXTERNAL, EXTERNAL_SECTORS)):
        for sector_name, unit_names in sectors.items():
            sector = _named_row(Sector, SECTOR_NAMES[sector_name], slug=slugify(sector_name), defaults={"kind": kind})
            for unit_name in unit_names:
                units.append(
                    _named_row(
                        Unit,
                        UNIT_NAMES[unit_name],
                        sector=sector,
                        by_name=True,
                        defaults={"email": f"{slugify(unit_name)}@example.org"},
                    )
                )
    _seed_unit_tree()
    person_units = [unit for unit in units for _ in range(PERSONS_PER_UNIT)]
    person_units += rng.sample(units, EXTRA_PERSONS)
    for number, unit in enumerate(person_units, start=1):
        _seed_person(rng, number=number, unit=unit, topics=topics)


def _named_row(
    model: type[_Row], names: Names, *, by_name: bool = False, defaults: dict | None = None, **key: object
) -> _Row:
    """The row with ``key`` (and, ``by_name``, called ``names``), created with or brought up to ``names``."""
    found = model.objects.filter(named(names), **key) if by_name else model.objects.filter(**key)
    row = found.first()
    if row is None:
        return model.objects.create(**key, **(defaults or {}), **translations(names))
    write_names(row, ("name", names))
    return row


def _seed_unit_tree() -> None:
    """The levels above the working units, and each unit's parent; a second run writes nothing."""
    for sector_name, tree in UNIT_TREE.items():
        sector = Sector.objects.get(slug=slugify(sector_name))
        by_name = {unit.name_en: unit for unit in Unit.objects.filter(sector=sector)}
        for name in sorted(STRUCTURE_UNITS & {*tree, *(child for children in tree.values() for child in children)}):
            if name in by_name:
                write_names(by_name[name], ("name", UNIT_NAMES[name]))
            elif (found := Unit.objects.filter(named(UNIT_NAMES[name]), sector=sector).first()) is not None:
                write_names(found, ("name", UNIT_NAMES[name]))  # seeded before the demo had Swedish and English
                by_name[name] = found
            else:
                unit = Unit(sector=sector, email=f"{slugify(name)}@example.org", **translations(UNIT_NAMES[name]))
                by_name[name] = services.unit_save(by=None, unit=unit)
        for parent_name, children in tree.items():
            for child_name in children:
                child = by_name[child_name]
                if child.parent_id != by_name[parent_name].pk:
                    services.unit_update(by=None, unit=child, parent=by_name[parent_name])


# One NGO or company person in five has not agreed to be listed: only the officials working with them see them.
UNLISTED_EVERY = 5
CONSENT_SINCE = date(2025, 1, 15)


def _listing_consent(*, number: int, unit: Unit) -> dict[str, object]:
    """Most external people agreed to be listed (not drawn from ``rng``, so the rest of the demo stays as it was)."""
    if unit.sector.kind != Sector.Kind.EXTERNAL or number % UNLISTED_EVERY == 0:
        return {}
    return {"listing_consent": True, "listing_consent_since": CONSENT_SINCE + timedelta(days=number)}


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
            **_listing_consent(number=number, unit=unit),
        },
    )
    chosen_topics = rng.sample(topics, rng.randint(1, 4))
    if created:
        person.topics.set(chosen_topics)
