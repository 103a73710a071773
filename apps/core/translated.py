"""Reference data in every language of the city: what django-modeltranslation leaves to the project.

Each translated field (``name`` of a sector, ``title`` of a strategy goal...) has a column per language beside it
(``name_fi``, ``name_sv``, ``name_en``; the apps' ``translation.py``); reading ``obj.name`` gives the active
language, else Finnish, then Swedish, then English (``MODELTRANSLATION_FALLBACK_LANGUAGES``). Here:

- the original column keeps the first name present, in that order (``keep_original_column``), so the database's
  unique constraints, ``Meta.ordering`` and the indicators' SQL read one stable name whatever language wrote it;
- ``translations_of`` gives all languages of a row (the API's ``translations`` object);
- ``any_language_paths`` spreads a search over every language's column (a search finds a row by any name).
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from django.conf import settings
from django.db.models import Field, Model
from django.db.models.constants import LOOKUP_SEP
from django.db.models.signals import pre_save
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _label in settings.LANGUAGES)
# The first name present, for the original column: the same order as a missing translation falls back in.
FALLBACK_ORDER: tuple[str, ...] = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"])


def translated_fields(model: type[Model]) -> tuple[str, ...]:
    """The names of ``model``'s translated fields (empty for a model without translations)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.fields)


def column(field: str, language: str) -> str:
    """The column of ``field`` in ``language``: ``name``, ``sv`` → ``name_sv``."""
    return f"{field}_{language}"


def first_present(instance: Model, field: str) -> str:
    """The value of ``field`` in the first language that has one (Finnish, Swedish, English), else ''."""
    for language in FALLBACK_ORDER:
        value = getattr(instance, column(field, language), None)
        if value:
            return value
    return ""


def translations_of(instance: Model, field: str) -> dict[str, str]:
    """Every language's value of ``field`` (``""`` where none is written), e.g. ``{"fi": "Kulttuuri", ...}``."""
    return {language: getattr(instance, column(field, language), None) or "" for language in LANGUAGE_CODES}


def any_language_paths(model: type[Model], path: str) -> list[str]:
    """``path`` (``"unit__name"``) as the paths of every language's column when it ends in a translated field
    (``["unit__name_fi", "unit__name_sv", "unit__name_en"]``), else ``[path]``."""
    *relations, last = path.split(LOOKUP_SEP)
    target = model
    for name in relations:
        target = target._meta.get_field(name).related_model
    if last not in translated_fields(target):
        return [path]
    return [LOOKUP_SEP.join([*relations, column(last, language)]) for language in LANGUAGE_CODES]


def keep_original_column(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Before a save: a row written only through the original column (older code, a fixture) gets that name as its
    Finnish one, so no name is lost to the fallback (the column itself is written by ``_original_column_value``)."""
    for field in translated_fields(sender):
        if not first_present(instance, field) and instance.__dict__.get(field):
            setattr(instance, column(field, FALLBACK_ORDER[0]), instance.__dict__[field])


def _original_column_value(self: Field, model_instance: Model, add: bool) -> Any:
    """What Django writes into an original column (an insert, a save, a bulk_create): the first name present. The
    field's own ``pre_save`` reads ``getattr(instance, "name")``, which modeltranslation answers in the active
    language, so a row saved in the English interface would otherwise get its English name there."""
    return first_present(model_instance, self.name) or model_instance.__dict__.get(self.attname)


def connect_original_columns() -> None:
    """Keep the original column of every registered model (apps.core's ``ready``, after modeltranslation's)."""
    for model in translator.get_registered_models(abstract=False):
        pre_save.connect(keep_original_column, sender=model, dispatch_uid=f"silta-original-column-{model._meta.label}")
        for name in translated_fields(model):
            field = model._meta.get_field(name)
            field.pre_save = MethodType(_original_column_value, field)


def search_paths(model: type[Model], *paths: str) -> tuple[str, ...]:
    """``paths`` for an admin's ``search_fields`` or a list's search, each translated one in every language."""
    return tuple(spread for path in paths for spread in any_language_paths(model, path))


def active_language() -> str:
    """The language of the request (or of the command) as a code of ``LANGUAGES``; Finnish when there is none: the
    language a person writes a text in unless they say otherwise."""
    language = (translation.get_language() or "")[:2]
    return language if language in LANGUAGE_CODES else FALLBACK_ORDER[0]


def translated_sql(alias: str, field: str) -> str:
    """SQL for ``alias.field`` as ``obj.field`` reads in the active language: that language's column, else the
    original column, which holds the first name present in the fallback order (``keep_original_column``). For
    plain rows read without model instances; ``alias`` and ``field`` come from the code, never from a request."""
    return f"COALESCE(NULLIF({alias}.{column(field, active_language())}, ''), {alias}.{field})"
