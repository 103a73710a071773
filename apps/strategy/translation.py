"""Strategy goals in Finnish, Swedish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from apps.strategy.models import StrategyGoal


@register(StrategyGoal)
class StrategyGoalTranslation(TranslationOptions):
    fields = ("title", "description")
