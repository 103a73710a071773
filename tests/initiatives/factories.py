import datetime

import factory

from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme
from tests.sectors.factories import UnitFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    description = "Reading buddies for lonely older people."
    status = Initiative.Status.ACTIVE
    collaboration_form = Initiative.CollaborationForm.PROJECT
    start_date = datetime.date(2025, 1, 1)

    @factory.post_generation
    def contact_persons(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.contact_persons.set(extracted)

    @factory.post_generation
    def themes(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    initiative = factory.SubFactory(InitiativeFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Participation.Role.PARTNER
    joined_on = datetime.date(2025, 1, 1)


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    initiative = factory.SubFactory(InitiativeFactory)
    source_unit = factory.SubFactory(UnitFactory)
    instrument = Funding.Instrument.SECTOR_BUDGET
    allocated = 10_000
    spent = 2_500
    year = 2025


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    initiative = factory.SubFactory(InitiativeFactory)
    text = "40 residents joined the reading circles."
    progress = 50
    recorded_on = datetime.date(2025, 6, 1)
