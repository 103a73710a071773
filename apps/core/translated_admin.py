"""The admin of translated reference data: each language's column side by side, a name in at least one of them.

modeltranslation's admin would make the Finnish column required; a Swedish-speaking region or a row imported in
English would then need a Finnish name before any other change could be saved. Here any one language will do,
as the fallback shows the first name present.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from apps.core.translated import LANGUAGE_CODES, column, translated_fields

NAME_MISSING = _("Give the name in at least one language.")


class AnyLanguageForm(forms.ModelForm):
    """A translated field the model requires needs a value in one language (any), reported on its Finnish column."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        model: type[Model] = self._meta.model
        for field in translated_fields(model):
            columns = [column(field, language) for language in LANGUAGE_CODES]
            if model._meta.get_field(field).blank or not all(name in self.fields for name in columns):
                continue
            if not any(cleaned.get(name) for name in columns):
                self.add_error(columns[0], NAME_MISSING)
        return cleaned


def _any_language(formfield: forms.Field | None, db_field: Any) -> forms.Field | None:
    if formfield is not None and getattr(db_field, "translated_field", None) is not None:
        formfield.required = False
    return formfield


class AnyLanguageAdmin(TranslationAdmin):
    form = AnyLanguageForm

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> forms.Field | None:
        return _any_language(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)


class AnyLanguageTabularInline(TranslationTabularInline):
    form = AnyLanguageForm

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> forms.Field | None:
        return _any_language(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)
