"""Opened premises: spaces that associations, partner organisations or residents may book besides the city's sectors.

An external booker is a user whose home unit is in an external sector: an organisation's unit (its kind decides
association or partner) or, outside the register, a residents' unit. Through services, pages and the API.
"""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, Invalid, NotAllowed
from apps.organisations.models import Organisation
from apps.premises import services
from apps.premises.models import Booking, BookingSeries, ExternalBookers
from tests.clients import UserClient
from tests.organisations.factories import ExternalSectorFactory, OrganisationFactory
from tests.premises.factories import BookingFactory, SpaceFactory, booking_payload
from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db

TERMS = "Leave the hall as you found it.\nNo open flames."
TERMS_SHA256 = hashlib.sha256(TERMS.encode()).hexdigest()


@pytest.fixture
def member_of(make_user):
    """``member_of(kind)``: an official whose home unit is a new organisation's of that kind (no partner accounts
    yet: that is how an organisation's people sign in today)."""

    def make(kind: str = Organisation.Kind.ASSOCIATION):
        return make_user(Role.OFFICIAL, home_unit=OrganisationFactory(kind=kind).unit)

    return make


@pytest.fixture
def resident(make_user):
    """A user of a residents' unit outside the organisation register."""
    return make_user(Role.OFFICIAL, home_unit=UnitFactory(sector=ExternalSectorFactory(slug="residents")))


def _book(user, space, start, end, **extra):
    return services.booking_create(
        by=user, space=space, start=start, end=end, purpose="Choir rehearsal", attendees=12, **extra
    )


# Services


def test_a_space_is_closed_to_external_bookers_by_default(member_of, monday, at):
    # Given a space as every space was before opened premises, and a registered association's member
    space, member = SpaceFactory(), member_of()

    # When the member books it, then they are refused with the reason, and nothing is saved
    with pytest.raises(NotAllowed, match="not open to registered associations"):
        _book(member, space, at(monday, 10), at(monday, 12))
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("booker_kind", "open_to", "allowed"),
    [
        (Organisation.Kind.ASSOCIATION, [ExternalBookers.ASSOCIATIONS], True),
        (Organisation.Kind.ASSOCIATION, [ExternalBookers.PARTNERS], True),  # a partner includes an association
        (Organisation.Kind.ASSOCIATION, [ExternalBookers.RESIDENTS], False),
        (Organisation.Kind.COMPANY, [ExternalBookers.ASSOCIATIONS], False),
        (Organisation.Kind.COMPANY, [ExternalBookers.PARTNERS], True),
        (Organisation.Kind.FOUNDATION, [ExternalBookers.ASSOCIATIONS, ExternalBookers.RESIDENTS], False),
        ("resident", [ExternalBookers.RESIDENTS], True),
        ("resident", [ExternalBookers.ASSOCIATIONS, ExternalBookers.PARTNERS], False),
    ],
)
def test_who_may_book_follows_the_opening(member_of, resident, monday, at, booker_kind, open_to, allowed):
    space = SpaceFactory(open_to=open_to)
    booker = resident if booker_kind == "resident" else member_of(booker_kind)

    if allowed:
        booking = _book(booker, space, at(monday, 10), at(monday, 12))
        assert booking.booker == booker
    else:
        with pytest.raises(NotAllowed, match="This space is not open to"):
            _book(booker, space, at(monday, 10), at(monday, 12))
        assert not Booking.objects.exists()


def test_an_external_booking_waits_for_approval_even_where_city_staff_are_confirmed_at_once(
    member_of, booker, monday, at
):
    # Given an instant-confirmation space opened to associations
    space = SpaceFactory(approval_required=False, open_to=[ExternalBookers.ASSOCIATIONS])

    # When an association's member and a city official book it
    external = _book(member_of(), space, at(monday, 10), at(monday, 12))
    city = _book(booker, space, at(monday, 13), at(monday, 14))

    # Then only the city's booking is confirmed; the association's waits for a premises manager
    assert (external.status, external.decided_at) == (Booking.Status.REQUESTED, None)
    assert city.status == Booking.Status.CONFIRMED


