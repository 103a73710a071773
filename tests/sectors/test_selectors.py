"""Reads of the unit tree: a unit with everything below it, and where a unit sits, each in one query."""

from __future__ import annotations

import pytest

from apps.sectors import selectors
from apps.sectors.models import Unit
from tests.sectors.factories import UnitFactory, unit_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Unit]:
    return unit_tree()


def test_a_subtree_is_the_unit_and_every_unit_below_it_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = sorted(selectors.unit_subtree(tree["services"]).values_list("name", flat=True))

    assert names == ["Culture Services", "Libraries", "Museums", "Sello Library"]
    assert list(selectors.unit_subtree(tree["libraries"].pk).order_by("name").values_list("name", flat=True)) == [
        "Libraries",
        "Sello Library",
    ]
    assert list(selectors.unit_subtree(tree["sello"])) == [tree["sello"]]


def test_the_path_runs_from_the_top_of_the_sector_down_to_the_unit(tree, django_assert_num_queries):
    sello = Unit.objects.get(pk=tree["sello"].pk)

    with django_assert_num_queries(1):
        assert sello.path_label == "Culture Services › Libraries › Sello Library"
    assert [unit.name for unit in selectors.unit_ancestors(sello)] == ["Culture Services", "Libraries"]
    assert Unit.objects.get(pk=tree["services"].pk).path_label == "Culture Services"


def test_paths_of_many_units_take_one_query_whatever_their_depth(tree, django_assert_num_queries):
    # Given units five levels deep, in two branches
    deep = tree["sello"]
    for level in range(3):
        deep = UnitFactory(sector=deep.sector, name=f"Team {level}", parent=deep)
    units = list(Unit.objects.filter(pk__in=[deep.pk, tree["museums"].pk, tree["elsewhere"].pk]).order_by("name"))

    # When their paths are attached, then one query brings every ancestor
    with django_assert_num_queries(1):
        selectors.attach_paths(units)
        labels = [unit.path_label for unit in units]

    assert labels == [
        "Basic Education",
        "Culture Services › Museums",
        "Culture Services › Libraries › Sello Library › Team 0 › Team 1 › Team 2",
    ]


def test_a_list_that_holds_every_ancestor_needs_no_query_for_its_paths(tree, django_assert_num_queries):
    units = list(Unit.objects.all())

    with django_assert_num_queries(0):
        selectors.attach_paths(units)
        assert {unit.path_label for unit in units} >= {"Culture Services › Libraries › Sello Library"}


def test_units_by_path_orders_by_sector_then_path(tree):
    ordered = selectors.units_by_path(Unit.objects.select_related("sector"))

    assert [unit.path_label for unit in ordered] == [
        "Culture Services",
        "Culture Services › Libraries",
        "Culture Services › Libraries › Sello Library",
        "Culture Services › Museums",
        "Basic Education",
    ]
