"""The demo register: 40 civic organisations in their federations, and every external unit entered."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from apps.initiatives.models import Participation
from apps.organisations.demo import CIVIC_ORGANISATIONS, CIVIL_SOCIETY
from apps.organisations.models import Organisation
from apps.sectors.models import Person, Sector, Unit

pytestmark = pytest.mark.django_db


def test_the_demo_has_40_civic_organisations_in_three_levels_and_every_external_unit_entered():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # a second run changes nothing

    civic = Organisation.objects.filter(unit__sector__slug=CIVIL_SOCIETY)
    assert civic.count() == 40
    assert Counter(civic.values_list("level", flat=True)) == {"local": 24, "regional": 8, "national": 8}
    assert not Unit.objects.filter(sector__kind=Sector.Kind.EXTERNAL, organisation__isnull=True).exists()
    # every regional district belongs to a national league, and the local clubs of the initiatives to a district
    assert not civic.filter(level="regional", parent__isnull=True).exists()
    assert Organisation.objects.get(unit__name_en="Sports Club Kiri").parent.unit.name_en == "Uusimaa Sports Federation"
    # the federations carry no people and take part in nothing: the demo's figures stay as they were
    added = [names.en for names, *_rest in CIVIC_ORGANISATIONS]
    assert not Person.objects.filter(unit__name_en__in=added).exists()
    assert not Participation.objects.filter(unit__name_en__in=added).exists()
