from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from apps.core.search import SearchFilter
from apps.sectors import selectors
from apps.sectors.forms import UnitChoiceField
from apps.sectors.models import Language, Person, Sector, Topic, Unit


class UnitTreeFilter(django_filters.ModelChoiceFilter):
    """A unit stands for its whole part of the organisation: rows of the unit or of any of its sub-units match.

    ``field_name`` is a path to a unit foreign key (``unit``, ``owner_unit``); across a many-valued relation give a
    ``method`` and use :func:`apps.sectors.selectors.unit_subtree` there. The choices show each unit's path.
    """

    field_class = UnitChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Unit.objects.all())
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__in": selectors.unit_subtree(value)})


class PersonDirectoryFilter(django_filters.FilterSet):
    """The "whom do I talk to?" search; bad values become form errors, never a server error."""

    q = SearchFilter(method="filter_text")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="unit__sector", queryset=Sector.objects.all(), empty_label=_("All sectors")
    )
    unit = UnitTreeFilter(label=_("Unit"), empty_label=_("All units"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_language", empty_label=_("Any language")
    )
    boundary_spanner = django_filters.BooleanFilter(
        label=_("Only boundary spanners"),
        field_name="is_boundary_spanner",
        widget=forms.CheckboxInput,
        method="filter_boundary_spanner",
    )

    class Meta:
        model = Person
        fields = ["q", "sector", "unit", "topic", "language", "boundary_spanner"]

    def filter_text(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return selectors.person_search(queryset, text=value)

    def filter_language(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(languages__contains=[value])

    def filter_boundary_spanner(self, queryset: QuerySet[Person], name: str, value: bool) -> QuerySet[Person]:
        return queryset.filter(is_boundary_spanner=True) if value else queryset


class UnitFilter(django_filters.FilterSet):
    """The API's units: by sector, by parent (the direct sub-units) or ``within`` a unit (it and all below it)."""

    within = UnitTreeFilter(field_name="id", label=_("Within unit"))

    class Meta:
        model = Unit
        fields = ["sector", "parent", "external_code", "within"]
