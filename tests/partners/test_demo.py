"""The demo's partners: two members of associations that take part in demo initiatives, one waiting for approval,
and partner requests posted by partners."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.partner_requests.models import PartnerRequest
from apps.partners.models import Membership
from tests.partners.factories import PartnerClient

pytestmark = pytest.mark.django_db


def test_the_demo_has_partner_members_a_waiting_request_and_partner_posts():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # a second run changes nothing

    partners = User.objects.filter(kind=User.Kind.PARTNER)
    assert set(partners.values_list("username", flat=True)) == {"kumppani", "partner", "jasen"}
    statuses = dict(Membership.objects.values_list("user__username", "status"))
    assert statuses == {"kumppani": "approved", "partner": "approved", "jasen": "pending"}
    assert PartnerRequest.objects.filter(author__kind=User.Kind.PARTNER).count() == 2

    # A demo partner's home lists initiatives of their organisation and the request waiting for them
    page = PartnerClient(User.objects.get(username="kumppani")).get(reverse("partners:home")).content.decode()
    assert "/partners/initiatives/" in page and "1 request waiting" in page
