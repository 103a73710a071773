"""Programme names in Finnish, Swedish and English (django-modeltranslation); the mandate stays as written."""

from modeltranslation.translator import TranslationOptions, register

from apps.programmes.models import Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)
