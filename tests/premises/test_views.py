import re
from datetime import date, time, timedelta
from time import sleep
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative
from apps.premises import services
from apps.premises.models import Booking, BookingSeries
from apps.premises.selectors import is_open_throughout
from tests.clients import UserClient
from tests.downloads import csv_rows
from tests.premises.factories import BookingFactory, SpaceFactory, VenueFactory
from tests.sectors.factories import unit_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def booker_client(booker):
    return UserClient(booker)


def _form(day, start, end, **extra):
    return {
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "purpose": "Youth theatre",
        "attendees": 15,
        **extra,
    }


def test_the_catalogue_filters_by_capacity_equipment_and_access(booker_client):
    SpaceFactory(name="Big hall", capacity=200, equipment=["stage", "sound"])
    SpaceFactory(name="Meeting room", capacity=12, equipment=["projector"])
    SpaceFactory(name="Basement studio", capacity=150, equipment=["stage"], venue=VenueFactory(step_free_access=False))

    response = booker_client.get(
        reverse("premises:catalogue"), {"min_capacity": 100, "equipment": ["stage"], "step_free": "on"}
    )

    assert response.status_code == 200
    assert [space.name for space in response.context["page"]] == ["Big hall"]


def test_the_catalogue_filters_by_free_time(booker_client, monday, at):
    taken = SpaceFactory(name="Taken hall")
    SpaceFactory(name="Free hall")
    BookingFactory(space=taken, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    response = booker_client.get(
        reverse("premises:catalogue"), {"free_on": monday.isoformat(), "free_from": "11:00", "free_until": "13:00"}
    )

    assert [space.name for space in response.context["page"]] == ["Free hall"]


def test_the_catalogue_answers_htmx_with_the_results_only(booker_client):
    SpaceFactory(name="Studio")

    response = booker_client.get(reverse("premises:catalogue"), HTTP_HX_REQUEST="true")

    assert b"Studio" in response.content
    assert b"<html" not in response.content


def test_bad_catalogue_filters_show_a_message_not_an_error(booker_client):
    response = booker_client.get(reverse("premises:catalogue"), {"min_capacity": "many", "free_on": "tomorrow"})

    assert response.status_code == 200
    assert b"were not valid" in response.content


def test_find_a_free_space_lists_only_spaces_that_fit_and_are_free(booker_client, monday, at):
    SpaceFactory(name="Small room", capacity=5)
    busy = SpaceFactory(name="Busy hall", capacity=50)
    SpaceFactory(name="Free hall", capacity=50, equipment=["piano"])
    BookingFactory(space=busy, period=DateTimeTZRange(at(monday, 13), at(monday, 15)))

    response = booker_client.get(
        reverse("premises:find_free_space"),
        {"date": monday.isoformat(), "start_time": "14:00", "duration": 120, "people": 30, "equipment": ["piano"]},
    )

    assert [space.name for space in response.context["found"]] == ["Free hall"]
    assert reverse("premises:booking_create", args=[response.context["found"][0].pk]) in response.content.decode()


def test_the_week_calendar_moves_by_htmx_and_hides_others_details(booker_client, monday, at):
    space = SpaceFactory()
    BookingFactory(space=space, purpose="Secret board meeting", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    full = booker_client.get(reverse("premises:space_detail", args=[space.pk]), {"week": monday.isoformat()})
    partial = booker_client.get(
        reverse("premises:space_detail", args=[space.pk]),
        {"week": (monday + timedelta(days=7)).isoformat()},
        HTTP_HX_REQUEST="true",
    )

    assert full.status_code == 200
    assert "10:00\u201312:00" in full.content.decode()
    assert "Secret board meeting" not in full.content.decode()
    assert b"<html" not in partial.content
    assert partial.context["week"] == monday + timedelta(days=7)


@pytest.mark.parametrize("week", ["2026-02-30", "0001-01-01", "9999-12-31", "next"])
def test_a_week_that_is_no_plausible_date_shows_this_week(booker_client, week):
    space = SpaceFactory()

    response = booker_client.get(reverse("premises:space_detail", args=[space.pk]), {"week": week})

    today = timezone.localdate()
    assert response.status_code == 200
    assert response.context["week"] == today - timedelta(days=today.weekday())


def test_the_last_week_of_2100_is_shown_without_a_link_past_it(booker_client):
    space = SpaceFactory()

    response = booker_client.get(reverse("premises:space_detail", args=[space.pk]), {"week": "2100-12-31"})

    assert response.context["week"] == date(2100, 12, 27)
    assert [day.date for day in response.context["days"]][-1] == date(2101, 1, 2)
    assert "Previous week" in response.content.decode()
    assert "Next week" not in response.content.decode()


def test_the_first_week_of_1900_has_no_link_before_it(booker_client):
    space = SpaceFactory()

    response = booker_client.get(reverse("premises:space_detail", args=[space.pk]), {"week": "1900-01-01"})

    assert response.context["week"] == date(1900, 1, 1)
    assert "Previous week" not in response.content.decode()
    assert "Next week" in response.content.decode()


def test_free_on_the_last_plausible_day_runs_past_midnight_into_2101(booker_client):
    late = SpaceFactory(name="Night club", hours=[(4, time(18), time(3))])  # 31 December 2100 is a Friday
    SpaceFactory(name="Library hall", hours=[(4, time(8), time(22))])

    response = booker_client.get(
        reverse("premises:catalogue"), {"free_on": "2100-12-31", "free_from": "20:00", "free_until": "02:00"}
    )

    assert [space.name for space in response.context["page"]] == [late.name]


@pytest.mark.parametrize("start", ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "2026-02-30T10:00:00"])
def test_a_booking_link_with_an_implausible_start_opens_an_empty_form(booker_client, start):
    space = SpaceFactory()

    response = booker_client.get(reverse("premises:booking_create", args=[space.pk]), {"start": start, "end": start})

    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_booking_through_the_form(booker_client, booker, monday):
    space = SpaceFactory()

    response = booker_client.post(reverse("premises:booking_create", args=[space.pk]), _form(monday, "10:00", "12:00"))

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.booker, booking.status, booking.purpose) == (booker, "confirmed", "Youth theatre")


