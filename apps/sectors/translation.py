"""Reference data of the sectors app in Finnish, Swedish and English (django-modeltranslation).

Sectors and units keep their history here, registered after their translation so the historical rows carry every
language's column (apps.core.history.register_translated_history); imports and the admin change them.
"""

from modeltranslation.translator import TranslationOptions, register

from apps.core.history import register_translated_history
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


register_translated_history(Sector)
register_translated_history(Unit)
