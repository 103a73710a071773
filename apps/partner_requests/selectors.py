"""Reads of partner requests: the searchable list, those that match a person, and whom to suggest for one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchRank
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from apps.core.search import full_text_query
from apps.initiatives.models import Participation
from apps.partner_requests.models import PartnerRequest
from apps.sectors.models import Person, Sector, Topic, Unit
from apps.sectors.selectors import visible_persons

if TYPE_CHECKING:
    from apps.accounts.models import User

HOME_REQUESTS = 5
SUGGESTIONS = 8


def request_list() -> QuerySet[PartnerRequest]:
    """The open requests, newest first, with what a row shows."""
    return (
        PartnerRequest.objects.filter(status=PartnerRequest.Status.OPEN)
        .select_related("author", "unit__sector")
        .defer("search")  # the search reads it in the database; no page shows it
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("sectors_wanted", queryset=Sector.objects.order_by("name")),
        )
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-pk")
    )


def request_search(requests: QuerySet[PartnerRequest], *, text: str) -> QuerySet[PartnerRequest]:
    """The requests that match every word of ``text``, best first (the GIN index answers)."""
    query = full_text_query(text)
    if query is None:
        return requests
    return requests.filter(search=query).annotate(rank=SearchRank(F("search"), query)).order_by("-rank", "-pk")


def matching_requests(user: User, *, limit: int = HOME_REQUESTS) -> list[PartnerRequest]:
    """Open requests of others that ask for the user's sector or share a topic with their person, newest first; one
    query with what the home page shows of each (title, unit, sector)."""
    matches = Q(topics__persons__user=user)
    if user.home_unit_id:
        matches |= Q(sectors_wanted__units=user.home_unit_id)
    matching = PartnerRequest.objects.filter(matches).values("pk")
    return list(
        PartnerRequest.objects.filter(status=PartnerRequest.Status.OPEN, pk__in=matching)
        .exclude(author=user)
        .select_related("unit__sector")
        .defer("search")
        .order_by("-created_at", "-pk")[:limit]
    )


def suggested_persons(partner_request: PartnerRequest, *, user: User, limit: int = SUGGESTIONS) -> list[Person]:
    """People of the sectors wanted (any other sector than the author's when none is named) who know the request's
    topics, or whose units worked on its strategy goals; boundary spanners and the best overlap first. Only people
    the directory shows ``user``."""
    sectors = list(partner_request.sectors_wanted.values_list("pk", flat=True))
    topics = list(partner_request.topics.values_list("pk", flat=True))
    goals = list(partner_request.strategy_goals.values_list("pk", flat=True))
    if not topics and not goals:
        return []
    people = visible_persons(Person.objects.exclude(user_id=partner_request.author_id), user=user)
    if sectors:
        people = people.filter(unit__sector__in=sectors)
    elif partner_request.unit_id:
        people = people.exclude(unit__sector=partner_request.unit.sector_id)
    worked_on_goals = Exists(
        Participation.objects.filter(unit=OuterRef("unit"), initiative__strategy_goals__in=goals or [0])
    )
    return list(
        people.annotate(shared_topics=Count("topics", filter=Q(topics__in=topics), distinct=True))
        .annotate(worked_on_goals=worked_on_goals)
        .filter(Q(shared_topics__gt=0) | Q(worked_on_goals=True))
        .select_related("unit__sector")
        .order_by("-is_boundary_spanner", "-shared_topics", "-worked_on_goals", "last_name", "first_name", "pk")[:limit]
    )


def suggested_units(partner_request: PartnerRequest, *, limit: int = SUGGESTIONS) -> list[Unit]:
    """Units of the sectors wanted that took part in initiatives with the request's strategy goals, most first."""
    goals = list(partner_request.strategy_goals.values_list("pk", flat=True))
    if not goals:
        return []
    units = Unit.objects.filter(participations__initiative__strategy_goals__in=goals)
    sectors = list(partner_request.sectors_wanted.values_list("pk", flat=True))
    if sectors:
        units = units.filter(sector__in=sectors)
    elif partner_request.unit_id:
        units = units.exclude(sector=partner_request.unit.sector_id)
    return list(
        units.annotate(initiatives=Count("participations__initiative", distinct=True))
        .select_related("sector")
        .order_by("-initiatives", "name", "pk")[:limit]
    )
