"""Reads of initiatives: the list (a constant number of queries however many rows), the detail and its history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.numbers import grouped
from apps.core.search import text_search
from apps.initiatives.models import Funding, Initiative, Outcome, Participation


def contacts_of_units_initiatives(user: Any) -> Q:
    """On Person: the contacts of initiatives ``user``'s home unit takes part in (a hook of the directory's
    visibility, apps.sectors.selectors.visible_persons); one subquery, no query of its own."""
    if getattr(user, "home_unit_id", None) is None:
        return Q(pk__in=[])
    contacts = Initiative.contact_persons.through.objects.filter(
        initiative__participations__unit_id=user.home_unit_id
    ).values("person_id")
    return Q(pk__in=contacts)


def _funding_sum(column: str) -> Coalesce:
    total = (
        Funding.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum(column))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Subquery(total, output_field=money), Value(Decimal(0)), output_field=money)


def initiative_list() -> QuerySet[Initiative]:
    """Initiatives with everything a list row or an API item shows, fetched in a fixed number of queries."""
    return (
        Initiative.objects.select_related("programme")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("unit__sector")),
            "themes",
            "strategy_goals",
            "contact_persons",
        )
        .annotate(total_allocated=_funding_sum("allocated"), total_spent=_funding_sum("spent"))
    )


INITIATIVE_SEARCH_FIELDS = ("title", "description", "participations__unit__name", "themes__name")


def initiative_search(initiatives: QuerySet[Initiative], *, text: str) -> QuerySet[Initiative]:
    """Keep initiatives whose title, description, units or themes contain every word of ``text``."""
    return text_search(initiatives, text=text, fields=INITIATIVE_SEARCH_FIELDS)


def initiative_detail() -> QuerySet[Initiative]:
    """One initiative with its rows; use as ``get_object_or_404(initiative_detail(), pk=...)``."""
    return initiative_list().prefetch_related(
        Prefetch("fundings", queryset=Funding.objects.select_related("source_unit")),
        Prefetch("outcomes", queryset=Outcome.objects.all()),
        "contact_persons__unit",
        "strategy_goals",
    )


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


HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
HISTORY_LIMIT = 100


def initiative_history(initiative: Initiative, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The change history of an initiative and its participations, funding and outcomes, newest first."""
    sources: list[tuple[QuerySet, list[str]]] = [
        (initiative.history.select_related("programme"), ["updated_at"]),
        (Participation.history.filter(initiative_id=initiative.pk).select_related("unit"), []),
        (Funding.history.filter(initiative_id=initiative.pk).select_related("source_unit"), []),
        (Outcome.history.filter(initiative_id=initiative.pk), []),
    ]
    entries: list[HistoryEntry] = []
    for records, excluded in sources:
        records = records.select_related("history_user").order_by("id", "history_date", "history_id")
        previous = None
        for record in records:
            same_row = previous is not None and previous.id == record.id
            changes = []
            if same_row and record.history_type == "~":
                delta = record.diff_against(previous, excluded_fields=excluded, foreign_keys_are_objs=True)
                changes = [_readable_change(record, change) for change in delta.changes]
                if not changes:  # saved without a visible difference
                    previous = record
                    continue
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=record.history_user,
                    action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
                    subject=str(record.instance._meta.verbose_name),
                    record=str(_snapshot(record)),
                    changes=changes,
                )
            )
            previous = record
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _snapshot(record: Any) -> models.Model:
    """The row as it was, with the related objects the history query already fetched (no query per row)."""
    instance = record.instance
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and record._meta.get_field(model_field.name).is_cached(record):
            setattr(instance, model_field.name, getattr(record, model_field.name))
    return instance


def _readable_change(record: Any, change: Any) -> Change:
    """A field change in words: the field's label, and names rather than ids for linked objects."""
    try:
        model_field = record.instance._meta.get_field(change.field)
    except FieldDoesNotExist:  # a history-only or removed field: show its name
        return Change(change.field, change.old, change.new)
    old, new = change.old, change.new
    if model_field.many_to_many:
        old, new = _related_names(model_field, old), _related_names(model_field, new)
    elif model_field.choices:
        labels = dict(model_field.flatchoices)
        old, new = labels.get(old, old), labels.get(new, new)
    elif isinstance(model_field, models.DecimalField):
        places = model_field.decimal_places
        old, new = (None if value is None else grouped(value, places) for value in (old, new))
    return Change(str(model_field.verbose_name), old, new)


def _related_names(model_field: Any, through_rows: list[dict[str, Any]]) -> str:
    """The names of the objects in a many-to-many history snapshot (a list of through-table rows)."""
    column = model_field.m2m_reverse_field_name()
    linked = [row[column] for row in through_rows]
    ids = [value for value in linked if not isinstance(value, models.Model)]
    objects = [value for value in linked if isinstance(value, models.Model)]
    objects += list(model_field.related_model.objects.filter(pk__in=ids)) if ids else []
    return ", ".join(sorted(str(obj) for obj in objects)) or "-"
