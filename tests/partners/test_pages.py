"""The partner pages: only their organisation's initiatives, their part of them, booking opened spaces; and the
partner area keeps a partner out of every staff page and the API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.models import Outcome
from apps.premises import services as premises_services
from apps.premises.models import Booking, ExternalBookers
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.partners.factories import PartnerClient, member
from tests.premises.factories import SpaceFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_initiative(organisation):
    initiative = InitiativeFactory(title="Laulava kortteli")
    ParticipationFactory(initiative=initiative, unit=organisation.unit)
    return initiative


def test_the_home_lists_the_organisations_initiatives_and_no_others(partner_client, own_initiative):
    other = InitiativeFactory(title="Toisen hanke")
    page = partner_client.get(reverse("partners:home")).content.decode()
    assert "Laulava kortteli" in page and "Toisen hanke" not in page
    assert partner_client.get(reverse("partners:initiative", args=[other.pk])).status_code == 404


def test_a_partner_records_an_outcome_and_removes_only_their_own(partner_client, partner, own_initiative):
    url = reverse("partners:initiative", args=[own_initiative.pk])
    response = partner_client.post(
        url,
        {
            "form": "outcome",
            "outcome-text": "40 residents sang",
            "outcome-progress": "50",
            "outcome-recorded_on": "2026-11-30",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(initiative=own_initiative)
    assert (outcome.text, outcome.recorded_by_id) == ("40 residents sang", partner.pk)

    # An outcome the city recorded stays, whatever the partner posts
    city_outcome = Outcome.objects.create(
        initiative=own_initiative, text="City's", progress=10, recorded_on="2026-10-01"
    )
    partner_client.post(reverse("partners:outcome_delete", args=[own_initiative.pk, city_outcome.pk]))
    assert Outcome.objects.filter(pk=city_outcome.pk).exists()
    partner_client.post(reverse("partners:outcome_delete", args=[own_initiative.pk, outcome.pk]))
    assert not Outcome.objects.filter(pk=outcome.pk).exists()


def test_a_partner_names_only_their_organisations_people_as_contacts(partner_client, organisation, own_initiative):
    colleague = PersonFactory(unit=organisation.unit, first_name="Ilona")
    stranger = PersonFactory(first_name="Kalle")
    url = reverse("partners:initiative", args=[own_initiative.pk])
    assert partner_client.post(url, {"form": "contact", "contact-person": stranger.pk}).status_code == 400
    assert partner_client.post(url, {"form": "contact", "contact-person": colleague.pk}).status_code == 302
    assert list(own_initiative.contact_persons.all()) == [colleague]
    # The contact persons of the initiative are the only people of the city they see
    assert "Ilona" in partner_client.get(url).content.decode()


def test_a_partner_books_an_opened_space_and_a_premises_manager_approves(partner_client, partner, make_user):
    manager = make_user(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=manager.home_unit, open_to=[ExternalBookers.ASSOCIATIONS], approval_required=False)
    closed = SpaceFactory()
    assert partner_client.get(reverse("partners:space", args=[closed.pk])).status_code == 404
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = partner_client.post(
        reverse("partners:space", args=[space.pk]),
        {"date": day.isoformat(), "start_time": "10:00", "end_time": "12:00", "attendees": "12", "purpose": "Choir"},
    )
    assert response.status_code == 302, response.content.decode()
    booking = Booking.objects.get(space=space)
    assert (booking.booker_id, booking.status) == (partner.pk, Booking.Status.REQUESTED)  # always approved first
    premises_services.booking_approve(by=manager, booking=booking)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    "url", ["/", "/initiatives/", "/directory/", "/organisations/", "/premises/", "/dashboards/", "/account/tokens/"]
)
def test_the_staff_pages_are_closed_to_a_partner(partner_client, url):
    response = partner_client.get(url)
    if url == "/":
        assert response.status_code == 302 and response["Location"] == reverse("partners:home")
    else:
        assert response.status_code == 403


def test_the_api_is_closed_to_a_partner_session_and_tokens(partner_client, partner):
    response = partner_client.get("/api/v1/initiatives/")
    assert response.status_code == 403 and response.json()["detail"]
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=partner)  # made by any means
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/initiatives/").status_code in (401, 403)


def test_a_member_of_another_organisation_sees_none_of_it(own_initiative, city_admin):
    from tests.organisations.factories import OrganisationFactory

    outsider = PartnerClient(member(OrganisationFactory(), by=city_admin))
    assert outsider.get(reverse("partners:initiative", args=[own_initiative.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "account_logout", "account_reset_password"]
)
def test_the_account_pages_open_for_a_partner_in_silta_s_layout(partner_client, name):
    response = partner_client.get(reverse(name))
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()  # Silta's page around allauth's form


def test_the_account_pages_of_a_signed_in_account_are_closed_to_staff(official_client):
    assert official_client.get(reverse("account_email")).status_code == 403
    assert official_client.get(reverse("account_change_password")).status_code == 403


def test_a_partner_is_offered_only_the_notifications_whose_pages_they_can_open(partner_client):
    page = partner_client.get(reverse("notifications:settings")).content.decode()
    assert "Decisions on your membership" in page and "Requests to join an organisation" in page
    assert "Initiatives not updated for a long time" not in page and "Weekly digest" not in page
