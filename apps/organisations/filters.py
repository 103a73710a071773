from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchFilter
from apps.organisations import selectors
from apps.organisations.models import Organisation
from apps.sectors.models import Language, Sector, Topic


class OrganisationFilter(django_filters.FilterSet):
    """The register's search; bad values become form errors, never a server error."""

    q = SearchFilter(method="filter_text")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="unit__sector",
        queryset=Sector.objects.filter(kind=Sector.Kind.EXTERNAL),
        empty_label=_("All sectors"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("Any kind"))
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Organisation.Level.choices, empty_label=_("Any level")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_language", empty_label=_("Any language")
    )

    class Meta:
        model = Organisation
        fields = ["q", "sector", "kind", "level", "topic", "language"]

    def filter_text(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return selectors.organisation_search(queryset, text=value)

    def filter_language(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return queryset.filter(languages__contains=[value])
