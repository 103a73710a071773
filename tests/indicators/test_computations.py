"""Every implemented indicator on a small hand-built dataset, its numerator, denominator and value worked out by hand.

Unless a test says otherwise the period is January 2025 by month, and every unit joins its initiative on the
initiative's start date. Sector ids come from the database, so expectations name sectors, not numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from apps.indicators.catalogue import BY_CODE
from apps.indicators.computations.engine import COMPUTATIONS, DRILLDOWNS
from apps.indicators.models import IndicatorValue
from apps.initiatives import progress
from apps.initiatives.models import Initiative, Participation
from apps.partner_requests.models import PartnerAnswer
from apps.programmes.models import Programme
from apps.pulse.models import ITEMS, PulseInvitation, PulseRating, PulseResponse, PulseRound
from apps.sectors.models import Person, Sector, Unit
from tests.accounts.factories import UserFactory
from tests.indicators.conftest import FEB, JAN
from tests.initiatives import rollup
from tests.initiatives.factories import FundingFactory, InitiativeFactory, OutcomeFactory, ParticipationFactory
from tests.partner_requests.factories import PartnerRequestFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
ACTIVE, PLANNED, IDEA = Initiative.Status.ACTIVE, Initiative.Status.PLANNED, Initiative.Status.IDEA
COMPLETED, DISCONTINUED = Initiative.Status.COMPLETED, Initiative.Status.DISCONTINUED


@dataclass
class City:
    """Four city sectors (urban environment takes part in nothing unless a test says so) and two external ones."""

    culture: Sector
    education: Sector
    health: Sector
    urban: Sector
    civil: Sector
    residents: Sector
    museum: Unit  # culture
    library: Unit  # culture
    school: Unit  # education
    clinic: Unit  # health
    planning: Unit  # urban
    ngo: Unit  # civil society
    neighbours: Unit  # residents


@pytest.fixture
def city() -> City:
    culture = SectorFactory(slug="culture", name="Culture")
    education = SectorFactory(slug="education", name="Education")
    health = SectorFactory(slug="health", name="Social and health")
    urban = SectorFactory(slug="urban", name="Urban environment")
    civil = SectorFactory(slug="civil-society", name="Civil society", kind=Sector.Kind.EXTERNAL)
    residents = SectorFactory(slug="residents", name="Residents", kind=Sector.Kind.EXTERNAL)
    return City(
        culture=culture,
        education=education,
        health=health,
        urban=urban,
        civil=civil,
        residents=residents,
        museum=UnitFactory(sector=culture, name="Museum"),
        library=UnitFactory(sector=culture, name="Library"),
        school=UnitFactory(sector=education, name="School"),
        clinic=UnitFactory(sector=health, name="Clinic"),
        planning=UnitFactory(sector=urban, name="Planning"),
        ngo=UnitFactory(sector=civil, name="Youth association"),
        neighbours=UnitFactory(sector=residents, name="Neighbourhood group"),
    )


def initiative(*units: Unit, status: str = ACTIVE, start: date = JAN, end: date | None = None, **fields) -> Initiative:
    """An initiative whose units all join on its start date, the first one as lead."""
    item = InitiativeFactory(status=status, start_date=start, end_date=end, **fields)
    for position, unit in enumerate(units):
        role = Participation.Role.LEAD if position == 0 else Participation.Role.PARTNER
        ParticipationFactory(initiative=item, unit=unit, role=role, joined_on=start)
    return item


def person(unit: Unit, *, spanner: bool = False) -> Person:
    return PersonFactory(unit=unit, is_boundary_spanner=spanner)


def new_programme(city: City) -> Programme:
    """A programme led from the museum: the factory's default lead would bring a sector of its own."""
    return ProgrammeFactory(lead=person(city.museum))


def keep_only(*sectors: Sector) -> None:
    """Delete every other sector (with its units), for tests whose arithmetic needs a smaller city."""
    others = Sector.objects.exclude(pk__in=[sector.pk for sector in sectors])
    Unit.objects.filter(sector__in=others).delete()
    others.delete()


def expect(row: IndicatorValue | None, numerator: float | None, denominator: float | None, value: float | None) -> None:
    """The row exists and holds these numbers (floats compared approximately, None exactly)."""

    def same(expected: float | None) -> object:
        return expected if expected is None else pytest.approx(expected)

    assert row is not None, "no value was stored for this scope and period"
    assert (row.numerator, row.denominator, row.value) == (same(numerator), same(denominator), same(value))


ValueOf = Callable[..., IndicatorValue | None]
Compute = Callable[..., int]


# --- silos ------------------------------------------------------------------------------------------------------


def test_cross_sector_share(city: City, compute: Compute, value_of: ValueOf):
    # given: A culture+education, B two culture units (one sector), C education+health+civil society in a programme;
    # a planned and an idea initiative with two sectors do not count as active
    programme = new_programme(city)
    initiative(city.museum, city.school)
    initiative(city.museum, city.library)
    initiative(city.school, city.clinic, city.ngo, programme=programme)
    initiative(city.museum, city.school, status=PLANNED)
    initiative(city.museum, city.clinic, status=IDEA)

    # when
    compute("cross_sector_share")

    # then: city A and C of A, B, C; culture A of A, B; education A, C of A, C; health C of C; programme C of C
    expect(value_of("cross_sector_share"), 2, 3, 2 / 3)
    expect(value_of("cross_sector_share", "sector", city.culture.pk), 1, 2, 1 / 2)
    expect(value_of("cross_sector_share", "sector", city.education.pk), 2, 2, 1)
    expect(value_of("cross_sector_share", "sector", city.health.pk), 1, 1, 1)
    expect(value_of("cross_sector_share", "programme", programme.pk), 1, 1, 1)
    assert value_of("cross_sector_share", "sector", city.urban.pk) is None  # takes part in nothing


def test_sector_reach(city: City, compute: Compute, value_of: ValueOf):
    # given: A culture+education, C education+health+civil society; a planned culture+urban initiative
    initiative(city.museum, city.school)
    initiative(city.school, city.clinic, city.ngo)
    initiative(city.library, city.planning, status=PLANNED)

    # when
    compute("sector_reach")

    # then: pairs culture–education, education–health, education–civil, health–civil, so the reach is
    # culture 1, education 3, health 2, civil society 2; the city mean is over all 6 sectors: (1+3+2+2) / 6
    expect(value_of("sector_reach", "sector", city.culture.pk), 1, None, 1)
    expect(value_of("sector_reach", "sector", city.education.pk), 3, None, 3)
    expect(value_of("sector_reach", "sector", city.health.pk), 2, None, 2)
    expect(value_of("sector_reach", "sector", city.civil.pk), 2, None, 2)
    expect(value_of("sector_reach"), 8, 6, 8 / 6)
    assert value_of("sector_reach", "sector", city.urban.pk) is None


