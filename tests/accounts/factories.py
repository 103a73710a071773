import factory

from apps.accounts.models import User
from tests.sectors.factories import UnitFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    home_unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password("correct horse battery")
