from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from apps.programmes.models import Decision, Meeting, Programme
from tests.core.factories import many_to_many
from tests.sectors.factories import PersonFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    mandate = ""
    lead = factory.SubFactory(PersonFactory)
    start_date = date(2024, 1, 1)
    end_date = date(2026, 12, 31)
    yearly_budget = Decimal("100000.00")

    sectors = many_to_many("sectors")
    strategy_goals = many_to_many("strategy_goals")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Meeting.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Meeting {n}")
    held_on = date(2025, 3, 1)
    notes = ""

    attendees = many_to_many("attendees")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    programme = factory.SubFactory(ProgrammeFactory)
    meeting = None
    level = Decision.Level.OFFICIAL
    is_kedge = False
    decided_on = date(2025, 3, 2)
    text = factory.Sequence(lambda n: f"Decision {n}")
