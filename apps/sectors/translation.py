"""Reference data of the sectors app in Finnish, Swedish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from apps.sectors.models import Sector, Topic, Unit


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