def test_network_density_counts_pairs_of_city_sectors_only(city: City, compute: Compute, value_of: ValueOf):
    # given: culture–education, education–health and education–civil society (an external sector) collaborate;
    # a fifth city sector, sports (created after civil society), works only with civil society
    sports = UnitFactory(sector=SectorFactory(slug="sports"))
    initiative(city.museum, city.school)
    initiative(city.school, city.clinic, city.ngo)
    initiative(sports, city.ngo)

    # when
    compute("network_density")

    # then: 5 city sectors make 5·4/2 = 10 pairs; 2 of them collaborate (the pairs with civil society do not count)
    expect(value_of("network_density"), 2, 10, 2 / 10)


def test_ei_index(city: City, compute: Compute, value_of: ValueOf):
    # given: A museum+library+school, B school+clinic, C museum+school again (the same tie is counted once)
    initiative(city.museum, city.library, city.school)
    initiative(city.school, city.clinic)
    initiative(city.museum, city.school)

    # when
    compute("ei_index")

    # then: unit ties museum–library (internal to culture), museum–school, library–school, school–clinic (external)
    # city: (3 external − 1 internal) / 4 ties
    expect(value_of("ei_index"), 3 - 1, 4, 2 / 4)
    # culture: 2 external (museum–school, library–school) − 1 internal, of 3 ties
    expect(value_of("ei_index", "sector", city.culture.pk), 2 - 1, 3, 1 / 3)
    # education: 3 external, none internal; health: 1 external
    expect(value_of("ei_index", "sector", city.education.pk), 3, 3, 1)
    expect(value_of("ei_index", "sector", city.health.pk), 1, 1, 1)


def test_tie_continuity_compares_with_the_previous_period(city: City, compute: Compute, value_of: ValueOf):
    # given: in January culture–education (A) and education–health (B, which runs into February);
    # in February B goes on and culture–health (C) starts
    initiative(city.museum, city.school, start=date(2025, 1, 1), end=date(2025, 1, 31))
    initiative(city.school, city.clinic, start=date(2025, 1, 15), end=date(2025, 2, 28))
    initiative(city.library, city.clinic, start=date(2025, 2, 1))

    # when
    compute("tie_continuity", since=JAN, until=date(2025, 3, 1))

    # then: January has nothing before it: 0 of 2 pairs lasting
    expect(value_of("tie_continuity"), 0, 2, 0)
    # February: education–health continued, culture–health is new
    expect(value_of("tie_continuity", start=FEB), 1, 2, 1 / 2)
    expect(value_of("tie_continuity", "sector", city.education.pk, start=FEB), 1, 1, 1)
    expect(value_of("tie_continuity", "sector", city.health.pk, start=FEB), 1, 2, 1 / 2)
    expect(value_of("tie_continuity", "sector", city.culture.pk, start=FEB), 0, 1, 0)


def test_degree_centralization_of_a_star_is_one(city: City, compute: Compute, value_of: ValueOf):
    # given: only the four city sectors exist here; education is the only bridge to culture, health and urban
    keep_only(city.culture, city.education, city.health, city.urban)
    initiative(city.school, city.museum)
    initiative(city.school, city.clinic)
    initiative(city.school, city.planning)

    # when
    compute("degree_centralization")

    # then: degrees 3, 1, 1, 1: Σ(3 − dᵢ) = 0 + 2 + 2 + 2 = 6, over (4 − 1)(4 − 2) = 6
    expect(value_of("degree_centralization"), 6, 6, 1)


def test_degree_centralization_of_a_chain(city: City, compute: Compute, value_of: ValueOf):
    # given: 6 sectors; culture–education and education–health collaborate
    initiative(city.museum, city.school)
    initiative(city.school, city.clinic)

    # when
    compute("degree_centralization")

    # then: degrees 1, 2, 1 and 0 for urban, civil society, residents: Σ(2 − dᵢ) = 1 + 0 + 1 + 2 + 2 + 2 = 8,
    # over (6 − 1)(6 − 2) = 20
    expect(value_of("degree_centralization"), 8, 20, 8 / 20)


def test_sector_diversity(city: City, compute: Compute, value_of: ValueOf):
    # given: A museum+library+school+clinic (programme), B museum+school, C museum alone (programme)
    programme = new_programme(city)
    initiative(city.museum, city.library, city.school, city.clinic, programme=programme)
    initiative(city.museum, city.school)
    initiative(city.museum, programme=programme)

    # when
    compute("sector_diversity")

    # then: Blau A = 1 − (½² + ¼² + ¼²) = 0.625, B = 1 − (½² + ½²) = 0.5, C = 1 − 1² = 0
    blau_a, blau_b, blau_c = 1 - (0.5**2 + 0.25**2 + 0.25**2), 1 - (0.5**2 + 0.5**2), 0.0
    expect(value_of("sector_diversity"), blau_a + blau_b + blau_c, 3, (blau_a + blau_b + blau_c) / 3)
    expect(value_of("sector_diversity", "sector", city.culture.pk), blau_a + blau_b + blau_c, 3, 0.375)
    expect(value_of("sector_diversity", "sector", city.education.pk), blau_a + blau_b, 2, (0.625 + 0.5) / 2)
    expect(value_of("sector_diversity", "sector", city.health.pk), blau_a, 1, 0.625)
    expect(value_of("sector_diversity", "programme", programme.pk), blau_a + blau_c, 2, 0.3125)


def test_culture_in_programmes(city: City, compute: Compute, value_of: ValueOf):
    # given: programme P runs X (culture+education), Y (education+health) and Z (culture); programme Q runs W
    # (health); N (culture+education) belongs to no programme
    first, second = new_programme(city), new_programme(city)
    initiative(city.museum, city.school, programme=first)
    initiative(city.school, city.clinic, programme=first)
    initiative(city.library, programme=first)
    initiative(city.clinic, programme=second)
    initiative(city.museum, city.school)

    # when
    compute("culture_in_programmes")

    # then: city X and Z of X, Y, Z, W; P 2 of 3; Q 0 of 1 (a value of 0, not missing)
    expect(value_of("culture_in_programmes"), 2, 4, 2 / 4)
    expect(value_of("culture_in_programmes", "programme", first.pk), 2, 3, 2 / 3)
    expect(value_of("culture_in_programmes", "programme", second.pk), 0, 1, 0)


