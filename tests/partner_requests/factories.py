import factory

from apps.partner_requests.models import PartnerRequest
from tests.accounts.factories import UserFactory


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerRequest
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    unit = factory.LazyAttribute(lambda request: request.author.home_unit)
    title = factory.Sequence(lambda n: f"Partner wanted {n}")
