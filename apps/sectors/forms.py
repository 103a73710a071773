"""Form fields other apps' forms share for choosing people and units."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator

from apps.sectors import selectors
from apps.sectors.models import Person, Unit


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


class _UnitsByPathIterator(ModelChoiceIterator):
    """The choices ordered by sector, then path, each labelled with its path; the paths cost no query when the
    choices hold every ancestor (the usual list of all units), one otherwise."""

    def __iter__(self) -> Iterator[tuple]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in selectors.units_by_path(self.queryset):
            yield self.choice(unit)


def _with_sectors(queryset: QuerySet[Unit] | None) -> QuerySet[Unit]:
    return (Unit.objects.all() if queryset is None else queryset).select_related("sector")


class UnitChoiceField(forms.ModelChoiceField):
    """One unit, shown where it sits ("Kulttuuripalvelut › Kirjastot › Sellon kirjasto")."""

    iterator = _UnitsByPathIterator

    def __init__(self, queryset: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=_with_sectors(queryset), **kwargs)

    def _set_queryset(self, queryset: QuerySet[Unit] | None) -> None:
        # A form that swaps the queryset later (a unit administrator's own units) keeps the sectors joined.
        super()._set_queryset(_with_sectors(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj: Unit) -> str:
        return obj.path_label

    def label_sources(self) -> list[QuerySet[Unit]]:
        """The units offered and every unit, whose names make up the paths (apps.core.forms.choices_fingerprint)."""
        return [self.queryset, Unit.objects.all()]


class _UnitsBySectorIterator(ModelChoiceIterator):
    """The choices in one group per sector (``<optgroup>``), ordered by sector and path: a person sees which sector
    each unit is in, and static/js/autocomplete.js counts the sectors taking part from the groups."""

    def __iter__(self) -> Iterator[tuple]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list[tuple]] = {}
        for unit in selectors.units_by_path(self.queryset):
            groups.setdefault(unit.sector.name, []).append(self.choice(unit))
        yield from groups.items()


class UnitsBySectorField(forms.ModelMultipleChoiceField):
    """Several units, grouped by sector, each shown where it sits."""

    iterator = _UnitsBySectorIterator

    def __init__(self, queryset: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=_with_sectors(queryset), **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return obj.path_label

    def label_sources(self) -> list[QuerySet[Unit]]:
        return [self.queryset, Unit.objects.all()]


class UnitBySectorField(UnitChoiceField):
    """One unit, grouped by sector as :class:`UnitsBySectorField` groups them."""

    iterator = _UnitsBySectorIterator