# --- money ------------------------------------------------------------------------------------------------------


@pytest.fixture
def programme_money(city: City) -> tuple:
    """P: X 1000 + 500 in 2025 (outcome 10 Jan, and 700 in 2024), Y 2000 (outcome 1 Apr), Z 3000 (outcome 1 Mar).
    Q: W 400 (outcome 5 Jan). N, outside programmes, 10 000 with an outcome."""
    first, second = new_programme(city), new_programme(city)
    x = initiative(city.museum, city.school, programme=first, start=date(2024, 6, 1))
    FundingFactory(initiative=x, source_unit=city.museum, allocated=Decimal(1000), year=2025)
    FundingFactory(initiative=x, source_unit=city.school, allocated=Decimal(500), year=2025)
    FundingFactory(initiative=x, source_unit=city.school, allocated=Decimal(700), year=2024)
    OutcomeFactory(initiative=x, recorded_on=date(2025, 1, 10))
    y = initiative(city.clinic, programme=first)
    FundingFactory(initiative=y, source_unit=city.clinic, allocated=Decimal(2000), year=2025)
    OutcomeFactory(initiative=y, recorded_on=date(2025, 4, 1))
    z = initiative(city.library, programme=first)
    FundingFactory(initiative=z, source_unit=city.library, allocated=Decimal(3000), year=2025)
    OutcomeFactory(initiative=z, recorded_on=date(2025, 3, 1))
    w = initiative(city.school, programme=second)
    FundingFactory(initiative=w, source_unit=city.school, allocated=Decimal(400), year=2025)
    OutcomeFactory(initiative=w, recorded_on=date(2025, 1, 5))
    n = initiative(city.museum)
    FundingFactory(initiative=n, source_unit=city.museum, allocated=Decimal(10000), year=2025)
    OutcomeFactory(initiative=n, recorded_on=date(2025, 1, 5))
    return first, second


def test_budget_traceability(programme_money: tuple, compute: Compute, value_of: ValueOf):
    first, second = programme_money

    # when
    compute("budget_traceability")

    # then: January counts 2025 money and outcomes recorded by the end of January:
    # city (1500 + 400) of (1500 + 2000 + 3000 + 400); N's money is no programme's
    expect(value_of("budget_traceability"), 1500 + 400, 6900, 1900 / 6900)
    expect(value_of("budget_traceability", "programme", first.pk), 1500, 6500, 1500 / 6500)
    expect(value_of("budget_traceability", "programme", second.pk), 400, 400, 1)


def test_budget_traceability_by_quarter_counts_outcomes_recorded_in_the_quarter(
    programme_money: tuple, compute: Compute, value_of: ValueOf
):
    first, _ = programme_money

    # when
    compute("budget_traceability", kind="quarter", since=JAN, until=date(2025, 4, 1))

    # then: Z's outcome of 1 March falls inside Q1, Y's of 1 April does not
    expect(value_of("budget_traceability", kind="quarter"), 1500 + 3000 + 400, 6900, 4900 / 6900)
    expect(value_of("budget_traceability", "programme", first.pk, kind="quarter"), 4500, 6500, 4500 / 6500)


def test_joint_funding_share(city: City, compute: Compute, value_of: ValueOf):
    # given: X (culture+education) funded by culture 1000 and education 1000; Y (culture) funded by two culture
    # units 3000 + 500; Z (education, programme) funded by education 800 and an external source 200; a 2024
    # allocation is not January 2025 money
    programme = new_programme(city)
    x = initiative(city.museum, city.school)
    FundingFactory(initiative=x, source_unit=city.museum, allocated=Decimal(1000), year=2025)
    FundingFactory(initiative=x, source_unit=city.school, allocated=Decimal(1000), year=2025)
    y = initiative(city.museum)
    FundingFactory(initiative=y, source_unit=city.museum, allocated=Decimal(3000), year=2025)
    FundingFactory(initiative=y, source_unit=city.library, allocated=Decimal(500), year=2025)
    FundingFactory(initiative=y, source_unit=city.school, allocated=Decimal(9999), year=2024)
    z = initiative(city.school, programme=programme)
    FundingFactory(initiative=z, source_unit=city.school, allocated=Decimal(800), year=2025)
    FundingFactory(initiative=z, source_unit=None, external_source="EU", allocated=Decimal(200), year=2025)

    # when
    compute("joint_funding_share")

    # then: joint X 2000 and Z 1000 (outside money counts as a funder) of 2000 + 3500 + 1000
    expect(value_of("joint_funding_share"), 3000, 6500, 3000 / 6500)
    expect(value_of("joint_funding_share", "sector", city.culture.pk), 2000, 5500, 2000 / 5500)
    expect(value_of("joint_funding_share", "sector", city.education.pk), 3000, 3000, 1)
    expect(value_of("joint_funding_share", "programme", programme.pk), 1000, 1000, 1)


# --- people -----------------------------------------------------------------------------------------------------


def test_key_person_risk(city: City, compute: Compute, value_of: ValueOf):
    # given: A (culture+education, programme) hangs on one contact, B (culture) has two, C (education) none;
    # a planned initiative with one contact is not active
    programme = new_programme(city)
    anna, ben = person(city.museum), person(city.school)
    initiative(city.museum, city.school, programme=programme, contact_persons=[anna])
    initiative(city.library, contact_persons=[anna, ben])
    initiative(city.school)
    initiative(city.clinic, status=PLANNED, contact_persons=[ben])

    # when
    compute("key_person_risk")

    # then
    expect(value_of("key_person_risk"), 1, 3, 1 / 3)
    expect(value_of("key_person_risk", "sector", city.culture.pk), 1, 2, 1 / 2)
    expect(value_of("key_person_risk", "sector", city.education.pk), 1, 2, 1 / 2)
    expect(value_of("key_person_risk", "programme", programme.pk), 1, 1, 1)
    assert value_of("key_person_risk", "sector", city.health.pk) is None


