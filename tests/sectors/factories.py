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

    @factory.post_generation
    def topics(self, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)
