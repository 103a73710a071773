"""The register's pages: find an organisation by what it does, see its federation, enter one with its unit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.organisations.models import Organisation
from apps.sectors.models import Sector, Unit
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.organisations.factories import ExternalSectorFactory, OrganisationFactory
from tests.sectors.factories import TopicFactory

pytestmark = pytest.mark.django_db

Level = Organisation.Level


def _names(response) -> list[str]:
    return [organisation.unit.name for organisation in response.context["page"]]


def test_the_register_finds_organisations_by_words_kind_level_and_topic(official_client):
    youth = TopicFactory(name="Youth work")
    scouts = OrganisationFactory(unit__name="Scout Group Forest Trail", kind=Organisation.Kind.ASSOCIATION)
    scouts.topics.add(youth)
    OrganisationFactory(unit__name="Cultural Foundation of the East", kind=Organisation.Kind.FOUNDATION)
    OrganisationFactory(unit__name="National Youth Alliance", level=Level.NATIONAL)
    url = reverse("organisations:list")

    assert _names(official_client.get(url, {"q": "forest scout"})) == ["Scout Group Forest Trail"]
    assert _names(official_client.get(url, {"kind": "foundation"})) == ["Cultural Foundation of the East"]
    assert _names(official_client.get(url, {"level": "national"})) == ["National Youth Alliance"]
    assert _names(official_client.get(url, {"topic": youth.pk})) == ["Scout Group Forest Trail"]
    # a bad filter value is a form error on the page, not a server error
    response = official_client.get(url, {"kind": "church"})
    assert response.status_code == 200 and response.context["filter"].errors


def test_the_register_list_reads_a_page_in_a_fixed_number_of_queries(official_client, django_assert_num_queries):
    for _number in range(3):
        OrganisationFactory().topics.add(TopicFactory())
    url = reverse("organisations:list")
    official_client.get(url)  # the session and the filter's cached choices are warm

    with django_assert_num_queries(9) as few:  # the filter choices digested in one statement
        official_client.get(url)
    for _number in range(10):
        OrganisationFactory(parent=OrganisationFactory(level=Level.REGIONAL)).topics.add(TopicFactory())
    with django_assert_num_queries(len(few.captured_queries)):
        official_client.get(url)


def test_an_organisation_page_shows_its_federation_members_and_links_to_its_work(official_client):
    national = OrganisationFactory(unit__name="National Sports Federation", level=Level.NATIONAL)
    regional = OrganisationFactory(unit__name="Uusimaa Sports Federation", level=Level.REGIONAL, parent=national)
    club = OrganisationFactory(unit__name="Sports Club Kiri", parent=regional, business_id="0201256-6")
    ParticipationFactory(initiative=InitiativeFactory(), unit=club.unit)

    page = official_client.get(reverse("organisations:detail", args=[regional.pk])).content.decode()
    club_page = official_client.get(reverse("organisations:detail", args=[club.pk])).content.decode()

    assert "Sports Club Kiri" in page and "National Sports Federation" in page
    assert "National Sports Federation</a> (National) › " in club_page and "0201256-6" in club_page
    assert f"/initiatives/?unit={club.unit_id}" in club_page


def test_an_administrator_enters_an_organisation_with_its_unit(client_for):
    admin = client_for(Role.ADMIN)
    sector = ExternalSectorFactory(name="Civil society")
    district = OrganisationFactory(level=Level.REGIONAL)

    response = admin.post(
        reverse("organisations:create"),
        {
            "name": "Choir Society Kaiku",
            "sector": sector.pk,
            "business_id": "02012566",
            "kind": "association",
            "level": "local",
            "parent": district.pk,
            "languages": ["fi", "sv"],
            "website": "https://kaiku.example.org",
            "description": "A choir of the eastern suburbs.",
        },
    )

    organisation = Organisation.objects.get(unit__name="Choir Society Kaiku")
    assert response.status_code == 302 and response.url == reverse("organisations:detail", args=[organisation.pk])
    assert (organisation.unit.sector, organisation.parent, organisation.business_id) == (sector, district, "0201256-6")
    assert organisation.languages == ["fi", "sv"]
    assert organisation.history.first().history_user == admin.user


def test_the_form_refuses_a_wrong_parent_a_city_sector_and_a_mistyped_business_id_and_saves_nothing(client_for):
    admin = client_for(Role.ADMIN)
    local = OrganisationFactory(level=Level.LOCAL)
    city = ExternalSectorFactory(kind=Sector.Kind.CITY)
    units = Unit.objects.count()

    response = admin.post(
        reverse("organisations:create"),
        {"name": "Club", "sector": city.pk, "business_id": "0201256-5", "kind": "association", "level": "regional"},
    )
    wrong_parent = admin.post(
        reverse("organisations:create"),
        {
            "name": "Club",
            "sector": ExternalSectorFactory().pk,
            "kind": "association",
            "level": "regional",
            "parent": local.pk,
        },
    )

    assert response.status_code == 200 and {"sector", "business_id"} <= set(response.context["form"].errors)
    assert wrong_parent.status_code == 200 and "parent" in wrong_parent.context["form"].errors
    assert Unit.objects.count() == units


def test_renaming_an_organisation_renames_its_unit_everywhere(client_for):
    admin = client_for(Role.ADMIN)
    organisation = OrganisationFactory(unit__name="Old name")

    admin.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {"name": "New name", "sector": organisation.unit.sector_id, "kind": "foundation", "level": "local"},
    )

    organisation.refresh_from_db()
    assert (organisation.unit.name, organisation.kind) == ("New name", "foundation")


def test_only_administrators_change_the_register(official_client):
    organisation = OrganisationFactory()

    response = official_client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {"name": "Taken over", "sector": organisation.unit.sector_id, "kind": "company", "level": "local"},
    )

    organisation.refresh_from_db()
    assert response.status_code == 403 and organisation.kind == Organisation.Kind.ASSOCIATION
