"""The register's rules hold in the database, whatever writes: a trigger sees what a check constraint cannot."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.organisations.models import Organisation
from apps.sectors.models import Sector
from tests.organisations.factories import ExternalSectorFactory, OrganisationFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

Level = Organisation.Level


def _refused(write) -> str:
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        write()
    return str(refusal.value)


def test_an_organisation_of_a_city_sector_is_refused_by_the_database():
    city_unit = UnitFactory(sector=SectorFactory(kind=Sector.Kind.CITY))

    message = _refused(lambda: Organisation.objects.create(unit=city_unit))

    assert "external sector" in message


def test_an_organisations_unit_cannot_move_into_a_city_sector_nor_its_sector_become_one():
    organisation = OrganisationFactory()
    unit, sector = organisation.unit, organisation.unit.sector

    unit.sector = SectorFactory(kind=Sector.Kind.CITY)
    assert "external sector" in _refused(lambda: unit.save())
    sector.kind = Sector.Kind.CITY
    assert "external" in _refused(lambda: sector.save())


def test_a_parent_must_act_more_widely_than_its_member():
    regional = OrganisationFactory(level=Level.REGIONAL)
    local = OrganisationFactory(level=Level.LOCAL, parent=regional)

    # a regional body under another regional one, and a local one above its local member, are both refused
    other_regional = OrganisationFactory(level=Level.REGIONAL)
    other_regional.parent = regional
    assert "more widely" in _refused(lambda: other_regional.save())
    regional.level = Level.LOCAL
    assert "more widely" in _refused(lambda: regional.save())
    # a national league above both is right
    national = OrganisationFactory(level=Level.NATIONAL)
    regional.refresh_from_db()
    regional.parent = national
    regional.save()
    assert local.parent.parent == national


def test_a_national_organisation_has_no_parent_and_a_business_id_is_unique():
    national = OrganisationFactory(level=Level.NATIONAL, business_id="0201256-6")

    assert "national_has_no_parent" in _refused(
        lambda: Organisation.objects.filter(pk=national.pk).update(parent=OrganisationFactory(level=Level.NATIONAL))
    )
    assert "unique_business_id" in _refused(lambda: OrganisationFactory(business_id="0201256-6"))
    # many organisations have no business id at all
    OrganisationFactory(business_id="")
    OrganisationFactory(business_id="")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0201256-6", "0201256-6"),
        ("02012566", "0201256-6"),
        (" 0201256 - 6 ", "0201256-6"),
        ("5560360793", "556036-0793"),
    ],
)
def test_a_business_id_is_kept_as_the_register_writes_it(typed, kept):
    organisation = Organisation(unit=UnitFactory(sector=ExternalSectorFactory()), business_id=typed)

    organisation.full_clean()

    assert organisation.business_id == kept


@pytest.mark.parametrize(
    ("typed", "says"),
    [("0201256-5", "check digit"), ("556036-0794", "check digit"), ("123", "Y-tunnus"), ("ABCDEFG-H", "Y-tunnus")],
)
def test_a_mistyped_business_id_is_refused_with_the_reason(typed, says):
    organisation = Organisation(unit=UnitFactory(sector=ExternalSectorFactory()), business_id=typed)

    with pytest.raises(ValidationError) as refusal:
        organisation.full_clean()

    assert says in " ".join(refusal.value.message_dict["business_id"])
