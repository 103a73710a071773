"""The change history of any object: who, when, and which field changed from what to what.

Every model people change keeps its history in django-simple-history's tables (``<app>_historical<model>``, with a
table per tracked many-to-many field), so one reader serves every page: ``history_entries`` turns the historical
rows of one or more models into ``HistoryEntry`` objects, newest first, in a fixed number of queries however many
rows there are (one per source, one per tracked many-to-many field, one per model whose names it shows), and
``templates/core/_history.html`` shows them. Later work that rewrites history (erasure) edits these same tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import simple_history
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField

from apps.core.numbers import grouped
from apps.core.translated import translated_fields

HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
HISTORY_LIMIT = 100


def register_translated_history(model: type[models.Model], **options: Any) -> None:
    """Keep the history of a model translated by django-modeltranslation, with every language's column.

    Call it in the app's ``translation.py`` after the model's translation is registered (django-simple-history's
    "common issues": usage with django-modeltranslation), so the historical model copies the ``name_fi``,
    ``name_sv``... columns too. A copied translation column would deconstruct as its original field (unique and
    all), so it becomes a plain field of the same kind: historical rows repeat values by nature.
    """
    simple_history.register(model, **options)
    history_model = model.history.model
    for history_field in history_model._meta.local_fields:
        if isinstance(history_field, TranslationField):
            history_field.__class__ = history_field.translated_field.__class__


def record_by(instance: models.Model, user: Any) -> models.Model:
    """Name who makes the next change of ``instance`` in its history. A request's user is found by
    simple_history's middleware; a service called without one (a task, the shell, a test) names its ``by`` here."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    return instance


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The historical model django-simple-history keeps of ``model``, if it keeps one."""
    history = getattr(model, "history", None)
    return getattr(history, "model", None) if history is not None else None


def update_with_history(
    queryset: QuerySet, /, *, history_only: dict[str, Any] | None = None, **values: Any
) -> tuple[int, int]:
    """Set ``values`` on the rows of ``queryset`` and on every historical row of them alike, so that no earlier
    version keeps what the current one lost (retention and erasure). ``history_only`` is set on the historical
    rows alone (their ``history_user``, say). The history goes first: ``queryset`` may filter on what it changes.
    Returns the rows and the historical rows updated."""
    history = queryset.model.history.filter(id__in=queryset.values("pk")).update(**values, **(history_only or {}))
    return queryset.update(**values), history


def insert_with_history(instance: models.Model, *, by: Any, unless_violating: str) -> bool:
    """Insert the new ``instance`` and its "created" historical row (what django-simple-history's ``post_save``
    writes, made by ``by``) in one statement; False, and nothing written, if the row would violate the constraint
    or unique index named ``unless_violating`` (``ON CONFLICT ON CONSTRAINT ... DO NOTHING``: no error, so no
    savepoint is needed to read what is in the way). Any other constraint raises ``IntegrityError`` as ``save()``
    would. ``save()`` and simple_history's row took two statements and a savepoint around them, and
    simple_history builds a manager class for every row (docs/performance.md, "Bookings under contention").
    """
    model = type(instance)
    sql, fields, history_parameters = _insert_with_history_sql(model, unless_violating)
    values = [field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in fields]
    own = {
        "history_date": timezone.now(),
        "history_user_id": by.pk if by is not None and getattr(by, "is_authenticated", False) else None,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *(own[column] for column in history_parameters)])
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    instance._state.adding = False
    instance._state.db = connection.alias
    return True


# The columns simple_history fills itself, and what ``insert_with_history`` gives them (%s: a parameter).
HISTORY_OWN_COLUMNS = {
    "history_date": "%s",
    "history_change_reason": "NULL",
    "history_type": "'+'",
    "history_user_id": "%s",
}


@cache
def _insert_with_history_sql(model: type[models.Model], constraint: str) -> tuple[str, list[models.Field], list[str]]:
    """The statement of ``insert_with_history`` for ``model``, the fields whose values it takes and then the
    history's own columns it takes a value for, in order: written from the model's and its historical model's
    fields, so a field added to the model is written too."""
    quote = connection.ops.quote_name
    history = history_model(model)
    if history is None or model._meta.parents:
        raise ImproperlyConfigured(f"{model._meta.label} has no history of its own to insert with.")
    fields = [f for f in model._meta.local_concrete_fields if f is not model._meta.pk and not f.generated]
    columns = {f.column for f in model._meta.local_concrete_fields}
    history_columns, history_values, history_parameters = [], [], []
    for history_field in history._meta.local_concrete_fields:
        if history_field is history._meta.pk:
            continue
        if history_field.column in HISTORY_OWN_COLUMNS:
            value = HISTORY_OWN_COLUMNS[history_field.column]
            if value == "%s":
                history_parameters.append(history_field.column)
        elif history_field.column in columns:
            value = quote(history_field.column)
        else:
            raise ImproperlyConfigured(f"{history._meta.label}.{history_field.name} is neither copied nor known.")
        history_columns.append(quote(history_field.column))
        history_values.append(value)
    sql = (
        f"WITH inserted AS ("
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ON CONSTRAINT {quote(constraint)} DO NOTHING RETURNING *), "
        f"history AS (INSERT INTO {quote(history._meta.db_table)} ({', '.join(history_columns)}) "
        f"SELECT {', '.join(history_values)} FROM inserted) "
        f"SELECT {quote(model._meta.pk.column)} FROM inserted"
    )
    return sql, fields, history_parameters


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    """One saved change: who, when, what kind of record, and which fields changed from what to what."""

    when: datetime
    who: Any
    action: str
    subject: str
    record: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class _RawChange:
    """A changed field before its linked objects' names are read (all at once, for every entry)."""

    model_field: models.Field
    label: str
    old: Any
    new: Any