def test_an_external_booker_must_accept_the_terms_and_the_booking_records_which(member_of, monday, at):
    space = SpaceFactory(open_to=[ExternalBookers.PARTNERS], terms_of_use=TERMS)
    member = member_of(Organisation.Kind.CONGREGATION)
    now = timezone.now()

    # Without accepting: a form error on the field, nothing saved
    with pytest.raises(Invalid) as refusal:
        _book(member, space, at(monday, 10), at(monday, 12), now=now)
    assert refusal.value.errors == {"accept_terms": ["Accept the terms of use of this space to book it."]}
    assert not Booking.objects.exists()

    # Accepting: when, and the SHA-256 of the text accepted
    booking = _book(member, space, at(monday, 10), at(monday, 12), accept_terms=True, now=now)
    booking.refresh_from_db()
    assert booking.terms_accepted_at == now
    assert booking.terms_sha256 == TERMS_SHA256 == space.terms_sha256


def test_city_staff_are_not_asked_for_the_terms(booker, monday, at):
    space = SpaceFactory(open_to=[ExternalBookers.ASSOCIATIONS], terms_of_use=TERMS)

    booking = _book(booker, space, at(monday, 10), at(monday, 12))

    assert (booking.terms_accepted_at, booking.terms_sha256) == (None, "")


def test_the_same_rules_and_the_exclusion_constraint_hold_for_external_bookings(member_of, booker, monday, at):
    # Given a space opened to associations with a 30-minute buffer, a 30-day lead time and a 2-hour weekly quota,
    # and a city official's booking 10-12 five weeks ahead
    space = SpaceFactory(
        open_to=[ExternalBookers.ASSOCIATIONS],
        buffer=timedelta(minutes=30),
        lead_time=timedelta(days=30),
        weekly_quota_hours=2,
    )
    later = monday + timedelta(weeks=5)  # 36 to 42 days ahead
    BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(later, 10), at(later, 12)))
    member = member_of()

    # Then an association's member meets the lead time, the buffer after the city's booking and the quota
    with pytest.raises(Invalid, match="at least 30 days before"):
        _book(member, space, at(monday, 14), at(monday, 15))
    with pytest.raises(Conflict, match="already booked"):
        _book(member, space, at(later, 12), at(later, 13))  # inside the buffer until 12:30
    _book(member, space, at(later, 13), at(later, 15))
    with pytest.raises(Invalid, match="2 hours a week"):
        _book(member, space, at(later, 16), at(later, 17))
    assert Booking.objects.filter(booker=member).count() == 1


def test_a_series_asks_for_the_terms_once_and_every_occurrence_records_them(member_of, monday, at):
    space = SpaceFactory(approval_required=False, open_to=[ExternalBookers.ASSOCIATIONS], terms_of_use=TERMS)
    member = member_of()
    series = {
        "by": member,
        "space": space,
        "start": at(monday, 18),
        "end": at(monday, 20),
        "recurrence": "weekly",
        "until": monday + timedelta(weeks=2),
        "purpose": "Choir",
        "attendees": 20,
    }

    with pytest.raises(Invalid, match="Accept the terms of use"):
        services.booking_series_create(**series)
    assert not BookingSeries.objects.exists()

    created = services.booking_series_create(**series, accept_terms=True)
    occurrences = list(created.occurrences.all())
    assert len(occurrences) == 3
    assert {(o.status, o.terms_sha256) for o in occurrences} == {(Booking.Status.REQUESTED, TERMS_SHA256)}


def test_an_external_sector_listed_by_name_still_books_as_before(make_user, monday, at):
    # Before opened premises a space could list an external sector among its allowed sectors
    organisation = OrganisationFactory(kind=Organisation.Kind.COMPANY)
    space = SpaceFactory(allowed_sectors=[organisation.unit.sector])
    member = make_user(Role.OFFICIAL, home_unit=organisation.unit)

    booking = _book(member, space, at(monday, 10), at(monday, 12))

    # It books, as an external booker: approved by a premises manager
    assert booking.status == Booking.Status.REQUESTED


def test_a_charged_space_says_what_it_costs(make_user):
    manager = make_user(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=manager.home_unit)

    with pytest.raises(Invalid, match="Say what using the space costs"):
        services.space_update(by=manager, space=space, free_of_charge=False, price_text="")
    space.refresh_from_db()
    assert space.free_of_charge is True

    services.space_update(by=manager, space=space, free_of_charge=False, price_text="20 € an hour")
    space.refresh_from_db()
    assert (space.free_of_charge, space.price_text) == (False, "20 € an hour")