def test_a_booking_links_to_an_initiative(booker_client, booker, monday):
    initiative = Initiative.objects.create(
        title="Culture on prescription", collaboration_form="project", start_date=monday, created_by=booker
    )

    booker_client.post(
        reverse("premises:booking_create", args=[SpaceFactory().pk]),
        _form(monday, "10:00", "12:00", initiative=initiative.pk),
    )

    assert list(initiative.booking_set.values_list("purpose", flat=True)) == ["Youth theatre"]


def test_a_taken_slot_is_a_form_error(booker_client, monday, at):
    space = SpaceFactory()
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    response = booker_client.post(reverse("premises:booking_create", args=[space.pk]), _form(monday, "11:00", "13:00"))

    assert response.status_code == 200
    assert "already booked" in str(response.context["form"].non_field_errors())
    assert Booking.objects.count() == 1


def test_a_booking_ending_the_next_day_through_the_form(booker_client, monday):
    space = SpaceFactory(hours=[(monday.weekday(), time(18), time(3))])

    booker_client.post(
        reverse("premises:booking_create", args=[space.pk]),
        _form(monday, "22:00", "02:00", end_date=(monday + timedelta(days=1)).isoformat()),
    )

    assert Booking.objects.get().period.upper.date() == monday + timedelta(days=1)


def test_a_series_with_a_clash_is_previewed_then_booked_free_only(booker_client, monday, at):
    space = SpaceFactory()
    second = monday + timedelta(weeks=1)
    BookingFactory(space=space, period=DateTimeTZRange(at(second, 17), at(second, 19)))
    data = _form(monday, "18:00", "20:00", repeat="weekly", until=(monday + timedelta(weeks=2)).isoformat())
    url = reverse("premises:booking_create", args=[space.pk])

    preview = booker_client.post(url, data)
    booked = booker_client.post(url, {**data, "book": "free"})

    assert preview.status_code == 200
    assert [o.is_free for o in preview.context["occurrences"]] == [True, False, True]
    assert "Book the 2 free occurrences" in preview.content.decode()
    assert booked.status_code == 302
    assert BookingSeries.objects.get().occurrences.count() == 2


