from datetime import UTC, datetime, time, timedelta

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.premises.models import Booking, BookingSeries
from tests.premises.factories import BookingFactory, SpaceFactory, booking_payload
from tests.sectors.factories import unit_tree

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [("space-list", {}), ("booking-list", {}), ("booking-series-list", {})],
)
def test_anonymous_callers_get_json_refusals(url_name, kwargs):
    response = api().get(reverse(url_name, kwargs=kwargs))

    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_a_user_without_a_premises_role_is_denied(make_user):
    response = api(make_user()).get(reverse("space-list"))

    assert response.status_code == 403


def test_creating_a_booking_answers_201_then_409_with_the_taken_slot(booker, monday, at):
    space = SpaceFactory()
    url = reverse("booking-list")

    created = api(booker).post(url, booking_payload(space, at(monday, 10), at(monday, 12)), format="json")
    clash = api(booker).post(url, booking_payload(space, at(monday, 11), at(monday, 13)), format="json")
    back_to_back = api(booker).post(url, booking_payload(space, at(monday, 12), at(monday, 14)), format="json")

    assert created.status_code == 201
    assert created.json()["status"] == "confirmed"
    assert clash.status_code == 409
    assert clash.json()["conflict"] == {
        "booking": created.json()["id"],
        "start": at(monday, 10).isoformat(),
        "end": at(monday, 12).isoformat(),
        "held_until": at(monday, 12).isoformat(),
    }
    assert "already booked" in clash.json()["detail"]
    assert back_to_back.status_code == 201


@pytest.mark.parametrize(
    ("hours", "message"),
    [((12, 10), "end must be after the start"), ((5, 7), "not open")],
)
def test_refused_bookings_answer_400_with_a_message(booker, monday, at, hours, message):
    response = api(booker).post(
        reverse("booking-list"),
        booking_payload(SpaceFactory(), at(monday, hours[0]), at(monday, hours[1])),
        format="json",
    )

    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_missing_fields_answer_400_not_500(booker):
    response = api(booker).post(reverse("booking-list"), {"space": 999999}, format="json")

    assert response.status_code == 400
    assert "start" in response.json()


def test_a_decision_maker_reads_but_cannot_book(make_user, monday, at):
    manager = make_user(Role.MANAGER)
    BookingFactory(period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    listed = api(manager).get(reverse("booking-list"))
    refused = api(manager).post(
        reverse("booking-list"), booking_payload(SpaceFactory(), at(monday, 10), at(monday, 12)), format="json"
    )

    assert listed.json()["count"] == 1
    assert refused.status_code == 403


@pytest.mark.parametrize("url_name", ["booking-list", "booking-series-list", "booking-series-preview"])
def test_a_decision_maker_is_refused_a_booking_before_its_body_is_read(make_user, url_name):
    # Given a manager, who reads premises but books none
    manager = make_user(Role.MANAGER)

    # When they post a booking whose body is nonsense
    response = api(manager).post(reverse(url_name), {"space": "nonsense"}, format="json")

    # Then the answer is the refusal, not a complaint about the body
    assert response.status_code == 403
    assert response.json()["detail"] == "Only officials, programme leads, premises managers and admins book spaces."


def test_bookers_see_only_their_own_bookings(booker, make_user, monday, at):
    space = SpaceFactory()
    mine = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 13), at(monday, 14)))

    response = api(booker).get(reverse("booking-list"))

    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_the_booking_list_runs_a_fixed_number_of_queries(booker, monday, at, django_assert_num_queries):
    space = SpaceFactory()
    for hour in range(8, 20):
        BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, hour), at(monday, hour, 30)))

    with django_assert_num_queries(3):  # the user's groups, the count, the page
        response = api(booker).get(reverse("booking-list"))

    assert response.json()["count"] == 12


def test_the_space_list_runs_a_fixed_number_of_queries(booker, django_assert_num_queries):
    for _ in range(5):
        SpaceFactory()

    with django_assert_num_queries(5):  # groups, count, page, allowed sectors, opening hours
        response = api(booker).get(reverse("space-list"), {"min_capacity": 10, "equipment": "projector"})

    assert response.json()["count"] == 5


