"""The indicator catalogue's names, descriptions and formulas in fi, sv and en (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from apps.indicators.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description", "formula")