def test_a_decision_maker_cannot_open_the_booking_form(client_for):
    client = client_for(Role.MANAGER)

    response = client.get(reverse("premises:booking_create", args=[SpaceFactory().pk]))

    assert response.status_code == 403


def test_a_bare_login_sees_no_premises(client_for):
    client = client_for()

    assert client.get(reverse("premises:catalogue")).status_code == 403


def test_my_bookings_lists_and_cancels(booker_client, booker, monday, at):
    booking = BookingFactory(booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    listed = booker_client.get(reverse("premises:my_bookings"))
    cancelled = booker_client.post(reverse("premises:booking_cancel", args=[booking.pk]), follow=True)

    assert [row.booking for row in listed.context["page"]] == [booking]
    assert "Booking cancelled." in cancelled.content.decode()
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_cancelling_asks_for_confirmation_first(booker_client, booker, monday, at):
    # given an upcoming booking of the booker's
    booking = BookingFactory(booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    cancel_url = reverse("premises:booking_cancel", args=[booking.pk])

    # when they follow the Cancel link from their bookings
    listed = booker_client.get(reverse("premises:my_bookings")).content.decode()
    asked = booker_client.get(cancel_url)

    # then the list links to a page that asks, and nothing is cancelled until they confirm with a POST
    assert f'href="{cancel_url}"' in listed
    assert asked.status_code == 200
    assert "Cancel the booking?" in asked.content.decode()
    assert 'method="post"' in asked.content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_a_booking_past_its_cancellation_deadline_offers_no_cancel(booker_client, booker, monday, at):
    # given a space whose bookings can be cancelled until 30 days before, and a booking of the booker's next week
    space = SpaceFactory(cancellation_deadline=timedelta(days=30))
    booking = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    # when they list their bookings
    listed = booker_client.get(reverse("premises:my_bookings")).content.decode()

    # then no Cancel is offered, only how to reach the premises manager
    assert reverse("premises:booking_cancel", args=[booking.pk]) not in listed
    assert "ask the premises manager" in listed


def test_the_series_cancel_asks_first_and_is_not_offered_past_the_deadline(booker_client, booker, monday, at):
    # given two series of the booker's: one cancellable, one of a space with a 60-day deadline
    def series(space):
        return services.booking_series_create(
            by=booker,
            space=space,
            start=at(monday, 10),
            end=at(monday, 11),
            recurrence="weekly",
            until=monday + timedelta(days=21),
            purpose="Choir",
            attendees=12,
        )

    open_series = series(SpaceFactory())
    late_series = series(SpaceFactory(cancellation_deadline=timedelta(days=60)))
    open_url = reverse("premises:series_cancel", args=[open_series.pk])

    listed = booker_client.get(reverse("premises:my_bookings")).content.decode()
    asked = booker_client.get(open_url).content.decode()

    assert f'href="{open_url}"' in listed
    assert reverse("premises:series_cancel", args=[late_series.pk]) not in listed
    assert "Cancel the repeating booking?" in asked
    assert open_series.occurrences.filter(status="cancelled").count() == 0


def test_cancelling_someone_elses_booking_shows_the_refusal(booker_client, monday, at):
    booking = BookingFactory(period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    response = booker_client.post(reverse("premises:booking_cancel", args=[booking.pk]), follow=True)

    assert "only your own bookings" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


@pytest.fixture
def premises_manager(client_for):
    return client_for(Role.PREMISES_MANAGER)


@pytest.fixture
def managed_space(premises_manager):
    """A space of the premises manager's unit, whose bookings wait for their decision."""
    return SpaceFactory(owner_unit=premises_manager.user.home_unit, approval_required=True)


def test_the_queue_shows_requests_for_the_managers_spaces_only(premises_manager, managed_space, monday, at):
    client, space = premises_manager, managed_space
    mine = BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    BookingFactory(status="requested", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    response = client.get(reverse("premises:request_queue"))

    assert [row.booking for row in response.context["page"]] == [mine]


def test_approving_and_declining_from_the_queue(
    premises_manager, managed_space, monday, at, django_capture_on_commit_callbacks
):
    client, space = premises_manager, managed_space
    first = BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    second = BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 13), at(monday, 14)))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("premises:booking_decide", args=[first.pk]), {"decision": "approve"})
        refused = client.post(
            reverse("premises:booking_decide", args=[second.pk]), {"decision": "decline", "reason": ""}, follow=True
        )
        client.post(reverse("premises:booking_decide", args=[second.pk]), {"decision": "decline", "reason": "Full"})

    assert "Give a reason" in refused.content.decode()
    assert dict(Booking.objects.values_list("pk", "status")) == {first.pk: "confirmed", second.pk: "declined"}
    assert len(mail.outbox) == 2