def test_the_space_list_by_owner_unit_includes_its_sub_units(booker):
    tree = unit_tree()
    below = SpaceFactory(owner_unit=tree["sello"])
    SpaceFactory(owner_unit=tree["elsewhere"])

    response = api(booker).get(reverse("space-list"), {"owner_unit": tree["libraries"].pk})

    assert [space["id"] for space in response.json()["results"]] == [below.pk]


def test_availability_lists_open_busy_and_free_time(booker, monday, at):
    space = SpaceFactory(buffer=timedelta(minutes=30), hours=[(monday.weekday(), time(9), time(17))])
    BookingFactory(space=space, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))

    response = api(booker).get(
        reverse("space-availability", args=[space.pk]),
        {"from": at(monday, 0).isoformat(), "to": at(monday + timedelta(days=1), 0).isoformat()},
    )

    body = response.json()
    assert response.status_code == 200
    assert body["open"] == [{"start": at(monday, 9).isoformat(), "end": at(monday, 17).isoformat()}]
    assert [(slot["start"], slot["held_until"]) for slot in body["busy"]] == [
        (at(monday, 10).isoformat(), at(monday, 12, 30).isoformat())
    ]
    assert body["free"] == [
        {"start": at(monday, 9).isoformat(), "end": at(monday, 10).isoformat()},
        {"start": at(monday, 12, 30).isoformat(), "end": at(monday, 17).isoformat()},
    ]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"from": "yesterday", "to": "2026-01-01T00:00"},
        {"from": "2026-02-01T00:00", "to": "2026-01-01T00:00"},
        {"from": "2026-01-01T00:00", "to": "2026-06-01T00:00"},
    ],
)
def test_availability_with_bad_parameters_answers_400(booker, query):
    response = api(booker).get(reverse("space-availability", args=[SpaceFactory().pk]), query)

    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.fixture
def requested(booker, make_user, monday, at):
    manager = make_user(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=manager.home_unit, approval_required=True)
    response = api(booker).post(
        reverse("booking-list"), booking_payload(space, at(monday, 10), at(monday, 12)), format="json"
    )
    assert response.json()["status"] == "requested"
    return manager, Booking.objects.get(pk=response.json()["id"])


