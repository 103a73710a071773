"""Form fields other apps' forms share for choosing people."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from apps.sectors.models import Person


def person_label(person: Person) -> str:
    """Names repeat across a city: the unit tells people apart."""
    return f"{person.full_name} ({person.unit.name})"


def _with_units(queryset: QuerySet[Person] | None) -> QuerySet[Person]:
    # A model form hands in the related model's default queryset: the units are joined to it all the same.
    return (Person.objects.all() if queryset is None else queryset).select_related("unit")


class PersonChoiceField(forms.ModelChoiceField):
    """One person, shown as "Name (Unit)", the units fetched with the people (one query for the whole list)."""

    def __init__(self, queryset: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=_with_units(queryset), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several people, shown and fetched as :class:`PersonChoiceField` does."""

    def __init__(self, queryset: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=_with_units(queryset), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)
