"""The dashboards in a real browser: headless Debian Chromium driven by Playwright, checked with axe-core."""

import datetime
import re
from pathlib import Path

import pytest

from apps.accounts.roles import Role
from apps.indicators.computations.engine import PERSON_NETWORK_JOB, UNIT_NETWORK_JOB, compute_job
from tests.browser import browser_page, needs_chromium, wcag_violations
from tests.dashboards.conftest import make_initiative, monthly_values
from tests.indicators.factories import IndicatorRunFactory, SectorTieFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "correct horse battery"  # pragma: allowlist secret
__all__ = ["browser_page"]  # the fixture, imported for the test below

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, username="maija", password=PASSWORD)


@pytest.fixture
def city(settings):
    """A year of values, a network and one cross-sector initiative behind the numbers."""
    culture = SectorFactory(name="Culture", slug=settings.SILTA_CULTURE_SECTOR_SLUG)
    others = [SectorFactory(name=name) for name in ("Education", "Social and health", "Urban environment")]
    external = SectorFactory(name="Civil society", slug="civil-society", kind="external")
    monthly_values("cross_sector_share", [0.18, 0.2, 0.21, 0.24, 0.23, 0.26, 0.28, 0.27, 0.3, 0.31, 0.33, 0.35])
    monthly_values("network_density", [0.3, 0.32, 0.33, 0.35, 0.4, 0.41, 0.4, 0.45, 0.47, 0.5, 0.5, 0.52])
    monthly_values("key_person_risk", [0.6, 0.58, 0.55, 0.55, 0.5, 0.49, 0.47, 0.45, 0.46, 0.44, 0.42, 0.4])
    monthly_values("time_to_partner", [120.0, 118, 110, 104, 100, 96, 90, 92, 88, 80, 78, 75])
    monthly_values("joint_funding_share", [0.12, 0.12, 0.14, 0.15, 0.15, 0.17, 0.2, 0.19, 0.21, 0.22, 0.22, 0.25])
    monthly_values("strategy_alignment", [0.7, 0.72, 0.71, 0.74, 0.75, 0.75, 0.78, 0.8, 0.79, 0.81, 0.83, 0.84])
    monthly_values("bus_factor", [3.0, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6])
    for space_id in (1, 2, 3):
        monthly_values(
            "space_utilisation", [0.2 + 0.1 * space_id + 0.01 * i for i in range(12)], scope="space", scope_id=space_id
        )
    monthly_values("space_utilisation", [0.4 + 0.01 * i for i in range(12)])
    monthly_values("shared_space_use", [0.1 + 0.02 * i for i in range(12)])
    for index, sector in enumerate([culture, *others, external]):
        monthly_values("cross_sector_share", [0.2 + 0.05 * index] * 12, scope="sector", scope_id=sector.pk)
    october = datetime.date(2026, 10, 1)
    education, social, urban = others
    ties = {
        (culture, education): 9,
        (culture, social): 4,
        (education, social): 6,
        (urban, external): 2,
        (culture, external): 5,
    }
    for (a, b), count in ties.items():
        SectorTieFactory(sector_a=a, sector_b=b, initiatives=count, period_start=october)
    make_initiative(
        "Library in schools",
        [UnitFactory(sector=culture), UnitFactory(sector=others[0])],
        start=datetime.date(2026, 1, 1),
    )
    IndicatorRunFactory()


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation on the page."""
    assert wcag_violations(page) == []


def test_a_manager_reads_the_dashboards_in_a_browser(live_server, city, manager, browser_page):
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)

    # Given a manager who logs in
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboards/")
    page.fill("#id_username", "maija")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Log in')")

    # When she opens the overview, it shows the tiles of the newest period and passes axe-core's checks
    page.wait_for_url(re.compile(r"/dashboards/$"))
    assert page.locator("#tile-cross_sector_share .indicator-tile__value").inner_text() == "35.0 %"
    page.screenshot(path=ARTIFACTS / "dashboard-overview.png", full_page=True)
    page.screenshot(path=ARTIFACTS / "dashboard-overview-top.png")  # the README's picture
    assert_accessible(page)

    # When she switches the period, the URL and the tiles follow
    page.select_option("#id_period", "2026-03-01")
    page.click("button[type=submit]:has-text('Show')")
    page.wait_for_url(re.compile(r"period=2026-03-01"))
    assert page.locator("#tile-cross_sector_share .indicator-tile__value").inner_text() == "23.0 %"

    # When she switches to Finnish, the same period reads in Finnish with a decimal comma
    page.select_option("#language-select", "fi")
    page.click(".language-switcher button[type=submit]")
    page.wait_for_function("document.documentElement.lang === 'fi'")
    assert "period=2026-03-01" in page.url
    assert page.locator("#tile-cross_sector_share .indicator-tile__value").inner_text() == "23,0 %"
    assert "maaliskuu 2026" in page.locator("#id_period").inner_text().lower()
    page.screenshot(path=ARTIFACTS / "dashboard-overview-fi.png", full_page=True)

    # Then a tile clicks through to the initiatives behind its number
    page.click("#tile-cross_sector_share h3 a")
    page.wait_for_url(re.compile(r"/dashboards/indicators/cross_sector_share/"))
    assert "Library in schools" in page.locator("main table").inner_text()
    page.screenshot(path=ARTIFACTS / "dashboard-drilldown.png", full_page=True)

    # And the trends chart and the network are drawn
    page.goto(f"{live_server.url}/dashboards/trends/?indicator=cross_sector_share&compare=sector&period=2026-10-01")
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('canvas[data-chart]'))")
    # a small chart per sector (five), each with the city as its reference line, on one shared scale
    charts = "[...document.querySelectorAll('canvas[data-chart]')].map(c => Chart.getChart(c))"
    assert page.evaluate(f"{charts}.map(chart => chart.data.datasets.length)") == [2] * 5
    assert len(set(page.evaluate(f"{charts}.map(chart => chart.scales.y.max)"))) == 1
    page.screenshot(path=ARTIFACTS / "dashboard-trends.png", full_page=True)
    assert_accessible(page)
    page.goto(f"{live_server.url}/dashboards/network/?period=2026-10-01")
    assert page.locator("svg.network line").count() == 5 + 1  # five ties and the hatch pattern's line
    page.screenshot(path=ARTIFACTS / "dashboard-network.png", full_page=True)
    assert_accessible(page)
    page.goto(f"{live_server.url}/dashboards/premises/")
    assert page.locator("main table").count() == 2  # all spaces over time, and per space
    page.screenshot(path=ARTIFACTS / "dashboard-premises.png", full_page=True)
    assert_accessible(page)


@pytest.fixture
def unit_city(settings) -> dict:
    """A unit network computed for October: the library links a culture group and an education pair."""
    october = datetime.date(2026, 10, 1)
    culture = SectorFactory(name="Culture", slug=settings.SILTA_CULTURE_SECTOR_SLUG)
    education = SectorFactory(name="Education")
    museum, library, theatre = (UnitFactory(sector=culture, name=name) for name in ("Museum", "Library", "Theatre"))
    school, daycare = UnitFactory(sector=education, name="School"), UnitFactory(sector=education, name="Daycare")
    reading = make_initiative("Reading week", [library, school], start=october)
    art = make_initiative("Art trail", [museum, library, theatre], start=october)
    make_initiative("Playground", [school, daycare], start=october)
    librarian = PersonFactory(unit=library, first_name="Liisa", is_boundary_spanner=True)
    reading.contact_persons.set([librarian, PersonFactory(unit=school)])
    art.contact_persons.set([librarian, PersonFactory(unit=museum)])
    monthly_values("cross_sector_share", [0.2] * 12)
    for job in (UNIT_NETWORK_JOB, PERSON_NETWORK_JOB):
        compute_job(job, period_kind="month", since=october, until=datetime.date(2026, 11, 1))
    return {"school": school.pk, "museum": museum.pk}


def test_a_manager_clicks_a_unit_of_the_unit_network_and_sees_its_initiatives(
    live_server, unit_city, manager, browser_page
):
    # Given a manager who logs in and opens the unit network of October
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboards/network/units/%3Fperiod%3D2026-10-01")
    page.fill("#id_username", "maija")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Log in')")
    page.wait_for_url(re.compile(r"/dashboards/network/units/"))

    # When the graph is drawn (the layout runs without animation, so its positions are final) and she clicks
    # the school's node
    page.wait_for_function("() => Boolean(document.getElementById('unit-network').unitNetwork)")
    box = page.locator("#unit-network").bounding_box()
    school = unit_city["school"]
    position = page.evaluate(
        f"() => document.getElementById('unit-network').unitNetwork.getElementById('{school}').renderedPosition()"
    )
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])

    # Then the school's initiatives are listed, and the page passes axe-core's checks
    page.wait_for_selector("#unit-initiatives li")
    listed = page.locator("#unit-initiatives").inner_text()
    assert "Reading week" in listed and "Playground" in listed and "Art trail" not in listed
    page.screenshot(path=ARTIFACTS / "dashboard-unit-network.png", full_page=True)
    assert_accessible(page)

    # And the table alternative lists a unit's initiatives too, without the picture
    page.click(f"a.unit-link[data-unit='{unit_city['museum']}']")
    page.wait_for_function("() => document.getElementById('unit-initiatives').innerText.includes('Art trail')")
    assert "Reading week" not in page.locator("#unit-initiatives").inner_text()

    # And the person network draws the contact persons, the spanner marked, and passes axe-core's checks
    page.goto(f"{live_server.url}/dashboards/network/people/?period=2026-10-01")
    page.wait_for_function("() => Boolean(document.getElementById('unit-network').unitNetwork)")
    assert "boundary spanner" in page.locator("main table").inner_text()
    page.screenshot(path=ARTIFACTS / "dashboard-person-network.png", full_page=True)
    assert_accessible(page)