def test_bus_factor(city: City, compute: Compute, value_of: ValueOf):
    # given: cross-sector initiatives with contacts I1 {a, b}, I2 {a, c}, I3 {a, d} (these three in a programme) and
    # I4 {b, e}; a one-sector initiative with contacts {f, g} does not count
    programme = new_programme(city)
    a, b, c, d, e, f, g = (person(city.museum) for _ in range(7))
    initiative(city.museum, city.school, programme=programme, contact_persons=[a, b])
    initiative(city.museum, city.clinic, programme=programme, contact_persons=[a, c])
    initiative(city.school, city.clinic, programme=programme, contact_persons=[a, d])
    initiative(city.library, city.planning, contact_persons=[b, e])
    initiative(city.museum, city.library, contact_persons=[f, g])

    # when
    compute("bus_factor")

    # then: city roles a 3, b 2, c 1, d 1, e 1 = 8; a alone holds 3 of 8, a + b 5 of 8 > half: 2 of 5 persons
    expect(value_of("bus_factor"), 2, 5, 2)
    # programme: a 3, b 1, c 1, d 1 = 6; a holds exactly half, which is not more than half: 2 of 4 persons
    expect(value_of("bus_factor", "programme", programme.pk), 2, 4, 2)


def test_bus_factor_one_person_holding_most_roles(city: City, compute: Compute, value_of: ValueOf):
    # given: a is a contact of both cross-sector initiatives, b of one
    a, b = person(city.museum), person(city.school)
    initiative(city.museum, city.school, contact_persons=[a, b])
    initiative(city.museum, city.clinic, contact_persons=[a])

    # when
    compute("bus_factor")

    # then: a holds 2 of 3 roles
    expect(value_of("bus_factor"), 1, 2, 1)


def test_contact_coverage(city: City, compute: Compute, value_of: ValueOf):
    # given: only culture, education and health exist (3 · 2 = 6 ordered pairs)
    keep_only(city.culture, city.education, city.health)
    spanner_edu, spanner_health = person(city.school, spanner=True), person(city.clinic, spanner=True)
    plain_culture = person(city.museum)
    # A (active): culture works with education's spanner; education's own spanner is no tie; plain_culture is no
    # spanner, so education does not find culture
    initiative(city.museum, city.school, contact_persons=[spanner_edu, plain_culture])
    # B ended in March 2024, within the 12 months before the end of January 2025: culture found health's spanner
    initiative(
        city.library,
        city.clinic,
        status=COMPLETED,
        start=date(2023, 5, 1),
        end=date(2024, 3, 10),
        contact_persons=[spanner_health],
    )
    # C ended in December 2023, more than 12 months earlier: education → health does not count
    initiative(
        city.school,
        city.clinic,
        status=COMPLETED,
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        contact_persons=[spanner_health],
    )
    # D: education joins only in March 2025, after the period: no education → health tie in January
    d = initiative(city.clinic, contact_persons=[spanner_health])
    ParticipationFactory(initiative=d, unit=city.school, joined_on=date(2025, 3, 1))

    # when
    compute("contact_coverage")

    # then: culture → education and culture → health, of 6 pairs; culture reaches both of its 2 other sectors
    expect(value_of("contact_coverage"), 2, 6, 2 / 6)
    expect(value_of("contact_coverage", "sector", city.culture.pk), 2, 2, 1)
    assert value_of("contact_coverage", "sector", city.education.pk) is None


def test_boundary_spanners(city: City, compute: Compute, value_of: ValueOf):
    # given: I1 (culture, education, health; programme) with contacts p_culture, p_education; I2 (two sectors)
    # with p_health; I3 (culture, education, civil society) with p_culture and p_education2; I4 gets its third
    # sector only in March, so its contact p_urban is not a spanner in January
    programme = new_programme(city)
    p_culture, p_education, p_education2 = person(city.museum), person(city.school), person(city.school)
    p_health, p_urban = person(city.clinic), person(city.planning)
    initiative(city.museum, city.school, city.clinic, programme=programme, contact_persons=[p_culture, p_education])
    initiative(city.museum, city.school, contact_persons=[p_health])
    initiative(city.library, city.school, city.ngo, contact_persons=[p_culture, p_education2])
    i4 = initiative(city.planning, city.school, contact_persons=[p_urban])
    ParticipationFactory(initiative=i4, unit=city.clinic, joined_on=date(2025, 3, 1))

    # when
    compute("boundary_spanners")

    # then: p_culture, p_education, p_education2; per sector of the person; in the programme those of I1
    expect(value_of("boundary_spanners"), 3, None, 3)
    expect(value_of("boundary_spanners", "sector", city.culture.pk), 1, None, 1)
    expect(value_of("boundary_spanners", "sector", city.education.pk), 2, None, 2)
    expect(value_of("boundary_spanners", "programme", programme.pk), 2, None, 2)
    assert value_of("boundary_spanners", "sector", city.health.pk) is None
    assert value_of("boundary_spanners", "sector", city.urban.pk) is None


def logged(*units: Unit, at: datetime, programme=None) -> Initiative:
    """An idea logged at ``at`` (Helsinki time) whose lead is the first unit; partners are added by the test."""
    item = InitiativeFactory(status=IDEA, start_date=at.date(), created_at=at, programme=programme)
    ParticipationFactory(initiative=item, unit=units[0], role=Participation.Role.LEAD, joined_on=at.date())
    return item


def test_time_to_partner(city: City, compute: Compute, value_of: ValueOf):
    programme = new_programme(city)
    # given: T1 culture, logged 00:30 on 5 Jan Helsinki time (4 Jan in UTC), education partner 15 Jan: 10 days
    # (programme)
    t1 = logged(city.museum, at=datetime(2025, 1, 5, 0, 30, tzinfo=HELSINKI), programme=programme)
    ParticipationFactory(initiative=t1, unit=city.school, joined_on=date(2025, 1, 15))
    # T2 education, logged 10 Jan, health partner 9 Feb: 30 days (programme); a later culture partner does not count
    t2 = logged(city.school, at=datetime(2025, 1, 10, 9, tzinfo=HELSINKI), programme=programme)
    ParticipationFactory(initiative=t2, unit=city.clinic, joined_on=date(2025, 2, 9))
    ParticipationFactory(initiative=t2, unit=city.museum, joined_on=date(2025, 3, 1))
    # T3 culture, logged 20 Jan, only a culture partner: no partner from another sector yet
    t3 = logged(city.museum, at=datetime(2025, 1, 20, 12, tzinfo=HELSINKI))
    ParticipationFactory(initiative=t3, unit=city.library, joined_on=date(2025, 1, 21))
    # T4 health, logged 00:30 on 1 Jan Helsinki time (still 31 Dec in UTC), a culture partner who was there first: 0
    t4 = logged(city.clinic, at=datetime(2025, 1, 1, 0, 30, tzinfo=HELSINKI))
    ParticipationFactory(initiative=t4, unit=city.museum, joined_on=date(2024, 12, 20))
    # T5 logged 23:30 on 31 Dec Helsinki time: a December initiative
    t5 = logged(city.museum, at=datetime(2024, 12, 31, 23, 30, tzinfo=HELSINKI))
    ParticipationFactory(initiative=t5, unit=city.school, joined_on=date(2025, 1, 2))

    # when
    compute("time_to_partner")

    # then: 3 of the 4 January initiatives found a partner; median of 0, 10, 30 days
    expect(value_of("time_to_partner"), 3, 4, 10)
    expect(value_of("time_to_partner", "sector", city.culture.pk), 1, 2, 10)
    expect(value_of("time_to_partner", "sector", city.education.pk), 1, 1, 30)
    expect(value_of("time_to_partner", "sector", city.health.pk), 1, 1, 0)
    expect(value_of("time_to_partner", "programme", programme.pk), 2, 2, (10 + 30) / 2)


