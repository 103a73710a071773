"""The space catalogue and "my bookings" download as CSV and Excel, in the user's language and local time."""

import datetime

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse

from apps.accounts.roles import Role
from apps.premises.models import Booking
from tests.clients import UserClient
from tests.downloads import csv_dicts, xlsx_rows
from tests.premises.factories import BookingFactory, SpaceFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_downloads_the_filtered_spaces_with_labels(client_for):
    SpaceFactory(name="Big hall", venue=VenueFactory(name="Stoa"), capacity=200, equipment=["projector"])
    SpaceFactory(name="Small room", capacity=8)
    client = client_for(Role.OFFICIAL)
    client.cookies["django_language"] = "fi"

    rows = xlsx_rows(client.get(reverse("premises:catalogue_export_xlsx"), {"min_capacity": 100}))

    assert [row[:4] for row in rows[1:]] == [["Big hall", "Stoa", rows[1][2], 200]]
    assert rows[1][4] == "Videotykki" and rows[1][5] == "Kyllä" and rows[1][8] == "Kyllä"


def test_the_catalogue_download_says_who_besides_the_city_may_book_and_the_price(client_for):
    SpaceFactory(name="Studio", open_to=["associations", "residents"], free_of_charge=False, price_text="10 €")
    client = client_for(Role.OFFICIAL)
    client.cookies["django_language"] = "sv"

    rows = xlsx_rows(client.get(reverse("premises:catalogue_export_xlsx")))

    assert rows[1][-3:] == ["Registrerade föreningar, Invånare", "Nej", "10 €"]


def test_the_catalogue_csv_is_for_readers_as_the_page(client_for):
    SpaceFactory(name="Big hall")

    assert client_for().get(reverse("premises:catalogue_export")).status_code == 403
    assert [row["Name"] for row in csv_dicts(client_for(Role.OFFICIAL).get(reverse("premises:catalogue_export")))] == [
        "Big hall"
    ]


def test_my_bookings_download_holds_only_mine_in_local_time_with_status_labels(make_user):
    me = make_user(Role.OFFICIAL)
    start = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=datetime.UTC)  # 10:00 in Helsinki (summer time)
    space = SpaceFactory(name="Studio")
    BookingFactory(
        space=space,
        booker=me,
        status=Booking.Status.REQUESTED,
        purpose="=Choir",
        period=DateTimeTZRange(start, start + datetime.timedelta(hours=2)),
    )
    later = start + datetime.timedelta(days=1)
    BookingFactory(space=space, period=DateTimeTZRange(later, later + datetime.timedelta(hours=1)))  # someone else's
    client = UserClient(me)

    rows = xlsx_rows(client.get(reverse("premises:my_bookings_export_xlsx")))

    assert rows[1:] == [
        [
            "Studio",
            space.venue.name,
            datetime.datetime(2026, 6, 1, 10, 0),
            datetime.datetime(2026, 6, 1, 12, 0),
            str(Booking.Status.REQUESTED.label),
            "=Choir",
            10,
        ]
    ]
    assert "Download Excel" in client.get(reverse("premises:my_bookings")).content.decode()


def test_the_request_queue_downloads_every_waiting_request_of_the_managers_spaces_with_the_booker(
    make_user, client_for
):
    manager = make_user(Role.PREMISES_MANAGER)
    mine = SpaceFactory(name="Studio", owner_unit=manager.home_unit, approval_required=True)
    booker = make_user(Role.OFFICIAL, first_name="Bea", last_name="Booker")
    start = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=datetime.UTC)
    for day, space, status in [
        (0, mine, Booking.Status.REQUESTED),
        (1, mine, Booking.Status.CONFIRMED),
        (2, SpaceFactory(approval_required=True), Booking.Status.REQUESTED),  # not the manager's space
    ]:
        moment = start + datetime.timedelta(days=day)
        BookingFactory(
            space=space,
            booker=booker,
            status=status,
            purpose=f"Day {day}",
            period=DateTimeTZRange(moment, moment + datetime.timedelta(hours=1)),
        )
    client = UserClient(manager)

    rows = csv_dicts(client.get(reverse("premises:request_queue_export")))
    workbook = xlsx_rows(client.get(reverse("premises:request_queue_export_xlsx")))

    assert [row["Purpose"] for row in rows] == ["Day 0"]
    assert rows[0]["Booker"] == f"Bea Booker ({booker.home_unit.name})"
    assert workbook[1][2] == datetime.datetime(2026, 6, 1, 10, 0)
    assert "Download Excel" in client.get(reverse("premises:request_queue")).content.decode()
    assert client_for(Role.OFFICIAL).get(reverse("premises:request_queue_export")).status_code == 403