def history_entries(
    sources: Iterable[QuerySet | tuple[QuerySet, Sequence[str]]], *, limit: int = HISTORY_LIMIT
) -> list[HistoryEntry]:
    """The history of the rows in ``sources`` (historical querysets, each optionally with fields not to show),
    newest first. Select the relations the rows' names use on each queryset (no query per row)."""
    pending: list[tuple[HistoryEntry, list[_RawChange]]] = []
    for source in sources:
        records, excluded = source if isinstance(source, tuple) else (source, ())
        pending.extend(_source_entries(records, set(excluded)))
    pending.sort(key=lambda item: item[0].when, reverse=True)
    pending = pending[:limit]
    names = _linked_names(raw for _entry, raws in pending for raw in raws)
    for entry, raws in pending:
        entry.changes = [_readable(raw, names) for raw in raws]
    return [entry for entry, _raws in pending]


def _source_entries(records: QuerySet, excluded: set[str]) -> list[tuple[HistoryEntry, list[_RawChange]]]:
    history_model = records.model
    instance_model = history_model.instance_type
    m2m_fields = [
        (m2m_field, _m2m_rows_accessor(history_model, m2m_field))
        for m2m_field in getattr(history_model, "_history_m2m_fields", [])
        if m2m_field.name not in excluded
    ]
    shown = _shown_fields(instance_model, history_model, excluded)
    records = (
        records.select_related("history_user")
        .prefetch_related(*(accessor for _m2m_field, accessor in m2m_fields))
        .order_by("id", "history_date", "history_id")
    )
    subject = str(instance_model._meta.verbose_name)
    entries = []
    previous = None
    for record in records:
        raws: list[_RawChange] = []
        if previous is not None and previous.id == record.id and record.history_type == "~":
            raws = _field_changes(previous, record, shown) + _m2m_changes(previous, record, m2m_fields)
            if not raws:  # saved without a visible difference
                previous = record
                continue
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
            subject=subject,
            record=str(_snapshot(record)),
        )
        entries.append((entry, raws))
        previous = record
    return entries