def test_civic_involvement(city: City, compute: Compute, value_of: ValueOf):
    # given: A culture + a civil-society unit; B culture with residents; C education+health; D education with NGOs;
    # E health, whose residents' group joins only in February
    programme = new_programme(city)
    initiative(city.museum, city.ngo, programme=programme)
    initiative(city.library, involves_residents=True)
    initiative(city.school, city.clinic, programme=programme)
    initiative(city.school, involves_ngos=True)
    e = initiative(city.clinic)
    ParticipationFactory(initiative=e, unit=city.neighbours, joined_on=date(2025, 2, 10))

    # when
    compute("civic_involvement")

    # then: A, B, D of five
    expect(value_of("civic_involvement"), 3, 5, 3 / 5)
    expect(value_of("civic_involvement", "sector", city.culture.pk), 2, 2, 1)
    expect(value_of("civic_involvement", "sector", city.education.pk), 1, 2, 1 / 2)
    expect(value_of("civic_involvement", "sector", city.health.pk), 0, 2, 0)
    expect(value_of("civic_involvement", "sector", city.civil.pk), 1, 1, 1)
    expect(value_of("civic_involvement", "programme", programme.pk), 1, 2, 1 / 2)
    assert value_of("civic_involvement", "sector", city.residents.pk) is None


def test_meeting_breadth(city: City, compute: Compute, value_of: ValueOf):
    # given: P meets three times in January: culture ×2 + education (2 sectors), health (1), nobody recorded (0);
    # Q meets once with culture, education and health (3); Q's February meeting is another period
    first, second = new_programme(city), new_programme(city)
    culture1, culture2, education, health = (
        person(city.museum),
        person(city.library),
        person(city.school),
        person(city.clinic),
    )
    MeetingFactory(programme=first, held_on=date(2025, 1, 10), attendees=[culture1, culture2, education])
    MeetingFactory(programme=first, held_on=date(2025, 1, 20), attendees=[health])
    MeetingFactory(programme=first, held_on=date(2025, 1, 31))
    MeetingFactory(programme=second, held_on=date(2025, 1, 15), attendees=[culture1, education, health])
    MeetingFactory(programme=second, held_on=date(2025, 2, 1), attendees=[culture1])

    # when
    compute("meeting_breadth")

    # then
    expect(value_of("meeting_breadth"), 2 + 1 + 0 + 3, 4, 6 / 4)
    expect(value_of("meeting_breadth", "programme", first.pk), 3, 3, 1)
    expect(value_of("meeting_breadth", "programme", second.pk), 3, 1, 3)


# --- strategy ---------------------------------------------------------------------------------------------------


def test_strategy_alignment(city: City, compute: Compute, value_of: ValueOf):
    # given: A (culture+education, programme) with a goal, B (culture) without, C (education) with two goals;
    # a planned initiative with a goal is not active
    programme = new_programme(city)
    wellbeing, learning = StrategyGoalFactory(), StrategyGoalFactory(sector=city.education)
    initiative(city.museum, city.school, programme=programme, strategy_goals=[wellbeing])
    initiative(city.library, programme=programme)
    initiative(city.school, strategy_goals=[wellbeing, learning])
    initiative(city.clinic, status=PLANNED, strategy_goals=[wellbeing])

    # when
    compute("strategy_alignment")

    # then
    expect(value_of("strategy_alignment"), 2, 3, 2 / 3)
    expect(value_of("strategy_alignment", "sector", city.culture.pk), 1, 2, 1 / 2)
    expect(value_of("strategy_alignment", "sector", city.education.pk), 2, 2, 1)
    expect(value_of("strategy_alignment", "programme", programme.pk), 1, 2, 1 / 2)


def test_goal_coverage(city: City, compute: Compute, value_of: ValueOf):
    # given: goals G1 (whole city), G2 and G3 (culture's), G4 (education's); A (culture+education, active) covers
    # G1 and G2; B (culture only) links G3 but is not cross-sector; C (cross-sector) links G4 but is only planned
    g1, g2 = StrategyGoalFactory(code="1"), StrategyGoalFactory(code="1.1", sector=city.culture)
    g3, g4 = StrategyGoalFactory(code="1.2", sector=city.culture), StrategyGoalFactory(code="2", sector=city.education)
    initiative(city.museum, city.school, strategy_goals=[g1, g2])
    initiative(city.museum, city.library, strategy_goals=[g3])
    initiative(city.museum, city.school, status=PLANNED, strategy_goals=[g4])

    # when
    compute("goal_coverage")

    # then
    expect(value_of("goal_coverage"), 2, 4, 2 / 4)
    expect(value_of("goal_coverage", "sector", city.culture.pk), 1, 2, 1 / 2)
    expect(value_of("goal_coverage", "sector", city.education.pk), 0, 1, 0)
    assert value_of("goal_coverage", "sector", city.health.pk) is None  # owns no goals


