from datetime import date

import factory

from apps.accounts.models import ApiToken, User
from apps.accounts.tokens import api_token_create, default_expiry
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


def api_token_for(user: User, *, name: str = "Integration", expires_on: date | None = None) -> tuple[ApiToken, str]:
    """A personal API token of ``user`` and its secret, made as the page makes it."""
    return api_token_create(by=user, name=name, expires_on=expires_on or default_expiry())
