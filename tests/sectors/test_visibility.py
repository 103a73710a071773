"""External people who did not agree to be listed: only the officials who work with them on an initiative see them,
in the directory, its download and the API; the consent is recorded with its date."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid
from apps.core.services import validated_save
from apps.sectors.models import Person, Sector
from tests.api_access import call
from tests.clients import UserClient
from tests.downloads import csv_dicts
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("sectors:person_directory")


@pytest.fixture
def ngo():
    """An NGO with a person who agreed to be listed and one who did not; a city person besides."""
    unit = UnitFactory(name="Youth NGO", sector=SectorFactory(name="Civil society", kind=Sector.Kind.EXTERNAL))
    return {
        "unit": unit,
        "listed": PersonFactory(first_name="Lotta", last_name="Listed", unit=unit, listed=True),
        "unlisted": PersonFactory(first_name="Ulla", last_name="Unlisted", unit=unit, email="ulla@example.org"),
        "city": PersonFactory(first_name="Cecilia", last_name="City"),
    }


@pytest.fixture
def partner(make_user, ngo):
    """An official whose unit takes part in an initiative where the unlisted person is a contact."""
    official = make_user(Role.OFFICIAL)
    initiative = InitiativeFactory(contact_persons=[ngo["unlisted"]])
    ParticipationFactory(initiative=initiative, unit=official.home_unit)
    return official


def _directory_names(user) -> set[str]:
    return {person.last_name for person in UserClient(user).get(DIRECTORY).context["page"]}


def _api_names(user) -> set[str]:
    return {person["last_name"] for person in call(user, "get", "/api/v1/persons/").json()["results"]}


def _download_names(user) -> set[str]:
    return {row["Last name"] for row in csv_dicts(UserClient(user).get(reverse("sectors:export")))}


@pytest.mark.parametrize("read", [_directory_names, _api_names, _download_names])
def test_an_official_not_working_with_an_unlisted_person_does_not_find_them(make_user, ngo, read):
    assert read(make_user(Role.OFFICIAL)) == {"Listed", "City"}


@pytest.mark.parametrize("read", [_directory_names, _api_names, _download_names])
def test_an_official_whose_unit_works_with_the_unlisted_person_finds_them(partner, read):
    assert read(partner) == {"Listed", "Unlisted", "City"}


@pytest.mark.parametrize("read", [_directory_names, _api_names, _download_names])
def test_an_administrator_finds_everyone(make_user, ngo, read):
    assert read(make_user(Role.ADMIN)) == {"Listed", "Unlisted", "City"}


def test_the_unlisted_person_finds_themself(make_user, ngo):
    me = make_user(Role.OFFICIAL)
    Person.objects.filter(pk=ngo["unlisted"].pk).update(user=me)

    assert _directory_names(me) == {"Listed", "Unlisted", "City"}


def test_the_detail_and_the_contact_details_of_an_unlisted_person_are_not_found_by_others(make_user, partner, ngo):
    # Given an official who does not work with Ulla, and one who does
    stranger = make_user(Role.OFFICIAL)
    ulla = ngo["unlisted"]
    contact = reverse("sectors:person_contact", args=[ulla.pk])

    # Then for the stranger she does not exist; for the partner she does, with her details
    assert call(stranger, "get", f"/api/v1/persons/{ulla.pk}/").status_code == 404
    assert UserClient(stranger).get(contact).status_code == 404
    assert call(partner, "get", f"/api/v1/persons/{ulla.pk}/").json()["email"] == "ulla@example.org"
    assert "ulla@example.org" in UserClient(partner).get(contact).content.decode()


def test_the_directory_query_count_does_not_grow_with_the_audiences(official_client, ngo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    official_client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as few:
        official_client.get(DIRECTORY)
    for _ in range(5):
        ParticipationFactory(
            initiative=InitiativeFactory(contact_persons=[PersonFactory(unit=ngo["unit"])]),
            unit=official_client.user.home_unit,
        )
    with CaptureQueriesContext(connection) as more:
        response = official_client.get(DIRECTORY)

    assert len(response.context["page"]) == 2 + 5
    assert len(more.captured_queries) == len(few.captured_queries)


def test_consent_without_a_date_is_dated_today_and_a_withdrawal_clears_the_date(ngo):
    ulla = ngo["unlisted"]

    ulla.listing_consent = True
    validated_save(ulla)
    dated = Person.objects.get(pk=ulla.pk).listing_consent_since
    ulla.listing_consent = False
    validated_save(ulla)

    assert dated == timezone.localdate()
    assert Person.objects.get(pk=ulla.pk).listing_consent_since is None


def test_the_database_refuses_a_consent_without_a_date(ngo):
    with pytest.raises(IntegrityError):
        Person.objects.filter(pk=ngo["unlisted"].pk).update(listing_consent=True)


def test_a_bad_consent_date_is_a_clear_error_not_a_500(ngo):
    lotta = ngo["listed"]
    lotta.listing_consent_since = datetime.date(2025, 1, 1)
    lotta.listing_consent = True
    validated_save(lotta)  # a dated consent is fine

    lotta.listing_consent_since = "not a date"
    with pytest.raises(Invalid):
        validated_save(lotta)


def test_the_admin_records_the_consent(make_user, ngo):
    admin = UserClient(make_user(is_superuser=True, is_staff=True))
    ulla = ngo["unlisted"]
    url = reverse("admin:sectors_person_change", args=[ulla.pk])

    response = admin.post(
        url,
        {
            "first_name": ulla.first_name,
            "last_name": ulla.last_name,
            "unit": ulla.unit_id,
            "title": ulla.title,
            "email": ulla.email,
            "phone": "",
            "languages": "fi",
            "listing_consent": "on",
            "listing_consent_since": "2026-03-01",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    ulla.refresh_from_db()
    assert (ulla.listing_consent, ulla.listing_consent_since) == (True, datetime.date(2026, 3, 1))
