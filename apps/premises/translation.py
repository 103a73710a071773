"""Venues, spaces and the reasons of opening exceptions in Finnish, Swedish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

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
