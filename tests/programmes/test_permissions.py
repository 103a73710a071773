import pytest

from apps.accounts.roles import Role
from apps.initiatives.models import Participation
from apps.programmes import permissions
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_user_links_to_the_programmes_they_lead_attend_or_take_part_in_through_an_initiative(make_user):
    user = make_user(Role.OFFICIAL)
    person = PersonFactory(user=user, unit=user.home_unit)
    led = ProgrammeFactory(lead=person)
    attended = MeetingFactory()
    attended.attendees.set([person])
    by_unit, by_contact, by_creation, unrelated = (ProgrammeFactory() for _ in range(4))
    ParticipationFactory(
        initiative=InitiativeFactory(programme=by_unit), unit=user.home_unit, role=Participation.Role.PARTNER
    )
    ParticipationFactory(initiative=InitiativeFactory(programme=by_unit), role=Participation.Role.PARTNER)
    InitiativeFactory(programme=by_contact, contact_persons=[person])
    InitiativeFactory(programme=by_creation, created_by=user)
    InitiativeFactory(programme=unrelated)

    linkable = permissions.linkable_programmes(user)

    assert sorted(linkable.values_list("pk", flat=True)) == sorted(
        [led.pk, attended.programme_id, by_unit.pk, by_contact.pk, by_creation.pk]
    )
    assert not permissions.can_link_programme(user, unrelated)
    assert permissions.editable_programmes(user).get() == led