def test_outcome_rate(city: City, compute: Compute, value_of: ValueOf):
    programme = new_programme(city)
    # given: A (culture+education, programme) completed 20 Jan with an outcome; B (culture) completed 31 Jan without
    a = initiative(
        city.museum, city.school, status=COMPLETED, start=date(2024, 9, 1), end=date(2025, 1, 20), programme=programme
    )
    OutcomeFactory(initiative=a, recorded_on=date(2025, 1, 18))
    initiative(city.library, status=COMPLETED, start=date(2024, 9, 1), end=date(2025, 1, 31))
    # C completed on 1 Feb: a February completion
    c = initiative(city.museum, status=COMPLETED, start=date(2024, 9, 1), end=date(2025, 2, 1))
    OutcomeFactory(initiative=c)
    # D discontinued in January: not completed
    d = initiative(city.school, status=DISCONTINUED, start=date(2024, 9, 1), end=date(2025, 1, 15))
    OutcomeFactory(initiative=d)
    # E (education) completed without an end date, last updated 10 Jan: it ended then; it has an outcome
    e = initiative(city.school, status=COMPLETED, start=date(2024, 9, 1))
    OutcomeFactory(initiative=e, recorded_on=date(2024, 12, 1))
    Initiative.objects.filter(pk=e.pk).update(updated_at=datetime(2025, 1, 10, 12, tzinfo=HELSINKI))
    # F is still active
    f = initiative(city.school, start=date(2024, 9, 1))
    OutcomeFactory(initiative=f)

    # when
    compute("outcome_rate", until=date(2025, 3, 1))

    # then: January A and E of A, B, E; February C of C
    expect(value_of("outcome_rate"), 2, 3, 2 / 3)
    expect(value_of("outcome_rate", "sector", city.culture.pk), 1, 2, 1 / 2)
    expect(value_of("outcome_rate", "sector", city.education.pk), 2, 2, 1)
    expect(value_of("outcome_rate", "programme", programme.pk), 1, 1, 1)
    expect(value_of("outcome_rate", start=FEB), 1, 1, 1)


# --- edge cases -------------------------------------------------------------------------------------------------

IMPLEMENTED = sorted(COMPUTATIONS)
COUNTS_OF_PERSONS = {"boundary_spanners"}  # a count, so "nobody" is 0 rather than unknown


def test_every_catalogue_indicator_is_implemented():
    assert set(IMPLEMENTED) == set(BY_CODE)
    assert len(IMPLEMENTED) == 29


def test_every_drilldown_is_registered_with_its_definition():
    # given: the indicators that count meetings, premises or network paths, which no initiatives stand behind
    without_initiatives = {
        "meeting_breadth",
        "space_utilisation",
        "shared_space_use",
        "silo_index",
        "bridge_dependence",
        "pulse_trust",  # the pulse surveys' answers: no initiative stands behind a rating
        "pulse_value",
        "pulse_response_rate",
        "partner_requests_answered",  # posts looking for a partner, not initiatives
    }

    # then: every other indicator has a drill-down, registered in the same place as its SQL
    assert set(DRILLDOWNS) == set(BY_CODE) - without_initiatives
    assert all(COMPUTATIONS[code].drilldown is DRILLDOWNS[code] for code in DRILLDOWNS)
    assert all(COMPUTATIONS[code].drilldown is None for code in without_initiatives)


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_no_data_gives_a_city_value_of_none(code: str, compute: Compute, value_of: ValueOf):
    # given: an empty database (apart from the catalogue)

    # when
    written = compute(code)

    # then: one row, the city's, with no value
    assert written == 1
    row = value_of(code)
    assert row is not None
    assert row.value == (0 if code in COUNTS_OF_PERSONS else None)
    assert IndicatorValue.objects.filter(indicator__code=code).count() == 1


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_sectors_without_any_initiative_give_no_error(code: str, city: City, compute: Compute, value_of: ValueOf):
    # given: sectors, units and a goal, but no initiatives, meetings or money
    StrategyGoalFactory()

    # when
    compute(code)

    # then
    assert value_of(code) is not None


def test_a_single_sector(compute: Compute, value_of: ValueOf):
    # given: one city sector whose two units run two initiatives together and one alone
    culture = SectorFactory(slug="culture")
    museum, library = UnitFactory(sector=culture), UnitFactory(sector=culture)
    initiative(museum, library)
    initiative(library, museum)
    initiative(museum)

    # when
    for code in ("cross_sector_share", "sector_reach", "network_density", "ei_index", "degree_centralization"):
        compute(code)

    # then: nothing is cross-sector; density and centralisation have no pairs to divide by;
    # the only tie (museum–library) is internal: E-I index −1
    expect(value_of("cross_sector_share"), 0, 3, 0)
    expect(value_of("cross_sector_share", "sector", culture.pk), 0, 3, 0)
    expect(value_of("sector_reach"), 0, 1, 0)
    expect(value_of("sector_reach", "sector", culture.pk), 0, None, 0)
    expect(value_of("network_density"), 0, 0, None)
    expect(value_of("degree_centralization"), None, None, None)
    expect(value_of("ei_index"), -1, 1, -1)
    expect(value_of("ei_index", "sector", culture.pk), -1, 1, -1)


def test_an_initiative_spanning_a_period_boundary_counts_in_both_months(
    city: City, compute: Compute, value_of: ValueOf
):
    # given: a cross-sector initiative from 15 January to 15 February, and one that ends on 1 February itself
    initiative(city.museum, city.school, start=date(2025, 1, 15), end=date(2025, 2, 15))
    initiative(city.clinic, start=date(2024, 12, 1), end=date(2025, 2, 1))

    # when
    compute("cross_sector_share", since=JAN, until=date(2025, 4, 1))

    # then: both in January and February (the end date is a day of work), neither in March
    expect(value_of("cross_sector_share"), 1, 2, 1 / 2)
    expect(value_of("cross_sector_share", start=FEB), 1, 2, 1 / 2)
    expect(value_of("cross_sector_share", start=date(2025, 3, 1)), 0, 0, None)


def test_ideas_and_planned_initiatives_are_not_active(city: City, compute: Compute, value_of: ValueOf):
    # given: only an idea and a planned initiative, both cross-sector and with one contact person
    contact = person(city.museum)
    initiative(city.museum, city.school, status=IDEA, contact_persons=[contact])
    initiative(city.museum, city.clinic, status=PLANNED, contact_persons=[contact])

    # when
    compute("cross_sector_share")
    compute("key_person_risk")
    compute("network_density")

    # then
    expect(value_of("cross_sector_share"), 0, 0, None)
    expect(value_of("key_person_risk"), 0, 0, None)
    expect(value_of("network_density"), 0, 6, 0)


