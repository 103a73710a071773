from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import factory

from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme
from tests.core.factories import VocabularyFactory, many_to_many
from tests.sectors.factories import UnitFactory


class ThemeFactory(VocabularyFactory):
    class Meta:
        model = Theme

    class Params:
        label = "Theme"


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An active initiative; ``created_at`` and ``updated_at`` may be given although Django sets them itself."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True  # a second save() would move updated_at

    title = factory.Sequence(lambda n: f"Initiative {n}")
    description = "Reading buddies for lonely older people."
    status = Initiative.Status.ACTIVE
    collaboration_form = Initiative.CollaborationForm.PROJECT
    start_date = date(2025, 1, 1)
    end_date = None
    programme = None
    strategy_goals = many_to_many("strategy_goals")
    themes = many_to_many("themes")
    contact_persons = many_to_many("contact_persons")

    @classmethod
    def _create(cls, model_class: type[Initiative], *args: Any, **kwargs: Any) -> Initiative:
        # auto_now_add / auto_now ignore values passed to save(): write them afterwards with an UPDATE.
        stamps: dict[str, datetime] = {
            field: value for field in ("created_at", "updated_at") if (value := kwargs.pop(field, None)) is not None
        }
        initiative = super()._create(model_class, *args, **kwargs)
        if stamps:
            model_class.objects.filter(pk=initiative.pk).update(**stamps)
            initiative.refresh_from_db(fields=list(stamps))
        return initiative


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    initiative = factory.SubFactory(InitiativeFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Participation.Role.PARTNER
    joined_on = factory.LazyAttribute(lambda participation: participation.initiative.start_date)


class FundingFactory(factory.django.DjangoModelFactory):
    """Money from a city unit by default; pass ``source_unit=None, external_source="..."`` for outside money."""

    class Meta:
        model = Funding

    initiative = factory.SubFactory(InitiativeFactory)
    source_unit = factory.SubFactory(UnitFactory)
    external_source = ""
    instrument = Funding.Instrument.SECTOR_BUDGET
    allocated = Decimal("1000.00")
    spent = Decimal("0.00")
    year = factory.LazyAttribute(lambda funding: funding.initiative.start_date.year)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    initiative = factory.SubFactory(InitiativeFactory)
    text = factory.Sequence(lambda n: f"Result {n}: 40 residents joined the reading circles.")
    indicator = ""
    progress = 50
    recorded_on = factory.LazyAttribute(lambda outcome: outcome.initiative.start_date)