def test_the_queue_is_for_premises_managers_only(booker_client):
    assert booker_client.get(reverse("premises:request_queue")).status_code == 403


def _events(response):
    return [event for event in Calendar.from_ical(response.content).walk("VEVENT")]


def test_the_space_feed_needs_no_login_and_shows_no_personal_details(client, monday, at):
    space = SpaceFactory(name="Black box")
    BookingFactory(space=space, purpose="Private party", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    BookingFactory(space=space, status="cancelled", period=DateTimeTZRange(at(monday, 13), at(monday, 14)))

    response = client.get(reverse("premises:space_feed", args=[space.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    assert len(events) == 1
    assert events[0].decoded("dtstart") == at(monday, 10)
    assert "Black box" in str(events[0]["summary"])
    assert [str(zone["tzid"]) for zone in Calendar.from_ical(response.content).walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert b"Private party" not in response.content


def test_a_space_that_is_not_bookable_has_no_feed(client):
    assert client.get(reverse("premises:space_feed", args=[SpaceFactory(is_bookable=False).pk])).status_code == 404


def _feed_path(client) -> str:
    """The feed address "My bookings" shows, as a path for the test client."""
    return urlsplit(client.get(reverse("premises:my_bookings")).context["feed_url"]).path


def test_the_user_feed_opens_with_its_token_only(client, booker, monday, at):
    mine = BookingFactory(
        booker=booker, purpose="Choir practice", period=DateTimeTZRange(at(monday, 18), at(monday, 20))
    )
    BookingFactory(purpose="Someone else's", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    client.force_login(booker)
    feed = _feed_path(client)
    client.logout()  # calendar apps do not log in

    response = client.get(feed)
    forged = client.get(feed[: -len(".ics") - 2] + "xx.ics")
    too_long = client.get(reverse("premises:user_feed", args=["x" * 5000]))

    events = _events(response)
    assert [str(event["summary"]) for event in events] == [f"Choir practice ({mine.space.name})"]
    assert events[0].decoded("dtend") == at(monday, 20)
    assert (forged.status_code, too_long.status_code) == (404, 404)
    assert response["Cache-Control"] == "private"  # calendar apps may keep it, shared caches may not


def test_the_feed_address_stays_the_same_from_visit_to_visit(booker_client):
    first = _feed_path(booker_client)
    sleep(1.1)  # a signed token carried the second it was made in

    assert _feed_path(booker_client) == first


def test_renewing_the_feed_address_retires_the_old_one(booker_client, booker):
    # given a feed address in the user's calendar app
    old = _feed_path(booker_client)

    # when they renew it on "My bookings"
    renewed = booker_client.post(reverse("premises:feed_renew"), follow=True)
    new = _feed_path(booker_client)
    booker_client.logout()

    # then the old address answers 404 and the new one the feed
    assert "The old address no longer works" in renewed.content.decode()
    assert new != old
    assert booker_client.get(old).status_code == 404
    assert booker_client.get(new).status_code == 200


def test_renewing_needs_a_post(booker_client):
    assert booker_client.get(reverse("premises:feed_renew")).status_code == 405


def test_the_feed_of_a_deactivated_user_is_gone(booker_client, booker):
    feed = _feed_path(booker_client)
    booker.is_active = False
    booker.save(update_fields=["is_active"])

    assert booker_client.get(feed).status_code == 404


def _space_form(space, **changes):
    data = {
        "action": "space",
        "name": space.name,
        "description": "",
        "capacity": space.capacity,
        "equipment": space.equipment,
        "is_bookable": "on",
        "min_duration": "00:30:00",
        "max_duration": "04:00:00",
        "lead_time": "00:00:00",
        "max_advance_days": 90,
        "buffer": "00:15:00",
        "cancellation_deadline": "1 00:00:00",
        "weekly_quota_hours": "",
        "approval_required": "on",
        "free_of_charge": "on",
        "hours-TOTAL_FORMS": 2,
        "hours-INITIAL_FORMS": 0,
        "hours-0-weekday": 0,
        "hours-0-opens": "09:00",
        "hours-0-closes": "17:00",
        "hours-1-weekday": 4,
        "hours-1-opens": "18:00",
        "hours-1-closes": "02:00",
    }
    data.update(changes)
    return data


def test_a_manager_edits_rules_and_weekly_hours(premises_manager, managed_space, monday, at):
    client, space = premises_manager, managed_space

    response = client.post(reverse("premises:space_edit", args=[space.pk]), _space_form(space, capacity=33))

    assert response.status_code == 302
    space.refresh_from_db()
    assert (space.capacity, space.max_duration, space.buffer) == (33, timedelta(hours=4), timedelta(minutes=15))
    assert sorted(space.opening_hours.values_list("weekday", "opens", "closes")) == [
        (0, time(9), time(17)),
        (4, time(18), time(2)),
    ]


def test_bad_rules_are_form_errors(premises_manager, managed_space):
    client, space = premises_manager, managed_space

    response = client.post(reverse("premises:space_edit", args=[space.pk]), _space_form(space, min_duration="05:00:00"))

    assert response.status_code == 200
    assert response.context["form"].errors
    space.refresh_from_db()
    assert space.min_duration == timedelta(minutes=30)


def test_a_manager_closes_a_day(premises_manager, managed_space, booker, monday, at):
    client, space = premises_manager, managed_space

    client.post(
        reverse("premises:space_edit", args=[space.pk]),
        {"action": "exception", "date": monday.isoformat(), "reason": "Renovation"},
    )

    assert space.opening_exceptions.get().is_closed
    assert not is_open_throughout(space, at(monday, 10), at(monday, 12))


def test_only_the_owner_units_managers_edit_a_space(booker_client, client_for):
    space = SpaceFactory()
    client = client_for(Role.PREMISES_MANAGER)

    assert booker_client.get(reverse("premises:space_edit", args=[space.pk])).status_code == 403
    assert client.get(reverse("premises:space_edit", args=[space.pk])).status_code == 403


def _query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_and_my_bookings_do_not_query_per_row(premises_manager, managed_space, booker, monday, at):
    # given a few requests, then many more (and the booker's feed address, made on their first visit)
    manager, space = premises_manager, managed_space
    services.user_feed_token_get_or_create(by=booker)

    def add_requests(days: range) -> None:
        for day in days:
            start = at(monday + timedelta(days=day), 10)
            BookingFactory(
                space=space,
                booker=booker,
                status="requested",
                period=DateTimeTZRange(start, start + timedelta(hours=1)),
            )

    add_requests(range(2))
    few = [_query_count(manager, reverse("premises:request_queue"))]
    manager.force_login(booker)
    few.append(_query_count(manager, reverse("premises:my_bookings")))
    add_requests(range(2, 22))
    many = [_query_count(manager, reverse("premises:my_bookings"))]
    manager.force_login(space.owner_unit.users.get())
    many.insert(0, _query_count(manager, reverse("premises:request_queue")))

    # then the pages run the same number of queries
    assert few == many


def _night_space():
    return SpaceFactory(hours=[(day, time(0), time(0)) for day in range(7)], max_advance_days=400)


def test_a_time_the_clocks_skip_is_a_form_error(booker_client, spring_forward):
    # given the night the clocks jump an hour forward
    day, skipped = spring_forward

    # when the form asks for a booking from the middle of the skipped hour
    response = booker_client.post(
        reverse("premises:booking_create", args=[_night_space().pk]),
        _form(day, f"{skipped.hour:02d}:30", f"{skipped.hour + 2:02d}:00"),
    )

    # then it says so at the start time, and books nothing an hour later
    assert response.status_code == 200
    assert "does not exist on that day (clock change)" in str(response.context["form"].errors["start_time"])
    assert not Booking.objects.exists()


def test_the_form_says_which_of_a_repeated_times_two_readings_it_took(booker_client, fall_back):
    # given the night the clocks go back, when the same half hour comes twice
    day, repeated = fall_back

    # when the form books from it
    response = booker_client.post(
        reverse("premises:booking_create", args=[_night_space().pk]),
        _form(day, f"{repeated.hour:02d}:30", f"{repeated.hour + 2:02d}:00"),
        follow=True,
    )

    # then the booking takes the first reading, an hour and a half before the end, and the booker is told so
    booking = Booking.objects.get()
    assert booking.period.upper - booking.period.lower == timedelta(minutes=150)
    shown = [str(message) for message in response.context["messages"]]
    assert any("happens twice" in message and "first of the two" in message for message in shown)


def test_the_series_preview_shows_the_spring_night_occurrence_as_not_bookable(booker_client, spring_forward):
    # given a weekly series from the week before the spring night, in the middle of the hour the clocks skip
    day, skipped = spring_forward
    data = _form(
        day - timedelta(weeks=1),
        f"{skipped.hour:02d}:30",
        f"{skipped.hour + 1:02d}:30",
        repeat="weekly",
        until=day.isoformat(),
    )

    # when it is previewed in the form
    response = booker_client.post(reverse("premises:booking_create", args=[_night_space().pk]), data)

    # then the spring night's occurrence is refused at the time asked for, not offered an hour later
    assert response.status_code == 200
    first, spring = response.context["occurrences"]
    assert first.is_free and not spring.is_free
    assert "does not exist on that day (clock change)" in spring.problem
    assert f"{day.day}.{day.month}.{day.year} {skipped.hour:02d}:30" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_catalogue_filter_by_owner_unit_includes_its_sub_units(booker_client):
    # Given a space owned two levels below Culture Services, and one of another sector's unit
    tree = unit_tree()
    SpaceFactory(name="Sello hall", owner_unit=tree["sello"])
    SpaceFactory(name="School gym", owner_unit=tree["elsewhere"])

    # When the catalogue is filtered by the top unit
    response = booker_client.get(reverse("premises:catalogue"), {"owner_unit": tree["services"].pk})

    # Then the sub-unit's space is listed, and the select shows where the units sit
    assert [space.name for space in response.context["page"]] == ["Sello hall"]
    assert "Culture Services › Libraries › Sello Library" in response.content.decode()


def test_a_skip_link_leads_past_the_catalogue_filters_to_the_results(booker_client):
    content = booker_client.get(reverse("premises:catalogue")).content.decode()

    # the link comes before the filters, and its target takes the focus
    assert content.index('href="#results"') < content.index('<form class="filters"')
    assert 'id="results" aria-live="polite" tabindex="-1"' in content


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_my_bookings_columns_have_distinct_titles_in_every_language(booker_client, booker, monday, at, language):
    # given an upcoming booking ("Tila" is Finnish for both a space and a status)
    BookingFactory(booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    booker_client.cookies["django_language"] = language

    content = booker_client.get(reverse("premises:my_bookings")).content.decode()

    headings = re.findall(r'<th scope="col">([^<]+)</th>', content.split('id="results"', 1)[1].split("</table>")[0])
    assert len(headings) == 4
    assert len(set(headings)) == len(headings), headings


def _weekly_series(booker, space, start, weeks=4):
    return services.booking_series_create(
        by=booker,
        space=space,
        start=start,
        end=start + timedelta(hours=1),
        recurrence="weekly",
        until=(start + timedelta(weeks=weeks - 1)).date(),
        purpose="Choir",
        attendees=12,
    )


def test_the_queue_shows_a_series_as_one_row_soonest_first_with_counts(
    premises_manager, managed_space, booker, monday, at
):
    # given a requested series of four weeks and two single requests, one before and one after its start
    client, space = premises_manager, managed_space
    late = BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 15), at(monday, 16)))
    series = _weekly_series(booker, space, at(monday, 12))
    early = BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 8), at(monday, 9)))

    response = client.get(reverse("premises:request_queue"))

    # then three rows, soonest first, the series once with its four occurrences waiting
    rows = list(response.context["page"])
    assert [(row.booking, row.series) for row in rows] == [(early, None), (None, series), (late, None)]
    assert rows[1].series.requested_count == 4
    content = response.content.decode()
    assert "2 single bookings · 1 repeating booking" in content
    assert "4 occurrences waiting" in content


def test_the_queue_filters_by_space_and_date_and_pages(premises_manager, managed_space, monday, at):
    # given 30 requests on 30 days in one space and one in another space the manager also manages
    client, space = premises_manager, managed_space
    other = SpaceFactory(owner_unit=space.owner_unit, approval_required=True)
    for day in range(30):
        start = at(monday + timedelta(days=day), 10)
        BookingFactory(space=space, status="requested", period=DateTimeTZRange(start, start + timedelta(hours=1)))
    elsewhere = BookingFactory(space=other, status="requested", period=DateTimeTZRange(at(monday, 12), at(monday, 13)))
    url = reverse("premises:request_queue")

    first_page = client.get(url)
    second_page = client.get(url, {"page": 2})
    other_space = client.get(url, {"space": other.pk})
    one_week = client.get(
        url,
        {
            "space": space.pk,
            "starts_from": monday.isoformat(),
            "starts_until": (monday + timedelta(days=6)).isoformat(),
        },
    )
    bad = client.get(url, {"starts_from": "31.2.2026"})

    assert len(first_page.context["page"]) == 25 and first_page.context["page"].paginator.count == 31
    assert len(second_page.context["page"]) == 6
    assert [row.booking for row in other_space.context["page"]] == [elsewhere]
    assert len(one_week.context["page"]) == 7
    assert bad.status_code == 200 and bad.context["filter"].errors
    assert list(bad.context["page"]) == []


def test_a_htmx_filter_of_the_queue_answers_with_the_rows_only(premises_manager, managed_space, monday, at):
    BookingFactory(space=managed_space, status="requested", period=DateTimeTZRange(at(monday, 10), at(monday, 11)))

    response = premises_manager.get(
        reverse("premises:request_queue"), {"space": managed_space.pk}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert "<html" not in content
    assert "1 single booking · 0 repeating bookings" in content


def test_my_bookings_filter_by_status_space_and_time_and_show_a_series_once(booker_client, booker, monday, at):
    # given a confirmed and a cancelled booking, a four-week series in another space, and a booking last year
    space, hall = SpaceFactory(), SpaceFactory()
    confirmed = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 8), at(monday, 9)))
    cancelled = BookingFactory(
        space=space, booker=booker, status="cancelled", period=DateTimeTZRange(at(monday, 10), at(monday, 11))
    )
    series = _weekly_series(booker, hall, at(monday, 12))
    last_year = monday - timedelta(days=365)
    past = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(last_year, 8), at(last_year, 9)))
    url = reverse("premises:my_bookings")

    def listed(**query):
        return [(row.booking, row.series) for row in booker_client.get(url, query).context["page"]]

    # then by default the upcoming ones, the series once; each filter narrows them
    assert listed() == [(confirmed, None), (cancelled, None), (None, series)]
    assert listed(status="cancelled") == [(cancelled, None)]
    assert listed(space=hall.pk) == [(None, series)]
    assert listed(when="past") == [(past, None)]
    assert listed(when="") == [(past, None), (confirmed, None), (cancelled, None), (None, series)]
    content = booker_client.get(url).content.decode()
    assert "2 single bookings · 1 repeating booking" in content


def test_my_bookings_download_follows_the_filters(booker_client, booker, monday, at):
    space, hall = SpaceFactory(name="Studio"), SpaceFactory(name="Hall")
    BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 8), at(monday, 9)))
    BookingFactory(space=hall, booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 11)))

    rows = csv_rows(booker_client.get(reverse("premises:my_bookings_export"), {"space": hall.pk}))

    assert [row[0] for row in rows[1:]] == ["Hall"]
