import factory

from apps.sectors.models import Person, Sector, Topic, Unit


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    kind = Sector.Kind.CITY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    sector = factory.SubFactory(SectorFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


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
