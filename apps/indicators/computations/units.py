"""The unit network: which units share active initiatives, its communities (the silos) and its bridges.

The sector network is nearly complete, because silos sit between units, not between the eleven sectors. So the
computation builds the unit graph of each period (a tie = at least one shared active initiative, weighted by how
many), finds communities with Louvain (networkx, fixed seed, so a rerun writes the same rows) and ranks units by
betweenness centrality. It writes the cached ``UnitNode`` / ``UnitTie`` rows the dashboards read, and two
indicators of the silos theme:

- **silo index** = ties inside one community / all ties (1: every tie stays in its silo);
- **bridge dependence** = of the shortest paths between units of different communities, the share that runs
  through the single most central unit (highest betweenness, lowest id on a tie). Pairs with that unit at one end
  are left out (a path does not "run through" its own end), and a pair with several shortest paths counts the
  fraction of them through the unit, as betweenness does. 1: the city's cross-silo contacts hang on one unit.

Shortest paths count ties (hops), not their weights: a tie of one shared initiative connects as well as ten.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import networkx as nx
from django.db import connection, transaction
from django.utils import timezone

from apps.indicators.computations.registry import computed_by_job
from apps.indicators.computations.sql import CITY, base_query
from apps.indicators.models import Indicator, IndicatorValue, PersonNode, PersonTie, UnitNode, UnitTie

LOUVAIN_SEED = 18
UNIT_NETWORK_JOB = "unit_network"
SILO_INDEX, BRIDGE_DEPENDENCE = "silo_index", "bridge_dependence"

UNIT_NETWORK = """
unit_nodes AS (
    SELECT period_start, unit_id, array_agg(DISTINCT initiative_id ORDER BY initiative_id) AS initiative_ids
    FROM active_units WHERE period_start >= %(since)s AND period_start < %(until)s
    GROUP BY period_start, unit_id
),
unit_ties AS (
    SELECT x.period_start, x.unit_id AS a, y.unit_id AS b, count(DISTINCT x.initiative_id) AS initiatives
    FROM active_units x
    JOIN active_units y
      ON y.period_start = x.period_start AND y.initiative_id = x.initiative_id AND x.unit_id < y.unit_id
    WHERE x.period_start >= %(since)s AND x.period_start < %(until)s
    GROUP BY x.period_start, x.unit_id, y.unit_id
)"""

# The person network: contact persons of the same active initiative are tied (for the boundary spanners).
PERSON_NETWORK = """
contacts AS (
    SELECT a.period_start, a.initiative_id, cp.person_id
    FROM active a JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = a.initiative_id
    WHERE a.period_start >= %(since)s AND a.period_start < %(until)s
),
person_nodes AS (
    SELECT period_start, person_id, array_agg(DISTINCT initiative_id ORDER BY initiative_id) AS initiative_ids
    FROM contacts GROUP BY period_start, person_id
),
person_ties AS (
    SELECT x.period_start, x.person_id AS a, y.person_id AS b, count(DISTINCT x.initiative_id) AS initiatives
    FROM contacts x
    JOIN contacts y
      ON y.period_start = x.period_start AND y.initiative_id = x.initiative_id AND x.person_id < y.person_id
    GROUP BY x.period_start, x.person_id, y.person_id
)"""
PERSON_NETWORK_JOB = "person_network"


@dataclass(frozen=True)
class Analysis:
    """The facts of one unit graph that the cached rows and the two indicators are made of."""

    community_of: dict[Hashable, int]
    betweenness: dict[Hashable, float]
    hub: Hashable | None
    ties_inside: int
    ties: int
    paths_through_hub: float
    paths_between: int


def communities(graph: nx.Graph) -> dict[Hashable, int]:
    """Louvain communities numbered 0, 1, ... from the largest (then the one with the lowest node) down."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED) if graph else []
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ordered) for node in members}


