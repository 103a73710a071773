"""The initiative list downloads as Excel with the columns of its CSV, and the CSV in the language's dialect."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.initiatives.exports import CSV_HEADER
from apps.initiatives.models import Initiative
from tests.downloads import csv_dicts, xlsx_sheet
from tests.initiatives.factories import FundingFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active():
    initiative = InitiativeFactory(
        title="Reading, with friends", status=Initiative.Status.ACTIVE, start_date=datetime.date(2026, 2, 1), weight=3
    )
    FundingFactory(initiative=initiative, allocated=Decimal("1000.50"), spent=250)
    InitiativeFactory(title="Idea only", status=Initiative.Status.IDEA)
    return initiative


def test_the_excel_download_has_the_csv_columns_and_the_filtered_rows(official_client, active):
    response = official_client.get(reverse("initiatives:export_xlsx"), {"status": "active"})

    sheet = xlsx_sheet(response)
    assert 'filename="initiatives-' in response["Content-Disposition"]
    assert [cell.value for cell in sheet[1]] == CSV_HEADER
    assert sheet.max_row == 2
    row = {title: cell for title, cell in zip(CSV_HEADER, sheet[2], strict=True)}
    assert row["title"].value == "Reading, with friends"
    assert row["start_date"].value == datetime.datetime(2026, 2, 1) and row["start_date"].is_date
    assert row["allocated_eur"].value == 1000.5 and row["allocated_eur"].number_format == "0.00"
    assert row["involves_residents"].value == "No"
    assert row["weight"].value == 3


def test_the_finnish_csv_has_a_bom_semicolons_and_decimal_commas(official_client, active):
    official_client.cookies["django_language"] = "fi"

    rows = csv_dicts(official_client.get(reverse("initiatives:export"), {"status": "active"}), delimiter=";")

    assert [row["title"] for row in rows] == ["Reading, with friends"]
    assert rows[0]["allocated_eur"] == "1000,50" and rows[0]["start_date"] == "2026-02-01"
    assert rows[0]["involves_ngos"] == "Ei"


def test_a_download_larger_than_the_limit_is_refused_with_a_message(official_client, active, settings):
    settings.SILTA_EXPORT_MAX_ROWS = 1

    response = official_client.get(reverse("initiatives:export_xlsx"))

    assert response.status_code == 400
    assert "more than 1 rows" in response.content.decode()
    assert official_client.get(reverse("initiatives:export_xlsx"), {"status": "active"}).status_code == 200


def test_the_list_links_the_excel_download_with_its_filter(official_client, active):
    content = official_client.get(reverse("initiatives:list"), {"status": "active"}).content.decode()

    assert f'href="{reverse("initiatives:export_xlsx")}?status=active"' in content


def test_an_htmx_filter_change_brings_download_links_with_the_new_filter(official_client, active):
    response = official_client.get(reverse("initiatives:list"), {"status": "idea"}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert '<span id="list-downloads" hx-swap-oob="true">' in content
    assert f'href="{reverse("initiatives:export_xlsx")}?status=idea"' in content
    assert f'href="{reverse("initiatives:export")}?status=idea"' in content