def _shown_fields(
    instance_model: type[models.Model], history_model: type[models.Model], excluded: set[str]
) -> list[tuple[models.Field, str]]:
    """The fields whose changes an entry lists, with their labels: each language's column of a translated field
    ("name [sv]") rather than the original column, which only repeats the first of them; no timestamps."""
    derived = set(translated_fields(instance_model))
    shown = []
    for history_field in history_model._meta.concrete_fields:
        try:
            model_field = instance_model._meta.get_field(history_field.name)
        except FieldDoesNotExist:  # history_id, history_date...
            continue
        if model_field.name in excluded or model_field.name in derived or model_field.primary_key:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        shown.append((model_field, str(model_field.verbose_name)))  # a language's column reads "name [sv]"
    return shown


def _field_changes(previous: Any, record: Any, shown: list[tuple[models.Field, str]]) -> list[_RawChange]:
    changes = []
    for model_field, label in shown:
        old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
        if old != new:
            changes.append(_RawChange(model_field, label, old, new))
    return changes


def _m2m_rows_accessor(history_model: type[models.Model], m2m_field: models.Field) -> str:
    """The reverse accessor from a historical row to its many-to-many snapshot rows, which (unlike the manager
    simple_history puts under the field's own name) can be prefetched."""
    snapshot_model = f"historical{m2m_field.remote_field.through._meta.model_name}"
    for relation in history_model._meta.related_objects:
        if relation.related_model._meta.model_name == snapshot_model and relation.field.name == "history":
            return relation.get_accessor_name()
    raise LookupError(f"no history of {m2m_field} on {history_model.__name__}")


def _m2m_changes(previous: Any, record: Any, m2m_fields: list[tuple[models.Field, str]]) -> list[_RawChange]:
    changes = []
    for m2m_field, accessor in m2m_fields:
        column = m2m_field.m2m_reverse_field_name() + "_id"
        old = {getattr(row, column) for row in getattr(previous, accessor).all()}
        new = {getattr(row, column) for row in getattr(record, accessor).all()}
        if old != new:
            changes.append(_RawChange(m2m_field, str(m2m_field.verbose_name), old, new))
    return changes


def _linked_names(raws: Iterable[_RawChange]) -> dict[tuple[type[models.Model], Any], str]:
    """The names of every object the changes link to, one query per linked model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for raw in raws:
        if raw.model_field.many_to_many:
            wanted[raw.model_field.related_model] |= raw.old | raw.new
        elif raw.model_field.is_relation:
            wanted[raw.model_field.related_model] |= {value for value in (raw.old, raw.new) if value is not None}
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names


def _readable(raw: _RawChange, names: dict[tuple[type[models.Model], Any], str]) -> Change:
    """A field change in words: names rather than ids for linked objects, labels for choices, grouped money."""
    model_field, old, new = raw.model_field, raw.old, raw.new
    if model_field.is_relation:
        model = model_field.related_model

        def name(pk: Any) -> str:
            return names.get((model, pk), f"{model._meta.verbose_name} #{pk}")

        if model_field.many_to_many:
            old, new = (", ".join(sorted(name(pk) for pk in ids)) or "-" for ids in (old, new))
        else:
            old, new = (None if pk is None else name(pk) for pk in (old, new))
    elif model_field.choices:
        labels = dict(model_field.flatchoices)
        old, new = labels.get(old, old), labels.get(new, new)
    elif isinstance(model_field, models.BooleanField):
        old, new = (None if value is None else (_("yes") if value else _("no")) for value in (old, new))
    elif isinstance(model_field, models.DecimalField):
        places = model_field.decimal_places
        old, new = (None if value is None else grouped(value, places) for value in (old, new))
    elif getattr(model_field, "base_field", None) is not None and model_field.base_field.choices:  # equipment
        labels = dict(model_field.base_field.flatchoices)
        old, new = (", ".join(str(labels.get(value, value)) for value in values or ()) for values in (old, new))
    return Change(raw.label, old, new)


def _snapshot(record: Any) -> models.Model:
    """The row as it was, with the related objects the history query already fetched (no query per row)."""
    instance = record.instance
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and record._meta.get_field(model_field.name).is_cached(record):
            setattr(instance, model_field.name, getattr(record, model_field.name))
    return instance
