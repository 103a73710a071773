"""Reads of the register: the list with its filters' needs, one organisation with its federation and initiatives."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from apps.core.search import text_search
from apps.organisations.models import Organisation
from apps.sectors.models import Topic

ORGANISATION_SEARCH_FIELDS = ("unit__name", "business_id", "description", "topics__name", "unit__sector__name")


def organisation_list() -> QuerySet[Organisation]:
    """Every organisation with what a row of the list shows, in name order."""
    return (
        Organisation.objects.select_related("unit__sector", "parent__unit")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .annotate(member_count=Count("members", distinct=True))
        .order_by("unit__name", "pk")
    )


def organisation_search(organisations: QuerySet[Organisation], *, text: str) -> QuerySet[Organisation]:
    """Keep the organisations whose name, business id, description, topics or sector contain every word."""
    return text_search(organisations, text=text, fields=ORGANISATION_SEARCH_FIELDS)


def organisation_detail() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("unit__sector", "parent__unit", "parent__parent__unit").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("members", queryset=Organisation.objects.select_related("unit").order_by("unit__name")),
    )


def organisation_federation(organisation: Organisation) -> list[Organisation]:
    """The organisations above ``organisation``, widest first (at most two: national → regional)."""
    chain: list[Organisation] = []
    parent = organisation.parent
    while parent is not None and len(chain) < 2:
        chain.insert(0, parent)
        parent = parent.parent
    return chain
