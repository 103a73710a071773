"""The one policy, role by role: who may change an initiative or a programme (everyone logged in reads)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.accounts.roles import Role
from apps.initiatives import permissions
from apps.initiatives.models import Participation
from apps.programmes import permissions as programme_permissions
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory, ParticipationFactory
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    """One initiative in a programme, and one user per way of relating to it."""
    lead_user = make_user(Role.PROGRAMME_LEAD)
    programme = ProgrammeFactory(lead=PersonFactory(user=lead_user))
    initiative = InitiativeFactory(programme=programme)
    participant = make_user(Role.OFFICIAL)
    ParticipationFactory(initiative=initiative, unit=participant.home_unit, role=Participation.Role.LEAD)
    contact = make_user(Role.OFFICIAL)
    initiative.contact_persons.add(PersonFactory(user=contact))
    return {
        "initiative": initiative,
        "programme": programme,
        "official of a participating unit": participant,
        "contact person": contact,
        "programme lead": lead_user,
        "admin": make_user(Role.ADMIN),
        "superuser": make_user(is_superuser=True),
        "other official": make_user(Role.OFFICIAL),
        "other programme lead": make_user(Role.PROGRAMME_LEAD),
        "manager": make_user(Role.MANAGER),
        "premises manager": make_user(Role.PREMISES_MANAGER),
    }


@pytest.mark.parametrize(
    ("who", "edits_initiative", "edits_programme"),
    [
        ("official of a participating unit", True, False),
        ("contact person", True, False),
        ("programme lead", True, True),
        ("admin", True, True),
        ("superuser", True, True),
        ("other official", False, False),
        ("other programme lead", False, False),
        ("manager", False, False),
        ("premises manager", False, False),
    ],
)
def test_who_may_edit(world, who, edits_initiative, edits_programme):
    user = world[who]
    initiative, programme = world["initiative"], world["programme"]

    assert permissions.can_edit_initiative(user, initiative) is edits_initiative
    assert permissions.can_edit(user, OutcomeFactory(initiative=initiative)) is edits_initiative
    assert (initiative in permissions.editable_initiatives(user)) is edits_initiative
    assert programme_permissions.can_edit_programme(user, programme) is edits_programme
    assert permissions.can_edit(user, MeetingFactory(programme=programme)) is edits_programme


@pytest.mark.parametrize(
    ("roles", "creates_initiatives", "creates_programmes"),
    [
        ((Role.OFFICIAL,), True, False),
        ((Role.PROGRAMME_LEAD,), True, True),
        ((Role.ADMIN,), True, True),
        ((Role.MANAGER,), False, False),
        ((Role.PREMISES_MANAGER,), False, False),
        ((), False, False),
    ],
)
def test_who_may_create(make_user, roles, creates_initiatives, creates_programmes):
    user = make_user(*roles)

    assert permissions.can_create_initiative(user) is creates_initiatives
    assert programme_permissions.can_create_programme(user) is creates_programmes


def test_anonymous_visitors_change_nothing():
    initiative = InitiativeFactory()

    assert not permissions.can_edit_initiative(AnonymousUser(), initiative)
    assert not permissions.editable_initiatives(AnonymousUser()).exists()
    assert not permissions.can_create_initiative(AnonymousUser())


def test_an_initiative_with_two_matching_rules_is_listed_once(make_user):
    official = make_user(Role.OFFICIAL)
    initiative = InitiativeFactory(contact_persons=[PersonFactory(user=official)], created_by=official)
    ParticipationFactory(initiative=initiative, unit=official.home_unit)

    assert list(permissions.editable_initiatives(official)) == [initiative]
