"""A booking counts towards an initiative's or programme's premises figures only if its booker works on it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.core.exceptions import NotAllowed
from apps.premises import services
from apps.premises.models import Booking, BookingSeries
from tests.api_access import call
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.premises.factories import SpaceFactory, booking_payload
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(make_user):
    return make_user(Role.OFFICIAL)


@pytest.fixture
def theirs(official):
    """An initiative the official's home unit takes part in, inside a programme."""
    participation = ParticipationFactory(unit=official.home_unit, initiative__programme=ProgrammeFactory())
    return participation.initiative


@pytest.fixture
def strangers():
    """An initiative and a programme the official has nothing to do with."""
    return InitiativeFactory(title="Someone else's project"), ProgrammeFactory(name="Someone else's programme")


@pytest.fixture
def book(monday, at):
    """``book(by, **links)``: the service books a fresh space next Monday 10-12 for ``by``, linked as given."""

    def make(by, **links):
        return services.booking_create(
            space=SpaceFactory(),
            by=by,
            start=at(monday, 10),
            end=at(monday, 12),
            purpose="Meeting",
            attendees=6,
            **links,
        )

    return make


def test_the_api_refuses_a_booking_linked_to_an_initiative_the_booker_has_no_part_in(official, strangers, monday, at):
    initiative, programme = strangers
    space = SpaceFactory()

    for link in ({"initiative": initiative.pk}, {"programme": programme.pk}):
        response = call(
            official, "post", reverse("booking-list"), booking_payload(space, at(monday, 10), at(monday, 12), **link)
        )

        assert response.status_code == 403, link
        assert "take part in" in response.json()["detail"]
    assert not Booking.objects.exists()


def test_the_api_books_for_an_initiative_and_programme_the_booker_takes_part_in(official, theirs, monday, at):
    payload = booking_payload(
        SpaceFactory(), at(monday, 10), at(monday, 12), initiative=theirs.pk, programme=theirs.programme_id
    )

    response = call(official, "post", reverse("booking-list"), payload)

    assert response.status_code == 201, response.content
    assert (response.json()["initiative"], response.json()["programme"]) == (theirs.pk, theirs.programme_id)


def test_a_series_is_refused_for_someone_elses_initiative(official, strangers, monday, at):
    initiative, _programme = strangers
    payload = booking_payload(
        SpaceFactory(),
        at(monday, 10),
        at(monday, 12),
        initiative=initiative.pk,
        recurrence="weekly",
        until=str(monday + timedelta(weeks=2)),
    )

    response = call(official, "post", reverse("booking-series-list"), payload)

    assert response.status_code == 403
    assert not BookingSeries.objects.exists()


def test_programme_leads_link_their_programme_and_its_initiatives(make_user, book):
    lead = make_user(Role.PROGRAMME_LEAD)
    programme = ProgrammeFactory(lead=PersonFactory(user=lead))
    initiative = InitiativeFactory(programme=programme)

    booking = book(lead, initiative=initiative, programme=programme)

    assert (booking.initiative, booking.programme) == (initiative, programme)


def test_a_meeting_attendee_takes_part_in_the_programme(official, book):
    meeting = MeetingFactory(programme=ProgrammeFactory())
    meeting.attendees.add(PersonFactory(user=official))

    booking = book(official, programme=meeting.programme)

    assert booking.programme == meeting.programme


def test_the_service_refuses_the_link_whoever_calls_it(official, strangers, book):
    initiative, _programme = strangers

    with pytest.raises(NotAllowed, match="initiative you take part in"):
        book(official, initiative=initiative)


def _form(day, **extra):
    return {
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "purpose": "Choir",
        "attendees": 8,
        **extra,
    }


def test_the_form_offers_only_the_bookers_initiatives_and_programmes(official_client, theirs, strangers):
    response = official_client.get(reverse("premises:booking_create", args=[SpaceFactory().pk]))

    content = response.content.decode()
    assert theirs.title in content
    assert theirs.programme.name in content
    assert "Someone else&#x27;s project" not in content
    assert "Someone else&#x27;s programme" not in content


@pytest.mark.parametrize("repeat", ["", "weekly"])
def test_a_forged_form_post_is_a_form_error(official_client, strangers, monday, repeat):
    initiative, programme = strangers
    data = _form(monday, initiative=initiative.pk, programme=programme.pk, repeat=repeat)
    if repeat:
        data["until"] = (monday + timedelta(weeks=2)).isoformat()

    response = official_client.post(reverse("premises:booking_create", args=[SpaceFactory().pk]), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"initiative", "programme"}
    assert not Booking.objects.exists()
