"""Reads of sectors, units and the person directory."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.sectors.models import Person, Sector, Unit


def person_directory() -> QuerySet[Person]:
    """People to talk to: boundary spanners first, then by name."""
    return (
        Person.objects.select_related("unit__sector")
        .prefetch_related("topics")
        .order_by("-is_boundary_spanner", "last_name", "first_name", "pk")
    )


def person_search(people: QuerySet[Person], *, text: str) -> QuerySet[Person]:
    """Keep the people whose name, title, unit, sector or topics contain every word of ``text``."""
    for word in text.split():
        matching = Person.objects.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(title__icontains=word)
            | Q(unit__name__icontains=word)
            | Q(unit__sector__name__icontains=word)
            | Q(topics__name__icontains=word)
        )
        # A subquery, not a join: a person with two matching topics must still appear once.
        people = people.filter(pk__in=matching.values("pk"))
    return people


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("kind", "name")


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("sector").order_by("sector__name", "name")
