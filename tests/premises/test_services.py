from datetime import time, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, Invalid, NotAllowed
from apps.premises import services
from apps.premises.models import Booking, OpeningException, Recurrence
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _book(space, booker, start, end, **extra):
    return services.booking_create(
        space=space,
        by=booker,
        start=start,
        end=end,
        purpose="Rehearsal",
        attendees=extra.pop("attendees", 10),
        **extra,
    )


def test_back_to_back_bookings_both_succeed(booker, monday, at):
    space = SpaceFactory()

    first = _book(space, booker, at(monday, 10), at(monday, 12))
    second = _book(space, booker, at(monday, 12), at(monday, 14))

    assert first.status == second.status == Booking.Status.CONFIRMED
    assert Booking.objects.filter(space=space).count() == 2


def test_an_overlapping_booking_is_a_conflict_naming_the_taken_slot(booker, monday, at):
    space = SpaceFactory()
    taken = _book(space, booker, at(monday, 10), at(monday, 12))

    with pytest.raises(Conflict) as refusal:
        _book(space, booker, at(monday, 11), at(monday, 13))

    assert refusal.value.extra["conflict"]["booking"] == taken.pk
    assert refusal.value.extra["conflict"]["start"] == at(monday, 10).isoformat()
    assert "already booked" in refusal.value.message


def test_the_buffer_after_a_booking_counts_as_taken(booker, monday, at):
    space = SpaceFactory(buffer=timedelta(minutes=30))
    _book(space, booker, at(monday, 10), at(monday, 12))

    with pytest.raises(Conflict):
        _book(space, booker, at(monday, 12, 15), at(monday, 13))
    after_buffer = _book(space, booker, at(monday, 12, 30), at(monday, 13))

    assert after_buffer.held_period.upper == at(monday, 13, 30)


def test_a_declined_or_cancelled_booking_frees_its_slot(booker, monday, at):
    space = SpaceFactory()
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)), status="cancelled")
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)), status="declined")

    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    assert booking.is_holding


def test_the_database_refuses_overlaps_that_bypass_the_service(booker, monday, at):
    space = SpaceFactory()
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)), status="requested")

    with pytest.raises(IntegrityError, match="premises_booking_no_overlap"):
        BookingFactory(space=space, period=DateTimeTZRange(at(monday, 11), at(monday, 12)))


def test_other_spaces_are_independent(booker, monday, at):
    _book(SpaceFactory(), booker, at(monday, 10), at(monday, 12))

    other = _book(SpaceFactory(), booker, at(monday, 10), at(monday, 12))

    assert other.pk


@pytest.mark.parametrize(
    ("start_hour", "end_hour", "message"),
    [
        (12, 12, "end must be after the start"),
        (12, 10, "end must be after the start"),
        (6, 9, "not open"),
        (21, 23, "not open"),
    ],
)
def test_bad_ranges_and_closed_hours_are_refused(booker, monday, at, start_hour, end_hour, message):
    space = SpaceFactory()

    with pytest.raises(Invalid, match=message):
        _book(space, booker, at(monday, start_hour), at(monday, end_hour))
    assert not Booking.objects.exists()


def test_a_booking_in_the_past_is_refused(booker, monday, at):
    yesterday = monday - timedelta(days=(monday - monday.today()).days + 1)

    with pytest.raises(Invalid, match="past"):
        _book(SpaceFactory(), booker, at(yesterday, 10), at(yesterday, 12))


def test_a_closure_day_is_refused(booker, monday, at):
    space = SpaceFactory()
    OpeningException.objects.create(space=space, date=monday, reason="Holiday")

    with pytest.raises(Invalid, match="not open"):
        _book(space, booker, at(monday, 10), at(monday, 12))


def test_exceptional_hours_replace_the_weekly_ones(booker, monday, at):
    space = SpaceFactory()
    OpeningException.objects.create(space=space, date=monday, opens=time(12), closes=time(16))

    with pytest.raises(Invalid, match="not open"):
        _book(space, booker, at(monday, 10), at(monday, 12))
    assert _book(space, booker, at(monday, 13), at(monday, 15)).pk


@pytest.mark.parametrize(
    ("rules", "hours", "attendees", "message"),
    [
        ({"min_duration": timedelta(hours=1)}, (10, 10.5), 5, "shortest booking"),
        ({"max_duration": timedelta(hours=2)}, (10, 13), 5, "longest booking"),
        ({"lead_time": timedelta(days=30)}, (10, 12), 5, "at least 30 days"),
        ({"max_advance_days": 3}, (10, 12), 5, "at most 3 days ahead"),
        ({"capacity": 8}, (10, 12), 9, "fits 8 people"),
        ({}, (10, 12), 0, "At least one person"),
    ],
)
def test_rule_violations_are_refused_with_a_clear_message(booker, monday, at, rules, hours, attendees, message):
    space = SpaceFactory(**rules)
    start_hour, end_hour = hours

    with pytest.raises(Invalid, match=message):
        _book(
            space,
            booker,
            at(monday, int(start_hour), int(start_hour % 1 * 60)),
            at(monday, int(end_hour), int(end_hour % 1 * 60)),
            attendees=attendees,
        )


