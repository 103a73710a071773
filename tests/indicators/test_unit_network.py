"""The unit network (computations/units.py): communities, bridges, the two indicators, and the cached rows.

The hand-built graph, worked out by hand below:

    x1 ─ x2          Community X = {h, x1, x2, x3}, community Y = {y1, y2, y3}.
     \\  /
      h ──── y1      Ties (9): h–x1, h–x2, h–x3, x1–x2, y1–y2, y2–y3, y1–y3 inside (7);
      |     /  \\          h–y1 and x3–y3 between (2).
     x3 ── y3 ─ y2   Silo index = 7 / 9.

The most central unit is h. The pairs in different communities without h at one end are x1, x2, x3 × y1, y2, y3
(9). Their shortest paths, and the share through h:
    x1–y1: x1-h-y1 only → 1;  x1–y2: x1-h-y1-y2 only (3 hops; via x3-y3 is 4) → 1;
    x1–y3: x1-h-y1-y3 and x1-h-x3-y3 (both 3 hops, both through h) → 1;   x2 is x1's twin → 1, 1, 1;
    x3–y1: x3-h-y1 and x3-y3-y1 (2 hops each) → 1/2;  x3–y2: x3-y3-y2 only → 0;  x3–y3: the tie itself → 0.
Bridge dependence = (3 + 3 + 1/2) / 9 = 6.5 / 9 = 13 / 18.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import networkx as nx
import pytest

from apps.indicators.computations.engine import UNIT_NETWORK_JOB, compute_indicator, compute_job
from apps.indicators.computations.units import analyse, bridge_dependence, communities, most_central, silo_index
from apps.indicators.models import IndicatorValue, UnitNode, UnitTie
from apps.initiatives.models import Participation
from apps.sectors.models import Unit
from tests.indicators.conftest import FEB, JAN
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.sectors.factories import SectorFactory, UnitFactory

X = {"h", "x1", "x2", "x3"}
Y = {"y1", "y2", "y3"}
TIES = [("h", "x1"), ("h", "x2"), ("h", "x3"), ("x1", "x2"), ("y1", "y2"), ("y2", "y3"), ("y1", "y3")]
BRIDGES = [("h", "y1"), ("x3", "y3")]


def hand_built() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(TIES + BRIDGES, weight=1)
    return graph


def split(community_of: dict) -> set[frozenset]:
    groups: dict[int, set] = {}
    for node, number in community_of.items():
        groups.setdefault(number, set()).add(node)
    return {frozenset(group) for group in groups.values()}


def test_silo_index_is_the_share_of_ties_inside_one_community():
    # given
    community_of = {node: 0 for node in X} | {node: 1 for node in Y}

    # when / then
    assert silo_index(hand_built(), community_of) == (7, 9)


def test_bridge_dependence_is_the_share_of_paths_between_communities_through_the_hub():
    # given
    graph = hand_built()
    community_of = {node: 0 for node in X} | {node: 1 for node in Y}

    # when
    hub = most_central(nx.betweenness_centrality(graph))
    through, pairs = bridge_dependence(graph, community_of, hub)

    # then
    assert hub == "h"
    assert pairs == 9
    assert through == pytest.approx(6.5)
    assert through / pairs == pytest.approx(13 / 18)


def test_louvain_finds_the_two_groups_and_the_analysis_puts_it_together():
    # when
    analysis = analyse(hand_built())

    # then: the two groups are the communities, the larger one numbered 0
    assert split(analysis.community_of) == {frozenset(X), frozenset(Y)}
    assert analysis.community_of["h"] == 0
    assert (analysis.hub, analysis.ties_inside, analysis.ties) == ("h", 7, 9)
    assert analysis.paths_through_hub / analysis.paths_between == pytest.approx(13 / 18)


def test_communities_are_the_same_on_every_run():
    graph = nx.connected_caveman_graph(6, 5)
    assert communities(graph) == communities(graph.copy())


def test_a_graph_without_any_unit_in_between_has_no_hub():
    # given: one tie, so no shortest path runs through a unit
    graph = nx.Graph([("a", "b")])

    # when
    analysis = analyse(graph)

    # then
    assert analysis.hub is None
    assert analysis.paths_through_hub == 0


# --- the computation on the database --------------------------------------------------------------------------


@pytest.fixture
def units(db: None) -> dict[str, Unit]:
    """The hand-built graph as units: X in education, Y in culture; each tie one active initiative in January."""
    education, culture = SectorFactory(slug="education"), SectorFactory(slug="culture")
    made = {name: UnitFactory(sector=education if name in X else culture, name=name) for name in sorted(X | Y)}
    for a, b in TIES + BRIDGES:
        initiative = InitiativeFactory(status="active", start_date=JAN, end_date=None)
        ParticipationFactory(initiative=initiative, unit=made[a], role=Participation.Role.LEAD, joined_on=JAN)
        ParticipationFactory(initiative=initiative, unit=made[b], role=Participation.Role.PARTNER, joined_on=JAN)
    return made


Value = Callable[[str], IndicatorValue]


@pytest.fixture
def city_value(db: None) -> Value:
    def fetch(code: str) -> IndicatorValue:
        return IndicatorValue.objects.get(indicator__code=code, scope="city", period_kind="month", period_start=JAN)

    return fetch


def test_the_indicators_are_computed_from_the_units_initiatives(units: dict[str, Unit], city_value: Value):
    # when: either indicator is recomputed (both come from the same graph, with the cached network)
    assert compute_indicator("silo_index", period_kind="month", since=JAN, until=FEB) == 1

    # then
    silo = city_value("silo_index")
    assert (silo.numerator, silo.denominator, silo.value) == (7, 9, pytest.approx(7 / 9))
    bridge = city_value("bridge_dependence")
    assert (bridge.numerator, bridge.denominator) == (pytest.approx(6.5), 9)
    assert bridge.value == pytest.approx(13 / 18)


def test_the_network_job_writes_nodes_and_ties_and_replaces_them_on_a_rerun(units: dict[str, Unit]):
    # when: computed twice
    compute_job(UNIT_NETWORK_JOB, period_kind="month", since=JAN, until=FEB)
    written = compute_job(UNIT_NETWORK_JOB, period_kind="month", since=JAN, until=FEB)

    # then: 7 nodes, 9 ties and the two indicators' city values, once
    assert written == 7 + 9 + 2
    assert UnitTie.objects.count() == 9
    nodes = {node.unit.name: node for node in UnitNode.objects.select_related("unit")}
    assert set(nodes) == X | Y
    assert [name for name, node in nodes.items() if node.is_hub] == ["h"]
    assert nodes["h"].ties == 4 and nodes["h"].initiatives == 4
    assert {nodes[name].community for name in X} == {0}
    assert {nodes[name].community for name in Y} == {1}
    assert nodes["h"].betweenness == max(node.betweenness for node in nodes.values())
    shared = UnitTie.objects.get(unit_a=min(units["h"].pk, units["y1"].pk), unit_b=max(units["h"].pk, units["y1"].pk))
    assert shared.initiatives == 1


def test_a_period_without_initiatives_writes_no_nodes_and_a_city_value_of_none(db: None, city_value: Value):
    # when
    written = compute_job(UNIT_NETWORK_JOB, period_kind="month", since=JAN, until=FEB)

    # then: only the two city values, empty
    assert written == 2
    assert not UnitNode.objects.exists()
    assert city_value("silo_index").value is None
    assert city_value("bridge_dependence").value is None


def test_units_that_joined_after_the_period_are_not_in_its_network(units: dict[str, Unit]):
    # given: a new unit joins an initiative in February
    late = UnitFactory(sector=units["h"].sector)
    initiative = InitiativeFactory(status="active", start_date=JAN, end_date=None)
    ParticipationFactory(initiative=initiative, unit=units["h"], role=Participation.Role.LEAD, joined_on=JAN)
    ParticipationFactory(initiative=initiative, unit=late, role=Participation.Role.PARTNER, joined_on=date(2025, 2, 3))

    # when
    compute_job(UNIT_NETWORK_JOB, period_kind="month", since=JAN, until=FEB)

    # then
    assert not UnitNode.objects.filter(unit=late).exists()


def test_the_person_network_ties_the_contact_persons_of_an_initiative(db: None):
    # given: a spanner who is a contact of two initiatives, each with one other contact person
    from apps.indicators.computations.units import PERSON_NETWORK_JOB
    from apps.indicators.models import PersonNode, PersonTie
    from tests.sectors.factories import PersonFactory

    unit = UnitFactory(sector=SectorFactory(slug="culture"))
    spanner, left, right = (
        PersonFactory(unit=unit, is_boundary_spanner=True),
        PersonFactory(unit=unit),
        PersonFactory(unit=unit),
    )
    for other in (left, right):
        initiative = InitiativeFactory(status="active", start_date=JAN, end_date=None)
        initiative.contact_persons.set([spanner, other])

    # when
    written = compute_job(PERSON_NETWORK_JOB, period_kind="month", since=JAN, until=FEB)

    # then: three people, two ties, the spanner in between
    assert written == 3 + 2
    assert PersonTie.objects.count() == 2
    hub = PersonNode.objects.get(is_hub=True)
    assert (hub.person_id, hub.ties, hub.initiatives, hub.betweenness) == (spanner.pk, 2, 2, 1.0)
