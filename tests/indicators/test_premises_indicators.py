"""The premises indicators on a hand-built month: March 2025 in Helsinki (DST starts on the 30th, no bookings then)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from apps.accounts.roles import Role
from apps.indicators.computations.premises import compute_hourly_use
from apps.indicators.models import IndicatorValue, SpaceHourUsage
from apps.organisations.models import Organisation
from apps.premises import services
from apps.premises.models import Booking, ExternalBookers, OpeningException
from apps.premises.services import bookings_anonymise
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
FEB, MARCH, APRIL = date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=HELSINKI)


def book(space, booker, start: datetime, end: datetime, status: str = Booking.Status.CONFIRMED) -> Booking:
    return BookingFactory(space=space, booker=booker, period=DateTimeTZRange(start, end), status=status)


@pytest.fixture
def premises():
    """A culture hall open weekdays 08-16 (closed on 31 March), a youth room open round the clock, a closed store."""
    culture = UnitFactory(sector=SectorFactory(slug="culture", name="Culture"))
    youth = UnitFactory(sector=SectorFactory(slug="youth", name="Youth"))
    hall = SpaceFactory(owner_unit=culture, hours=[(day, time(8), time(16)) for day in range(5)])
    OpeningException.objects.create(space=hall, date=date(2025, 3, 31), reason="Maintenance")
    room = SpaceFactory(owner_unit=youth, hours=[(day, time(0), time(0)) for day in range(7)])
    store = SpaceFactory(owner_unit=culture, is_bookable=False)
    culture_booker = UserFactory(home_unit=culture)
    youth_booker = UserFactory(home_unit=youth)
    book(hall, youth_booker, at(4, 10), at(4, 12))  # 2 h by another sector
    book(hall, culture_booker, at(5, 9), at(5, 13))  # 4 h by culture itself
    book(hall, youth_booker, at(6, 9), at(6, 12), Booking.Status.CANCELLED)  # ignored
    book(hall, youth_booker, at(7, 9), at(7, 11), Booking.Status.REQUESTED)  # ignored: not confirmed
    book(hall, youth_booker, at(10, 9), at(10, 11), Booking.Status.DECLINED)  # ignored
    book(room, culture_booker, at(28, 20, month=2), at(1, 6))  # 4 h in February, 6 h in March
    book(store, youth_booker, at(12, 9), at(12, 10))  # not bookable: outside utilisation
    return {"hall": hall, "room": room, "store": store}


def test_space_utilisation_is_booked_over_open_hours(premises, compute, values_of):
    compute("space_utilisation", since=FEB, until=APRIL)

    march = values_of("space_utilisation", start=MARCH)
    february = values_of("space_utilisation", start=FEB)
    # March: the hall is open 20 weekdays x 8 h = 160 h (21 weekdays, 31 March closed); confirmed bookings 2 + 4 h.
    # The room is open 31 x 24 h less the hour the clocks skip on the 30th = 743 h; the night booking from
    # 28 February counts its 6 March hours.
    assert march[("space", premises["hall"].pk)] == (6, 160, pytest.approx(6 / 160))
    assert march[("space", premises["room"].pk)] == (6, 743, pytest.approx(6 / 743))
    assert march[("city", 0)] == (12, 903, pytest.approx(12 / 903))
    assert ("space", premises["store"].pk) not in march
    # February: 20 weekdays x 8 h for the hall, 28 x 24 h for the room; the room's 4 h before midnight.
    assert february[("space", premises["hall"].pk)] == (0, 160, 0)
    assert february[("city", 0)] == (4, 832, pytest.approx(4 / 832))


def test_shared_use_counts_hours_booked_by_other_sectors_in_culture_spaces(premises, compute, values_of):
    compute("shared_space_use", since=FEB, until=APRIL)

    march = values_of("shared_space_use", start=MARCH)
    # Culture's hall: 2 of its 6 confirmed hours were booked by youth; its store (not bookable now, but used):
    # 1 of 1. The youth room is not culture's.
    assert march[("space", premises["hall"].pk)] == (2, 6, pytest.approx(1 / 3))
    assert march[("space", premises["store"].pk)] == (1, 1, 1)
    assert march[("city", 0)] == (3, 7, pytest.approx(3 / 7))
    assert ("space", premises["room"].pk) not in march
    # February: no confirmed hours in culture spaces: no value, not a division by zero.
    assert values_of("shared_space_use", start=FEB) == {("city", 0): (0, None, None)}


def test_a_quarter_adds_up_its_months(premises, compute, value_of):
    compute("space_utilisation", kind="quarter", since=date(2025, 1, 1), until=APRIL)

    quarter = value_of("space_utilisation", kind="quarter", start=date(2025, 1, 1))
    # January 23 weekdays, February 20, March 20 (31st closed) x 8 h; the room 90 days x 24 h less the skipped
    # hour of 30 March; 4 + 6 + 2 + 4 h.
    assert (quarter.numerator, quarter.denominator) == (16, (23 + 20 + 20) * 8 + 90 * 24 - 1)


def test_the_heatmap_summary_spreads_confirmed_hours_over_weekdays_and_hours(premises):
    from apps.indicators.computations.engine import compute_job
    from apps.indicators.models import SpaceHourUsage

    compute_job("hourly_use", period_kind="month", since=MARCH, until=APRIL)

    hall = {
        (row.weekday, row.hour): row.booked_hours
        for row in SpaceHourUsage.objects.filter(space_id=premises["hall"].pk, period_start=MARCH)
    }
    everything = SpaceHourUsage.objects.filter(space_id=0, period_start=MARCH)
    # Tue 4 March 10-12 and Wed 5 March 9-13; cancelled, requested and declined bookings leave no trace.
    assert hall == {(1, 10): 1, (1, 11): 1, (2, 9): 1, (2, 10): 1, (2, 11): 1, (2, 12): 1}
    # All spaces: the hall's 6 h, the room's 6 March hours (Sat 1 March 00-06) and the store's hour (Wed 12, 9-10).
    assert sum(row.booked_hours for row in everything) == 13
    assert everything.get(weekday=5, hour=0).booked_hours == 1
    assert everything.get(weekday=2, hour=9).booked_hours == 2


def test_opening_hours_are_real_elapsed_hours_across_the_clock_changes(compute, values_of):
    # given, in 2027 (clocks forward on Sunday 28 March, back on Sunday 31 October): a space open round the
    # clock; one open on Sundays 08-20 (on 28 March, by exception, 02-05 instead); one open on Sundays 00-06
    round_the_clock = SpaceFactory(hours=[(day, time(0), time(0)) for day in range(7)])
    daytime = SpaceFactory(hours=[(6, time(8), time(20))])
    OpeningException.objects.create(space=daytime, date=date(2027, 3, 28), opens=time(2), closes=time(5))
    night = SpaceFactory(hours=[(6, time(0), time(6))])

    # when utilisation is computed by month
    compute("space_utilisation", since=date(2027, 3, 1), until=date(2027, 11, 1))

    # then the opening hours are the hours that really pass
    march = values_of("space_utilisation", start=date(2027, 3, 1))
    october = values_of("space_utilisation", start=date(2027, 10, 1))
    # 31 days x 24 h, less the skipped hour / plus the repeated one.
    assert march[("space", round_the_clock.pk)][1] == 743
    assert october[("space", round_the_clock.pk)][1] == 745
    # Sundays 7, 14, 21 x 12 h and 02-05 on the 28th, which is 2 h; 3, 10, 17, 24, 31 October x 12 h.
    assert march[("space", daytime.pk)][1] == 3 * 12 + 2
    assert october[("space", daytime.pk)][1] == 5 * 12
    # 00-06 is 5 h on 28 March and 7 h on 31 October.
    assert march[("space", night.pk)][1] == 3 * 6 + 5
    assert october[("space", night.pk)][1] == 4 * 6 + 7
    assert march[("city", 0)][1] == 743 + 38 + 23
    # a month without a clock change counts the wall clock
    assert values_of("space_utilisation", start=date(2027, 4, 1))[("space", round_the_clock.pk)][1] == 720


def test_anonymised_bookings_leave_every_premises_value_as_it_was(premises, compute, settings):
    # Given the premises indicators and the heatmap computed over bookings of long ago
    def computed() -> tuple[list, list]:
        for code in ("space_utilisation", "shared_space_use"):
            compute(code, since=FEB, until=APRIL)
        compute_hourly_use(period_kind="month", since=FEB, until=APRIL)
        values = IndicatorValue.objects.order_by("indicator__code", "scope", "scope_id", "period_kind", "period_start")
        hours = SpaceHourUsage.objects.order_by("period_kind", "period_start", "space_id", "weekday", "hour")
        return (
            list(
                values.values_list(
                    "indicator__code", "scope", "scope_id", "period_start", "numerator", "denominator", "value"
                )
            ),
            list(hours.values_list("period_start", "space_id", "weekday", "hour", "booked_hours")),
        )

    before = computed()

    # When the retention run anonymises every booking (all ended more than a day ago) and they are computed again
    settings.SILTA_BOOKING_RETENTION_DAYS = 1
    assert bookings_anonymise()["bookings"] == Booking.objects.count()
    assert not Booking.objects.filter(booker__isnull=False).exists()
    after = computed()

    # Then every value is exactly what it was (floats compared as stored, not approximately)
    assert before[0] and before[1]
    assert after == before


def test_an_association_s_booking_counts_as_another_sector_s_in_shared_use(make_user, compute, values_of):
    # Given a culture hall opened to associations (instant confirmation for city staff) and, on a Monday ahead,
    # an association's request 10-13 its premises manager approves, a youth official's 14-15, culture's own 16-18
    culture = UnitFactory(sector=SectorFactory(slug="culture", name="Culture"))
    youth = UnitFactory(sector=SectorFactory(slug="youth", name="Youth"))
    hall = SpaceFactory(owner_unit=culture, approval_required=False, open_to=[ExternalBookers.ASSOCIATIONS])
    association = OrganisationFactory(kind=Organisation.Kind.ASSOCIATION)
    member = make_user(Role.OFFICIAL, home_unit=association.unit)
    manager = make_user(Role.PREMISES_MANAGER, home_unit=culture)
    today = timezone.localdate()
    monday = today + timedelta(days=7 + (7 - today.weekday()) % 7)

    def at_hour(hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(monday, time(hour)))

    def book_as(user, start: int, end: int) -> Booking:
        return services.booking_create(
            by=user, space=hall, start=at_hour(start), end=at_hour(end), purpose="Rehearsal", attendees=10
        )

    request = book_as(member, 10, 13)
    services.booking_approve(by=manager, booking=request)
    book_as(make_user(Role.OFFICIAL, home_unit=youth), 14, 15)
    book_as(make_user(Role.OFFICIAL, home_unit=culture), 16, 18)
    month = monday.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)

    # When shared use is computed for that month
    compute("shared_space_use", since=month, until=next_month)

    # Then the association's 3 hours count for its external sector, with youth's 1, against culture's own 2:
    # 4 of 6 confirmed hours by other sectors
    request.refresh_from_db()
    assert request.booker_sector == association.unit.sector
    assert values_of("shared_space_use", start=month)[("space", hall.pk)] == (4, 6, pytest.approx(2 / 3))