def test_a_unit_counts_from_the_period_in_which_it_joined(city: City, compute: Compute, value_of: ValueOf):
    # given: culture leads from 1 January; education joins on 1 February, the first day after January
    item = initiative(city.museum)
    ParticipationFactory(initiative=item, unit=city.school, joined_on=date(2025, 2, 1))

    # when
    compute("cross_sector_share", since=JAN, until=date(2025, 3, 1))
    compute("sector_reach", since=JAN, until=date(2025, 3, 1))

    # then: in January the initiative is culture's only; from February it is cross-sector
    expect(value_of("cross_sector_share"), 0, 1, 0)
    assert value_of("cross_sector_share", "sector", city.education.pk) is None
    expect(value_of("cross_sector_share", start=FEB), 1, 1, 1)
    expect(value_of("cross_sector_share", "sector", city.education.pk, start=FEB), 1, 1, 1)
    expect(value_of("sector_reach", "sector", city.culture.pk), 0, None, 0)
    expect(value_of("sector_reach", "sector", city.culture.pk, start=FEB), 1, None, 1)


def test_months_quarters_and_years(city: City, compute: Compute, value_of: ValueOf):
    # given: A culture+education in January, B culture in April–May, C culture+health from July on
    initiative(city.museum, city.school, start=date(2025, 1, 1), end=date(2025, 1, 31))
    initiative(city.museum, start=date(2025, 4, 1), end=date(2025, 5, 31))
    initiative(city.library, city.clinic, start=date(2025, 7, 1))
    year_end = date(2026, 1, 1)

    # when
    months = compute("cross_sector_share", kind="month", since=JAN, until=year_end)
    quarters = compute("cross_sector_share", kind="quarter", since=JAN, until=year_end)
    years = compute("cross_sector_share", kind="year", since=JAN, until=year_end)

    # then: 12 months, 4 quarters and 1 year of city rows, plus the sector rows where sectors were active
    city_rows = IndicatorValue.objects.filter(indicator__code="cross_sector_share", scope="city")
    assert [city_rows.filter(period_kind=kind).count() for kind in ("month", "quarter", "year")] == [12, 4, 1]
    # sector rows: culture and education in January, culture in April and May, culture and health July–December
    assert (months, quarters, years) == (12 + 2 + 1 + 1 + 2 * 6, 4 + 2 + 1 + 2 + 2, 1 + 3)
    expect(value_of("cross_sector_share", kind="month", start=date(2025, 2, 1)), 0, 0, None)
    expect(value_of("cross_sector_share", kind="month", start=date(2025, 5, 1)), 0, 1, 0)
    expect(value_of("cross_sector_share", kind="quarter", start=date(2025, 1, 1)), 1, 1, 1)
    expect(value_of("cross_sector_share", kind="quarter", start=date(2025, 4, 1)), 0, 1, 0)
    expect(value_of("cross_sector_share", kind="quarter", start=date(2025, 7, 1)), 1, 1, 1)
    expect(value_of("cross_sector_share", kind="year", start=date(2025, 1, 1)), 2, 3, 2 / 3)
    expect(value_of("cross_sector_share", "sector", city.culture.pk, kind="year"), 2, 3, 2 / 3)
    expect(value_of("cross_sector_share", "sector", city.health.pk, kind="year"), 1, 1, 1)


def test_tie_continuity_by_quarter_and_year(city: City, compute: Compute, value_of: ValueOf):
    # given: culture–education in Q4 2024 and again in Q1 2025; education–health only in Q1 2025
    initiative(city.museum, city.school, start=date(2024, 11, 1), end=date(2024, 11, 30))
    initiative(city.museum, city.school, start=date(2025, 2, 1), end=date(2025, 2, 28))
    initiative(city.school, city.clinic, start=date(2025, 3, 1), end=date(2025, 3, 31))

    # when
    compute("tie_continuity", kind="quarter")
    compute("tie_continuity", kind="year")

    # then: the quarter before Q1 2025 is Q4 2024, the year before 2025 is 2024: culture–education lasts in both
    expect(value_of("tie_continuity", kind="quarter"), 1, 2, 1 / 2)
    expect(value_of("tie_continuity", kind="year"), 1, 2, 1 / 2)


def test_a_period_given_mid_month_starts_at_the_first_of_the_month(city: City, compute: Compute, value_of: ValueOf):
    # given
    initiative(city.museum, city.school, start=date(2025, 1, 3))

    # when: asked from 20 January to 20 February
    compute("cross_sector_share", since=date(2025, 1, 20), until=date(2025, 2, 20))

    # then: January and February
    expect(value_of("cross_sector_share"), 1, 1, 1)
    expect(value_of("cross_sector_share", start=FEB), 1, 1, 1)


# --- recomputation ----------------------------------------------------------------------------------------------


def test_recomputing_writes_the_same_rows(city: City, compute: Compute, values_of: Callable[..., dict]):
    # given: computed once
    initiative(city.museum, city.school)
    initiative(city.clinic)
    first_count = compute("cross_sector_share")
    first = values_of("cross_sector_share")

    # when
    second_count = compute("cross_sector_share")

    # then
    assert first_count == second_count == 4  # city, culture, education, health
    assert values_of("cross_sector_share") == first
    assert IndicatorValue.objects.filter(indicator__code="cross_sector_share").count() == 4


def test_recomputing_removes_values_whose_data_disappeared(
    city: City, compute: Compute, value_of: ValueOf, values_of: Callable[..., dict]
):
    # given: computed with health taking part
    initiative(city.museum, city.school)
    health_only = initiative(city.clinic)
    compute("cross_sector_share")
    assert value_of("cross_sector_share", "sector", city.health.pk) is not None

    # when: health's initiative is deleted and the indicator recomputed
    health_only.delete()
    compute("cross_sector_share")

    # then: health's row is gone and the city value follows
    assert ("sector", city.health.pk) not in values_of("cross_sector_share")
    expect(value_of("cross_sector_share"), 1, 1, 1)


def test_recomputing_one_period_keeps_the_others(city: City, compute: Compute, value_of: ValueOf):
    # given: January and February computed
    initiative(city.museum, city.school)
    compute("cross_sector_share", since=JAN, until=date(2025, 3, 1))

    # when: only February is recomputed after the initiative is gone
    Initiative.objects.all().delete()
    compute("cross_sector_share", since=FEB, until=date(2025, 3, 1))

    # then
    expect(value_of("cross_sector_share"), 1, 1, 1)
    expect(value_of("cross_sector_share", start=FEB), 0, 0, None)


