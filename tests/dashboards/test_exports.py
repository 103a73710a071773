"""Every dashboard table downloads as CSV and as Excel, rounded as the page shows it, in the user's language."""

import datetime

import pytest
from django.urls import reverse

from apps.initiatives.models import Initiative
from tests.dashboards.conftest import LAST_MONTH, make_initiative, monthly_values
from tests.downloads import csv_rows, xlsx_rows, xlsx_sheet
from tests.indicators.factories import SectorTieFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboards:overview")
TRENDS = reverse("dashboards:trends")
NETWORK = reverse("dashboards:network")
PREMISES = reverse("dashboards:premises")
DRILLDOWN = reverse("dashboards:drilldown", args=["cross_sector_share"])

TABLES = [
    (OVERVIEW, {"download": "tiles"}, "Code"),
    (TRENDS, {"indicator": "cross_sector_share", "download": "trend"}, "Series"),
    (NETWORK, {"period": "2026-10-01", "download": "ties"}, "Sector"),
    (NETWORK, {"period": "2026-10-01", "download": "sectors"}, "Sector"),
    (PREMISES, {"download": "city"}, "Indicator"),
    (PREMISES, {"download": "spaces"}, "Space"),
    (PREMISES, {"download": "heatmap"}, "Weekday"),
    (DRILLDOWN, {"period": "2026-10-01", "download": "initiatives"}, "Initiative"),
]


@pytest.mark.parametrize(("url", "params", "first_header"), TABLES)
def test_every_dashboard_table_downloads_as_excel_and_csv(manager_client, city_year, url, params, first_header):
    workbook = manager_client.get(url, {**params, "format": "xlsx"})
    text = manager_client.get(url, {**params, "format": "csv"})

    assert workbook.status_code == text.status_code == 200
    assert xlsx_rows(workbook)[0][0] == first_header
    assert csv_rows(text)[0][0] == first_header


@pytest.mark.parametrize(("url", "params", "first_header"), TABLES)
def test_a_dashboard_download_is_for_managers_as_the_page(official_client, url, params, first_header):
    assert official_client.get(url, {**params, "format": "xlsx"}).status_code == 403


def test_the_overview_workbook_holds_numbers_rounded_and_formatted_as_on_the_page(manager_client, city_year):
    monthly_values("degree_centralization", [2.456])  # an index: two decimals on the page

    sheet = xlsx_sheet(manager_client.get(OVERVIEW, {"download": "tiles", "format": "xlsx"}))

    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    share = rows["cross_sector_share"]
    assert [share[3].value, share[4].value] == [32, 100]
    assert share[-1].value == pytest.approx(0.32) and share[-1].number_format == "0.0%"
    assert share[-1].data_type == "n"
    days = rows["time_to_partner"][-1]
    assert days.value == 46 and days.number_format == "0"
    assert rows["degree_centralization"][-1].value == pytest.approx(2.46)
    assert rows["degree_centralization"][-1].number_format == "0.00"
    assert sheet["F1"].value == "2025-11-01" and sheet["A1"].font.bold


def test_the_finnish_csv_has_semicolons_decimal_commas_and_finnish_headers(manager_client, city_year):
    manager_client.cookies["django_language"] = "fi"

    rows = csv_rows(manager_client.get(OVERVIEW, {"download": "tiles"}), delimiter=";")

    assert rows[0][:3] == ["Tunnus", "Mittari", "Teema"]
    share = next(row for row in rows if row[0] == "cross_sector_share")
    assert share[-1] == "0,320"


def test_the_swedish_workbook_has_swedish_labels_and_yes_no(manager_client, programme):
    culture = SectorFactory(name="Kultur", slug="culture")
    youth = SectorFactory(name="Ungdom")
    SectorTieFactory(
        sector_a=culture, sector_b=youth, programme_id=programme.pk, initiatives=2, period_start=LAST_MONTH
    )
    manager_client.cookies["django_language"] = "sv"

    rows = xlsx_rows(
        manager_client.get(
            NETWORK, {"period": "2026-10-01", "programme": programme.pk, "download": "sectors", "format": "xlsx"}
        )
    )

    assert rows[0][0] == "Sektor"
    assert sorted(row for row in rows[1:] if row[0] in ("Kultur", "Ungdom")) == [
        ["Kultur", "Ja", 2],
        ["Ungdom", "Nej", 2],
    ]


def test_the_drilldown_workbook_has_status_labels_and_date_cells(manager_client):
    units = [UnitFactory(sector=SectorFactory()), UnitFactory(sector=SectorFactory())]
    make_initiative("=cmd|'/c calc'!A1", units, start=datetime.date(2026, 1, 1))

    rows = xlsx_rows(
        manager_client.get(DRILLDOWN, {"period": "2026-10-01", "download": "initiatives", "format": "xlsx"})
    )

    assert rows[1] == ["=cmd|'/c calc'!A1", Initiative.Status.ACTIVE.label, datetime.datetime(2026, 1, 1), None, None]


def test_the_dashboard_pages_link_both_downloads(manager_client, city_year):
    content = manager_client.get(OVERVIEW).content.decode()

    assert "download=tiles&amp;format=xlsx" in content
    assert "Download Excel" in content and "Download CSV" in content
