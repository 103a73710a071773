"""Demo register: the civic organisations of the region in their federations, and every external unit entered.

40 civic organisations in three levels (8 national leagues, their 8 regional districts, 24 local associations,
five of which are the civil-society units the initiatives of the demo already have); the other external units
(companies, councils, public bodies) are entered with their kind. The new organisations carry no people, so the
initiatives' demo, which draws from the units with people, and its figures stay as they were.
"""

from __future__ import annotations

import random

from stdnum.fi import ytunnus

from apps.core.demo import Names, named, translations, write_names
from apps.organisations.models import Organisation
from apps.sectors.models import Language, Sector, Topic, Unit

CIVIL_SOCIETY = "civil-society"
Level = Organisation.Level
Kind = Organisation.Kind

# English name → (names, level, kind, parent's English name, topics' English names); parents before members.
CIVIC_ORGANISATIONS: list[tuple[Names, str, str, str | None, tuple[str, ...]]] = [
    (
        Names("Valtakunnallinen liikuntaliitto", "Riksidrottsförbundet", "National Sports Federation"),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Physical activity",),
    ),
    (
        Names("Lastensuojelun keskusliitto", "Centralförbundet för barnskydd", "National Child Welfare League"),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Early childhood",),
    ),
    (
        Names(
            "Kulttuurijärjestöjen keskusliitto",
            "Centralförbundet för kulturföreningar",
            "National Federation of Culture Associations",
        ),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Cultural participation",),
    ),
    (
        Names("Nuorisotyön valtakunnallinen liitto", "Riksförbundet för ungdomsarbete", "National Youth Work Alliance"),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Youth",),
    ),
    (
        Names(
            "Asukasyhdistysten keskusliitto",
            "Centralförbundet för invånarföreningar",
            "National Union of Residents' Associations",
        ),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Neighbourhoods",),
    ),
    (
        Names(
            "Mielenterveysjärjestöjen liitto",
            "Mentalvårdsorganisationernas förbund",
            "National Mental Health Association",
        ),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Mental health",),
    ),
    (
        Names(
            "Naisjärjestöjen keskusliitto",
            "Kvinnoorganisationernas centralförbund",
            "National Union of Women's Organisations",
        ),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Equality",),
    ),
    (
        Names("Taiteilijoiden keskusliitto", "Konstnärernas centralförbund", "National Union of Artists"),
        Level.NATIONAL,
        Kind.ASSOCIATION,
        None,
        ("Cultural participation",),
    ),
    (
        Names("Uudenmaan liikuntaliitto", "Nylands idrottsförbund", "Uusimaa Sports Federation"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Sports Federation",
        ("Physical activity",),
    ),
    (
        Names("Lastensuojelun Uudenmaan piiri", "Barnskyddets Nylandsdistrikt", "Uusimaa Child Welfare District"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Child Welfare League",
        ("Early childhood",),
    ),
    (
        Names("Uudenmaan kulttuuriyhdistykset", "Nylands kulturföreningar", "Uusimaa Culture Associations"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Federation of Culture Associations",
        ("Cultural participation", "Events"),
    ),
    (
        Names("Uudenmaan nuorisotyön keskus", "Nylands ungdomsarbetscentral", "Uusimaa Youth Work Centre"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Youth Work Alliance",
        ("Youth",),
    ),
    (
        Names("Uudenmaan asukasyhdistykset", "Nylands invånarföreningar", "Uusimaa Residents' Associations"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Union of Residents' Associations",
        ("Neighbourhoods",),
    ),
    (
        Names("Uudenmaan mielenterveyspiiri", "Nylands mentalvårdsdistrikt", "Uusimaa Mental Health District"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Mental Health Association",
        ("Mental health",),
    ),
    (
        Names("Uudenmaan naisjärjestöt", "Nylands kvinnoorganisationer", "Uusimaa Women's Organisations"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Union of Women's Organisations",
        ("Equality", "Integration"),
    ),
    (
        Names("Uudenmaan taiteilijaseura", "Nylands konstnärsgille", "Uusimaa Artists' Society"),
        Level.REGIONAL,
        Kind.ASSOCIATION,
        "National Union of Artists",
        ("Cultural participation",),
    ),
    (
        Names("Jalkapalloseura Itäranta ry", "Fotbollsklubben Östrand rf", "Football Club Eastside"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Sports Federation",
        ("Physical activity", "Youth"),
    ),
    (
        Names("Uimaseura Aalto ry", "Simklubben Våg rf", "Swimming Club Aalto"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Sports Federation",
        ("Physical activity",),
    ),
    (
        Names("Seniorien liikuntaseura ry", "Seniorernas idrottsklubb rf", "Senior Sports Club"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Sports Federation",
        ("Physical activity", "Older people"),
    ),
    (
        Names("Perhekerho Lehto ry", "Familjeklubben Lund rf", "Family Club Lehto"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Child Welfare District",
        ("Early childhood",),
    ),
    (
        Names(
            "Kivikon koulun vanhempainyhdistys ry",
            "Föräldraföreningen vid Stensböle skola rf",
            "Kivikko School Parents' Association",
        ),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Child Welfare District",
        ("School cooperation",),
    ),
    (
        Names("Yhteisöteatteri Valo ry", "Gemenskapsteatern Ljus rf", "Community Theatre Valo"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Culture Associations",
        ("Cultural participation", "Events"),
    ),
    (
        Names("Kuoroyhdistys Kaiku ry", "Körföreningen Eko rf", "Choir Society Kaiku"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Culture Associations",
        ("Music",),
    ),
    (
        Names("Kotiseutuyhdistys ry", "Hembygdsföreningen rf", "Local History Society"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Culture Associations",
        ("Museums", "Neighbourhoods"),
    ),
    (
        Names("Tanssiyhdistys Liike ry", "Dansföreningen Rörelse rf", "Dance Association Liike"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Culture Associations",
        ("Physical activity", "Cultural participation"),
    ),
    (
        Names("Nuorisoyhdistys Kipinä ry", "Ungdomsföreningen Gnista rf", "Youth Association Kipinä"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Youth Work Centre",
        ("Youth",),
    ),
    (
        Names("Partiolippukunta Metsäpolku ry", "Scoutkåren Skogsstigen rf", "Scout Group Forest Trail"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Youth Work Centre",
        ("Youth", "Environment"),
    ),
    (
        Names("Kivikon asukasyhdistys ry", "Invånarföreningen i Stensböle rf", "Residents' Association Kivikko"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Residents' Associations",
        ("Neighbourhoods", "Housing"),
    ),
    (
        Names("Laakson asukasyhdistys ry", "Invånarföreningen i Dal rf", "Residents' Association Laakso"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Residents' Associations",
        ("Neighbourhoods",),
    ),
    (
        Names("Vertaistukiyhdistys Tuki ry", "Kamratstödsföreningen Stöd rf", "Peer Support Association Tuki"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Mental Health District",
        ("Mental health", "Loneliness"),
    ),
    (
        Names("Klubitalo Majakka ry", "Klubbhuset Fyren rf", "Clubhouse Majakka"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Mental Health District",
        ("Mental health", "Employment"),
    ),
    (
        Names("Naisten kohtaamo ry", "Kvinnornas mötesplats rf", "Women's Meeting Place"),
        Level.LOCAL,
        Kind.ASSOCIATION,
        "Uusimaa Women's Organisations",
        ("Integration", "Equality"),
    ),
    (
        Names("Ateljeeosuuskunta", "Ateljéandelslaget", "Artists' Studio Cooperative"),
        Level.LOCAL,
        Kind.COMPANY,
        "Uusimaa Artists' Society",
        ("Premises",),
    ),
    (
        Names("Idän kulttuurisäätiö sr", "Östra kulturstiftelsen sr", "Cultural Foundation of the East"),
        Level.LOCAL,
        Kind.FOUNDATION,
        None,
        ("Funding and grants", "Cultural participation"),
    ),
    (
        Names("Seurakuntayhtymän nuorisotyö", "Församlingsförbundets ungdomsarbete", "Parish Union Youth Work"),
        Level.LOCAL,
        Kind.CONGREGATION,
        None,
        ("Youth", "Loneliness"),
    ),
]
# The civil-society units the demo's initiatives already have, placed in the federations above.
EXISTING_CIVIC: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Sports Club Kiri": ("Uusimaa Sports Federation", Kind.ASSOCIATION, ("Physical activity", "Youth")),
    "Mannerheim League for Child Welfare": ("Uusimaa Child Welfare District", Kind.ASSOCIATION, ("Early childhood",)),
    "Artists' Association": ("Uusimaa Artists' Society", Kind.ASSOCIATION, ("Cultural participation",)),
    "Neighbourhood Association Kallio": ("Uusimaa Residents' Associations", Kind.ASSOCIATION, ("Neighbourhoods",)),
    "Multicultural Women's Association": ("Uusimaa Women's Organisations", Kind.ASSOCIATION, ("Integration",)),
}
# The kind of the other external sectors' units, by the sector's identifier.
SECTOR_KINDS = {"business": Kind.COMPANY, "residents": Kind.OTHER, "region-and-state": Kind.PUBLIC_BODY}
LANGUAGE_CHOICES = [
    [Language.FINNISH],
    [Language.FINNISH, Language.SWEDISH],
    [Language.FINNISH, Language.ENGLISH],
    [Language.SWEDISH],
]


def seed(rng: random.Random) -> None:
    """Enter the demo's organisations; keyed by their units, so a second run changes nothing."""
    # Not drawn from ``rng``: the seeders after this one draw as they did before the register existed.
    draws = random.Random("organisations")
    civil_society = Sector.objects.get(slug=CIVIL_SOCIETY)
    topics = {topic.name_en: topic for topic in Topic.objects.all()}
    entered: dict[str, Organisation] = {}
    for names, level, kind, parent, topic_names in CIVIC_ORGANISATIONS:
        unit = Unit.objects.filter(named(names), sector=civil_society).first()
        if unit is None:
            unit = Unit.objects.create(sector=civil_society, email=_email(names.en), **translations(names))
        else:
            write_names(unit, ("name", names))  # a demo seeded before it spoke Finnish and Swedish gets them
        entered[names.en] = _enter(unit, draws, kind=kind, level=level, parent=entered.get(parent or ""))
        entered[names.en].topics.set(topics[name] for name in topic_names)
    for unit in Unit.objects.filter(sector__kind=Sector.Kind.EXTERNAL).select_related("sector").order_by("name_en"):
        if unit.name_en in entered:
            continue
        parent, kind, topic_names = EXISTING_CIVIC.get(unit.name_en, (None, _sector_kind(unit.sector), ()))
        organisation = _enter(unit, draws, kind=kind, level=Level.LOCAL, parent=entered.get(parent or ""))
        if topic_names:
            organisation.topics.set(topics[name] for name in topic_names)


def _sector_kind(sector: Sector) -> str:
    return SECTOR_KINDS.get(sector.slug, Kind.OTHER if sector.slug != "research-and-universities" else Kind.PUBLIC_BODY)


def _email(name: str) -> str:
    return "".join(character for character in name.lower() if character.isalnum()) + "@example.org"


def _enter(unit: Unit, draws: random.Random, *, kind: str, level: str, parent: Organisation | None) -> Organisation:
    business_id = _business_id(draws) if kind != Kind.OTHER else ""
    languages = draws.choice(LANGUAGE_CHOICES)
    organisation, _ = Organisation.objects.get_or_create(
        unit=unit,
        defaults={"kind": kind, "level": level, "parent": parent, "business_id": business_id, "languages": languages},
    )
    return organisation


def _business_id(draws: random.Random) -> str:
    """A Y-tunnus with a right check digit in a range the register does not hand out (9xxxxxx), so the demo's ids
    are nobody's real id. A number whose remainder leaves no check digit is never issued: the next one is drawn."""
    while True:
        number = str(draws.randrange(9_000_000, 10_000_000))
        valid = [f"{number}-{digit}" for digit in range(10) if ytunnus.is_valid(f"{number}-{digit}")]
        if valid:
            return valid[0]