def silo_index(graph: nx.Graph, community_of: dict[Hashable, int]) -> tuple[int, int]:
    """(ties inside one community, all ties)."""
    inside = sum(1 for a, b in graph.edges if community_of[a] == community_of[b])
    return inside, graph.number_of_edges()


def most_central(betweenness: dict[Hashable, float]) -> Hashable | None:
    """The unit with the highest betweenness, the lowest id on a tie; None without any path through a unit."""
    if not betweenness or max(betweenness.values()) <= 0:
        return None
    return min(betweenness, key=lambda node: (-betweenness[node], node))


def bridge_dependence(graph: nx.Graph, community_of: dict[Hashable, int], hub: Hashable | None) -> tuple[float, int]:
    """(shortest paths between communities through ``hub``, pairs of connected units in different communities,
    neither of them the hub).

    networkx's subset betweenness from each community's units to all units outside it, read at the hub, sums
    σ(s, t | hub) / σ(s, t) over those pairs; an undirected graph halves it, and going over every community counts
    each pair once from either end, so the sum over the communities is each pair once.
    """
    members: dict[int, set[Hashable]] = defaultdict(set)
    for node, number in community_of.items():
        if node != hub:
            members[number].add(node)
    pairs = 0
    for component in nx.connected_components(graph):
        sizes = Counter(community_of[node] for node in component if node != hub)
        total = sum(sizes.values())
        pairs += (total * total - sum(size * size for size in sizes.values())) // 2
    if hub is None:
        return 0.0, pairs
    others = set(graph) - {hub}
    through = sum(
        nx.betweenness_centrality_subset(graph, sources=inside, targets=others - inside, normalized=False)[hub]
        for inside in members.values()
    )
    return through, pairs


def analyse(graph: nx.Graph) -> Analysis:
    community_of = communities(graph)
    betweenness = nx.betweenness_centrality(graph, normalized=True) if graph else {}
    hub = most_central(betweenness)
    inside, ties = silo_index(graph, community_of)
    through, between = bridge_dependence(graph, community_of, hub)
    return Analysis(community_of, betweenness, hub, inside, ties, through, between)


def unit_graphs(
    *, period_kind: str, since: date, until: date, network: str = "unit"
) -> tuple[date, date, dict[date, nx.Graph]]:
    """The unit (or person) graph of each period of ``period_kind`` in [since, until), and the [first, end)."""
    ctes = UNIT_NETWORK if network == "unit" else PERSON_NETWORK
    with_clause, params, first, end = base_query(ctes, period_kind=period_kind, since=since, until=until)
    graphs: dict[date, nx.Graph] = {start: nx.Graph() for start, _ in _period_bounds(with_clause, params)}
    with connection.cursor() as cursor:
        cursor.execute(f"{with_clause} SELECT period_start, {network}_id, initiative_ids FROM {network}_nodes", params)
        for start, unit, initiative_ids in cursor.fetchall():
            graphs[start].add_node(unit, initiative_ids=initiative_ids)
        cursor.execute(f"{with_clause} SELECT period_start, a, b, initiatives FROM {network}_ties", params)
        for start, a, b, initiatives in cursor.fetchall():
            graphs[start].add_edge(a, b, weight=initiatives)
    return first, end, graphs


def _period_bounds(with_clause: str, params: dict) -> list[tuple[date, date]]:
    with connection.cursor() as cursor:
        cursor.execute(f"{with_clause} SELECT period_start, period_end FROM periods ORDER BY period_start", params)
        return cursor.fetchall()


