"""Reads of sectors, units and the person directory."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.core.search import text_search
from apps.sectors.models import Person, Sector, Unit


def person_directory() -> QuerySet[Person]:
    """People to talk to: boundary spanners first, then by name."""
    return (
        Person.objects.select_related("unit__sector")
        .prefetch_related("topics")
        .order_by("-is_boundary_spanner", "last_name", "first_name", "pk")
    )


PERSON_SEARCH_FIELDS = ("first_name", "last_name", "title", "unit__name", "unit__sector__name", "topics__name")


def person_search(people: QuerySet[Person], *, text: str) -> QuerySet[Person]:
    """Keep the people whose name, title, unit, sector or topics contain every word of ``text``."""
    return text_search(people, text=text, fields=PERSON_SEARCH_FIELDS)


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("kind", "name")


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("sector").order_by("sector__name", "name")