def test_the_weekly_quota_counts_the_bookers_hours_in_that_week(booker, monday, at):
    space = SpaceFactory(weekly_quota_hours=4)
    _book(space, booker, at(monday, 10), at(monday, 13))

    with pytest.raises(Invalid, match="4 hours a week; you already have 3 h"):
        _book(space, booker, at(monday + timedelta(days=2), 10), at(monday + timedelta(days=2), 12))
    next_week = monday + timedelta(days=7)
    assert _book(space, booker, at(next_week, 10), at(next_week, 13)).pk


def test_a_booking_may_run_past_midnight_where_the_space_is_open(booker, monday, at):
    friday = monday + timedelta(days=4)
    space = SpaceFactory(hours=[(4, time(18), time(2))])

    booking = _book(space, booker, at(friday, 20), at(friday + timedelta(days=1), 1, 30))

    assert booking.period.upper - booking.period.lower == timedelta(hours=5, minutes=30)


def test_a_booking_may_run_over_several_days_where_rules_allow(booker, monday, at):
    space = SpaceFactory(hours=[(day, time(0), time(0)) for day in range(7)], max_duration=timedelta(days=3))

    booking = _book(space, booker, at(monday, 9), at(monday + timedelta(days=2), 17))

    assert booking.status == Booking.Status.CONFIRMED
    with pytest.raises(Invalid, match="longest booking"):
        _book(space, booker, at(monday + timedelta(days=3), 9), at(monday + timedelta(days=7), 9))


def test_a_sector_not_allowed_to_book_is_refused(make_user, monday, at):
    culture = SectorFactory(slug="culture")
    space = SpaceFactory(allowed_sectors=[culture])
    outsider = make_user(Role.OFFICIAL)
    insider = make_user(Role.OFFICIAL, home_unit=UnitFactory(sector=culture))

    with pytest.raises(NotAllowed, match="sector may not book"):
        _book(space, outsider, at(monday, 10), at(monday, 12))
    assert _book(space, insider, at(monday, 10), at(monday, 12)).pk


@pytest.mark.parametrize("role", [Role.MANAGER, None])
def test_users_without_a_booking_role_cannot_book(make_user, monday, at, role):
    user = make_user(*([role] if role else []))

    with pytest.raises(NotAllowed):
        _book(SpaceFactory(), user, at(monday, 10), at(monday, 12))


def test_a_space_that_is_not_bookable_refuses_everyone(booker, monday, at):
    with pytest.raises(NotAllowed, match="not open for booking"):
        _book(SpaceFactory(is_bookable=False), booker, at(monday, 10), at(monday, 12))


def _series(space, booker, start, end, until, **extra):
    return services.booking_series_create(
        space=space,
        by=booker,
        start=start,
        end=end,
        recurrence=extra.pop("recurrence", Recurrence.WEEKLY),
        until=until,
        purpose="Choir",
        attendees=12,
        **extra,
    )


def test_series_preview_reports_which_occurrences_conflict(booker, monday, at):
    space = SpaceFactory()
    third = monday + timedelta(weeks=2)
    BookingFactory(space=space, period=DateTimeTZRange(at(third, 17), at(third, 19)))

    occurrences = services.booking_series_preview(
        space=space,
        by=booker,
        start=at(monday, 18),
        end=at(monday, 20),
        recurrence=Recurrence.WEEKLY,
        until=monday + timedelta(weeks=3),
        attendees=12,
    )

    assert [o.start.date() for o in occurrences] == [monday + timedelta(weeks=n) for n in range(4)]
    assert [o.is_free for o in occurrences] == [True, True, False, True]
    assert "already booked" in occurrences[2].problem
    assert not Booking.objects.filter(purpose="Choir").exists()


def test_a_series_with_conflicts_books_none_unless_asked_for_the_free_ones(booker, monday, at):
    space = SpaceFactory()
    third = monday + timedelta(weeks=2)
    BookingFactory(space=space, period=DateTimeTZRange(at(third, 17), at(third, 19)))
    until = monday + timedelta(weeks=3)

    with pytest.raises(Conflict) as refusal:
        _series(space, booker, at(monday, 18), at(monday, 20), until)
    assert len(refusal.value.extra["occurrences"]) == 4
    assert not Booking.objects.filter(purpose="Choir").exists()

    series = _series(space, booker, at(monday, 18), at(monday, 20), until, book_free_only=True)

    assert sorted(b.start.date() for b in series.occurrences.all()) == [
        monday,
        monday + timedelta(weeks=1),
        monday + timedelta(weeks=3),
    ]


def test_every_other_week_keeps_the_local_time_across_daylight_saving(booker, monday, at):
    space = SpaceFactory(max_advance_days=400)

    series = _series(
        space, booker, at(monday, 18), at(monday, 20), monday + timedelta(weeks=30), recurrence=Recurrence.BIWEEKLY
    )

    from django.utils import timezone

    occurrences = list(series.occurrences.order_by("period"))
    assert len(occurrences) == 16
    assert {timezone.localtime(b.start).hour for b in occurrences} == {18}
    assert {(b.start.date() - monday).days % 14 for b in occurrences} == {0}