def compute_unit_network(*, period_kind: str, since: date, until: date) -> dict[str, int]:
    """Replace the cached unit network and its two indicators' values of the periods of ``period_kind`` in
    [since, until), all from one analysis per period; returns the rows written per table or indicator."""
    first, end, graphs = unit_graphs(period_kind=period_kind, since=since, until=until)
    indicators = dict(Indicator.objects.filter(code__in=(SILO_INDEX, BRIDGE_DEPENDENCE)).values_list("code", "pk"))
    nodes, ties, values = [], [], []
    computed_at = timezone.now()
    for start, graph in graphs.items():
        analysis = analyse(graph)
        summary = {"period_kind": period_kind, "period_start": start, "computed_at": computed_at}
        city = {**summary, "scope": CITY, "scope_id": 0}
        values += [
            IndicatorValue(
                **city,
                indicator_id=indicators[SILO_INDEX],
                numerator=analysis.ties_inside,
                denominator=analysis.ties,
                value=_ratio(analysis.ties_inside, analysis.ties),
            ),
            IndicatorValue(
                **city,
                indicator_id=indicators[BRIDGE_DEPENDENCE],
                numerator=analysis.paths_through_hub,
                denominator=analysis.paths_between,
                value=_ratio(analysis.paths_through_hub, analysis.paths_between),
            ),
        ]
        nodes += [
            UnitNode(
                **summary,
                unit_id=unit,
                community=analysis.community_of[unit],
                betweenness=analysis.betweenness[unit],
                ties=graph.degree(unit),
                initiatives=len(graph.nodes[unit]["initiative_ids"]),
                initiative_ids=graph.nodes[unit]["initiative_ids"],
                is_hub=unit == analysis.hub,
            )
            for unit in graph
        ]
        ties += [
            UnitTie(**summary, unit_a_id=a, unit_b_id=b, initiatives=weight)
            for a, b, weight in ((min(a, b), max(a, b), w) for a, b, w in graph.edges(data="weight"))
        ]
    periods = {"period_kind": period_kind, "period_start__gte": first, "period_start__lt": end}
    with transaction.atomic():
        UnitNode.objects.filter(**periods).delete()
        UnitTie.objects.filter(**periods).delete()
        IndicatorValue.objects.filter(indicator_id__in=indicators.values(), **periods).delete()
        UnitNode.objects.bulk_create(nodes, batch_size=2000)
        UnitTie.objects.bulk_create(ties, batch_size=2000)
        IndicatorValue.objects.bulk_create(values)
    written = {"nodes": len(nodes), "ties": len(ties)}
    return written | {code: len(graphs) for code in indicators}


def compute_person_network(*, period_kind: str, since: date, until: date) -> int:
    """Replace the cached person network of the periods of ``period_kind`` in [since, until); returns rows written."""
    first, end, graphs = unit_graphs(period_kind=period_kind, since=since, until=until, network="person")
    nodes, ties = [], []
    computed_at = timezone.now()
    for start, graph in graphs.items():
        analysis = analyse(graph)
        summary = {"period_kind": period_kind, "period_start": start, "computed_at": computed_at}
        nodes += [
            PersonNode(
                **summary,
                person_id=person,
                community=analysis.community_of[person],
                betweenness=analysis.betweenness[person],
                ties=graph.degree(person),
                initiatives=len(graph.nodes[person]["initiative_ids"]),
                initiative_ids=graph.nodes[person]["initiative_ids"],
                is_hub=person == analysis.hub,
            )
            for person in graph
        ]
        ties += [
            PersonTie(**summary, person_a_id=min(a, b), person_b_id=max(a, b), initiatives=weight)
            for a, b, weight in graph.edges(data="weight")
        ]
    periods = {"period_kind": period_kind, "period_start__gte": first, "period_start__lt": end}
    with transaction.atomic():
        PersonNode.objects.filter(**periods).delete()
        PersonTie.objects.filter(**periods).delete()
        PersonNode.objects.bulk_create(nodes, batch_size=2000)
        PersonTie.objects.bulk_create(ties, batch_size=2000)
    return len(nodes) + len(ties)


def _ratio(numerator: float, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


computed_by_job(SILO_INDEX, job=UNIT_NETWORK_JOB)
computed_by_job(BRIDGE_DEPENDENCE, job=UNIT_NETWORK_JOB)
