"""The indicator catalogue of the design notes: the cross-sector measurements the city's research found missing.

Plain data, so the data migration and the computations share one source. Names and descriptions are stored per
language on `Indicator` (fi, sv, en), because managers read them beside the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY, SECTOR, PROGRAMME, SPACE = "city", "sector", "programme", "space"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    theme: str  # silos | money | people | premises | strategy
    unit: str  # share | count | days | index
    direction: str  # higher | lower: which way is better
    scopes: tuple[str, ...]
    name: dict[str, str]
    description: dict[str, str]


def _spec(
    code: str,
    theme: str,
    unit: str,
    direction: str,
    scopes: tuple[str, ...],
    en: tuple[str, str],
    fi: tuple[str, str],
    sv: tuple[str, str],
) -> IndicatorSpec:
    return IndicatorSpec(
        code=code,
        theme=theme,
        unit=unit,
        direction=direction,
        scopes=scopes,
        name={"en": en[0], "fi": fi[0], "sv": sv[0]},
        description={"en": en[1], "fi": fi[1], "sv": sv[1]},
    )


CATALOGUE: tuple[IndicatorSpec, ...] = (
    _spec(
        "cross_sector_share",
        "silos",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        ("Cross-sector initiatives", "Share of active initiatives in which at least two sectors take part."),
        ("Monialaiset hankkeet", "Osuus käynnissä olevista hankkeista, joissa on mukana vähintään kaksi toimialaa."),
        ("Sektorsövergripande initiativ", "Andel pågående initiativ där minst två sektorer deltar."),
    ),
    _spec(
        "sector_reach",
        "silos",
        "count",
        "higher",
        (CITY, SECTOR),
        ("Sector reach", "How many other sectors a sector shares an active initiative with (city: the mean)."),
        (
            "Toimialan ulottuvuus",
            "Kuinka monen muun toimialan kanssa toimialalla on yhteinen käynnissä oleva hanke (kaupunki: keskiarvo).",
        ),
        (
            "Sektorns räckvidd",
            "Med hur många andra sektorer en sektor har ett gemensamt pågående initiativ (staden: medelvärdet).",
        ),
    ),
    _spec(
        "network_density",
        "silos",
        "share",
        "higher",
        (CITY,),
        ("Collaboration density", "Share of all pairs of city sectors that share at least one active initiative."),
        (
            "Yhteistyön tiheys",
            "Osuus kaupungin toimialojen pareista, joilla on vähintään yksi yhteinen käynnissä oleva hanke.",
        ),
        ("Samarbetets täthet", "Andel av stadens sektorspar som har minst ett gemensamt pågående initiativ."),
    ),
    _spec(
        "ei_index",
        "silos",
        "index",
        "higher",
        (CITY, SECTOR),
        (
            "External–internal index",
            "(Ties to units of other sectors − ties inside the sector) / all ties, "
            "from −1 (closed silo) to +1 (fully outward).",
        ),
        (
            "Ulkoisten ja sisäisten siteiden indeksi",
            "(Siteet muiden toimialojen yksiköihin − siteet toimialan sisällä) "
            "/ kaikki siteet, −1 (suljettu siilo) … +1 (täysin ulospäin).",
        ),
        (
            "Externt–internt index",
            "(Band till enheter i andra sektorer − band inom sektorn) / alla band, "
            "från −1 (sluten silo) till +1 (helt utåtriktad).",
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
            "Share of this period's collaborating sector pairs that also collaborated in the previous period.",
        ),
        (
            "Pysyvät yhteydet",
            "Osuus tämän jakson yhteistyötä tekevistä toimialapareista, jotka tekivät yhteistyötä "
            "myös edellisellä jaksolla.",
        ),
        ("Bestående band", "Andel av periodens samarbetande sektorspar som samarbetade också under föregående period."),
    ),
    _spec(
        "culture_in_programmes",
        "silos",
        "share",
        "higher",
        (CITY, PROGRAMME),
        ("Culture in programmes", "Share of active programme initiatives in which the culture sector takes part."),
        ("Kulttuuri ohjelmissa", "Osuus ohjelmien käynnissä olevista hankkeista, joissa kulttuuritoimiala on mukana."),
        ("Kultur i programmen", "Andel av programmens pågående initiativ där kultursektorn deltar."),
    ),
    _spec(
        "budget_traceability",
        "money",
        "share",
        "higher",
        (CITY, PROGRAMME),
        ("Traceable money", "Share of programme euros allocated to initiatives that have recorded an outcome."),
        ("Jäljitettävä raha", "Osuus ohjelmien euroista, jotka on kohdistettu hankkeisiin, joilla on kirjattu tulos."),
        ("Spårbara pengar", "Andel av programmens euro som gått till initiativ med ett registrerat resultat."),
    ),
    _spec(
        "joint_funding_share",
        "money",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        ("Jointly funded", "Share of euros allocated to initiatives that are funded by two or more sectors."),
        ("Yhteisrahoitus", "Osuus euroista, jotka on kohdistettu vähintään kahden toimialan rahoittamiin hankkeisiin."),
        ("Samfinansierat", "Andel av euron till initiativ som finansieras av två eller fler sektorer."),
    ),
    _spec(
        "key_person_risk",
        "people",
        "share",
        "lower",
        (CITY, SECTOR, PROGRAMME),
        ("Key-person dependence", "Share of active initiatives that hang on exactly one contact person."),
        ("Avainhenkilöriippuvuus", "Osuus käynnissä olevista hankkeista, jotka ovat yhden yhteyshenkilön varassa."),
        ("Beroende av nyckelpersoner", "Andel pågående initiativ som hänger på exakt en kontaktperson."),
    ),
    _spec(
        "bus_factor",
        "people",
        "count",
        "higher",
        (CITY, PROGRAMME),
        (
            "People carrying the work",
            "The smallest number of persons who together hold more than half of the "
            "contact roles in cross-sector initiatives.",
        ),
        (
            "Työtä kantavat ihmiset",
            "Pienin määrä henkilöitä, joilla on yhdessä yli puolet monialaisten hankkeiden yhteyshenkilörooleista.",
        ),
        (
            "Personer som bär arbetet",
            "Det minsta antalet personer som tillsammans har mer än hälften av "
            "kontaktrollerna i sektorsövergripande initiativ.",
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
            "Freeman degree centralisation of the sector network: 1 when one sector is the only "
            "bridge, 0 when all are equally connected.",
        ),
        (
            "Riippuvuus keskuksesta",
            "Toimialaverkoston Freemanin astekeskittyneisyys: 1, kun yksi toimiala on "
            "ainoa silta, 0, kun kaikki ovat yhtä yhteydessä.",
        ),
        (
            "Beroende av ett nav",
            "Freemans gradcentralisering i sektornätverket: 1 när en sektor är den enda "
            "bron, 0 när alla är lika förbundna.",
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
            "Mean Blau index (1 − Σ p²) of the sectors of the units in active initiatives: 0 when "
            "one sector does all, higher when many share.",
        ),
        (
            "Toimialojen kirjo",
            "Käynnissä olevien hankkeiden yksiköiden toimialojen keskimääräinen Blaun indeksi "
            "(1 − Σ p²): 0, kun yksi toimiala tekee kaiken.",
        ),
        (
            "Sektorsmix",
            "Medelvärdet av Blau-index (1 − Σ p²) för sektorerna bland enheterna i pågående "
            "initiativ: 0 när en sektor gör allt.",
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
            "Share of ordered sector pairs (A, B) where A has worked in the last 12 months "
            "with a boundary spanner of B.",
        ),
        (
            "Löydettävät yhteyshenkilöt",
            "Osuus toimialapareista (A, B), joissa A on viimeisen 12 kuukauden "
            "aikana tehnyt työtä B:n rajojen ylittäjän kanssa.",
        ),
        (
            "Kontakter att hitta",
            "Andel ordnade sektorspar (A, B) där A under de senaste 12 månaderna har arbetat med en gränsgångare i B.",
        ),
    ),
    _spec(
        "boundary_spanners",
        "people",
        "count",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        ("Boundary spanners", "Persons who are contacts of active initiatives with three or more sectors."),
        (
            "Rajojen ylittäjät",
            "Henkilöt, jotka ovat yhteyshenkilöinä vähintään kolmen toimialan käynnissä olevissa hankkeissa.",
        ),
        ("Gränsgångare", "Personer som är kontakter för pågående initiativ med tre eller fler sektorer."),
    ),
    _spec(
        "time_to_partner",
        "people",
        "days",
        "lower",
        (CITY, SECTOR, PROGRAMME),
        (
            "Time to first partner",
            "Median days from logging an initiative to its first partner from another "
            "sector, for initiatives logged in the period.",
        ),
        (
            "Aika ensimmäiseen kumppaniin",
            "Mediaani päivinä hankkeen kirjaamisesta ensimmäiseen kumppaniin "
            "toiselta toimialalta, jaksolla kirjatuille hankkeille.",
        ),
        (
            "Tid till första partner",
            "Median i dagar från att ett initiativ registrerats till dess första partner från en annan sektor.",
        ),
    ),
    _spec(
        "civic_involvement",
        "people",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        (
            "Residents and NGOs",
            "Share of active initiatives with residents or civil-society organisations taking part.",
        ),
        ("Asukkaat ja järjestöt", "Osuus käynnissä olevista hankkeista, joissa asukkaat tai järjestöt ovat mukana."),
        (
            "Invånare och organisationer",
            "Andel pågående initiativ där invånare eller civilsamhällesorganisationer deltar.",
        ),
    ),
    _spec(
        "strategy_alignment",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        ("Strategy link", "Share of active initiatives linked to at least one goal of the city strategy."),
        (
            "Strategiakytkös",
            "Osuus käynnissä olevista hankkeista, jotka on kytketty vähintään yhteen kaupunkistrategian tavoitteeseen.",
        ),
        ("Koppling till strategin", "Andel pågående initiativ som är kopplade till minst ett mål i stadsstrategin."),
    ),
    _spec(
        "goal_coverage",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR),
        (
            "Goals covered",
            "Share of strategy goals with at least one active cross-sector initiative "
            "(sector: the goals that sector owns).",
        ),
        (
            "Katetut tavoitteet",
            "Osuus strategiatavoitteista, joilla on vähintään yksi käynnissä oleva "
            "monialainen hanke (toimiala: sen omat tavoitteet).",
        ),
        (
            "Täckta mål",
            "Andel strategiska mål med minst ett pågående sektorsövergripande initiativ (sektor: de mål sektorn äger).",
        ),
    ),
    _spec(
        "outcome_rate",
        "strategy",
        "share",
        "higher",
        (CITY, SECTOR, PROGRAMME),
        ("Recorded results", "Share of initiatives completed in the period that have at least one recorded outcome."),
        ("Kirjatut tulokset", "Osuus jaksolla päättyneistä hankkeista, joilla on vähintään yksi kirjattu tulos."),
        (
            "Registrerade resultat",
            "Andel initiativ som avslutats under perioden och har minst ett registrerat resultat.",
        ),
    ),
    _spec(
        "space_utilisation",
        "premises",
        "share",
        "higher",
        (CITY, SPACE),
        ("Premises utilisation", "Booked hours / opening hours of bookable spaces (confirmed bookings)."),
        ("Tilojen käyttöaste", "Varatut tunnit / aukiolotunnit varattavissa tiloissa (vahvistetut varaukset)."),
        ("Lokalernas användningsgrad", "Bokade timmar / öppettimmar i bokningsbara lokaler (bekräftade bokningar)."),
    ),
    _spec(
        "shared_space_use",
        "premises",
        "share",
        "higher",
        (CITY, SPACE),
        ("Shared use of culture premises", "Share of booked hours in culture-owned spaces that other sectors booked."),
        (
            "Kulttuuritilojen yhteiskäyttö",
            "Osuus kulttuurin omistamien tilojen varatuista tunneista, jotka muut toimialat ovat varanneet.",
        ),
        (
            "Delad användning av kulturlokaler",
            "Andel av de bokade timmarna i kulturens lokaler som andra sektorer bokat.",
        ),
    ),
    _spec(
        "meeting_breadth",
        "silos",
        "count",
        "higher",
        (CITY, PROGRAMME),
        ("Meeting breadth", "Mean number of distinct sectors present at a programme meeting."),
        ("Kokousten laajuus", "Keskimääräinen eri toimialojen määrä ohjelman kokouksessa."),
        ("Mötenas bredd", "Genomsnittligt antal olika sektorer närvarande vid ett programmöte."),
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
        ),
        (
            "Siiloindeksi",
            "Yhdessä toimivista yksikköpareista se osuus, jossa kumppani on samasta yksikköryhmästä (ryhmät ovat "
            "yksiköitä, jotka toimivat enimmäkseen keskenään).",
        ),
        (
            "Siloindex",
            "Av alla par av enheter som arbetar tillsammans, andelen där partnern finns i den egna gruppen av "
            "enheter (grupperna är enheter som mest arbetar med varandra).",
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
        ),
        (
            "Riippuvuus yhdestä sillasta",
            "Kuinka suuri osa yksikköryhmien välisistä yhteyksistä kulkee yhden yksikön kautta: osuus ryhmien "
            "välisistä lyhimmistä reiteistä, jotka kulkevat eniten yhdistävän yksikön kautta.",
        ),
        (
            "Beroende av en enda bro",
            "Hur stor del av kontakten mellan grupper av enheter som går genom en enda enhet: andelen av de "
            "kortaste vägarna mellan grupperna som går genom den enhet som förbinder mest.",
        ),
    ),
)

BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in CATALOGUE}
