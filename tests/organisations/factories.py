import factory

from apps.organisations.models import Organisation
from apps.sectors.models import Sector
from tests.sectors.factories import SectorFactory, UnitFactory


class ExternalSectorFactory(SectorFactory):
    kind = Sector.Kind.EXTERNAL


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    unit = factory.SubFactory(UnitFactory, sector=factory.SubFactory(ExternalSectorFactory))
    kind = Organisation.Kind.ASSOCIATION
    level = Organisation.Level.LOCAL