def test_a_closed_initiative_without_an_end_date_ends_on_its_last_update(
    city: City, compute: Compute, value_of: ValueOf
):
    # given: a discontinued cross-sector initiative last updated at 00:30 on 1 February Helsinki time (still
    # 31 January in UTC), and a completed one-sector initiative last updated on 20 January
    discontinued = initiative(city.museum, city.school, status=DISCONTINUED, start=date(2024, 10, 1))
    completed = initiative(city.clinic, status=COMPLETED, start=date(2024, 10, 1))
    Initiative.objects.filter(pk=discontinued.pk).update(updated_at=datetime(2025, 2, 1, 0, 30, tzinfo=HELSINKI))
    Initiative.objects.filter(pk=completed.pk).update(updated_at=datetime(2025, 1, 20, 8, tzinfo=HELSINKI))

    # when
    compute("cross_sector_share", since=JAN, until=date(2025, 4, 1))

    # then: both count in January; in February (local date of the last update) only the discontinued one
    expect(value_of("cross_sector_share"), 1, 2, 1 / 2)
    expect(value_of("cross_sector_share", start=FEB), 1, 1, 1)
    expect(value_of("cross_sector_share", start=date(2025, 3, 1)), 0, 0, None)


def test_a_unit_in_two_roles_counts_once(city: City, compute: Compute, value_of: ValueOf):
    # given: the museum leads and also funds an initiative with the school
    item = initiative(city.museum, city.school)
    ParticipationFactory(initiative=item, unit=city.museum, role=Participation.Role.FUNDER)

    # when
    compute("sector_diversity")
    compute("ei_index")

    # then: units museum and school, one of each sector: Blau 1 − (½² + ½²); one external tie
    expect(value_of("sector_diversity"), 0.5, 1, 0.5)
    expect(value_of("ei_index"), 1, 1, 1)


@pytest.fixture
def busy_year(city: City) -> None:
    """2025 with something for every scope of every implemented indicator."""
    programme = new_programme(city)
    spanner, contact = person(city.school, spanner=True), person(city.museum)
    goal = StrategyGoalFactory(sector=city.culture)
    # culture–education in 2024 and 2025, so ties last
    initiative(city.museum, city.school, start=date(2024, 6, 1), end=date(2024, 6, 30))
    busy = initiative(
        city.museum,
        city.school,
        city.clinic,
        programme=programme,
        contact_persons=[spanner, contact],
        strategy_goals=[goal],
        created_at=datetime(2025, 3, 1, 12, tzinfo=HELSINKI),
        start=date(2025, 3, 1),
    )
    FundingFactory(initiative=busy, source_unit=city.museum, year=2025)
    FundingFactory(initiative=busy, source_unit=city.school, year=2025)
    OutcomeFactory(initiative=busy, recorded_on=date(2025, 6, 1))
    done = initiative(
        city.library,
        city.clinic,
        status=COMPLETED,
        start=date(2025, 2, 1),
        end=date(2025, 5, 31),
        programme=programme,
        created_at=datetime(2025, 1, 15, 12, tzinfo=HELSINKI),
    )
    OutcomeFactory(initiative=done, recorded_on=date(2025, 5, 1))
    MeetingFactory(programme=programme, held_on=date(2025, 4, 1), attendees=[spanner, contact])
    hall = SpaceFactory(owner_unit=city.museum)
    BookingFactory(
        space=hall,
        booker=UserFactory(home_unit=city.school),
        period=DateTimeTZRange(datetime(2025, 3, 3, 10, tzinfo=HELSINKI), datetime(2025, 3, 3, 12, tzinfo=HELSINKI)),
    )
    # a closed pulse round of the programme: three of the museum's people rate the school (a group large enough)
    pulse = PulseRound.objects.create(
        title="Pulse",
        programme=programme,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 5, 31),
        closes_on=date(2025, 6, 15),
        state=PulseRound.State.CLOSED,
        closed_at=datetime(2025, 6, 16, tzinfo=HELSINKI),
    )
    for _ in range(3):
        PulseInvitation.objects.create(round=pulse, person=person(city.museum), answered=True)
        response = PulseResponse.objects.create(round=pulse, unit=city.museum, sector=city.culture)
        PulseRating.objects.create(
            response=response, rated_unit=city.school, rated_sector=city.education, **dict.fromkeys(ITEMS, 3)
        )
    contact_user = UserFactory(home_unit=city.museum)
    # a partner request the museum posted, answered a week later
    request = PartnerRequestFactory(
        author=contact_user, unit=city.museum, created_at=datetime(2025, 4, 1, 12, tzinfo=HELSINKI)
    )
    PartnerAnswer.objects.create(
        request=request, responder=UserFactory(), created_at=datetime(2025, 4, 8, 12, tzinfo=HELSINKI)
    )


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_each_indicator_writes_the_scopes_the_catalogue_lists(code: str, busy_year: None, compute: Compute):
    # when
    compute(code, kind="year", since=JAN, until=date(2026, 1, 1))

    # then
    written = set(IndicatorValue.objects.filter(indicator__code=code).values_list("scope", flat=True))
    assert written == set(BY_CODE[code].scopes)


def test_outcome_progress_rolls_up_weighted_outcomes_as_of_each_periods_end(compute: Compute, value_of: ValueOf):
    # given the hand-worked city of tests/initiatives/rollup.py (weights 1, 2, 3; numbers and % only; one
    # initiative without outcomes, one whose outcome comes in July)
    city = rollup.build()

    # when June and July 2025 are computed
    compute("outcome_progress", since=rollup.JUNE, until=date(2025, 8, 1))

    # then each scope's Σ weight × progress ÷ Σ weight over its initiatives with outcomes by the period's end
    expect(value_of("outcome_progress", start=rollup.JUNE), 4.25, 7, 4.25 / 7)
    expect(value_of("outcome_progress", "programme", city.programme.pk, start=rollup.JUNE), 4.15, 6, 4.15 / 6)
    expect(value_of("outcome_progress", "goal", city.goal.pk, start=rollup.JUNE), 2.9, 4, 2.9 / 4)
    expect(value_of("outcome_progress", start=rollup.JULY), 4.85, 8, 4.85 / 8)
    expect(value_of("outcome_progress", "programme", city.programme.pk, start=rollup.JULY), 4.75, 7, 4.75 / 7)
    # and the page, as of the period's last day, says the same
    assert progress.programme_progress(city.programme, as_of=rollup.JUNE_END).value == pytest.approx(4.15 / 6)


def test_outcome_progress_has_no_value_before_any_outcome(compute: Compute, value_of: ValueOf):
    # given an initiative whose only outcome comes in February
    OutcomeFactory(initiative=InitiativeFactory(programme=ProgrammeFactory()), recorded_on=FEB)

    # when January is computed
    compute("outcome_progress")

    # then the city has a row without a value, and no programme row
    expect(value_of("outcome_progress"), 0, 0, None)
    assert value_of("outcome_progress", "programme", Programme.objects.get().pk) is None
