"""The indicator catalogue of the design notes: the cross-sector measurements the city's research found missing.

Plain data, so the data migrations and the computations share one source. Per language (fi, sv, en) each indicator
has a name, a one-line ``description`` a council member understands (everyday words, no formulas: the tests hold it
to that) and a ``formula``, the exact definition behind the dashboards' "How is this computed?" disclosure, true to
the SQL under ``computations/``. Both are stored on `Indicator`, because managers read them beside the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY, SECTOR, PROGRAMME, SPACE, GOAL = "city", "sector", "programme", "space", "goal"
# A pair of sectors (the pulse surveys' trust and value): scope id = smaller sector id × 2³² + larger sector id.
PAIR = "pair"

# When an initiative counts as active (computations/sql.py), added to the formula of each indicator that counts them.
ACTIVE_RULE = {
    "en": (
        "An initiative is active in a period when its status is active, completed or discontinued and it runs at some "
        "time in the period (one completed or discontinued without an end date ends on its last update); ideas and "
        "planned initiatives do not count. A unit takes part from the day it joined; an initiative's sectors are the "
        "sectors of its units."
    ),
    "fi": (
        "Hanke on käynnissä jaksolla, kun sen tila on käynnissä, päättynyt tai keskeytetty ja se on käynnissä jonakin "
        "jakson päivänä (päättynyt tai keskeytetty hanke ilman loppupäivää päättyy viimeiseen muokkaukseensa); ideoita "
        "ja suunniteltuja hankkeita ei lasketa. Yksikkö on mukana liittymispäivästään alkaen; hankkeen toimialat ovat "
        "sen yksiköiden toimialat."
    ),
    "sv": (
        "Ett initiativ är aktivt under en period när dess status är pågående, avslutat eller avbrutet och det pågår "
        "någon gång under perioden (ett avslutat eller avbrutet initiativ utan slutdatum slutar vid sin senaste "
        "ändring); idéer och planerade initiativ räknas inte. En enhet deltar från den dag den anslöt sig; ett "
        "initiativs sektorer är dess enheters sektorer."
    ),
}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    theme: str  # silos | money | people | premises | strategy | trust
    unit: str  # share | count | days | index
    direction: str  # higher | lower: which way is better
    scopes: tuple[str, ...]
    name: dict[str, str]
    description: dict[str, str]
    formula: dict[str, str]


def _spec(
    code: str,
    theme: str,
    unit: str,
    direction: str,
    scopes: tuple[str, ...],
    en: tuple[str, str, str],
    fi: tuple[str, str, str],
    sv: tuple[str, str, str],
    *,
    counts_active: bool = True,
) -> IndicatorSpec:
    """``en``, ``fi``, ``sv``: (name, description, formula); ``counts_active`` adds the rule of active initiatives."""
    texts = {"en": en, "fi": fi, "sv": sv}
    return IndicatorSpec(
        code=code,
        theme=theme,
        unit=unit,
        direction=direction,
        scopes=scopes,
        name={language: text[0] for language, text in texts.items()},
        description={language: text[1] for language, text in texts.items()},
        formula={
            language: f"{text[2]} {ACTIVE_RULE[language]}" if counts_active else text[2]
            for language, text in texts.items()
        },
    )


CATALOGUE: tuple[IndicatorSpec, ...] = (
    _spec(
        "cross_sector_share",
        "silos",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Cross-sector initiatives",
            "How many of the ongoing initiatives bring together at least two sectors.",
            (
                "Active initiatives with units from at least two sectors ÷ all active initiatives of the period. "
                "Sector: the initiatives it takes part in; programme: its initiatives."
            ),
        ),
        (
            "Monialaiset hankkeet",
            "Kuinka suuri osa käynnissä olevista hankkeista tuo yhteen vähintään kaksi toimialaa.",
            (
                "Käynnissä olevat hankkeet, joissa on yksiköitä vähintään kahdelta toimialalta ÷ kaikki jakson "
                "käynnissä olevat hankkeet. Toimiala: hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Sektorsövergripande initiativ",
            "Hur stor del av de pågående initiativen som för samman minst två sektorer.",
            (
                "Aktiva initiativ med enheter från minst två sektorer ÷ alla aktiva initiativ under perioden. "
                "Sektor: de initiativ den deltar i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "sector_reach",
        "silos",
        "count",
        "higher",
        (CITY, SECTOR),
        (
            "Sector reach",
            (
                "With how many other sectors a sector has at least one ongoing initiative together; for the whole "
                "city, the average over all sectors."
            ),
            (
                "Sector: the number of other sectors with which it shares at least one active initiative in the "
                "period. City: the sum of these numbers ÷ the number of all registered sectors, the city's own and "
                "outside ones (a sector without shared initiatives counts as 0)."
            ),
        ),
        (
            "Toimialan ulottuvuus",
            (
                "Kuinka monen muun toimialan kanssa toimialalla on vähintään yksi yhteinen käynnissä oleva hanke; "
                "koko kaupungille keskiarvo kaikista toimialoista."
            ),
            (
                "Toimiala: niiden muiden toimialojen määrä, joiden kanssa sillä on jaksolla vähintään yksi yhteinen "
                "käynnissä oleva hanke. Kaupunki: näiden lukujen summa ÷ kaikkien rekisterin toimialojen määrä, "
                "kaupungin omat ja ulkopuoliset (toimiala ilman yhteisiä hankkeita lasketaan nollana)."
            ),
        ),
        (
            "Sektorns räckvidd",
            (
                "Med hur många andra sektorer en sektor har minst ett gemensamt pågående initiativ; för hela staden "
                "genomsnittet för alla sektorer."
            ),
            (
                "Sektor: antalet andra sektorer som den delar minst ett aktivt initiativ med under perioden. "
                "Staden: summan av dessa tal ÷ antalet alla registrerade sektorer, stadens egna och utomstående (en "
                "sektor utan gemensamma initiativ räknas som 0)."
            ),
        ),
    ),
    _spec(
        "network_density",
        "silos",
        "share",
        "higher",
        (CITY,),
        (
            "Collaboration density",
            (
                "How widely the city's own sectors work together: the share of all pairs of sectors that have at "
                "least one ongoing initiative together."
            ),
            (
                "Network density: pairs of the city's own sectors that share at least one active initiative in the "
                "period ÷ all possible pairs, n(n − 1)/2, where n is the number of the city's own sectors. Outside "
                "sectors do not count."
            ),
        ),
        (
            "Yhteistyön tiheys",
            (
                "Kuinka laajasti kaupungin omat toimialat tekevät yhteistyötä: osuus kaikista toimialapareista, "
                "joilla on vähintään yksi yhteinen käynnissä oleva hanke."
            ),
            (
                "Verkoston tiheys: kaupungin omien toimialojen parit, joilla on jaksolla vähintään yksi yhteinen "
                "käynnissä oleva hanke ÷ kaikki mahdolliset parit, n(n − 1)/2, missä n on kaupungin omien "
                "toimialojen määrä. Ulkopuolisia toimialoja ei lasketa."
            ),
        ),
        (
            "Samarbetets täthet",
            (
                "Hur brett stadens egna sektorer samarbetar: andelen av alla sektorspar som har minst ett gemensamt "
                "pågående initiativ."
            ),
            (
                "Nätverkets täthet: par av stadens egna sektorer som delar minst ett aktivt initiativ under "
                "perioden ÷ alla möjliga par, n(n − 1)/2, där n är antalet egna sektorer i staden. Utomstående "
                "sektorer räknas inte."
            ),
        ),
    ),
    _spec(
        "ei_index",
        "silos",
        "index",
        "higher",
        (CITY, SECTOR),
        (
            "External–internal index",
            (
                "Whether units work mostly with units of other sectors or within their own sector: −1 means only "
                "their own sector, +1 only other sectors."
            ),
            (
                "Krackhardt–Stern E–I index (E − I) ÷ (E + I). A tie is a pair of units that take part in the same "
                "active initiative in the period, counted once however many initiatives they share; E are the ties "
                "between units of different sectors, I the ties between units of the same sector. Sector: the ties "
                "of its units; city: all ties."
            ),
        ),
        (
            "Ulkoisten ja sisäisten siteiden indeksi",
            (
                "Tekevätkö yksiköt työtä enimmäkseen muiden toimialojen vai oman toimialansa yksiköiden kanssa: −1 "
                "tarkoittaa vain omaa toimialaa, +1 vain muita toimialoja."
            ),
            (
                "Krackhardtin ja Sternin E–I-indeksi (E − I) ÷ (E + I). Side on yksikköpari, joka on jaksolla "
                "mukana samassa käynnissä olevassa hankkeessa; pari lasketaan kerran, vaikka sillä olisi useita "
                "yhteisiä hankkeita. E ovat eri toimialojen yksiköiden väliset siteet, I saman toimialan yksiköiden "
                "väliset siteet. Toimiala: sen yksiköiden siteet; kaupunki: kaikki siteet."
            ),
        ),
        (
            "Externt–internt index",
            (
                "Om enheterna främst arbetar med enheter i andra sektorer eller inom sin egen sektor: −1 betyder "
                "bara den egna sektorn, +1 bara andra sektorer."
            ),
            (
                "Krackhardts och Sterns E–I-index (E − I) ÷ (E + I). Ett band är ett par enheter som deltar i samma "
                "aktiva initiativ under perioden, räknat en gång hur många initiativ de än delar; E är banden "
                "mellan enheter i olika sektorer, I banden mellan enheter i samma sektor. Sektor: dess enheters "
                "band; staden: alla band."
            ),
        ),
    ),
    _spec(
        "tie_continuity",
        "silos",
        "share",
        "higher",
        (CITY, SECTOR),
        (
            "Lasting ties",
            (
                "How lasting collaboration is: of the pairs of sectors that work together this period, the share "
                "that already worked together in the previous one."
            ),
            (
                "Sector pairs that share at least one active initiative both in this period and in the previous one "
                "÷ sector pairs that share at least one active initiative in this period. Sector: the pairs it "
                "belongs to."
            ),
        ),
        (
            "Pysyvät yhteydet",
            (
                "Kuinka pysyvää yhteistyö on: osuus tämän jakson yhteistyötä tekevistä toimialapareista, jotka "
                "tekivät yhteistyötä jo edellisellä jaksolla."
            ),
            (
                "Toimialaparit, joilla on vähintään yksi yhteinen käynnissä oleva hanke sekä tällä että edellisellä "
                "jaksolla ÷ toimialaparit, joilla on vähintään yksi yhteinen käynnissä oleva hanke tällä jaksolla. "
                "Toimiala: parit, joihin se kuuluu."
            ),
        ),
        (
            "Bestående band",
            (
                "Hur bestående samarbetet är: andelen av periodens samarbetande sektorspar som samarbetade redan "
                "under föregående period."
            ),
            (
                "Sektorspar som delar minst ett aktivt initiativ både under denna och föregående period ÷ "
                "sektorspar som delar minst ett aktivt initiativ under denna period. Sektor: de par den ingår i."
            ),
        ),
    ),
    _spec(
        "culture_in_programmes",
        "silos",
        "share",
        "higher",
        (CITY, PROGRAMME),
        (
            "Culture in programmes",
            "How many of the programmes' ongoing initiatives the culture sector takes part in.",
            (
                "Active programme initiatives with at least one unit of the culture sector ÷ all active programme "
                "initiatives of the period; initiatives outside programmes do not count. Programme: its "
                "initiatives."
            ),
        ),
        (
            "Kulttuuri ohjelmissa",
            "Kuinka suuressa osassa ohjelmien käynnissä olevista hankkeista kulttuuritoimiala on mukana.",
            (
                "Ohjelmien käynnissä olevat hankkeet, joissa on vähintään yksi kulttuuritoimialan yksikkö ÷ kaikki "
                "ohjelmien käynnissä olevat hankkeet jaksolla; ohjelmiin kuulumattomia hankkeita ei lasketa. "
                "Ohjelma: sen hankkeet."
            ),
        ),
        (
            "Kultur i programmen",
            "Hur stor del av programmens pågående initiativ kultursektorn deltar i.",
            (
                "Aktiva programinitiativ med minst en enhet från kultursektorn ÷ alla aktiva programinitiativ under "
                "perioden; initiativ utanför programmen räknas inte. Program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "budget_traceability",
        "money",
        "share",
        "higher",
        (CITY, PROGRAMME),
        (
            "Traceable money",
            "How much of the programme money goes to initiatives that have recorded what they achieved.",
            (
                "Euros allocated to active programme initiatives that recorded an outcome before the end of the "
                "period ÷ all euros allocated to active programme initiatives. An initiative's euros are all its "
                "funding for the calendar year in which the period starts. Programme: its initiatives."
            ),
        ),
        (
            "Jäljitettävä raha",
            "Kuinka suuri osa ohjelmien rahasta menee hankkeisiin, jotka ovat kirjanneet, mitä ne saivat aikaan.",
            (
                "Eurot, jotka on kohdistettu ohjelmien käynnissä oleviin hankkeisiin, joilla on ennen jakson loppua "
                "kirjattu tulos ÷ kaikki ohjelmien käynnissä oleviin hankkeisiin kohdistetut eurot. Hankkeen euroja "
                "ovat kaikki sen rahoitukset sille kalenterivuodelle, jona jakso alkaa. Ohjelma: sen hankkeet."
            ),
        ),
        (
            "Spårbara pengar",
            "Hur stor del av programmens pengar som går till initiativ som har registrerat vad de har åstadkommit.",
            (
                "Euro till aktiva programinitiativ som registrerat ett resultat före periodens slut ÷ alla euro "
                "till aktiva programinitiativ. Ett initiativs euro är all dess finansiering för det kalenderår då "
                "perioden börjar. Program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "joint_funding_share",
        "money",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Jointly funded",
            "How much of the money goes to initiatives that two or more sectors fund together.",
            (
                "Euros allocated to active initiatives with funding from at least two sectors ÷ all euros allocated "
                "to active initiatives. An initiative's euros are all its funding for the calendar year in which "
                "the period starts; funders are counted by the sector of the funding unit, and all outside sources "
                "together count as one funder. Sector: the initiatives it takes part in; programme: its "
                "initiatives."
            ),
        ),
        (
            "Yhteisrahoitus",
            "Kuinka suuri osa rahasta menee hankkeisiin, joita vähintään kaksi toimialaa rahoittaa yhdessä.",
            (
                "Eurot, jotka on kohdistettu käynnissä oleviin hankkeisiin, joilla on rahoitusta vähintään kahdelta "
                "toimialalta ÷ kaikki käynnissä oleviin hankkeisiin kohdistetut eurot. Hankkeen euroja ovat kaikki "
                "sen rahoitukset sille kalenterivuodelle, jona jakso alkaa; rahoittajat lasketaan rahoittavan "
                "yksikön toimialan mukaan, ja kaikki ulkopuoliset lähteet yhdessä ovat yksi rahoittaja. Toimiala: "
                "hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Samfinansierat",
            "Hur stor del av pengarna som går till initiativ som två eller fler sektorer finansierar tillsammans.",
            (
                "Euro till aktiva initiativ med finansiering från minst två sektorer ÷ alla euro till aktiva "
                "initiativ. Ett initiativs euro är all dess finansiering för det kalenderår då perioden börjar; "
                "finansiärerna räknas efter den finansierande enhetens sektor, och alla utomstående källor räknas "
                "tillsammans som en finansiär. Sektor: de initiativ den deltar i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "key_person_risk",
        "people",
        "share",
        "lower",
        (CITY, SECTOR, PROGRAMME),
        (
            "Key-person dependence",
            "How many of the ongoing initiatives depend on one single contact person.",
            (
                "Active initiatives with exactly one contact person ÷ all active initiatives of the period. Sector: "
                "the initiatives it takes part in; programme: its initiatives."
            ),
        ),
        (
            "Avainhenkilöriippuvuus",
            "Kuinka suuri osa käynnissä olevista hankkeista on yhden ainoan yhteyshenkilön varassa.",
            (
                "Käynnissä olevat hankkeet, joilla on täsmälleen yksi yhteyshenkilö ÷ kaikki jakson käynnissä "
                "olevat hankkeet. Toimiala: hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Beroende av nyckelpersoner",
            "Hur stor del av de pågående initiativen som hänger på en enda kontaktperson.",
            (
                "Aktiva initiativ med exakt en kontaktperson ÷ alla aktiva initiativ under perioden. Sektor: de "
                "initiativ den deltar i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "bus_factor",
        "people",
        "count",
        "higher",
        (CITY, PROGRAMME),
        (
            "People carrying the work",
            (
                "How few people carry more than half of the contact work in cross-sector initiatives; a small "
                "number means the work rests on few shoulders."
            ),
            (
                "Bus factor: each contact person of an active initiative with units from at least two sectors holds "
                "one contact role per such initiative. Ranked by their roles, most first, the value is the smallest "
                "number of persons from the top whose roles together are more than half of all roles. Programme: "
                "its initiatives."
            ),
        ),
        (
            "Työtä kantavat ihmiset",
            (
                "Kuinka harva ihminen kantaa yli puolet monialaisten hankkeiden yhteyshenkilötyöstä; pieni luku "
                "tarkoittaa, että työ on harvojen harteilla."
            ),
            (
                "Väylätekijä (bus factor): jokaisella käynnissä olevan, vähintään kahden toimialan yksiköitä "
                "kokoavan hankkeen yhteyshenkilöllä on yksi yhteyshenkilörooli kutakin tällaista hanketta kohden. "
                "Kun henkilöt järjestetään roolien määrän mukaan suurimmasta alkaen, arvo on pienin määrä kärjen "
                "henkilöitä, joilla on yhdessä yli puolet kaikista rooleista. Ohjelma: sen hankkeet."
            ),
        ),
        (
            "Personer som bär arbetet",
            (
                "Hur få personer som bär mer än hälften av kontaktarbetet i sektorsövergripande initiativ; ett "
                "litet tal betyder att arbetet vilar på få axlar."
            ),
            (
                "Bussfaktor: varje kontaktperson för ett aktivt initiativ med enheter från minst två sektorer har "
                "en kontaktroll per sådant initiativ. Med personerna ordnade efter antalet roller, flest först, är "
                "värdet det minsta antalet personer från toppen som tillsammans har mer än hälften av alla roller. "
                "Program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "degree_centralization",
        "silos",
        "index",
        "lower",
        (CITY,),
        (
            "Hub dependence",
            (
                "Whether collaboration between sectors runs through one hub sector (towards 1) or is spread evenly "
                "between them (0)."
            ),
            (
                "Freeman degree centralisation of the sector network: Σ (highest degree − degree of each sector) ÷ "
                "((n − 1)(n − 2)). A sector's degree is the number of other sectors it shares an active initiative "
                "with in the period; n is the number of all registered sectors (no value with fewer than three). 1 "
                "is a star around one sector, 0 means every sector has as many partners."
            ),
        ),
        (
            "Riippuvuus keskuksesta",
            (
                "Kulkeeko toimialojen välinen yhteistyö yhden keskustoimialan kautta (kohti 1:tä) vai jakautuuko se "
                "tasaisesti niiden kesken (0)."
            ),
            (
                "Toimialaverkoston Freemanin astekeskittyneisyys: Σ (suurin aste − kunkin toimialan aste) ÷ ((n − "
                "1)(n − 2)). Toimialan aste on niiden muiden toimialojen määrä, joiden kanssa sillä on jaksolla "
                "yhteinen käynnissä oleva hanke; n on kaikkien rekisterin toimialojen määrä (alle kolmella ei "
                "arvoa). 1 on tähti yhden toimialan ympärillä, 0 tarkoittaa, että jokaisella toimialalla on yhtä "
                "monta kumppania."
            ),
        ),
        (
            "Beroende av ett nav",
            "Om samarbetet mellan sektorerna går via en navsektor (mot 1) eller är jämnt fördelat mellan dem (0).",
            (
                "Freemans gradcentralisering i sektornätverket: Σ (högsta grad − varje sektors grad) ÷ ((n − 1)(n − "
                "2)). En sektors grad är antalet andra sektorer som den delar ett aktivt initiativ med under "
                "perioden; n är antalet alla registrerade sektorer (inget värde med färre än tre). 1 är en stjärna "
                "kring en sektor, 0 betyder att varje sektor har lika många partner."
            ),
        ),
    ),
    _spec(
        "sector_diversity",
        "silos",
        "index",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Sector mix",
            (
                "How evenly the units of an ongoing initiative come from different sectors, on average: 0 when all "
                "come from one sector, higher the more sectors share the work."
            ),
            (
                "For each active initiative with units: the Blau index 1 − Σ p², where p is the share of the "
                "initiative's units from each sector. The value is the mean over these initiatives. Sector: the "
                "initiatives it takes part in; programme: its initiatives."
            ),
        ),
        (
            "Toimialojen kirjo",
            (
                "Kuinka tasaisesti käynnissä olevan hankkeen yksiköt tulevat eri toimialoilta, keskimäärin: 0, kun "
                "kaikki ovat samalta toimialalta, ja sitä suurempi, mitä useampi toimiala jakaa työn."
            ),
            (
                "Jokaiselle käynnissä olevalle hankkeelle, jossa on yksiköitä: Blaun indeksi 1 − Σ p², missä p on "
                "kunkin toimialan osuus hankkeen yksiköistä. Arvo on näiden hankkeiden keskiarvo. Toimiala: "
                "hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Sektorsmix",
            (
                "Hur jämnt enheterna i ett pågående initiativ kommer från olika sektorer, i genomsnitt: 0 när alla "
                "kommer från en sektor, högre ju fler sektorer delar arbetet."
            ),
            (
                "För varje aktivt initiativ med enheter: Blau-index 1 − Σ p², där p är varje sektors andel av "
                "initiativets enheter. Värdet är medelvärdet för dessa initiativ. Sektor: de initiativ den deltar "
                "i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "contact_coverage",
        "people",
        "share",
        "higher",
        (CITY, SECTOR),
        (
            "Findable contacts",
            (
                "How well sectors know someone to turn to in other sectors: the share of sector pairs where the "
                "first has worked in the last 12 months with a named link person of the second."
            ),
            (
                "Ordered sector pairs (A, B), A ≠ B, where a unit of A took part in an initiative that ran at some "
                "time in the 12 months up to the end of the period and has a boundary spanner of B as a contact "
                "person ÷ all ordered pairs, n(n − 1), where n is the number of all registered sectors. Sector A: "
                "the sectors B it reaches so ÷ (n − 1). Initiatives count when their status is active, completed or "
                "discontinued; a unit counts when it joined before the end of the period."
            ),
        ),
        (
            "Löydettävät yhteyshenkilöt",
            (
                "Kuinka hyvin toimialat tuntevat jonkun, jonka puoleen kääntyä muilla toimialoilla: osuus "
                "toimialapareista, joissa ensimmäinen on viimeisen 12 kuukauden aikana tehnyt työtä toisen nimetyn "
                "yhdyshenkilön kanssa."
            ),
            (
                "Järjestetyt toimialaparit (A, B), A ≠ B, joissa A:n yksikkö on ollut mukana hankkeessa, joka on "
                "ollut käynnissä jakson loppua edeltävien 12 kuukauden aikana ja jonka yhteyshenkilönä on B:n "
                "rajojen ylittäjä ÷ kaikki järjestetyt parit, n(n − 1), missä n on kaikkien rekisterin toimialojen "
                "määrä. Toimiala A: näin tavoitetut toimialat B ÷ (n − 1). Hankkeet lasketaan, kun niiden tila on "
                "käynnissä, päättynyt tai keskeytetty; yksikkö lasketaan, kun se on liittynyt ennen jakson loppua."
            ),
        ),
        (
            "Kontakter att hitta",
            (
                "Hur väl sektorerna känner någon att vända sig till i andra sektorer: andelen sektorspar där den "
                "första under de senaste 12 månaderna har arbetat med en utsedd länkperson i den andra."
            ),
            (
                "Ordnade sektorspar (A, B), A ≠ B, där en enhet i A deltagit i ett initiativ som pågått någon gång "
                "under de 12 månaderna fram till periodens slut och har en gränsgångare i B som kontaktperson ÷ "
                "alla ordnade par, n(n − 1), där n är antalet alla registrerade sektorer. Sektor A: de sektorer B "
                "den når så ÷ (n − 1). Initiativ räknas när deras status är pågående, avslutat eller avbrutet; en "
                "enhet räknas när den anslutit sig före periodens slut."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "boundary_spanners",
        "people",
        "count",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Boundary spanners",
            "How many people act as contacts in ongoing initiatives that bring together three or more sectors.",
            (
                "The number of different persons who are contact persons of at least one active initiative with "
                "units from three or more sectors in the period. Sector: the persons whose own unit belongs to the "
                "sector; programme: the contacts of its initiatives."
            ),
        ),
        (
            "Rajojen ylittäjät",
            (
                "Kuinka moni ihminen toimii yhteyshenkilönä käynnissä olevissa hankkeissa, jotka tuovat yhteen "
                "vähintään kolme toimialaa."
            ),
            (
                "Niiden eri henkilöiden määrä, jotka ovat jaksolla yhteyshenkilöinä vähintään yhdessä käynnissä "
                "olevassa hankkeessa, jossa on yksiköitä vähintään kolmelta toimialalta. Toimiala: henkilöt, joiden "
                "oma yksikkö kuuluu toimialaan; ohjelma: sen hankkeiden yhteyshenkilöt."
            ),
        ),
        (
            "Gränsgångare",
            "Hur många personer som är kontaktpersoner i pågående initiativ som för samman tre eller fler sektorer.",
            (
                "Antalet olika personer som under perioden är kontaktpersoner för minst ett aktivt initiativ med "
                "enheter från tre eller fler sektorer. Sektor: de personer vars egen enhet hör till sektorn; "
                "program: kontaktpersonerna för programmets initiativ."
            ),
        ),
    ),
    _spec(
        "time_to_partner",
        "people",
        "days",
        "lower",
        (CITY, SECTOR, PROGRAMME),
        (
            "Time to first partner",
            "How many days a new initiative typically waits before a partner from another sector joins.",
            (
                "For each initiative logged in Silta during the period, whatever its status: the days from logging "
                "to the earliest joining date of a unit from another sector than its home sector (never below 0). "
                "The home sector is the lead unit's sector, or that of the first unit to join. The value is the "
                "median of these days; initiatives still without such a partner are left out. Sector: the "
                "initiatives whose home sector it is; programme: its initiatives."
            ),
        ),
        (
            "Aika ensimmäiseen kumppaniin",
            (
                "Kuinka monta päivää uusi hanke tavallisesti odottaa, ennen kuin kumppani toiselta toimialalta "
                "liittyy mukaan."
            ),
            (
                "Jokaiselle jaksolla Siltaan kirjatulle hankkeelle sen tilasta riippumatta: päivät kirjaamisesta "
                "siihen, kun ensimmäinen muun kuin kotitoimialan yksikkö liittyi mukaan (vähintään 0). Kotitoimiala "
                "on vetäjäyksikön toimiala tai, jos sitä ei ole, ensimmäisenä liittyneen yksikön toimiala. Arvo on "
                "näiden päivien mediaani; hankkeet, joilla ei vielä ole tällaista kumppania, jätetään pois. "
                "Toimiala: hankkeet, joiden kotitoimiala se on; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Tid till första partner",
            "Hur många dagar ett nytt initiativ vanligen väntar innan en partner från en annan sektor ansluter sig.",
            (
                "För varje initiativ som registrerats i Silta under perioden, oavsett status: dagarna från "
                "registreringen till det tidigaste anslutningsdatumet för en enhet från en annan sektor än "
                "hemsektorn (aldrig under 0). Hemsektorn är den ledande enhetens sektor, annars sektorn för den "
                "enhet som anslöt sig först. Värdet är medianen av dessa dagar; initiativ som ännu saknar en sådan "
                "partner lämnas bort. Sektor: de initiativ som har den som hemsektor; program: programmets "
                "initiativ."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "civic_involvement",
        "people",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Residents and NGOs",
            "How many of the ongoing initiatives involve residents, associations or other NGOs.",
            (
                "Active initiatives marked as involving residents or NGOs, or with a unit of a civil-society "
                "sector, ÷ all active initiatives of the period. Sector: the initiatives it takes part in; "
                "programme: its initiatives."
            ),
        ),
        (
            "Asukkaat ja järjestöt",
            "Kuinka suuressa osassa käynnissä olevista hankkeista asukkaat tai järjestöt ovat mukana.",
            (
                "Käynnissä olevat hankkeet, joihin on merkitty asukkaiden tai järjestöjen osallistuminen tai joissa "
                "on kansalaisyhteiskunnan toimialan yksikkö ÷ kaikki jakson käynnissä olevat hankkeet. Toimiala: "
                "hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Invånare och organisationer",
            "Hur stor del av de pågående initiativen där invånare, föreningar eller andra organisationer deltar.",
            (
                "Aktiva initiativ som markerats med deltagande invånare eller organisationer, eller med en enhet "
                "från en sektor i civilsamhället ÷ alla aktiva initiativ under perioden. Sektor: de initiativ den "
                "deltar i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "strategy_alignment",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Strategy link",
            "How many of the ongoing initiatives serve at least one goal of the city strategy.",
            (
                "Active initiatives linked to at least one strategy goal ÷ all active initiatives of the period. "
                "Sector: the initiatives it takes part in; programme: its initiatives."
            ),
        ),
        (
            "Strategiakytkös",
            "Kuinka suuri osa käynnissä olevista hankkeista palvelee vähintään yhtä kaupunkistrategian tavoitetta.",
            (
                "Käynnissä olevat hankkeet, jotka on kytketty vähintään yhteen strategiatavoitteeseen ÷ kaikki "
                "jakson käynnissä olevat hankkeet. Toimiala: hankkeet, joissa se on mukana; ohjelma: sen hankkeet."
            ),
        ),
        (
            "Koppling till strategin",
            "Hur stor del av de pågående initiativen som tjänar minst ett mål i stadsstrategin.",
            (
                "Aktiva initiativ som är kopplade till minst ett strategiskt mål ÷ alla aktiva initiativ under "
                "perioden. Sektor: de initiativ den deltar i; program: programmets initiativ."
            ),
        ),
    ),
    _spec(
        "goal_coverage",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR),
        (
            "Goals covered",
            (
                "How many of the city strategy's goals have at least one ongoing initiative in which sectors work "
                "together; for a sector, the goals it is responsible for."
            ),
            (
                "Strategy goals linked to at least one active initiative with units from at least two sectors in "
                "the period ÷ all strategy goals. Sector: the goals the sector owns."
            ),
        ),
        (
            "Katetut tavoitteet",
            (
                "Kuinka monella kaupunkistrategian tavoitteella on vähintään yksi käynnissä oleva hanke, jossa "
                "toimialat tekevät yhteistyötä; toimialalle sen vastuulla olevat tavoitteet."
            ),
            (
                "Strategiatavoitteet, joihin on jaksolla kytketty vähintään yksi käynnissä oleva hanke, jossa on "
                "yksiköitä vähintään kahdelta toimialalta ÷ kaikki strategiatavoitteet. Toimiala: tavoitteet, jotka "
                "ovat sen vastuulla."
            ),
        ),
        (
            "Täckta mål",
            (
                "Hur många av stadsstrategins mål som har minst ett pågående initiativ där sektorer samarbetar; för "
                "en sektor de mål den ansvarar för."
            ),
            (
                "Strategiska mål som under perioden är kopplade till minst ett aktivt initiativ med enheter från "
                "minst två sektorer ÷ alla strategiska mål. Sektor: de mål sektorn äger."
            ),
        ),
    ),
    _spec(
        "outcome_rate",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Recorded results",
            "How many of the initiatives finished in the period have recorded what they achieved.",
            (
                "Initiatives completed in the period that have at least one recorded outcome ÷ all initiatives "
                "completed in the period. Completed in the period: status completed and the end date within the "
                "period (without an end date: the day of the last update); discontinued initiatives do not count. "
                "Sector: the initiatives it takes part in, counting units that joined before the end of the period; "
                "programme: its initiatives."
            ),
        ),
        (
            "Kirjatut tulokset",
            "Kuinka suuri osa jaksolla päättyneistä hankkeista on kirjannut, mitä ne saivat aikaan.",
            (
                "Jaksolla päättyneet hankkeet, joilla on vähintään yksi kirjattu tulos ÷ kaikki jaksolla päättyneet "
                "hankkeet. Jaksolla päättynyt: tila päättynyt ja loppupäivä jaksolla (ilman loppupäivää: viimeisen "
                "muokkauksen päivä); keskeytettyjä hankkeita ei lasketa. Toimiala: hankkeet, joissa se on mukana "
                "(yksiköt, jotka liittyivät ennen jakson loppua); ohjelma: sen hankkeet."
            ),
        ),
        (
            "Registrerade resultat",
            "Hur stor del av de initiativ som avslutades under perioden som har registrerat vad de har åstadkommit.",
            (
                "Initiativ som avslutats under perioden och har minst ett registrerat resultat ÷ alla initiativ som "
                "avslutats under perioden. Avslutat under perioden: status avslutat och slutdatum inom perioden "
                "(utan slutdatum: dagen för den senaste ändringen); avbrutna initiativ räknas inte. Sektor: de "
                "initiativ den deltar i (enheter som anslöt sig före periodens slut); program: programmets "
                "initiativ."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "outcome_progress",
        "strategy",
        "share",
        "higher",
        (CITY, PROGRAMME, GOAL),
        (
            "Progress towards the results",
            "How far the initiatives have got towards the results they set out to achieve, by their recorded outcomes.",
            (
                "Each outcome recorded by the end of the period: with a baseline, a target and an actual value, "
                "(actual − baseline) ÷ (target − baseline), kept between 0 and 1; otherwise its progress % ÷ 100. "
                "A result recorded several times (the same text) counts once, with its latest recording. An "
                "initiative's progress = the mean over its results. Progress = Σ weight × progress ÷ Σ weight over "
                "the initiatives with at least one outcome (weight 1 unless set on the initiative); initiatives "
                "without outcomes are left out. Programme: its initiatives; strategy goal: the initiatives linked "
                "to it; city: all initiatives."
            ),
        ),
        (
            "Edistyminen kohti tuloksia",
            "Kuinka pitkälle hankkeet ovat edenneet kohti tavoittelemiaan tuloksia kirjattujen tulosten mukaan.",
            (
                "Jokainen jakson loppuun mennessä kirjattu tulos: kun lähtötaso, tavoitearvo ja toteuma on annettu, "
                "(toteuma − lähtötaso) ÷ (tavoitearvo − lähtötaso) rajattuna välille 0–1; muuten sen edistyminen % "
                "÷ 100. Useaan kertaan kirjattu tulos (sama teksti) lasketaan kerran, viimeisimmän kirjauksen "
                "mukaan. Hankkeen edistyminen = sen tulosten keskiarvo. Edistyminen = Σ paino × edistyminen ÷ Σ "
                "paino hankkeista, joilla on vähintään yksi tulos (paino 1, ellei hankkeelle ole annettu muuta); "
                "hankkeet ilman tuloksia jätetään pois. Ohjelma: sen hankkeet; strategiatavoite: siihen liitetyt "
                "hankkeet; kaupunki: kaikki hankkeet."
            ),
        ),
        (
            "Framsteg mot resultaten",
            "Hur långt initiativen har kommit mot de resultat de vill uppnå, enligt de registrerade resultaten.",
            (
                "Varje resultat som registrerats före periodens slut: med utgångsvärde, målvärde och utfall, "
                "(utfall − utgångsvärde) ÷ (målvärde − utgångsvärde) begränsat till 0–1; annars dess framsteg % "
                "÷ 100. Ett resultat som registrerats flera gånger (samma text) räknas en gång, med den senaste "
                "registreringen. Ett initiativs framsteg = medelvärdet av dess resultat. Framsteg = Σ vikt × "
                "framsteg ÷ Σ vikt över initiativen med minst ett resultat (vikt 1 om inget annat angetts för "
                "initiativet); initiativ utan resultat lämnas utanför. Program: dess initiativ; strategimål: de "
                "initiativ som är kopplade till det; staden: alla initiativ."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "space_utilisation",
        "premises",
        "share",
        "higher",
        (CITY, SPACE),
        (
            "Premises utilisation",
            "How much of the time the bookable premises are open is actually booked.",
            (
                "Confirmed booked hours in bookable spaces ÷ their opening hours in the period. Opening hours come "
                "from each space's weekly hours; an exception day replaces them (no hours: closed). Bookings are "
                "cut to the period; requested, declined and cancelled bookings do not count. Space: the hours of "
                "that space."
            ),
        ),
        (
            "Tilojen käyttöaste",
            "Kuinka suuri osa varattavien tilojen aukioloajasta on todella varattu.",
            (
                "Vahvistetut varatut tunnit varattavissa tiloissa ÷ niiden aukiolotunnit jaksolla. Aukiolotunnit "
                "tulevat kunkin tilan viikoittaisista aukioloajoista; poikkeuspäivä korvaa ne (ei aikoja: "
                "suljettu). Varaukset rajataan jaksoon; pyydettyjä, hylättyjä ja peruttuja varauksia ei lasketa. "
                "Tila: kyseisen tilan tunnit."
            ),
        ),
        (
            "Lokalernas användningsgrad",
            "Hur stor del av de bokningsbara lokalernas öppettid som faktiskt är bokad.",
            (
                "Bekräftade bokade timmar i bokningsbara lokaler ÷ deras öppettimmar under perioden. Öppettimmarna "
                "kommer från varje lokals veckovisa öppettider; en undantagsdag ersätter dem (inga tider: stängt). "
                "Bokningarna begränsas till perioden; begärda, avböjda och avbokade bokningar räknas inte. Lokal: "
                "den lokalens timmar."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "shared_space_use",
        "premises",
        "share",
        "higher",
        (CITY, SPACE),
        (
            "Shared use of culture premises",
            "How much of the booked time in the culture sector's premises other sectors have booked.",
            (
                "Confirmed booked hours in spaces owned by a unit of the culture sector, booked by a person whose "
                "home unit is in another sector (or who has none) ÷ all confirmed booked hours in those spaces in "
                "the period. Bookings are cut to the period. Space: the hours of that space."
            ),
        ),
        (
            "Kulttuuritilojen yhteiskäyttö",
            "Kuinka suuren osan kulttuuritoimialan tilojen varatusta ajasta muut toimialat ovat varanneet.",
            (
                "Vahvistetut varatut tunnit kulttuuritoimialan yksikön omistamissa tiloissa, kun varaajan "
                "kotiyksikkö on toisella toimialalla (tai sitä ei ole) ÷ kaikki vahvistetut varatut tunnit näissä "
                "tiloissa jaksolla. Varaukset rajataan jaksoon. Tila: kyseisen tilan tunnit."
            ),
        ),
        (
            "Delad användning av kulturlokaler",
            "Hur stor del av den bokade tiden i kultursektorns lokaler som andra sektorer har bokat.",
            (
                "Bekräftade bokade timmar i lokaler som ägs av en enhet i kultursektorn, bokade av en person vars "
                "hemenhet hör till en annan sektor (eller som saknar en) ÷ alla bekräftade bokade timmar i dessa "
                "lokaler under perioden. Bokningarna begränsas till perioden. Lokal: den lokalens timmar."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "meeting_breadth",
        "silos",
        "count",
        "higher",
        (CITY, PROGRAMME),
        (
            "Meeting breadth",
            "How many different sectors are present at a programme meeting, on average.",
            (
                "For each programme meeting held in the period: the number of different sectors of the attendees' "
                "units (a meeting without attendees counts as 0). The value is the mean over these meetings. "
                "Programme: its meetings."
            ),
        ),
        (
            "Kokousten laajuus",
            "Kuinka monta eri toimialaa ohjelman kokouksessa on keskimäärin paikalla.",
            (
                "Jokaiselle jaksolla pidetylle ohjelman kokoukselle: osallistujien yksiköiden eri toimialojen määrä "
                "(kokous ilman osallistujia lasketaan nollana). Arvo on näiden kokousten keskiarvo. Ohjelma: sen "
                "kokoukset."
            ),
        ),
        (
            "Mötenas bredd",
            "Hur många olika sektorer som i genomsnitt är närvarande vid ett programmöte.",
            (
                "För varje programmöte som hållits under perioden: antalet olika sektorer bland deltagarnas enheter "
                "(ett möte utan deltagare räknas som 0). Värdet är medelvärdet för dessa möten. Program: "
                "programmets möten."
            ),
        ),
        counts_active=False,
    ),
    _spec(
        "silo_index",
        "silos",
        "share",
        "lower",
        (CITY,),
        (
            "Silo index",
            "Of all pairs of units that work together, the share whose partners stay inside their own group of "
            "units (the groups are those that mostly work with each other).",
            "Two units are tied when they take part in the same active initiative in the period; a tie weighs as "
            "many initiatives as they share. The groups (communities) are found by the Louvain method on the "
            "weighted ties (networkx, a fixed seed). Silo index = ties inside one group ÷ all ties. City only.",
        ),
        (
            "Siiloindeksi",
            "Yhdessä toimivista yksikköpareista se osuus, jossa kumppani on samasta yksikköryhmästä (ryhmät ovat "
            "yksiköitä, jotka toimivat enimmäkseen keskenään).",
            "Kaksi yksikköä on sidoksissa, kun ne osallistuvat jaksolla samaan käynnissä olevaan hankkeeseen; "
            "sidoksen paino on yhteisten hankkeiden määrä. Ryhmät (yhteisöt) löydetään Louvain-menetelmällä "
            "painotetuista sidoksista (networkx, kiinteä siemenluku). Siiloindeksi = ryhmien sisäiset sidokset ÷ "
            "kaikki sidokset. Vain koko kaupunki.",
        ),
        (
            "Siloindex",
            "Av alla par av enheter som arbetar tillsammans, andelen där partnern finns i den egna gruppen av "
            "enheter (grupperna är enheter som mest arbetar med varandra).",
            "Två enheter är knutna när de deltar i samma pågående initiativ under perioden; ett band väger lika "
            "många initiativ som de delar. Grupperna (communities) hittas med Louvain-metoden på de viktade "
            "banden (networkx, ett fast frö). Siloindex = band inom en grupp ÷ alla band. Endast hela staden.",
        ),
    ),
    _spec(
        "bridge_dependence",
        "silos",
        "share",
        "lower",
        (CITY,),
        (
            "Dependence on one bridge",
            "How much of the contact between groups of units goes through one single unit: the share of the "
            "shortest routes between groups that pass through the unit that links most.",
            "On the graph of the silo index: the most central unit has the highest betweenness centrality "
            "(shortest paths counted in ties; on a draw, the lowest id). For every pair of connected units in "
            "different groups, neither of them that unit, the share of their shortest paths that run through it; "
            "bridge dependence = the sum of those shares ÷ the number of such pairs. City only.",
        ),
        (
            "Riippuvuus yhdestä sillasta",
            "Kuinka suuri osa yksikköryhmien välisistä yhteyksistä kulkee yhden yksikön kautta: osuus ryhmien "
            "välisistä lyhimmistä reiteistä, jotka kulkevat eniten yhdistävän yksikön kautta.",
            "Siiloindeksin verkossa keskeisin yksikkö on se, jonka välityskeskeisyys (betweenness) on suurin "
            "(lyhimmät polut sidosten määrällä; tasatilanteessa pienin tunniste). Jokaiselle eri ryhmissä olevalle "
            "yhdistetylle yksikköparille, jossa kumpikaan ei ole tuo yksikkö: niiden lyhimmistä poluista sen kautta "
            "kulkevien osuus; riippuvuus = osuuksien summa ÷ tällaisten parien määrä. Vain koko kaupunki.",
        ),
        (
            "Beroende av en enda bro",
            "Hur stor del av kontakten mellan grupper av enheter som går genom en enda enhet: andelen av de "
            "kortaste vägarna mellan grupperna som går genom den enhet som förbinder mest.",
            "I siloindexets nätverk är den mest centrala enheten den med störst mellanhetscentralitet "
            "(betweenness; kortaste vägar räknade i band; vid lika det lägsta id:t). För varje sammanlänkat par "
            "av enheter i olika grupper, där ingen av dem är den enheten: andelen av deras kortaste vägar som går "
            "genom den; beroendet = summan av andelarna ÷ antalet sådana par. Endast hela staden.",
        ),
    ),
)

# The pulse surveys (apps/pulse): partners rate each other on trust and value, on a scale of 1 to 4.
PULSE_RULE = {
    "en": (
        "Only closed pulse rounds count, each in the period of its closing date. A group (the answers of one round "
        "between two sectors, in either direction) counts only when at least SILTA_PULSE_MIN_GROUP (by default 3) "
        "different people answered in it; a sector's and the city's values add up only the groups that count, so "
        "no figure rests on fewer answers. Sector pair: scope id = smaller sector id × 2³² + larger sector id."
    ),
    "fi": (
        "Mukana ovat vain suljetut pulssikierrokset, kukin sulkeutumispäivänsä jaksolla. Ryhmä (yhden kierroksen "
        "vastaukset kahden toimialan välillä, kumpaan suuntaan tahansa) lasketaan vain, kun siinä on vastannut "
        "vähintään SILTA_PULSE_MIN_GROUP (oletuksena 3) eri henkilöä; toimialan ja koko kaupungin arvot laskevat "
        "yhteen vain mukaan lasketut ryhmät, joten mikään luku ei perustu harvempiin vastauksiin. Toimialapari: "
        "tunniste = pienempi toimialan tunniste × 2³² + suurempi."
    ),
    "sv": (
        "Endast stängda pulsomgångar räknas, var och en under perioden för sitt slutdatum. En grupp (svaren i en "
        "omgång mellan två sektorer, i vilken riktning som helst) räknas bara när minst SILTA_PULSE_MIN_GROUP "
        "(som standard 3) olika personer har svarat i den; en sektors och hela stadens värden lägger ihop endast "
        "de grupper som räknas, så att inget tal vilar på färre svar. Sektorpar: id = mindre sektorns id × 2³² + "
        "större sektorns id."
    ),
}


def _pulse(
    code: str,
    unit: str,
    scopes: tuple[str, ...],
    en: tuple[str, str, str],
    fi: tuple[str, str, str],
    sv: tuple[str, str, str],
) -> IndicatorSpec:
    spec = _spec(code, "trust", unit, "higher", scopes, en, fi, sv, counts_active=False)
    formula = {language: f"{text} {PULSE_RULE[language]}" for language, text in spec.formula.items()}
    return IndicatorSpec(**{**spec.__dict__, "formula": formula})


CATALOGUE += (
    _pulse(
        "pulse_trust",
        "index",
        (CITY, SECTOR, PAIR),
        (
            "Trust between partners",
            "How much partners trust each other, as they rated it in the pulse survey: how reliable, how committed "
            "to the shared mission and how open to discussion the other is, from the lowest (0) to the highest (1).",
            "Each respondent rates each other unit they worked with on three items of trust (reliable, supports the "
            "mission, open to discussion) from 1 to 4. Trust = the mean of the items answered, scaled to 0–1: "
            "(mean − 1) ÷ 3; numerator = Σ (item − 1) ÷ 3, denominator = the items answered.",
        ),
        (
            "Luottamus kumppaneiden välillä",
            "Kuinka paljon kumppanit luottavat toisiinsa pulssikyselyn arvioiden mukaan: kuinka luotettava, "
            "yhteiseen tehtävään sitoutunut ja keskustelulle avoin toinen on, alimmasta (0) korkeimpaan (1).",
            "Jokainen vastaaja arvioi kunkin muun yksikön, jonka kanssa hän työskenteli, kolmella luottamuksen "
            "kysymyksellä (luotettava, tukee tehtävää, avoin keskustelulle) asteikolla 1–4. Luottamus = vastattujen "
            "kysymysten keskiarvo asteikolla 0–1: (keskiarvo − 1) ÷ 3; osoittaja = Σ (arvio − 1) ÷ 3, nimittäjä = "
            "vastatut kysymykset.",
        ),
        (
            "Förtroende mellan partner",
            "Hur mycket partnerna litar på varandra enligt pulsenkäten: hur pålitlig, engagerad i det gemensamma "
            "uppdraget och öppen för diskussion den andra är, från det lägsta (0) till det högsta (1).",
            "Varje svarande bedömer varje annan enhet hen arbetade med på tre frågor om förtroende (pålitlig, stöder "
            "uppdraget, öppen för diskussion) på en skala 1–4. Förtroende = medelvärdet av de besvarade frågorna "
            "skalat till 0–1: (medelvärde − 1) ÷ 3; täljare = Σ (svar − 1) ÷ 3, nämnare = besvarade frågor.",
        ),
    ),
    _pulse(
        "pulse_value",
        "index",
        (CITY, SECTOR, PAIR),
        (
            "Value of partners",
            "How much partners find the others bring to the work, as they rated it in the pulse survey: influence, "
            "involvement and resources, from the lowest (0) to the highest (1).",
            "Each respondent rates each other unit they worked with on three items of value (power and influence, "
            "level of involvement, resources contributed) from 1 to 4. Value = the mean of the items answered, "
            "scaled to 0–1: (mean − 1) ÷ 3; numerator = Σ (item − 1) ÷ 3, denominator = the items answered.",
        ),
        (
            "Kumppaneiden arvo",
            "Kuinka paljon kumppanit katsovat muiden tuovan työhön pulssikyselyn arvioiden mukaan: vaikutusvaltaa, "
            "osallistumista ja resursseja, alimmasta (0) korkeimpaan (1).",
            "Jokainen vastaaja arvioi kunkin muun yksikön, jonka kanssa hän työskenteli, kolmella arvon kysymyksellä "
            "(valta ja vaikutusvalta, osallistumisen aste, tuodut resurssit) asteikolla 1–4. Arvo = vastattujen "
            "kysymysten keskiarvo asteikolla 0–1: (keskiarvo − 1) ÷ 3; osoittaja = Σ (arvio − 1) ÷ 3, nimittäjä = "
            "vastatut kysymykset.",
        ),
        (
            "Partnernas värde",
            "Hur mycket partnerna anser att de andra tillför arbetet enligt pulsenkäten: inflytande, engagemang och "
            "resurser, från det lägsta (0) till det högsta (1).",
            "Varje svarande bedömer varje annan enhet hen arbetade med på tre frågor om värde (makt och inflytande, "
            "grad av engagemang, bidragna resurser) på en skala 1–4. Värde = medelvärdet av de besvarade frågorna "
            "skalat till 0–1: (medelvärde − 1) ÷ 3; täljare = Σ (svar − 1) ÷ 3, nämnare = besvarade frågor.",
        ),
    ),
    _pulse(
        "pulse_response_rate",
        "share",
        (CITY, SECTOR, PROGRAMME),
        (
            "Pulse survey answers",
            "Of the people asked in the pulse survey, the share who answered.",
            "Invitations answered ÷ invitations, over the closed rounds. Sector: the invited people's units' "
            "sector, shown when at least SILTA_PULSE_MIN_GROUP were invited; programme: the programme's rounds.",
        ),
        (
            "Pulssikyselyn vastaukset",
            "Pulssikyselyyn kutsutuista se osuus, joka vastasi.",
            "Vastatut kutsut ÷ kutsut suljetuilla kierroksilla. Toimiala: kutsuttujen yksiköiden toimiala, kun "
            "kutsuttuja on vähintään SILTA_PULSE_MIN_GROUP; ohjelma: ohjelman kierrokset.",
        ),
        (
            "Svar på pulsenkäten",
            "Av dem som tillfrågades i pulsenkäten, andelen som svarade.",
            "Besvarade inbjudningar ÷ inbjudningar i de stängda omgångarna. Sektor: de inbjudnas enheters sektor, "
            "när minst SILTA_PULSE_MIN_GROUP var inbjudna; program: programmets omgångar.",
        ),
    ),
)

CATALOGUE += (
    _spec(
        "partner_requests_answered",
        "silos",
        "share",
        "higher",
        (CITY, SECTOR),
        (
            "Partner requests answered",
            "How many of the posts looking for a partner got an answer within a month.",
            "Partner requests posted in the period answered within 30 days ÷ partner requests posted in the period "
            "whose outcome is known (answered, closed, or 30 days old); a request still open and younger than 30 "
            "days is not counted yet. Sector: the sector of the unit that posted the request.",
        ),
        (
            "Vastatut kumppanihaut",
            "Kuinka moneen kumppania etsivään ilmoitukseen vastattiin kuukauden sisällä.",
            "Jakson aikana julkaistut kumppanihaut, joihin vastattiin 30 päivän kuluessa ÷ jakson aikana julkaistut "
            "kumppanihaut, joiden lopputulos tiedetään (vastattu, suljettu tai 30 päivää vanha); avoinna oleva alle "
            "30 päivän ikäinen haku ei vielä lasketa mukaan. Toimiala: haun julkaisseen yksikön toimiala.",
        ),
        (
            "Besvarade partnerförfrågningar",
            "Hur många av inläggen som söker en partner fick svar inom en månad.",
            "Partnerförfrågningar publicerade under perioden som besvarades inom 30 dagar ÷ partnerförfrågningar "
            "publicerade under perioden vars utfall är känt (besvarad, stängd eller 30 dagar gammal); en öppen "
            "förfrågan yngre än 30 dagar räknas inte ännu. Sektor: sektorn för enheten som publicerade förfrågan.",
        ),
        counts_active=False,
    ),
)

BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in CATALOGUE}
