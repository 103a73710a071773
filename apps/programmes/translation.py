"""Programme names in Finnish, Swedish and English (django-modeltranslation); the mandate stays as written.

The history is registered here, after the translation, so that the historical rows carry every language's column
(django-simple-history's "common issues": usage with django-modeltranslation).
"""

from modeltranslation.translator import TranslationOptions, register

from apps.core.history import register_translated_history
from apps.programmes.models import Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)


register_translated_history(Programme, m2m_fields=["sectors", "strategy_goals"])
