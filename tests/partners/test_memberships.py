"""Joining an organisation: a partner asks, a member or the city decides; the membership gives the partner role for
the organisation's unit and that home unit, and ending it takes both away."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.models import RoleAssignment
from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, NotAllowed
from apps.notifications.models import Notification
from apps.partners import services
from apps.partners.models import Membership
from apps.sectors.models import Person
from tests.organisations.factories import OrganisationFactory
from tests.partners.factories import PartnerClient, member, partner_account, pending

pytestmark = pytest.mark.django_db


def test_a_request_tells_the_organisations_members_and_the_citys_administrators(
    organisation, partner, city_admin, make_user
):
    # Given a member (``partner``), a city administrator and an official who decides nothing
    official = make_user(Role.OFFICIAL)
    applicant = partner_account(first_name="Eino", last_name="Basso")

    # When a partner asks to join
    membership = pending(applicant, organisation)

    # Then the member and the administrator are told, nobody else
    told = set(Notification.objects.filter(kind="partners.membership_requested").values_list("recipient", flat=True))
    assert told == {partner.pk, city_admin.pk}
    assert official.pk not in told and applicant.pk not in told
    assert membership.status == Membership.Status.PENDING


def test_a_member_approves_and_the_new_member_gets_role_home_unit_and_directory_entry(organisation, partner):
    applicant = partner_account(first_name="Eino", last_name="Basso")
    membership = pending(applicant, organisation)

    services.membership_approve(by=partner, membership=membership)

    applicant.refresh_from_db()
    assert applicant.home_unit_id == organisation.unit_id
    assert RoleAssignment.objects.filter(user=applicant, role=Role.PARTNER, unit=organisation.unit).exists()
    person = Person.objects.get(user=applicant)
    assert (person.unit_id, person.first_name, person.listing_consent) == (organisation.unit_id, "Eino", False)
    assert Notification.objects.filter(recipient=applicant, kind="partners.membership_decided").exists()


def test_nobody_decides_on_their_own_request_nor_on_another_organisations(organisation, city_admin, make_user):
    applicant = partner_account()
    membership = pending(applicant, organisation)
    outsider = member(OrganisationFactory(), by=city_admin)
    for decider in (applicant, outsider, make_user(Role.OFFICIAL), make_user(Role.MANAGER)):
        with pytest.raises(NotAllowed):
            services.membership_approve(by=decider, membership=membership)
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.PENDING


def test_one_organisation_at_a_time(organisation):
    applicant = partner_account()
    pending(applicant, organisation)
    with pytest.raises(Conflict):
        pending(applicant, OrganisationFactory())
    assert Membership.objects.filter(user=applicant).count() == 1


def test_a_refused_person_may_ask_again(organisation, partner):
    applicant = partner_account()
    services.membership_refuse(by=partner, membership=pending(applicant, organisation), reason="Not known to us")
    assert pending(applicant, organisation).status == Membership.Status.PENDING


def test_ending_a_membership_takes_the_role_and_home_unit_away(organisation, partner, city_admin):
    membership = Membership.objects.get(user=partner, status=Membership.Status.APPROVED)
    services.membership_end(by=city_admin, membership=membership)
    partner.refresh_from_db()
    assert partner.home_unit_id is None
    assert not RoleAssignment.objects.filter(user=partner, role=Role.PARTNER).exists()
    # and the partner pages of the organisation close to them
    client = PartnerClient(partner)
    assert client.get(reverse("partners:home")).status_code == 200  # back to "join your organisation"
    assert "Join your organisation" in client.get(reverse("partners:home")).content.decode()


def test_joining_through_the_pages(organisation, partner):
    applicant = partner_account(first_name="Eino", last_name="Basso")
    client = PartnerClient(applicant)
    response = client.post(reverse("partners:join"), {"organisation": organisation.pk, "message": "Bass section"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=applicant)

    # The member sees the request and approves it on the members page
    member_client = PartnerClient(partner)
    page = member_client.get(reverse("partners:memberships")).content.decode()
    assert "Eino Basso" in page and "Bass section" in page
    assert member_client.post(reverse("partners:membership_approve", args=[membership.pk])).status_code == 302
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.APPROVED

    # The new member's home shows the organisation
    assert "Espoon Kuorot ry" in client.get(reverse("partners:home")).content.decode()


def test_a_request_for_an_unknown_organisation_is_a_form_error(db):
    client = PartnerClient(partner_account())
    response = client.post(reverse("partners:join"), {"organisation": 999999})
    assert response.status_code == 400
    assert not Membership.objects.exists()