# Pages


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
        "buffer": "00:00:00",
        "cancellation_deadline": "1 00:00:00",
        "weekly_quota_hours": "",
        "approval_required": "on",
        "free_of_charge": "on",
        "hours-TOTAL_FORMS": 0,
        "hours-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_a_premises_manager_opens_a_space_and_its_page_says_so(client_for):
    client = client_for(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=client.user.home_unit)

    response = client.post(
        reverse("premises:space_edit", args=[space.pk]),
        _space_form(
            space,
            open_to=["associations", "residents"],
            terms_of_use=TERMS,
            free_of_charge=None,
            price_text="Associations free; others 30 € an hour.",
        ),
    )

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.open_to == ["associations", "residents"]
    assert (space.terms_of_use, space.free_of_charge) == (TERMS, False)
    page = client.get(reverse("premises:space_detail", args=[space.pk])).content.decode()
    assert "Registered associations, Residents" in page
    assert "No open flames." in page
    assert "Associations free; others 30 € an hour." in page


def test_a_charged_space_without_a_price_is_a_form_error(client_for):
    client = client_for(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=client.user.home_unit)

    response = client.post(reverse("premises:space_edit", args=[space.pk]), _space_form(space, free_of_charge=None))

    assert response.status_code == 200
    assert "Say what using the space costs, or mark it free of charge." in response.content.decode()
    space.refresh_from_db()
    assert space.free_of_charge is True


def test_the_catalogue_filters_spaces_open_to_external_bookers(client_for):
    client = client_for(Role.OFFICIAL)
    opened = SpaceFactory(name="Opened studio", open_to=["partners"], free_of_charge=False, price_text="10 € an hour")
    SpaceFactory(name="Staff room")

    everything = client.get(reverse("premises:catalogue")).content.decode()
    only_opened = client.get(reverse("premises:catalogue"), {"open_to_external": "on"}).content.decode()

    assert "Opened studio" in everything and "Staff room" in everything
    assert "Opened studio" in only_opened and "Staff room" not in only_opened
    assert "Any partner organisation" in only_opened
    assert "10 € an hour" in only_opened
    assert opened.pk


def test_an_external_booker_accepts_the_terms_in_the_booking_form(member_of, monday):
    space = SpaceFactory(approval_required=False, open_to=["associations"], terms_of_use=TERMS)
    client = UserClient(member_of())
    url = reverse("premises:booking_create", args=[space.pk])
    form = {"date": monday.isoformat(), "start_time": "10:00", "end_time": "12:00", "attendees": 10}
    form["purpose"] = "Rehearsal"

    page = client.get(url).content.decode()
    refused = client.post(url, form)
    accepted = client.post(url, {**form, "accept_terms": "on"})

    assert "No open flames." in page and "I accept the terms of use of this space" in page
    assert "Send the booking request" in page  # not "Book": an external booker's request is approved
    assert refused.status_code == 200
    assert "Accept the terms of use of this space to book it." in refused.content.decode()
    assert accepted.status_code == 302
    booking = Booking.objects.get()
    assert (booking.status, booking.terms_sha256) == (Booking.Status.REQUESTED, TERMS_SHA256)


def test_terms_changed_while_the_booker_read_them_are_not_taken_as_accepted(member_of, monday):
    # Given a booker who opened the form, when the manager changes the terms before the booker sends it
    space = SpaceFactory(approval_required=False, open_to=["associations"], terms_of_use=TERMS)
    client = UserClient(member_of())
    url = reverse("premises:booking_create", args=[space.pk])
    page = client.get(url).content.decode()
    assert f'value="{TERMS_SHA256}"' in page  # the terms the booker reads, with the form
    space.terms_of_use = TERMS + "\nNo pets."
    space.save()
    form = {"date": monday.isoformat(), "start_time": "10:00", "end_time": "12:00", "attendees": 10}
    response = client.post(url, {**form, "purpose": "Rehearsal", "accept_terms": "on", "terms_sha256": TERMS_SHA256})

    # Then nothing is booked and the booker is asked to read them again
    assert response.status_code == 200
    assert "The terms of use changed while you were booking" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_booking_form_of_a_space_not_opened_is_refused_to_an_external_booker(member_of):
    space = SpaceFactory()

    response = UserClient(member_of()).get(reverse("premises:booking_create", args=[space.pk]))

    assert response.status_code == 403