def test_cancelling_a_series_cancels_only_its_future_occurrences(booker, monday, at):
    space = SpaceFactory(cancellation_deadline=timedelta(0))
    series = _series(space, booker, at(monday, 18), at(monday, 20), monday + timedelta(weeks=3))
    after_second = at(monday + timedelta(weeks=1), 19)

    cancelled = services.booking_series_cancel(series=series, by=booker, now=after_second)

    assert cancelled == 2
    statuses = list(series.occurrences.order_by("period").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "cancelled", "cancelled"]


def test_a_booker_cancels_before_the_deadline_but_not_after(booker, monday, at):
    space = SpaceFactory(cancellation_deadline=timedelta(hours=48))
    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    with pytest.raises(Invalid, match="until 2 days before"):
        services.booking_cancel(booking=booking, by=booker, now=at(monday - timedelta(days=1), 10))
    services.booking_cancel(booking=booking, by=booker, now=at(monday - timedelta(days=3), 10))

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_someone_else_cannot_cancel_a_booking(booker, make_user, monday, at):
    booking = _book(SpaceFactory(), booker, at(monday, 10), at(monday, 12))

    with pytest.raises(NotAllowed):
        services.booking_cancel(booking=booking, by=make_user(Role.OFFICIAL))


@pytest.fixture
def manager_and_space(make_user):
    manager = make_user(Role.PREMISES_MANAGER)
    return manager, SpaceFactory(owner_unit=manager.home_unit, approval_required=True)


def test_approval_confirms_and_emails_the_booker(
    booker, manager_and_space, monday, at, django_capture_on_commit_callbacks
):
    manager, space = manager_and_space
    booking = _book(space, booker, at(monday, 10), at(monday, 12))
    assert booking.status == Booking.Status.REQUESTED

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=booking, by=manager)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.decided_by == manager
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [booker.email]
    assert "approved" in mail.outbox[0].subject


def test_declining_needs_a_reason_which_the_email_carries(
    booker, manager_and_space, monday, at, django_capture_on_commit_callbacks
):
    manager, space = manager_and_space
    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    with pytest.raises(Invalid, match="reason"):
        services.booking_decline(booking=booking, by=manager, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_decline(booking=booking, by=manager, reason="The hall is being painted.")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    assert "The hall is being painted." in mail.outbox[0].body
    assert _book(space, booker, at(monday, 10), at(monday, 12)).pk  # the slot is free again


def test_a_series_is_approved_as_one_with_one_email(
    booker, manager_and_space, monday, at, django_capture_on_commit_callbacks
):
    manager, space = manager_and_space
    series = _series(space, booker, at(monday, 18), at(monday, 20), monday + timedelta(weeks=3))

    with django_capture_on_commit_callbacks(execute=True):
        approved = services.booking_series_approve(series=series, by=manager)

    assert approved == 4
    assert set(series.occurrences.values_list("status", flat=True)) == {"confirmed"}
    assert len(mail.outbox) == 1
    assert len([line for line in mail.outbox[0].body.splitlines() if line.startswith("- ")]) == 4
    with pytest.raises(Invalid, match="series"):
        services.booking_approve(booking=series.occurrences.first(), by=manager)


def test_only_the_spaces_own_managers_decide(booker, make_user, manager_and_space, monday, at):
    _manager, space = manager_and_space
    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    for outsider in (make_user(Role.PREMISES_MANAGER), make_user(Role.PROGRAMME_LEAD), booker):
        with pytest.raises(NotAllowed):
            services.booking_approve(booking=booking, by=outsider)
    services.booking_approve(booking=booking, by=make_user(Role.ADMIN))


def test_a_new_booking_has_the_history_row_simple_history_writes(booker, monday, at):
    # Given a booking written with its history row in one statement (not through save() and simple_history)
    booking = _book(SpaceFactory(), booker, at(monday, 10), at(monday, 12))

    # When its history is read, then there is one "created" row by the booker with every field of the booking
    (created,) = booking.history.all()
    assert (created.history_type, created.history_user, created.history_change_reason) == ("+", booker, None)
    tracked = [field.attname for field in Booking._meta.concrete_fields]
    assert {name: getattr(created, name) for name in tracked} == {name: getattr(booking, name) for name in tracked}
    booking.refresh_from_db()
    assert {name: getattr(created, name) for name in tracked} == {name: getattr(booking, name) for name in tracked}
    assert created.history_date >= booking.created_at


def test_booking_changes_are_kept_in_history(booker, manager_and_space, monday, at):
    manager, space = manager_and_space
    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    services.booking_decline(booking=booking, by=manager, reason="Closed for an event")

    assert list(booking.history.order_by("history_date").values_list("status", flat=True)) == ["requested", "declined"]
