import datetime

import factory

from apps.programmes.models import Decision, Meeting, Programme
from tests.sectors.factories import PersonFactory, SectorFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    lead = factory.SubFactory(PersonFactory)
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    yearly_budget = 100_000

    @factory.post_generation
    def sectors(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            self.sectors.set(extracted or [SectorFactory()])


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Meeting.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    held_on = datetime.date(2025, 3, 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    programme = factory.SubFactory(ProgrammeFactory)
    level = Decision.Level.OFFICIAL
    decided_on = datetime.date(2025, 3, 2)
    text = "Open the library for youth evenings."
