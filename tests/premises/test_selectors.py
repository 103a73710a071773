from datetime import time, timedelta

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from apps.core.timezones import NonexistentLocalTime, aware
from apps.premises import selectors
from tests.premises.factories import BookingFactory, SpaceFactory


def test_the_week_calendar_starts_on_monday_and_orders_each_day(booker, monday, at):
    # given a space open 08-16 on Mondays with someone else's booking 10-12
    space = SpaceFactory(hours=[(0, time(8), time(16))])
    other = BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    # when the booker asks for the week of that Wednesday
    calendar = selectors.week_calendar(space, monday + timedelta(days=2), viewer=booker, now=at(monday, 0))

    # then the week is Monday's, with free, taken and free time in the order of the day, and no details
    assert calendar.week == monday
    assert [day.date for day in calendar.days] == [monday + timedelta(days=n) for n in range(7)]
    slots = calendar.days[0].slots
    assert [(slot.start, slot.end, slot.booking) for slot in slots] == [
        (at(monday, 8), at(monday, 10), None),
        (at(monday, 10), at(monday, 12), other),
        (at(monday, 12), at(monday, 16), None),
    ]
    assert slots[1].details is False
    assert all(not day.slots for day in calendar.days[1:])


def test_the_week_calendar_leaves_out_free_time_already_past(booker, monday, at):
    space = SpaceFactory(hours=[(0, time(8), time(16))])

    calendar = selectors.week_calendar(space, monday, viewer=booker, now=at(monday, 11))

    assert [(slot.start, slot.end) for slot in calendar.days[0].slots] == [(at(monday, 11), at(monday, 16))]


def test_free_time_starting_now_starts_on_the_next_quarter_hour(booker, monday, at):
    # given a space open 08-16, and a page drawn at 11:07:42.5
    space = SpaceFactory(hours=[(0, time(8), time(16))])
    drawn = at(monday, 11, 7).replace(second=42, microsecond=500_000)

    # when the week is drawn
    calendar = selectors.week_calendar(space, monday, viewer=booker, now=drawn)

    # then the first free slot starts at 11:15 sharp, so a form sent a minute later is not "in the past"
    assert [(slot.start, slot.end) for slot in calendar.days[0].slots] == [(at(monday, 11, 15), at(monday, 16))]


def test_free_time_shorter_than_the_rest_of_its_quarter_hour_is_left_out(booker, monday, at):
    # given a space open 08-11:10 and a page drawn at 11:01
    space = SpaceFactory(hours=[(0, time(8), time(11, 10))])

    calendar = selectors.week_calendar(space, monday, viewer=booker, now=at(monday, 11, 1))

    # then no slot of nine minutes ending before the next quarter hour is offered
    assert calendar.days[0].slots == []


def test_aware_refuses_a_skipped_time_unless_asked_to_shift_it(spring_forward):
    # given the half hour inside the hour the clocks skip in spring
    day, skipped = spring_forward
    moment = time(skipped.hour, 30)

    # then a booking's time is refused, and a read's bound is the instant an hour later
    with pytest.raises(NonexistentLocalTime):
        aware(day, moment)
    # (compared as instants: Python compares two datetimes of one zone by their wall clocks)
    assert aware(day, moment, shift_skipped=True).timestamp() == aware(day, time(skipped.hour + 1, 30)).timestamp()
