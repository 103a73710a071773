"""The person directory downloads as CSV and Excel with the page's filter, labels in the user's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from apps.accounts.roles import Role
from tests.downloads import csv_dicts, xlsx_rows
from tests.sectors.factories import PersonFactory, SectorFactory, TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db

CSV = reverse("sectors:export")
XLSX = reverse("sectors:export_xlsx")


@pytest.fixture
def people():
    culture = SectorFactory(name="Culture")
    library = UnitFactory(name="City Library", sector=culture)
    PersonFactory(
        first_name="Aino",
        last_name="Aalto",
        unit=library,
        languages=["fi", "sv"],
        is_boundary_spanner=True,
        email="aino@example.org",
        topics=[TopicFactory(name="Reading")],
    )
    PersonFactory(first_name="Olli", last_name="Other", unit=UnitFactory(sector=SectorFactory(name="Youth")))
    return culture


def test_the_excel_download_holds_the_filtered_people_in_finnish(client_for, people):
    client = client_for(Role.OFFICIAL)
    client.cookies["django_language"] = "fi"

    rows = xlsx_rows(client.get(XLSX, {"sector": people.pk}))

    with translation.override("fi"):
        assert rows[0][:2] == [capfirst(gettext("last name")), capfirst(gettext("first name"))]
        assert rows[1] == [
            "Aalto",
            "Aino",
            "Coordinator",
            "City Library",
            "Culture",
            "Reading",
            f"{gettext('Finnish')}, {gettext('Swedish')}",
            "Kyllä",
            "aino@example.org",
            None,
        ]
    assert len(rows) == 2


def test_the_csv_shows_contact_details_only_to_who_sees_them_on_the_page(client_for, people):
    with_role = csv_dicts(client_for(Role.OFFICIAL).get(CSV))
    without = csv_dicts(client_for().get(CSV))

    assert {row["Last name"] for row in with_role} == {"Aalto", "Other"}
    assert "Email" in with_role[0] and "Email" not in without[0]
    assert not any("aino@example.org" in value for row in without for value in row.values())


def test_a_bad_filter_is_a_400_with_the_field(client_for, people):
    response = client_for(Role.OFFICIAL).get(XLSX, {"sector": "nope"})

    assert response.status_code == 400 and "sector" in response.content.decode()


def test_the_directory_links_both_downloads_with_its_filter(client_for, people):
    content = client_for(Role.OFFICIAL).get(reverse("sectors:person_directory"), {"q": "Aalto"}).content.decode()

    assert f'href="{XLSX}?q=Aalto"' in content and f'href="{CSV}?q=Aalto"' in content
