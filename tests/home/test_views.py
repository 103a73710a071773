"""The home page: one page per person, the sections their roles call for, each item linking to its fix."""

from __future__ import annotations

import datetime

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative, Participation
from apps.notifications.models import Notification
from apps.premises.models import Booking
from tests.clients import UserClient
from tests.dashboards.conftest import monthly_values
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory, ParticipationFactory
from tests.partner_requests.factories import PartnerRequestFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

HOME = "/"


def _tomorrow_at(hour: int) -> DateTimeTZRange:
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(hour))
    )
    return DateTimeTZRange(start, start + datetime.timedelta(hours=1))


def _sections(response) -> set[str]:
    content = response.content.decode()
    names = ("initiatives", "bookings", "requests", "programmes", "headline")
    return {name for name in names if f'id="home-{name}"' in content}


def test_an_official_sees_their_initiatives_with_what_each_lacks_and_where_to_fix_it(official_client, official):
    # Given an active initiative the official created: one sector, one contact, no outcome, not changed for 5 months
    # (155 days: 5 months by local dates whatever the hour and the summer time between then and now)
    lacking = InitiativeFactory(created_by=official, status=Initiative.Status.ACTIVE, title="Lonely seniors")
    ParticipationFactory(initiative=lacking, unit=official.home_unit, role=Participation.Role.LEAD)
    lacking.contact_persons.set([PersonFactory()])
    Initiative.objects.filter(pk=lacking.pk).update(updated_at=timezone.now() - datetime.timedelta(days=155))
    # And one they are a contact person of that lacks nothing
    complete = InitiativeFactory(status=Initiative.Status.ACTIVE, title="Youth jobs")
    for unit in (official.home_unit, UnitFactory()):
        ParticipationFactory(initiative=complete, unit=unit)
    complete.contact_persons.set([PersonFactory(user=official), PersonFactory()])
    OutcomeFactory(initiative=complete)
    # And someone else's
    InitiativeFactory(title="Not mine")

    # When the official opens the home page
    response = official_client.get(HOME)

    # Then both of theirs are listed, each lacking thing linked to where it is fixed
    content = response.content.decode()
    listed = {initiative.title: initiative.gaps for initiative in response.context["page"].initiatives}
    assert set(listed) == {"Lonely seniors", "Youth jobs"}
    edit = reverse("initiatives:edit", args=[lacking.pk])
    assert {gap.code: gap.url for gap in listed["Lonely seniors"]} == {
        "no_outcome": f"{edit}#rows-outcomes",
        "stale": reverse("initiatives:detail", args=[lacking.pk]),
        "one_contact": f"{edit}#id_contact_persons",
        "one_sector": f"{edit}#id_units",
    }
    assert "Not updated for 5 months." in content
    assert f'href="{edit}#rows-outcomes"' in content
    assert listed["Youth jobs"] == []
    assert "Not mine" not in content


def test_an_official_without_initiatives_is_told_to_log_the_first(official_client):
    response = official_client.get(HOME)

    content = response.content.decode()
    assert _sections(response) == {"initiatives", "bookings"}
    assert "You have no initiatives yet." in content
    assert f'href="{reverse("initiatives:quick_log")}"' in content
    assert "No bookings coming up." in content


def test_the_next_bookings_and_series_are_listed_soonest_first(official_client, official):
    later = BookingFactory(booker=official, period=_tomorrow_at(15), purpose="Board game night")
    sooner = BookingFactory(booker=official, period=_tomorrow_at(9), purpose="Morning coffee")
    past_start = timezone.now() - datetime.timedelta(days=2)
    BookingFactory(booker=official, period=DateTimeTZRange(past_start, past_start + datetime.timedelta(hours=1)))
    BookingFactory(booker=official, period=_tomorrow_at(11), status=Booking.Status.CANCELLED)

    response = official_client.get(HOME)

    assert response.context["page"].bookings == [sooner, later]
    assert "Board game night" in response.content.decode()


def test_a_premises_manager_sees_the_requests_waiting_for_their_decision(client_for):
    client = client_for(Role.PREMISES_MANAGER)
    space = SpaceFactory(owner_unit=client.user.home_unit, approval_required=True)
    for hour in (9, 12):
        BookingFactory(space=space, period=_tomorrow_at(hour), status=Booking.Status.REQUESTED)

    response = client.get(HOME)

    assert "requests" in _sections(response)
    assert "2 requests wait for your decision." in response.content.decode()
    assert f'href="{reverse("premises:request_queue")}"' in response.content.decode()


def test_a_premises_manager_without_requests_is_told_where_they_will_show(client_for):
    response = client_for(Role.PREMISES_MANAGER).get(HOME)

    assert "No requests wait for your decision." in response.content.decode()


