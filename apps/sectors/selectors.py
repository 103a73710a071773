"""Reads of sectors, units and the person directory."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.core.search import text_search
from apps.sectors import permissions
from apps.sectors.models import Person, PersonalDataAccess, Sector, Unit
from apps.sectors.person_data import Refusal, person_data_parts

if TYPE_CHECKING:
    from apps.accounts.models import User

PersonAudience = Callable[["User"], Q]
# Who else sees a person who did not agree to be listed, as higher apps know it (initiatives registers "officials
# whose unit takes part in an initiative where the person is a contact"): each gives a condition on Person.
_PERSON_AUDIENCES: list[PersonAudience] = []


def person_audience_register(audience: PersonAudience) -> None:
    """A higher app's hook (in its ``AppConfig.ready``): ``audience(user)`` names unlisted people ``user`` sees."""
    if audience not in _PERSON_AUDIENCES:
        _PERSON_AUDIENCES.append(audience)


def visible_persons(people: QuerySet[Person], *, user: User | AnonymousUser) -> QuerySet[Person]:
    """``people`` without the external persons ``user`` may not see: city staff and people who agreed to be
    listed are for everyone; the others for administrators, themselves and the audiences of the hooks (in the
    same query, as a condition)."""
    if permissions.can_see_unlisted_persons(user):
        return people
    seen = ~Q(unit__sector__kind=Sector.Kind.EXTERNAL) | Q(listing_consent=True)
    if user.is_authenticated:
        seen |= Q(user_id=user.pk)
        for audience in _PERSON_AUDIENCES:
            seen |= audience(user)
    return people.filter(seen)


def person_directory(*, user: User | AnonymousUser) -> QuerySet[Person]:
    """People to talk to that ``user`` may see: boundary spanners first, then by name."""
    people = (
        Person.objects.select_related("unit__sector")
        .prefetch_related("topics")
        .order_by("-is_boundary_spanner", "last_name", "first_name", "pk")
    )
    return visible_persons(people, user=user)


def person_access_log(person: Person) -> QuerySet[PersonalDataAccess]:
    """Who saw ``person``'s personal data, the latest first (for the log page and a person's data export)."""
    return PersonalDataAccess.objects.filter(person=person).select_related("viewer").order_by("-at", "-pk")


PERSON_SEARCH_FIELDS = ("first_name", "last_name", "title", "unit__name", "unit__sector__name", "topics__name")


def person_search(people: QuerySet[Person], *, text: str) -> QuerySet[Person]:
    """Keep the people whose name, title, unit, sector or topics contain every word of ``text``."""
    return text_search(people, text=text, fields=PERSON_SEARCH_FIELDS)


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("kind", "name")


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("sector").order_by("sector__name", "name")


# The tree in one query each way. UNION (not UNION ALL) stops at a row already seen, so even rows written around
# the database's guards could not make these loop.
_SUBTREE_SQL = """
    WITH RECURSIVE subtree(id) AS (
        SELECT id FROM sectors_unit WHERE id = ANY(%s)
        UNION
        SELECT child.id FROM sectors_unit child JOIN subtree ON child.parent_id = subtree.id
    )
    SELECT id FROM subtree
"""
_ANCESTORS_SQL = """
    WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM sectors_unit WHERE id = ANY(%s)
        UNION
        SELECT parent.id, parent.parent_id FROM sectors_unit parent JOIN up ON parent.id = up.parent_id
    )
    SELECT id FROM up
"""


def _ids(units: Iterable[Unit | int]) -> list[int]:
    return [unit.pk if isinstance(unit, Unit) else int(unit) for unit in units]


def unit_subtree(*units: Unit | int) -> QuerySet[Unit]:
    """The units and all their sub-units at any depth, as one subquery: ``filter(unit__in=unit_subtree(unit))``."""
    return Unit.objects.filter(pk__in=RawSQL(_SUBTREE_SQL, (_ids(units),)))


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The units above ``unit``, root first (one query)."""
    return unit.path[:-1]


def attach_paths(units: Iterable[Unit]) -> list[Unit]:
    """Give each unit its ``path`` (ancestors and itself, root first) so ``path_label`` asks nothing more.

    Ancestors among ``units`` themselves are used as they are (a choice list of all units needs no query); the rest
    come in one query, whatever the depth. Names are read from model instances, so they follow the active language.
    """
    units = list(units)
    known: dict[int, Unit] = {unit.pk: unit for unit in units}
    missing = {unit.parent_id for unit in units if unit.parent_id is not None and unit.parent_id not in known}
    if missing:
        known.update((unit.pk, unit) for unit in Unit.objects.filter(pk__in=RawSQL(_ANCESTORS_SQL, (list(missing),))))
    for unit in units:
        path, seen, current = [], set(), unit
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            path.append(current)
            current = known.get(current.parent_id) if current.parent_id is not None else None
        unit._path = path[::-1]
    return units


def path_sort_key(unit: Unit) -> tuple:
    """Sector, then the path's names: sub-units follow their parent, as in an org chart."""
    return (unit.sector.name.casefold(), [ancestor.name.casefold() for ancestor in unit.path], unit.pk)


def units_by_path(units: Iterable[Unit]) -> list[Unit]:
    """``units`` (with their sectors selected) with their paths, ordered by sector and path."""
    return sorted(attach_paths(units), key=path_sort_key)


def person_history(person: Person, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Who changed a person's details, topics and unit, when, and from what to what; newest first."""
    return history_entries([person.history.all()], limit=limit)


def person_erasure_refusals(person: Person) -> list[Refusal]:
    """Why ``person`` cannot be erased yet, from every app (empty: they can), each with what to hand over first."""
    return [refusal for part in person_data_parts() if part.refusals for refusal in part.refusals(person)]