# API


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_shows_who_may_book_the_terms_and_the_price(official):
    space = SpaceFactory(open_to=["associations"], terms_of_use=TERMS, free_of_charge=False, price_text="5 €")

    data = _api(official).get(reverse("space-detail", args=[space.pk])).json()

    assert data["open_to"] == ["associations"]
    assert (data["terms_of_use"], data["free_of_charge"], data["price_text"]) == (TERMS, False, "5 €")


def test_premises_managers_change_the_opening_through_the_api_and_others_may_not(make_user, official):
    manager = make_user(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=manager.home_unit)
    url = reverse("space-detail", args=[space.pk])
    change = {"open_to": ["residents", "partners"], "terms_of_use": TERMS}

    denied = _api(official).patch(url, change, format="json")
    bad = _api(manager).patch(url, {"free_of_charge": False}, format="json")
    changed = _api(manager).patch(url, change, format="json")

    assert denied.status_code == 403
    assert denied.json()["detail"] == "Only the premises managers of this space can change it."
    assert bad.status_code == 400
    assert "Say what using the space costs, or mark it free of charge." in bad.json()["detail"]
    assert changed.status_code == 200, changed.content
    assert changed.json()["open_to"] == ["partners", "residents"]
    space.refresh_from_db()
    assert (space.open_to, space.terms_of_use, space.free_of_charge) == (["partners", "residents"], TERMS, True)


def test_the_booking_api_takes_accept_terms(member_of, monday, at):
    space = SpaceFactory(open_to=["associations"], terms_of_use=TERMS)
    client = _api(member_of())
    payload = booking_payload(space, at(monday, 10), at(monday, 12))

    refused = client.post(reverse("booking-list"), payload, format="json")
    created = client.post(reverse("booking-list"), {**payload, "accept_terms": True}, format="json")

    assert refused.status_code == 400
    assert refused.json()["accept_terms"] == ["Accept the terms of use of this space to book it."]
    assert refused.json()["detail"] == "accept_terms: Accept the terms of use of this space to book it."
    assert created.status_code == 201, created.content
    assert (created.json()["status"], created.json()["terms_sha256"]) == ("requested", TERMS_SHA256)
    assert created.json()["terms_accepted_at"] is not None
    assert Booking.objects.count() == 1


def test_the_booking_api_refuses_an_external_booker_where_the_space_is_not_opened(member_of, monday, at):
    space = SpaceFactory(open_to=["associations"])
    client = _api(member_of(Organisation.Kind.COMPANY))

    response = client.post(
        reverse("booking-list"), booking_payload(space, at(monday, 10), at(monday, 12)), format="json"
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "This space is not open to partner organisations. Ask its premises manager."
    assert not Booking.objects.exists()


def test_a_token_caller_is_known_as_external_without_more_queries(member_of, booker, monday, at):
    # Given an association's member and a city official, each with a DRF token, and two spaces alike that ask
    # for approval (so both requests notify the managers)
    city_space = SpaceFactory(approval_required=True, weekly_quota_hours=40)
    opened_space = SpaceFactory(approval_required=True, weekly_quota_hours=40, open_to=["associations"])

    def queries_to_book(user, space) -> int:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        with CaptureQueriesContext(connection) as queries:
            created = client.post(
                reverse("booking-list"), booking_payload(space, at(monday, 10), at(monday, 12)), format="json"
            )
        assert created.status_code == 201, created.content
        return len(queries)

    # Then the token's query has read the home unit's sector kind and organisation kind along with the user
    assert queries_to_book(member_of(), opened_space) == queries_to_book(booker, city_space)


def test_the_series_api_takes_accept_terms(member_of, monday, at):
    space = SpaceFactory(open_to=["associations"], terms_of_use=TERMS)
    client = _api(member_of())
    payload = booking_payload(
        space, at(monday, 10), at(monday, 12), recurrence="weekly", until=(monday + timedelta(weeks=1)).isoformat()
    )

    refused = client.post(reverse("booking-series-list"), payload, format="json")
    created = client.post(reverse("booking-series-list"), {**payload, "accept_terms": True}, format="json")

    assert refused.status_code == 400
    assert refused.json()["accept_terms"] == ["Accept the terms of use of this space to book it."]
    assert created.status_code == 201, created.content
    assert (created.json()["requested"], created.json()["confirmed"]) == (2, 0)
    assert set(Booking.objects.values_list("terms_sha256", flat=True)) == {TERMS_SHA256}
