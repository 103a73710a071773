"""The demo city's organisation: a unit tree of realistic depth, written once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from apps.initiatives.models import Participation
from apps.sectors import selectors
from apps.sectors.demo import CITY_SECTORS, STRUCTURE_UNITS
from apps.sectors.models import Person, Sector, Unit

pytestmark = pytest.mark.django_db


def _tree() -> list[tuple[str, str | None]]:
    return sorted(Unit.objects.values_list("name", "parent__name"))


def test_the_demo_city_sectors_have_a_unit_tree_three_levels_deep():
    call_command("seed_demo", stdout=StringIO())

    units = selectors.attach_paths(Unit.objects.filter(sector__kind=Sector.Kind.CITY).select_related("sector"))
    depth = {
        unit.sector.slug: max(len(other.path) for other in units if other.sector_id == unit.sector_id) for unit in units
    }
    library = Unit.objects.get(name="City Library")

    assert library.path_label == "Culture Services › Libraries › City Library"
    assert min(depth.values()) >= 2 and max(depth.values()) >= 3
    # every city unit sits in its sector's tree, under one top unit per sector
    assert Unit.objects.filter(sector__kind=Sector.Kind.CITY, parent__isnull=True).count() == len(CITY_SECTORS)
    # the levels above the working units hold no people and take part in nothing: the figures stay as they were
    assert not Person.objects.filter(unit__name__in=STRUCTURE_UNITS).exists()
    assert not Participation.objects.filter(unit__name__in=STRUCTURE_UNITS).exists()


def test_the_demo_tree_is_written_once():
    call_command("seed_demo", stdout=StringIO())
    tree = _tree()

    call_command("seed_demo", stdout=StringIO())

    assert _tree() == tree


def test_most_demo_ngo_and_company_people_agreed_to_be_listed_and_some_are_seen_only_by_partners():
    call_command("seed_demo", stdout=StringIO())

    external = Person.objects.filter(unit__sector__kind=Sector.Kind.EXTERNAL)
    listed = external.filter(listing_consent=True, listing_consent_since__isnull=False)

    assert external.count() > listed.count() >= external.count() * 0.7
    assert not Person.objects.filter(unit__sector__kind=Sector.Kind.CITY, listing_consent=True).exists()
