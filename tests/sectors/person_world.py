"""A person with one row of every kind Silta holds about people: for the data export and the erasure tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from apps.accounts.models import ApiToken, User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.core.history import record_by
from apps.core.models import OutgoingEmail
from apps.initiatives.models import Initiative
from apps.notifications.models import Notification
from apps.premises.models import Booking
from apps.programmes.models import Meeting, Programme
from apps.sectors.models import Person, Sector
from tests.accounts.factories import UserFactory, api_token_for
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

FIRST, LAST = "Maija", "Meikäläinen"
FULL = f"{FIRST} {LAST}"
EMAIL = "maija.meikalainen@example.org"
PHONE = "+358 40 765 4321"
OLD_PHONE = "+358 9 310 1234"
USERNAME = "mmeikal"
# Everything that names her: after an erasure none of it is anywhere in the database.
TRACES = (FIRST, LAST, EMAIL, PHONE, OLD_PHONE, USERNAME)


@dataclass
class PersonWorld:
    person: Person
    user: User
    colleague: Person
    initiative: Initiative
    meeting: Meeting
    programme: Programme
    booking: Booking
    notification: Notification
    token: ApiToken
    token_secret: str


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def person_world(admin: User) -> PersonWorld:
    """Maija: a city official with an account, a role and a token; a contact of an initiative (with a colleague)
    and of a completed one (alone); she leads a programme, attended a meeting, booked a space last year, was told
    things and is named in texts of others, in an e-mail and in the admin's log. Her phone changed once."""
    culture = SectorFactory(name="Culture", kind=Sector.Kind.CITY)
    ngos = SectorFactory(name="NGOs", kind=Sector.Kind.EXTERNAL)
    unit, ngo = UnitFactory(sector=culture, name="Libraries"), UnitFactory(sector=ngos, name="Reading Club ry")
    user = UserFactory(username=USERNAME, first_name=FIRST, last_name=LAST, email=EMAIL, home_unit=unit)
    role_grant(by=admin, user=user, role=Role.OFFICIAL)
    person = PersonFactory(
        first_name=FIRST, last_name=LAST, email=EMAIL, phone=OLD_PHONE, unit=unit, user=user, is_boundary_spanner=True
    )
    person.phone = PHONE
    record_by(person, admin).save()
    colleague = PersonFactory(first_name="Kalle", last_name="Kollega", unit=ngo)
    programme = ProgrammeFactory(name="Reading City", lead=person, mandate=f"Led by {FULL} ({EMAIL}).")
    initiative = InitiativeFactory(
        title="Reading buddies",
        description=f"{FULL} runs the group; call {PHONE}.",
        programme=programme,
        contact_persons=[person, colleague],
    )
    for participant in (unit, ngo):
        ParticipationFactory(initiative=initiative, unit=participant)
    InitiativeFactory(
        title="Last year's reading week", status=Initiative.Status.COMPLETED, contact_persons=[person], programme=None
    )
    meeting = MeetingFactory(programme=programme, attendees=[person, colleague], notes="Minutes.")
    meeting.notes = f"{FULL} presented the plan."
    record_by(meeting, user).save()  # a change she made herself
    space = SpaceFactory(owner_unit=unit)
    start = _at(datetime.date(2025, 3, 4), 10)
    booking = BookingFactory(
        space=space,
        booker=user,
        period=DateTimeTZRange(start, start + datetime.timedelta(hours=2)),
        purpose=f"Workshop by {FULL}",
        initiative=initiative,
    )
    notification = Notification.objects.create(
        recipient=user, kind="premises.booking_decision", key="test:her-booking", title="Your booking was confirmed"
    )
    Notification.objects.create(
        recipient=admin, kind="initiatives.contact_added", key="test:admin", title=f"{FULL} was added as a contact"
    )
    OutgoingEmail.objects.create(
        key="test:mail", subject="Booking", body=f"Dear {FULL}", from_email="silta@example.org", to=[EMAIL]
    )
    OutgoingEmail.objects.create(
        key="test:other-mail",
        subject=f"About {FULL}",
        body="See the booking.",
        from_email="x@example.org",
        to=["someone@example.org"],
    )
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=FULL,
        action_flag=CHANGE,
        change_message=f'[{{"changed": {{"fields": ["Phone"]}}}}] {PHONE}',
    )
    token, secret = api_token_for(user, name=f"{FIRST}'s laptop")
    return PersonWorld(
        person=person,
        user=user,
        colleague=colleague,
        initiative=initiative,
        meeting=meeting,
        programme=programme,
        booking=booking,
        notification=notification,
        token=token,
        token_secret=secret,
    )
