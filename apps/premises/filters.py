from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.premises.models import Equipment, Space, Venue


class SpaceFilter(django_filters.FilterSet):
    """The space catalogue's filters, for the browser and the API alike; bad values become form errors."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"), queryset=Venue.objects.all(), empty_label=_("All venues")
    )
    min_capacity = django_filters.NumberFilter(
        label=_("At least this many people"), field_name="capacity", lookup_expr="gte", min_value=1
    )
    equipment = django_filters.MultipleChoiceFilter(
        label=_("Equipment"),
        choices=Equipment.choices,
        method="filter_equipment",
        widget=forms.CheckboxSelectMultiple,
    )
    step_free = django_filters.BooleanFilter(
        label=_("Step-free access"), method="filter_step_free", widget=forms.CheckboxInput
    )

    class Meta:
        model = Space
        fields = ["q", "venue", "min_capacity", "equipment", "step_free"]

    def filter_text(self, queryset: QuerySet[Space], name: str, value: str) -> QuerySet[Space]:
        for word in value.split():
            queryset = queryset.filter(name__icontains=word) | queryset.filter(venue__name__icontains=word)
        return queryset

    def filter_equipment(self, queryset: QuerySet[Space], name: str, value: list[str]) -> QuerySet[Space]:
        return queryset.filter(equipment__contains=list(value)) if value else queryset

    def filter_step_free(self, queryset: QuerySet[Space], name: str, value: bool) -> QuerySet[Space]:
        return queryset.filter(venue__step_free_access=True) if value else queryset
