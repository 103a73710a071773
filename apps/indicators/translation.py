"""The indicator catalogue's names and descriptions in Finnish, Swedish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from apps.indicators.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")
