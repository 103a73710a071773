"""Venues, spaces and the reasons of opening exceptions in Finnish, Swedish and English (django-modeltranslation).

Their history is registered here, after the translation, so that the historical rows carry every language's column
(django-simple-history's "common issues": usage with django-modeltranslation).
"""

from modeltranslation.translator import TranslationOptions, register

from apps.core.history import register_translated_history
from apps.premises.models import OpeningException, Space, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Space)
class SpaceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(OpeningException)
class OpeningExceptionTranslation(TranslationOptions):
    fields = ("reason",)


register_translated_history(Venue)
register_translated_history(Space, m2m_fields=["allowed_sectors"])
register_translated_history(OpeningException)