def test_a_programme_lead_sees_the_programmes_they_lead_with_the_next_meeting(client_for):
    client = client_for(Role.PROGRAMME_LEAD)
    person = PersonFactory(user=client.user, unit=client.user.home_unit)
    today = timezone.localdate()
    led = ProgrammeFactory(name="Loneliness programme", lead=person, start_date=today, end_date=None)
    MeetingFactory(programme=led, held_on=today - datetime.timedelta(days=7))
    MeetingFactory(programme=led, held_on=today + datetime.timedelta(days=30))
    MeetingFactory(programme=led, held_on=today + datetime.timedelta(days=10))
    unplanned = ProgrammeFactory(name="Climate programme", lead=person, start_date=today, end_date=None)
    ProgrammeFactory(name="Someone else's", start_date=today, end_date=None)

    response = client.get(HOME)

    programmes = {programme.name: programme.next_meeting for programme in response.context["page"].programmes}
    assert programmes == {"Loneliness programme": today + datetime.timedelta(days=10), "Climate programme": None}
    assert f'href="{reverse("programmes:detail", args=[unplanned.pk])}#id_held_on"' in response.content.decode()


def test_a_manager_sees_what_changed_most_in_the_dashboards(manager_client):
    # Given two months of city values: the cross-sector share rose by half, the density by a tenth
    monthly_values("cross_sector_share", [0.2, 0.3])
    monthly_values("network_density", [0.30, 0.33])

    response = manager_client.get(HOME)

    headline = response.context["page"].headline
    assert [tile.indicator.code for tile in headline] == ["cross_sector_share", "network_density"]
    assert "headline" in _sections(response)
    assert "+10.0 pp, better" in response.content.decode()


def test_a_manager_before_any_computation_is_told_to_compute(manager_client):
    response = manager_client.get(HOME)

    assert response.context["page"].headline == []
    assert f'href="{reverse("indicators:list")}"' in response.content.decode()


def test_a_user_without_roles_sees_only_their_bookings(client_for):
    response = client_for().get(HOME)

    assert _sections(response) == {"bookings"}


def test_the_home_page_costs_the_same_queries_however_much_it_lists(client_for, django_assert_num_queries):
    # Given a user with every role, and the first of each kind of item
    client = client_for(Role.OFFICIAL, Role.PREMISES_MANAGER, Role.PROGRAMME_LEAD, Role.MANAGER)
    user = client.user
    person = PersonFactory(user=user, unit=user.home_unit)
    space = SpaceFactory(owner_unit=user.home_unit, approval_required=True)
    monthly_values("cross_sector_share", [0.2, 0.3])

    def add_items(hour: int) -> None:
        initiative = InitiativeFactory(created_by=user, status=Initiative.Status.ACTIVE)
        ParticipationFactory(initiative=initiative, unit=user.home_unit)
        initiative.contact_persons.set([person])
        BookingFactory(booker=user, space=space, period=_tomorrow_at(hour), status=Booking.Status.REQUESTED)
        programme = ProgrammeFactory(lead=person, start_date=timezone.localdate(), end_date=None)
        MeetingFactory(programme=programme, held_on=timezone.localdate() + datetime.timedelta(days=hour))
        Notification.objects.create(recipient=user, kind="test", key=f"home-{hour}", title=f"Notice {hour}", url="/")
        PartnerRequestFactory(title=f"Partner wanted {hour}").sectors_wanted.add(user.home_unit.sector)

    add_items(8)
    client.get(HOME)  # the session and the role grants are read once
    with django_assert_num_queries(20) as one:
        client.get(HOME)

    # When it has four of each
    for hour in (10, 12, 14):
        add_items(hour)

    # Then the page asks the database as often
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(HOME)
    assert len(response.context["page"].initiatives) == 4
    assert len(response.context["page"].partner_requests) == 4


def test_unread_notifications_come_first_with_their_count(client_for):
    # given seven unread notifications and a read one
    client = client_for(Role.OFFICIAL)
    for number in range(7):
        Notification.objects.create(
            recipient=client.user, kind="test", key=f"n-{number}", title=f"Notice {number}", url=f"/n/{number}/"
        )
    Notification.objects.create(
        recipient=client.user, kind="test", key="read", title="Already read", read_at=timezone.now()
    )

    content = client.get(HOME).content.decode()

    # then the newest five, the unread count, and a link to them all, before the other sections
    section = content.split('id="home-notifications"', 1)[1].split("</section>", 1)[0]
    assert "7 unread notifications" in section
    assert section.count("<li>") == 5 and 'href="/n/6/"' in section and "Already read" not in section
    assert reverse("notifications:list") in section
    assert content.index('id="home-notifications"') < content.index('id="home-bookings"')


def test_no_unread_notifications_no_section(client_for):
    assert 'id="home-notifications"' not in client_for(Role.OFFICIAL).get(HOME).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_reader_is_refused_nothing_on_the_home_page(client_for):
    response = UserClient(client_for().user).get(HOME)

    assert response.status_code == 200
