"""The unit tree: the database keeps it a tree inside one sector, the model says why first."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from apps.sectors.models import Unit
from tests.sectors.factories import SectorFactory, UnitFactory, unit_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Unit]:
    return unit_tree()


def _move_in_sql(unit: Unit, **values: object) -> None:
    """Around the model's checks, as a script or a bulk update would."""
    with transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(**values)


def test_the_database_refuses_a_unit_as_its_own_parent(tree):
    with pytest.raises(IntegrityError, match="sectors_unit_not_own_parent"):
        _move_in_sql(tree["museums"], parent=tree["museums"])


def test_the_database_refuses_a_parent_in_another_sector(tree):
    with pytest.raises(IntegrityError, match="sectors_unit_parent_in_sector"):
        _move_in_sql(tree["elsewhere"], parent=tree["services"])


def test_the_database_refuses_a_unit_with_sub_units_leaving_their_sector(tree):
    with pytest.raises(IntegrityError, match="sectors_unit_parent_in_sector"):
        _move_in_sql(tree["libraries"], sector=tree["elsewhere"].sector)


def test_the_database_refuses_a_cycle(tree):
    # Culture Services under Sello Library, two levels below itself
    with pytest.raises(IntegrityError, match="own sub-unit"):
        _move_in_sql(tree["services"], parent=tree["sello"])

    assert Unit.objects.get(pk=tree["services"].pk).parent_id is None


def test_a_whole_branch_moves_to_another_sector_from_the_bottom_up(tree):
    # Detaching first is the way to move a branch; the database lets every step through.
    education = tree["elsewhere"].sector
    _move_in_sql(tree["sello"], parent=None)
    _move_in_sql(tree["libraries"], sector=education, parent=tree["elsewhere"])
    _move_in_sql(tree["sello"], sector=education, parent=tree["libraries"])

    assert Unit.objects.filter(sector=education).count() == 3


@pytest.mark.parametrize(
    ("unit", "field", "value", "message"),
    [
        ("museums", "parent", "museums", "cannot be its own parent"),
        ("services", "parent", "sello", "under one of its own sub-units"),
        ("elsewhere", "parent", "services", "must be in the same sector (Education)"),
    ],
)
def test_the_model_says_why_before_the_database_refuses(tree, unit, field, value, message):
    moved = Unit.objects.get(pk=tree[unit].pk)
    setattr(moved, field, tree[value])

    with pytest.raises(ValidationError) as refused:
        moved.full_clean()

    assert message in " ".join(refused.value.message_dict["parent"])


def test_the_model_keeps_a_unit_with_sub_units_in_their_sector(tree):
    libraries = Unit.objects.get(pk=tree["libraries"].pk)
    libraries.sector = tree["elsewhere"].sector
    libraries.parent = None

    with pytest.raises(ValidationError) as refused:
        libraries.full_clean()

    assert "sub-units" in " ".join(refused.value.message_dict["sector"])


def test_a_new_unit_at_the_top_or_under_a_parent_is_valid(tree):
    Unit(sector=tree["services"].sector, name="Music Institute", parent=tree["services"]).full_clean()
    Unit(sector=SectorFactory(), name="Top").full_clean()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_cannot_close_a_loop_together():
    # Given two sibling units, and two connections that each put one under the other at the same instant
    sector = SectorFactory()
    first, second = UnitFactory(sector=sector), UnitFactory(sector=sector)
    both_updated = threading.Barrier(2, timeout=30)

    def move(unit: Unit, under: Unit) -> str:
        try:
            with transaction.atomic():
                both_updated.wait()
                Unit.objects.filter(pk=unit.pk).update(parent=under)
            return "moved"
        except IntegrityError:
            return "refused"
        finally:
            connection.close()

    # When both run (each check alone sees no loop: only the lock makes the second see the first)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(move, [first, second], [second, first]))

    # Then one move wins and the other is refused: the tree has no loop
    assert outcomes == ["moved", "refused"]
    assert Unit.objects.filter(pk__in=[first.pk, second.pk], parent__isnull=False).count() == 1


def test_a_role_held_for_a_unit_holds_for_its_sub_units(tree, make_user):
    # given a premises manager and a unit administrator, both for Culture Services (two levels above Sello)
    from apps.accounts import permissions as account_permissions
    from apps.accounts.models import RoleAssignment
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.premises import permissions as premises_permissions
    from tests.premises.factories import SpaceFactory

    manager, unit_admin = make_user(), make_user()
    role_grant(by=None, user=manager, role=Role.PREMISES_MANAGER, scope=tree["services"])
    role_grant(by=None, user=unit_admin, role=Role.UNIT_ADMIN, scope=tree["services"])
    sello_space, other_space = SpaceFactory(owner_unit=tree["sello"]), SpaceFactory(owner_unit=tree["elsewhere"])
    sello_official = make_user(home_unit=tree["sello"])

    # then the manager manages Sello's space but not another sector's
    assert premises_permissions.can_manage(manager, sello_space)
    assert not premises_permissions.can_manage(manager, other_space)
    # and the unit administrator may give a role in Sello, not in another sector's unit
    assert tree["sello"].pk in account_permissions.administered_unit_ids(unit_admin)
    in_sello = RoleAssignment(user=sello_official, role=Role.PREMISES_MANAGER, unit=tree["sello"])
    elsewhere = RoleAssignment(user=sello_official, role=Role.PREMISES_MANAGER, unit=tree["elsewhere"])
    assert account_permissions.can_grant(unit_admin, in_sello)
    assert not account_permissions.can_grant(unit_admin, elsewhere)
