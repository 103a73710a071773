"""Demo data: a city strategy with its goals, and a culture programme 2030 under it."""

from __future__ import annotations

import random

from apps.core.demo import Names, translations, write_names
from apps.sectors.models import Sector
from apps.strategy.models import StrategyGoal

# (code, title, owning sector slug or None); a code's prefix names its parent.
GOALS: list[tuple[str, Names, str | None]] = [
    (
        "1",
        Names(
            "Hyvinvoinnin ja yhdenvertaisten mahdollisuuksien kaupunki",
            "En stad för välfärd och lika möjligheter",
            "A city of wellbeing and equal opportunities",
        ),
        None,
    ),
    (
        "1.1",
        Names(
            "Jokaisella lapsella ja nuorella on harrastus",
            "Varje barn och ung har en hobby",
            "Every child and young person has a hobby",
        ),
        None,
    ),
    (
        "1.2",
        Names(
            "Ikääntyneiden yksinäisyys vähenee",
            "Ensamheten bland äldre minskar",
            "Loneliness among older people decreases",
        ),
        None,
    ),
    (
        "1.3",
        Names(
            "Alueiden väliset hyvinvointi- ja terveyserot kapenevat",
            "Skillnaderna i hälsa och välfärd mellan stadsdelarna minskar",
            "Health and wellbeing gaps between neighbourhoods narrow",
        ),
        None,
    ),
    (
        "2",
        Names("Oppimisen ja kulttuurin kaupunki", "En stad för lärande och kultur", "A city of learning and culture"),
        None,
    ),
    (
        "2.1",
        Names(
            "Kulttuuri ja taide tavoittavat jokaisen asukkaan",
            "Kultur och konst når varje invånare",
            "Culture and art reach every resident",
        ),
        None,
    ),
    (
        "2.2",
        Names(
            "Koulut ja kulttuuri tekevät yhteistyötä",
            "Skolorna och kulturen samarbetar",
            "Schools and culture work together",
        ),
        None,
    ),
    (
        "2.3",
        Names(
            "Kirjastot ovat kaikille avoimia kohtaamispaikkoja",
            "Biblioteken är öppna mötesplatser för alla",
            "Libraries are open meeting places for all",
        ),
        None,
    ),
    (
        "3",
        Names(
            "Kestävä ja elinvoimainen kaupunkiympäristö",
            "En hållbar och livskraftig stadsmiljö",
            "A sustainable and vibrant urban environment",
        ),
        None,
    ),
    (
        "3.1",
        Names(
            "Kaupunginosat suunnitellaan yhdessä asukkaiden kanssa",
            "Stadsdelarna planeras tillsammans med invånarna",
            "Neighbourhoods are planned with residents",
        ),
        None,
    ),
    (
        "3.2",
        Names(
            "Kaupunki on hiilineutraali vuonna 2035",
            "Staden är koldioxidneutral år 2035",
            "The city is carbon neutral by 2035",
        ),
        None,
    ),
    (
        "3.3",
        Names(
            "Kaupungin tilat ovat yhteiskäytössä ja tehokkaassa käytössä",
            "Stadens lokaler delas och används effektivt",
            "City premises are shared and used efficiently",
        ),
        None,
    ),
    (
        "4",
        Names("Toimiva ja vetovoimainen kaupunki", "En fungerande och attraktiv stad", "A working and attractive city"),
        None,
    ),
    (
        "4.1",
        Names(
            "Maahan muuttaneiden työllisyys paranee",
            "Sysselsättningen bland inflyttade förbättras",
            "Employment of immigrants improves",
        ),
        None,
    ),
    (
        "4.2",
        Names(
            "Tapahtumat ja luovat alat kasvavat",
            "Evenemang och kreativa branscher växer",
            "Events and creative industries grow",
        ),
        None,
    ),
    ("5", Names("Kulttuuriohjelma 2030", "Kulturprogrammet 2030", "Culture programme 2030"), "culture"),
    (
        "5.1",
        Names(
            "Kulttuuri on osa sosiaali- ja terveyspalveluja",
            "Kulturen är en del av social- och hälsovårdstjänsterna",
            "Culture is part of social and health services",
        ),
        "culture",
    ),
    (
        "5.2",
        Names(
            "Kulttuuritilat avautuvat muille toimialoille",
            "Kulturlokalerna öppnas för andra sektorer",
            "Culture premises open to other sectors",
        ),
        "culture",
    ),
    (
        "5.3",
        Names(
            "Asukkaat luovat kulttuuritarjontaa yhdessä",
            "Invånarna skapar kulturutbudet tillsammans",
            "Residents co-create cultural offer",
        ),
        "culture",
    ),
    (
        "6",
        Names("Liikunta- ja nuoriso-ohjelma", "Idrotts- och ungdomsprogrammet", "Sports and youth programme"),
        "sports-and-youth",
    ),
    (
        "6.1",
        Names("Liikuntaa kaikenikäisille", "Motion för alla åldrar", "Physical activity for all ages"),
        "sports-and-youth",
    ),
    (
        "6.2",
        Names(
            "Nuoret osallistuvat päätöksentekoon",
            "Unga deltar i beslutsfattandet",
            "Youth participation in decision making",
        ),
        "sports-and-youth",
    ),
]
# What the goals at the top of the tree mean, as the strategy document says it.
DESCRIPTIONS: dict[str, Names] = {
    "1": Names(
        "Jokaisella asukkaalla on mahdollisuus hyvään elämään asuinalueesta, iästä ja taustasta riippumatta.",
        "Varje invånare har möjlighet till ett gott liv oberoende av bostadsområde, ålder och bakgrund.",
        "Every resident can lead a good life whatever their neighbourhood, age or background.",
    ),
    "2": Names(
        "Koulut, kirjastot, museot ja kulttuurikeskukset ovat oppimisen ja kohtaamisen paikkoja.",
        "Skolor, bibliotek, museer och kulturcentraler är platser för lärande och möten.",
        "Schools, libraries, museums and cultural centres are places to learn and to meet.",
    ),
    "3": Names(
        "Kaupunki kasvaa kestävästi, ja asukkaat suunnittelevat ympäristöään mukana.",
        "Staden växer hållbart, och invånarna är med och planerar sin miljö.",
        "The city grows sustainably, and residents help plan their surroundings.",
    ),
    "4": Names(
        "Työ, yrittäjyys ja tapahtumat tekevät kaupungista vetovoimaisen.",
        "Arbete, företagande och evenemang gör staden attraktiv.",
        "Work, enterprise and events make the city an attractive place.",
    ),
    "5": Names(
        "Kulttuuripalvelujen ohjelma, joka vie taiteen ja kulttuurin muille toimialoille.",
        "Kulturtjänsternas program som för konst och kultur till andra sektorer.",
        "The culture services' programme that takes art and culture to other sectors.",
    ),
    "6": Names(
        "Liikunta- ja nuorisopalvelujen ohjelma liikkumisen ja nuorten osallisuuden edistämiseksi.",
        "Idrotts- och ungdomstjänsternas program för motion och ungas delaktighet.",
        "The sports and youth services' programme for physical activity and young people's participation.",
    ),
}
NO_DESCRIPTION = Names("", "", "")


def seed(rng: random.Random) -> None:
    """Create the strategy goal tree, keyed by goal code; an existing goal gets the titles it lacks."""
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    goals: dict[str, StrategyGoal] = {}
    for code, title, sector_slug in GOALS:
        parent = goals.get(code.rsplit(".", 1)[0]) if "." in code else None
        description = DESCRIPTIONS.get(code, NO_DESCRIPTION)
        goals[code], created = StrategyGoal.objects.get_or_create(
            code=code,
            defaults={
                **translations(title, "title"),
                **translations(description, "description"),
                "parent": parent,
                "sector": sectors.get(sector_slug) if sector_slug else None,
            },
        )
        if not created:
            write_names(goals[code], ("title", title), ("description", description))