def test_the_spaces_manager_approves_through_the_api(requested, booker, mailoutbox, django_capture_on_commit_callbacks):
    manager, booking = requested

    denied = api(booker).post(reverse("booking-approve", args=[booking.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        approved = api(manager).post(reverse("booking-approve", args=[booking.pk]))

    assert denied.status_code == 403
    assert approved.status_code == 200
    assert approved.json()["status"] == "confirmed"
    assert len(mailoutbox) == 1


def test_a_manager_of_another_unit_does_not_even_see_the_booking(requested, make_user):
    _manager, booking = requested

    response = api(make_user(Role.PREMISES_MANAGER)).post(reverse("booking-approve", args=[booking.pk]))

    assert response.status_code == 404


def test_declining_without_a_reason_answers_400(requested):
    manager, booking = requested

    response = api(manager).post(reverse("booking-decline", args=[booking.pk]), {"reason": ""}, format="json")
    declined = api(manager).post(reverse("booking-decline", args=[booking.pk]), {"reason": "Renovation"}, format="json")

    assert response.status_code == 400
    assert declined.json()["status"] == "declined"
    assert declined.json()["reason"] == "Renovation"


def test_the_booker_cancels_through_the_api(requested, booker):
    _manager, booking = requested

    response = api(booker).post(reverse("booking-cancel", args=[booking.pk]))

    assert response.json()["status"] == "cancelled"


def test_series_preview_then_create_through_the_api(booker, monday, at):
    space = SpaceFactory()
    second = monday + timedelta(weeks=1)
    BookingFactory(space=space, period=DateTimeTZRange(at(second, 18), at(second, 19)))
    payload = booking_payload(
        space, at(monday, 18), at(monday, 20), recurrence="weekly", until=str(monday + timedelta(weeks=2))
    )

    preview = api(booker).post(reverse("booking-series-preview"), payload, format="json")
    all_or_nothing = api(booker).post(reverse("booking-series-list"), payload, format="json")
    free_ones = api(booker).post(reverse("booking-series-list"), {**payload, "book_free_only": True}, format="json")

    assert [bool(o["problem"]) for o in preview.json()] == [False, True, False]
    assert all_or_nothing.status_code == 409
    assert len(all_or_nothing.json()["occurrences"]) == 3
    assert free_ones.status_code == 201
    assert free_ones.json()["occurrences"] == 2
    assert BookingSeries.objects.get().occurrences.count() == 2


def test_a_series_is_approved_and_cancelled_as_one(booker, make_user, monday, at):
    manager = make_user(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=manager.home_unit, approval_required=True)
    payload = booking_payload(
        space, at(monday, 18), at(monday, 20), recurrence="biweekly", until=str(monday + timedelta(weeks=4))
    )
    series_id = api(booker).post(reverse("booking-series-list"), payload, format="json").json()["id"]

    approved = api(manager).post(reverse("booking-series-approve", args=[series_id]))
    cancelled = api(booker).post(reverse("booking-series-cancel", args=[series_id]))

    assert approved.json() == {"count": 3}
    assert cancelled.json() == {"count": 3}
    assert set(Booking.objects.values_list("status", flat=True)) == {"cancelled"}


def _round_the_clock(**fields):
    """Open day and night, bookable a year and a bit ahead: the next clock change is always in reach."""
    return SpaceFactory(hours=[(day, time(0), time(0)) for day in range(7)], max_advance_days=400, **fields)


def test_a_time_the_clocks_skip_answers_400_not_a_moved_booking(booker, spring_forward):
    # given the night the clocks jump an hour forward, and a booking from the middle of the skipped hour
    day, skipped = spring_forward
    start = datetime.combine(day, skipped.replace(minute=30))

    # when it is asked for without an offset
    response = api(booker).post(
        reverse("booking-list"),
        {**booking_payload(_round_the_clock(), start, start.replace(hour=skipped.hour + 2, minute=0))},
        format="json",
    )

    # then it is refused with the reason, and nothing is booked at 04:30 instead
    assert response.status_code == 400
    assert "does not exist on that day (clock change)" in response.json()["detail"]
    assert "start" in response.json()
    assert not Booking.objects.exists()


def test_a_repeated_time_without_an_offset_answers_400_asking_for_one(booker, fall_back):
    # given the night the clocks go back, when the same half hour comes twice
    day, repeated = fall_back
    start = datetime.combine(day, repeated.replace(minute=30))
    end = start.replace(hour=repeated.hour + 2, minute=0)
    space = _round_the_clock()

    # when it is asked for without an offset, then with the offset of the second reading
    ambiguous = api(booker).post(reverse("booking-list"), booking_payload(space, start, end), format="json")
    second = start.replace(tzinfo=timezone.get_current_timezone(), fold=1)
    explicit = api(booker).post(
        reverse("booking-list"), {**booking_payload(space, start, end), "start": second.isoformat()}, format="json"
    )

    # then the first is refused with a message that shows both offsets; the second is booked as given
    assert ambiguous.status_code == 400
    assert "happens twice" in ambiguous.json()["detail"]
    assert second.isoformat() in ambiguous.json()["detail"]
    assert explicit.status_code == 201, explicit.json()
    booking = Booking.objects.get()
    # Compared in UTC: Python never finds a repeated local time equal to an instant of another zone.
    assert booking.period.lower == second.astimezone(UTC)
    assert booking.period.upper - booking.period.lower == timedelta(minutes=90)


def test_a_series_preview_refuses_the_occurrence_on_a_day_without_that_time(booker, spring_forward):
    # given a weekly series in the middle of the hour the clocks skip on the spring night, from the week before
    day, skipped = spring_forward
    week_before = datetime.combine(day - timedelta(weeks=1), skipped.replace(minute=30))
    payload = booking_payload(
        _round_the_clock(),
        timezone.make_aware(week_before),
        timezone.make_aware(week_before + timedelta(hours=1)),
        recurrence="weekly",
        until=(day + timedelta(weeks=1)).isoformat(),
    )

    # when it is previewed
    response = api(booker).post(reverse("booking-series-preview"), payload, format="json")

    # then the spring day is not a free occurrence an hour later, but refused, at the time asked for
    assert response.status_code == 200
    before, spring, after = response.json()
    assert (before["problem"], after["problem"]) == ("", "")
    assert "does not exist on that day (clock change)" in spring["problem"]
    assert spring["start"] == datetime.combine(day, skipped.replace(minute=30)).isoformat()


def test_a_booking_runs_a_fixed_number_of_queries_however_many_bookings_exist(
    booker, monday, at, django_assert_max_num_queries
):
    # Given a space with a weekly quota (the quota lock and the hours query run too), a DRF token, and a day of
    # earlier bookings of the booker in that space and week
    space = SpaceFactory(weekly_quota_hours=40)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=booker).key}")
    for hour in range(8, 16):
        BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, hour), at(monday, hour, 30)))

    # When the booker books once more, and then asks for a time already taken
    # token+roles, space+rules, lock, hours, the insert with its history row, and the test's transaction's savepoint
    with django_assert_max_num_queries(7):
        created = client.post(
            reverse("booking-list"), booking_payload(space, at(monday, 17), at(monday, 18)), format="json"
        )
    # The same until the insert leaves the booking out; then the booking in the way is read and the test's
    # savepoint rolled back
    with django_assert_max_num_queries(9):
        refused = client.post(
            reverse("booking-list"), booking_payload(space, at(monday, 17), at(monday, 19)), format="json"
        )

    # Then both are answered as before: one booking more, one 409 naming it
    assert created.status_code == 201
    assert refused.status_code == 409
    assert refused.json()["conflict"]["booking"] == created.json()["id"]


