from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchFilter
from apps.partner_requests import selectors
from apps.partner_requests.models import PartnerRequest
from apps.sectors.models import Sector, Topic


class PartnerRequestFilter(django_filters.FilterSet):
    """The partner requests' search; bad values become form errors, never a server error."""

    q = SearchFilter(method="filter_text")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector wanted"),
        field_name="sectors_wanted",
        queryset=Sector.objects.all(),
        empty_label=_("Any sector"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), empty_label=_("All topics")
    )

    class Meta:
        model = PartnerRequest
        fields = ["q", "sector", "topic"]

    def filter_text(self, queryset: QuerySet[PartnerRequest], name: str, value: str) -> QuerySet[PartnerRequest]:
        return selectors.request_search(queryset, text=value)
