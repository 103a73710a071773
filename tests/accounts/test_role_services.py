"""Granting and removing roles: who may, where, and the history of every change."""

import pytest

from apps.accounts.models import RoleAssignment
from apps.accounts.roles import Role
from apps.accounts.services import role_grant, role_login_sync, role_revoke
from apps.core.exceptions import Invalid, NotAllowed
from tests.accounts.factories import UserFactory
from tests.premises.factories import VenueFactory
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_admin(make_user):
    """The unit administrator of their home unit (unit A)."""
    return make_user(Role.UNIT_ADMIN)


def test_an_admin_grants_any_role_with_any_scope(make_user):
    admin, person, programme = make_user(Role.ADMIN), UserFactory(), ProgrammeFactory()

    for role, scope in [(Role.ADMIN, None), (Role.MANAGER, SectorFactory()), (Role.PROGRAMME_LEAD, programme)]:
        role_grant(by=admin, user=person, role=role, scope=scope)

    assert person.role_names == {Role.ADMIN, Role.MANAGER, Role.PROGRAMME_LEAD}
    assert RoleAssignment.objects.get(user=person, role=Role.PROGRAMME_LEAD).scope == programme


def test_a_unit_admin_grants_roles_inside_their_unit(unit_admin):
    colleague = UserFactory(home_unit=unit_admin.home_unit)

    role_grant(by=unit_admin, user=colleague, role=Role.OFFICIAL)
    role_grant(by=unit_admin, user=colleague, role=Role.PREMISES_MANAGER, scope=unit_admin.home_unit)
    role_grant(by=unit_admin, user=colleague, role=Role.UNIT_ADMIN, scope=unit_admin.home_unit)

    assert colleague.role_names == {Role.OFFICIAL, Role.PREMISES_MANAGER, Role.UNIT_ADMIN}


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        pytest.param(Role.ADMIN, lambda unit: None, id="admin"),
        pytest.param(Role.MANAGER, lambda unit: None, id="city-wide manager"),
        pytest.param(Role.PREMISES_MANAGER, lambda unit: UnitFactory(), id="premises manager of another unit"),
        pytest.param(Role.UNIT_ADMIN, lambda unit: UnitFactory(), id="unit admin of another unit"),
        pytest.param(Role.PREMISES_MANAGER, lambda unit: VenueFactory(), id="a venue"),
        pytest.param(Role.PROGRAMME_LEAD, lambda unit: ProgrammeFactory(), id="a programme"),
    ],
)
def test_a_unit_admin_grants_nothing_beyond_their_unit(unit_admin, role, scope):
    colleague = UserFactory(home_unit=unit_admin.home_unit)

    with pytest.raises(NotAllowed):
        role_grant(by=unit_admin, user=colleague, role=role, scope=scope(unit_admin.home_unit))

    assert not RoleAssignment.objects.filter(user=colleague).exists()


def test_a_unit_admin_grants_no_role_to_someone_of_another_unit(unit_admin):
    stranger = UserFactory()

    with pytest.raises(NotAllowed):
        role_grant(by=unit_admin, user=stranger, role=Role.OFFICIAL)


def test_a_unit_admin_removes_roles_inside_their_unit_only(unit_admin, make_user):
    colleague = make_user(Role.OFFICIAL, home_unit=unit_admin.home_unit)
    stranger = make_user(Role.OFFICIAL)

    role_revoke(by=unit_admin, assignment=colleague.role_assignments.get())
    with pytest.raises(NotAllowed):
        role_revoke(by=unit_admin, assignment=stranger.role_assignments.get())

    assert (colleague.role_names, stranger.role_names) == (frozenset(), {Role.OFFICIAL})


def test_an_official_grants_nothing(make_user):
    official = make_user(Role.OFFICIAL)

    with pytest.raises(NotAllowed):
        role_grant(by=official, user=UserFactory(home_unit=official.home_unit), role=Role.OFFICIAL)


def test_a_role_only_takes_the_scopes_it_has(make_user):
    admin = make_user(Role.ADMIN)

    with pytest.raises(Invalid):
        role_grant(by=admin, user=UserFactory(), role=Role.MANAGER, scope=UnitFactory())
    with pytest.raises(Invalid):
        role_grant(by=None, user=UserFactory(), role=Role.UNIT_ADMIN)  # a unit administrator needs their unit


def test_granting_a_held_role_again_changes_nothing(make_user):
    admin, person = make_user(Role.ADMIN), UserFactory()

    first = role_grant(by=admin, user=person, role=Role.OFFICIAL)
    again = role_grant(by=admin, user=person, role=Role.OFFICIAL)

    assert first == again
    assert person.role_assignments.count() == 1


def test_the_database_keeps_one_assignment_per_user_role_and_scope():
    person = UserFactory()
    RoleAssignment.objects.create(user=person, role=Role.OFFICIAL)

    with pytest.raises(Exception, match="one_per_scope"):
        RoleAssignment.objects.create(user=person, role=Role.OFFICIAL)


def test_history_keeps_who_granted_and_removed_what_and_from_where(make_user):
    admin, person, unit = make_user(Role.ADMIN), UserFactory(), UnitFactory()

    assignment = role_grant(by=admin, user=person, role=Role.PREMISES_MANAGER, scope=unit)
    role_grant(by=None, user=person, role=Role.OFFICIAL, source=RoleAssignment.Source.LOGIN)
    role_revoke(by=admin, assignment=assignment)

    history = RoleAssignment.history.filter(user=person).order_by("history_id")
    assert [(h.history_type, h.role, h.unit_id, h.source, h.history_user) for h in history] == [
        ("+", Role.PREMISES_MANAGER, unit.pk, "hand", admin),
        ("+", Role.OFFICIAL, None, "login", None),
        ("-", Role.PREMISES_MANAGER, unit.pk, "hand", admin),
    ]
    assert person.role_names == {Role.OFFICIAL}


def test_a_sign_in_sets_the_roles_from_the_login_and_leaves_those_by_hand(make_user):
    person, unit_a, unit_b = make_user(Role.OFFICIAL), UnitFactory(), UnitFactory()
    role_login_sync(user=person, grants=[(Role.PREMISES_MANAGER, unit_a), (Role.MANAGER, None)])

    # When the next sign-in's group claims give another unit and no manager role
    role_login_sync(user=person, grants=[(Role.PREMISES_MANAGER, unit_b), (Role.OFFICIAL, None)])

    # Then the roles from the login follow the claims, the one by hand stays, and the history says so
    held = {(a.role, a.unit_id, a.source) for a in person.role_assignments.all()}
    assert held == {(Role.OFFICIAL, None, "hand"), (Role.PREMISES_MANAGER, unit_b.pk, "login")}
    changes = RoleAssignment.history.filter(user=person, source="login")
    assert sorted((h.history_type, h.role, h.unit_id or 0) for h in changes) == sorted(
        [
            ("+", Role.PREMISES_MANAGER, unit_a.pk),
            ("+", Role.MANAGER, 0),
            ("-", Role.PREMISES_MANAGER, unit_a.pk),
            ("-", Role.MANAGER, 0),
            ("+", Role.PREMISES_MANAGER, unit_b.pk),
        ]
    )
    assert person.role_names == {Role.OFFICIAL, Role.PREMISES_MANAGER}
