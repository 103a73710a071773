"""A partner's personal data: the right of access shows their memberships and addresses; erasure scrubs the
membership's message and removes the account's addresses."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from apps.partners.models import Membership
from apps.sectors.models import PersonalDataAccess
from apps.sectors.services import person_data_export, person_erase

pytestmark = pytest.mark.django_db


def test_a_partners_data_shows_their_membership_and_erasure_removes_their_addresses(partner, city_admin):
    Membership.objects.filter(user=partner).update(message="Aino Laulaja, choir leader")
    person = partner.person

    sections = {
        section.key: section
        for section in person_data_export(by=city_admin, person=person, channel=PersonalDataAccess.Channel.PAGE)
    }

    [membership] = sections["memberships"].records()
    assert (membership["organisation"], membership["message"]) == ("Espoon Kuorot ry", "Aino Laulaja, choir leader")
    assert [row["email"] for row in sections["email_addresses"].records()] == ["aino@kuorot.example"]

    person_erase(by=city_admin, person=person)

    assert not EmailAddress.objects.filter(user=partner).exists()
    assert "Aino" not in Membership.objects.get(user=partner).message