@pytest.mark.parametrize("approval_required", [False, True])
def test_the_answer_to_a_new_booking_is_the_booking_as_the_api_shows_it(booker, monday, at, approval_required):
    space = SpaceFactory(approval_required=approval_required)

    created = api(booker).post(
        reverse("booking-list"), booking_payload(space, at(monday, 10), at(monday, 12)), format="json"
    )
    shown = api(booker).get(reverse("booking-detail", args=[created.json()["id"]]))

    assert created.status_code == 201
    assert created.json() == shown.json()
    assert created.json()["status"] == ("requested" if approval_required else "confirmed")


def test_a_long_booking_list_has_an_estimated_count_and_exact_pages(make_user, monday, at, monkeypatch):
    # Given 60 bookings a manager sees, and an exact count only up to 20 rows (10,000 in production)
    monkeypatch.setattr("apps.core.estimated_pages.EXACT_COUNT_LIMIT", 20)
    space = SpaceFactory()
    for number in range(60):
        start = at(monday + timedelta(days=number // 10), 8 + number % 10)
        BookingFactory(space=space, period=DateTimeTZRange(start, start + timedelta(minutes=30)))
    manager = api(make_user(Role.MANAGER))

    # When they read the first, the second and a third page
    first = manager.get(reverse("booking-list")).json()
    second = manager.get(reverse("booking-list"), {"page": 2}).json()
    third = manager.get(reverse("booking-list"), {"page": 3})

    # Then the count is marked as an estimate, the pages hold all 60 bookings once, and only the first has a next
    assert first["count_is_estimate"] is True
    assert first["count"] > 20
    assert first["next"] is not None and second["next"] is None
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 60
    assert third.status_code == 404


def test_a_short_booking_list_counts_exactly(booker, monday, at):
    BookingFactory(booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 11)))

    body = api(booker).get(reverse("booking-list")).json()

    assert (body["count"], body["count_is_estimate"]) == (1, False)
