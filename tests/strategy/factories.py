import factory

from apps.strategy.models import StrategyGoal


class StrategyGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyGoal
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.Sequence(lambda n: f"Strategy goal {n + 1}")
    parent = None
    sector = None
