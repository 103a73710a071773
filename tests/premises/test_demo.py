from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.premises.models import Booking, BookingSeries, Space, Venue

pytestmark = pytest.mark.django_db


def test_demo_premises_are_mostly_culture_spaces_booked_by_many_sectors():
    call_command("seed_demo", stdout=StringIO())

    assert Venue.objects.count() >= 4
    assert Space.objects.count() >= 15
    assert Space.objects.filter(owner_unit__sector__slug="culture").count() > Space.objects.count() / 2
    assert Booking.objects.count() >= 1000
    first, last = Booking.objects.order_by("period").first(), Booking.objects.order_by("period").last()
    assert (last.start - first.start).days >= 300
    assert Booking.objects.values("booker__home_unit__sector").distinct().count() >= 5
    assert Booking.objects.filter(status=Booking.Status.REQUESTED).exists()
    assert BookingSeries.objects.annotate(n=Count("occurrences")).filter(n__gt=5).count() >= 3
    # Spaces open to some sectors only are booked by those sectors only.
    restricted = Space.objects.exclude(allowed_sectors=None).prefetch_related("allowed_sectors")
    assert restricted.exists()
    for space in restricted:
        allowed = {sector.pk for sector in space.allowed_sectors.all()}
        booked_by = set(space.bookings.values_list("booker__home_unit__sector", flat=True))
        assert booked_by <= allowed
    # A few spaces are opened to external bookers, one with terms of use and a price.
    opened = Space.objects.exclude(open_to=[])
    assert opened.count() >= 3
    assert opened.exclude(terms_of_use="").filter(free_of_charge=False).exclude(price_text="").exists()
