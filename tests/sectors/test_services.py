"""Unit writes: administrators build the tree; a move that would break it is refused with a message."""

from __future__ import annotations

import pytest

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid, NotAllowed
from apps.sectors import services
from apps.sectors.models import Unit
from tests.sectors.factories import unit_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Unit]:
    return unit_tree()


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


def test_an_administrator_adds_a_unit_under_a_parent(admin, tree):
    unit = services.unit_create(
        by=admin, sector=tree["services"].sector, name="Kalajärvi Library", parent=tree["libraries"], external_code="K1"
    )

    assert Unit.objects.get(pk=unit.pk).path_label == "Culture Services › Libraries › Kalajärvi Library"


def test_an_administrator_moves_a_unit_within_its_sector(admin, tree):
    services.unit_update(by=admin, unit=tree["sello"], parent=tree["museums"])

    assert Unit.objects.get(pk=tree["sello"].pk).path_label == "Culture Services › Museums › Sello Library"


@pytest.mark.parametrize(
    ("unit", "parent", "message"),
    [
        ("services", "sello", "A unit cannot be moved under one of its own sub-units."),
        ("services", "services", "A unit cannot be its own parent unit."),
        ("elsewhere", "libraries", "The parent unit must be in the same sector (Education)."),
    ],
)
def test_a_move_that_would_break_the_tree_is_refused_on_the_parent_field(admin, tree, unit, parent, message):
    parent_before = tree[unit].parent_id

    with pytest.raises(Invalid) as refused:
        services.unit_update(by=admin, unit=tree[unit], parent=tree[parent])

    assert refused.value.errors["parent"] == [message]
    assert Unit.objects.get(pk=tree[unit].pk).parent_id == parent_before


def test_a_unit_with_sub_units_does_not_leave_their_sector(admin, tree):
    with pytest.raises(Invalid) as refused:
        services.unit_update(by=admin, unit=tree["libraries"], sector=tree["elsewhere"].sector, parent=None)

    assert "sub-units" in refused.value.errors["sector"][0]


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.UNIT_ADMIN, Role.MANAGER])
def test_only_administrators_change_the_organisation(make_user, tree, role):
    with pytest.raises(NotAllowed):
        services.unit_update(by=make_user(role), unit=tree["sello"], name="Renamed")

    assert Unit.objects.get(pk=tree["sello"].pk).name == "Sello Library"


def test_an_unknown_field_is_refused(admin, tree):
    with pytest.raises(Invalid):
        services.unit_update(by=admin, unit=tree["sello"], colour="red")
