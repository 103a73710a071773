import datetime

import factory

from apps.sectors.models import Person, Sector, Topic, Unit
from tests.core.factories import VocabularyFactory


class SectorFactory(VocabularyFactory):
    class Meta:
        model = Sector

    class Params:
        label = "Sector"

    kind = Sector.Kind.CITY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    sector = factory.SubFactory(SectorFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class TopicFactory(VocabularyFactory):
    class Meta:
        model = Topic

    class Params:
        label = "Topic"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    unit = factory.SubFactory(UnitFactory)
    title = "Coordinator"
    languages = factory.LazyFunction(lambda: ["fi"])
    is_boundary_spanner = False

    class Params:
        # An NGO or company person who agreed to be listed in the directory.
        listed = factory.Trait(listing_consent=True, listing_consent_since=datetime.date(2025, 1, 15))

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)


def unit_tree() -> dict[str, Unit]:
    """Culture Services › Libraries › Sello Library, Culture Services › Museums, and a unit of another sector."""
    culture = SectorFactory(name="Culture", slug="culture")
    services = UnitFactory(sector=culture, name="Culture Services")
    libraries = UnitFactory(sector=culture, name="Libraries", parent=services)
    return {
        "services": services,
        "libraries": libraries,
        "sello": UnitFactory(sector=culture, name="Sello Library", parent=libraries),
        "museums": UnitFactory(sector=culture, name="Museums", parent=services),
        "elsewhere": UnitFactory(sector=SectorFactory(name="Education", slug="education"), name="Basic Education"),
    }
