"""Themes in Finnish, Swedish and English (django-modeltranslation); an initiative's own text stays as written."""

from modeltranslation.translator import TranslationOptions, register

from apps.initiatives.models import Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
