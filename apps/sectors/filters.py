from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchFilter
from apps.sectors import selectors
from apps.sectors.models import Language, Person, Sector, Topic, Unit


class PersonDirectoryFilter(django_filters.FilterSet):
    """The "whom do I talk to?" search; bad values become form errors, never a server error."""

    q = SearchFilter(method="filter_text")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="unit__sector", queryset=Sector.objects.all(), empty_label=_("All sectors")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.select_related("sector"), empty_label=_("All units")
    )
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
