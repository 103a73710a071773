"""The list pages keep their rendered filter selects, keyed by the choices offered: never a stale choice."""

import pytest
from django import forms
from django.urls import reverse

from apps.core.forms import choices_fingerprint
from apps.sectors.models import Sector
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

INITIATIVES = reverse("initiatives:list")
PEOPLE = reverse("sectors:person_directory")


@pytest.mark.parametrize("page", [INITIATIVES, PEOPLE])
def test_a_renamed_unit_shows_at_once(official_client, real_cache, page):
    unit = UnitFactory(name="Youth Services")
    before = official_client.get(page).content.decode()

    unit.name = "Youth and Leisure"
    unit.save()
    after = official_client.get(page).content.decode()

    assert ">Youth Services</option>" in before
    assert ">Youth and Leisure</option>" in after and "Youth Services" not in after


def test_a_new_programme_can_be_chosen_at_once(official_client, real_cache):
    official_client.get(INITIATIVES)

    programme = ProgrammeFactory(name="Culture for wellbeing")
    content = official_client.get(INITIATIVES).content.decode()

    assert f'<option value="{programme.pk}">Culture for wellbeing</option>' in content


def test_each_query_shows_its_own_choice_and_errors(official_client, real_cache):
    active = official_client.get(INITIATIVES, {"status": "active"}).content.decode()
    completed = official_client.get(INITIATIVES, {"status": "completed"}).content.decode()
    bad = official_client.get(INITIATIVES, {"unit": "999999"}).content.decode()
    again = official_client.get(INITIATIVES).content.decode()

    assert '<option value="active" selected>' in active and '<option value="completed" selected>' not in active
    assert '<option value="completed" selected>' in completed
    assert "Select a valid choice" in bad
    assert "Select a valid choice" not in again and '<option value="active" selected>' not in again


def test_each_language_gets_its_own_filters(official_client, real_cache):
    english = official_client.get(INITIATIVES).content.decode()

    official_client.cookies["django_language"] = "fi"
    finnish = official_client.get(INITIATIVES).content.decode()

    assert ">Any status</option>" in english
    assert ">Any status</option>" not in finnish


@pytest.mark.parametrize("page", [INITIATIVES, PEOPLE])
def test_a_renamed_parent_unit_shows_in_its_sub_units_paths_at_once(official_client, real_cache, page):
    # the choices are keyed by the rows their labels are made of: a sub-unit's label holds its parent's name
    parent = UnitFactory(name="Culture Services")
    UnitFactory(name="Sello Library", parent=parent, sector=parent.sector)
    before = official_client.get(page).content.decode()

    parent.name = "Culture and Leisure"
    parent.save()
    after = official_client.get(page).content.decode()

    assert "Culture Services › Sello Library</option>" in before
    assert "Culture and Leisure › Sello Library</option>" in after and "Culture Services" not in after


def test_a_renamed_sector_shows_at_once(official_client, real_cache):
    sector = SectorFactory(name="Culture", slug="culture")
    official_client.get(INITIATIVES)

    sector.name = "Culture and Arts"
    sector.save()
    content = official_client.get(INITIATIVES).content.decode()

    assert f'<option value="{sector.pk}">Culture and Arts</option>' in content


def test_a_form_with_nothing_to_choose_has_a_fingerprint_too(db):
    class Choosing(forms.Form):
        sector = forms.ModelChoiceField(queryset=Sector.objects.none())

    SectorFactory(name="Culture", slug="culture")
    nothing = choices_fingerprint(Choosing())
    Choosing.base_fields["sector"].queryset = Sector.objects.all()

    assert nothing != choices_fingerprint(Choosing())
