"""The programme list downloads as CSV and Excel: dates as dates, the budget as euros."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from tests.downloads import csv_rows, xlsx_sheet
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_the_programme_list_downloads_with_typed_cells(client_for):
    programme = ProgrammeFactory(
        name="Culture for wellbeing",
        start_date=datetime.date(2026, 1, 1),
        end_date=None,
        yearly_budget=Decimal("125000.50"),
    )
    programme.sectors.set([SectorFactory(name="Culture"), SectorFactory(name="Health")])
    client = client_for(Role.OFFICIAL)

    sheet = xlsx_sheet(client.get(reverse("programmes:export_xlsx")))
    client.cookies["django_language"] = "sv"
    swedish = csv_rows(client.get(reverse("programmes:export")), delimiter=";")

    row = sheet[2]
    assert row[0].value == "Culture for wellbeing"
    assert row[3].value == "Culture, Health"
    assert row[4].value == datetime.datetime(2026, 1, 1) and row[4].is_date
    assert row[5].value is None
    assert row[7].value == 125000.5 and row[7].number_format == "0.00"
    assert swedish[1][7] == "125000,50"


def test_the_programme_list_links_its_downloads(official_client):
    ProgrammeFactory()

    content = official_client.get(reverse("programmes:list")).content.decode()

    assert reverse("programmes:export_xlsx") in content and "Download Excel" in content
