"""The premises admin is read-mostly: bookings are made and decided only through the services that keep the rules."""

from datetime import UTC, datetime

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse

from tests.premises.factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["premises_booking", "premises_bookingseries"])
def test_the_admin_adds_no_booking_past_the_services(admin_client, name):
    listing = admin_client.get(reverse(f"admin:{name}_changelist"))
    adding = admin_client.get(reverse(f"admin:{name}_add"))

    assert listing.status_code == 200
    assert adding.status_code == 403


def test_the_admin_shows_a_booking_without_letting_its_slot_or_status_be_edited(admin_client):
    booking = BookingFactory(
        period=DateTimeTZRange(datetime(2026, 3, 2, 9, tzinfo=UTC), datetime(2026, 3, 2, 11, tzinfo=UTC))
    )

    page = admin_client.get(reverse("admin:premises_booking_change", args=[booking.pk]))

    assert page.status_code == 200
    fields = page.context["adminform"].form.fields
    assert "status" not in fields
    assert "period" not in fields
