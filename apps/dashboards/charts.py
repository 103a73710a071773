"""What the dashboards draw: sparkline points, the network's layout, heat-map shades and Chart.js line data.

Geometry only, from what the selectors read: no query here, so a picture can change without touching a read.
Colours are the stylesheet's (``static/css/silta.css``), never written here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from apps.dashboards.selectors import Edge, Heatmap, Network, Node, Series, UnitPoint

# Wider than high, so the labels left and right of the circle fit.
NETWORK_WIDTH, NETWORK_HEIGHT = 880, 640


def sparkline_points(history: Sequence[tuple[date, float | None]]) -> str:
    """SVG polyline points of a tile's history (a 100 × 24 box), empty without two values."""
    points = [(i, value) for i, (_, value) in enumerate(history) if value is not None]
    if len(points) < 2:
        return ""
    low, high = min(v for _, v in points), max(v for _, v in points)
    spread = (high - low) or 1.0
    step = 100 / max(len(history) - 1, 1)
    # 2 units of margin above and below the line, so its stroke is not cut off.
    return " ".join(f"{i * step:.1f},{22 - 20 * (v - low) / spread:.1f}" for i, v in points)


@dataclass(frozen=True)
class NodeShape:
    """A sector's circle and its label."""

    node: Node
    x: float
    y: float
    radius: float
    label_x: float
    label_y: float
    label_anchor: str


@dataclass(frozen=True)
class EdgeShape:
    """A tie's line between two circles; wider with more shared initiatives."""

    edge: Edge
    a: NodeShape
    b: NodeShape
    width: float


@dataclass(frozen=True)
class NetworkPicture:
    nodes: list[NodeShape]
    edges: list[EdgeShape]
    width: int = NETWORK_WIDTH
    height: int = NETWORK_HEIGHT


def network_picture(graph: Network) -> NetworkPicture:
    """Sectors evenly on a circle, labels outside it; a circle's area grows with its initiatives, a line's width
    with its shared initiatives (the widest tie 12 units)."""
    center_x, center_y = NETWORK_WIDTH / 2, NETWORK_HEIGHT / 2
    count = len(graph.nodes) or 1
    biggest = max((node.initiatives for node in graph.nodes), default=0) or 1
    ring = center_y - 70
    shapes: dict[int, NodeShape] = {}
    for i, node in enumerate(graph.nodes):
        angle = 2 * math.pi * i / count - math.pi / 2
        cosine, sine = math.cos(angle), math.sin(angle)
        radius = 6 + 26 * math.sqrt(node.initiatives / biggest)
        label_distance = ring + radius + 10
        shapes[node.sector.pk] = NodeShape(
            node=node,
            x=center_x + ring * cosine,
            y=center_y + ring * sine,
            radius=radius,
            label_x=center_x + label_distance * cosine,
            label_y=center_y + label_distance * sine + 4,
            label_anchor="middle" if abs(cosine) < 0.3 else ("start" if cosine > 0 else "end"),
        )
    widest = max((edge.initiatives for edge in graph.edges), default=1)
    edges = [
        EdgeShape(
            edge=edge,
            a=shapes[edge.a.sector.pk],
            b=shapes[edge.b.sector.pk],
            width=1.5 + 10.5 * edge.initiatives / widest,
        )
        for edge in graph.edges
    ]
    return NetworkPicture(nodes=list(shapes.values()), edges=edges)


def shade(hours: float, peak: float) -> int:
    """0 for unused, 1-4 by quarter of the busiest slot (the stylesheet's ``heat--<shade>``)."""
    return 0 if not hours or not peak else min(4, 1 + int(3.999 * hours / peak))


def heatmap_shades(heatmap: Heatmap) -> list[tuple[str, list[tuple[float, int]]]]:
    """The heat map's rows with each hour's shade: weekday name, [(hours, shade) per hour]."""
    return [(weekday, [(hours, shade(hours, heatmap.peak)) for hours in cells]) for weekday, cells in heatmap.rows]


def line_chart(*, unit: str, labels: list[str], lines: Iterable[Series]) -> dict:
    """The JSON that ``static/js/dashboards.js`` draws as a line chart (its colours come from the stylesheet)."""
    return {"unit": unit, "labels": labels, "datasets": [{"label": line.label, "data": line.values} for line in lines]}


def small_multiples(*, unit: str, labels: list[str], reference: Series, lines: Iterable[Series]) -> list[dict]:
    """One small line chart per series, each with ``reference`` (the whole city) as a thin dashed line and all on
    one shared scale, so the charts compare at a glance where a dozen lines on one chart would tangle."""
    lines = list(lines)
    values = [value for line in [reference, *lines] for value in line.values if value is not None]
    top = max(values) if values else None
    return [
        {
            "unit": unit,
            "labels": labels,
            "max": top,
            "title": line.label,
            "datasets": [
                {"label": line.label, "data": line.values},
                {"label": reference.label, "data": reference.values, "reference": True},
            ],
        }
        for line in lines
    ]


# --- The board report's pictures (inline SVG in the PDF, drawn by WeasyPrint: no browser, no script) -----------

TREND_WIDTH, TREND_HEIGHT = 240, 70
TREND_MARGIN = 5


@dataclass(frozen=True)
class TrendPicture:
    """A tile's history as a printed line chart: the line, a dot per value, the target as a flat line, and the
    scale's ends (``low``, ``high``: the values the axis labels name)."""

    points: str
    dots: list[tuple[float, float]]
    target_y: float | None
    low: float
    high: float
    width: int = TREND_WIDTH
    height: int = TREND_HEIGHT


def trend_picture(history: Sequence[tuple[date, float | None]], *, target: float | None = None) -> TrendPicture | None:
    """The same values as the tile's sparkline, on a scale from the lowest to the highest of them and the target
    (so the target line is always inside); None without any value."""
    values = [value for _, value in history if value is not None]
    if not values:
        return None
    low, high = (
        min([*values, *([target] if target is not None else [])]),
        max([*values, *([target] if target is not None else [])]),
    )
    spread = (high - low) or 1.0
    step = (TREND_WIDTH - 2 * TREND_MARGIN) / max(len(history) - 1, 1)
    usable = TREND_HEIGHT - 2 * TREND_MARGIN

    def y(value: float) -> float:
        return round(TREND_MARGIN + usable * (1 - (value - low) / spread), 1)

    dots = [(round(TREND_MARGIN + i * step, 1), y(value)) for i, (_, value) in enumerate(history) if value is not None]
    return TrendPicture(
        points=" ".join(f"{x},{y_}" for x, y_ in dots),
        dots=dots,
        target_y=y(target) if target is not None else None,
        low=low,
        high=high,
    )


PRINTED_NETWORK_SIZE = 520
# A printed page shows the strongest ties only (a PDF with tens of thousands of lines is slow to open); the
# table beside it and the page's note say so.
PRINTED_NETWORK_TIES = 1500
PRINTED_LABELS = 10
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
COMMUNITY_FILLS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#eeca3b", "#9d755d")


@dataclass(frozen=True)
class PrintedUnit:
    """A unit's place on the printed network: culture units are squares (a shape, not only a colour)."""

    rank: int
    x: float
    y: float
    radius: float
    is_culture: bool
    community: int
    labelled: bool
    highlighted: bool

    @property
    def fill(self) -> str:
        """One of six fills by community; the clusters' places tell the communities apart as well, so no one needs
        the colour (a printed SVG carries it as an attribute: WeasyPrint's SVG does not read the stylesheet)."""
        return COMMUNITY_FILLS[self.community % len(COMMUNITY_FILLS)]

    @property
    def side(self) -> float:
        return round(2 * self.radius, 1)

    @property
    def left(self) -> float:
        return round(self.x - self.radius, 1)

    @property
    def top(self) -> float:
        return round(self.y - self.radius, 1)

    @property
    def ring(self) -> float:
        return round(self.radius + 2, 1)

    @property
    def label_x(self) -> float:
        return round(self.x + self.radius + 1, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + 3, 1)


@dataclass(frozen=True)
class PrintedNetwork:
    units: list[PrintedUnit]
    ties: list[tuple[float, float, float, float, float]]  # x1, y1, x2, y2, stroke width
    ties_left_out: int
    size: int = PRINTED_NETWORK_SIZE


def printed_network(
    units: Sequence[UnitPoint], ties: Sequence[tuple[int, int, int]], *, highlight_sector: str | None = None
) -> PrintedNetwork:
    """A deterministic layout of the cached unit network: each community (silo) a cluster of its own on a ring,
    largest first from the top, and inside a cluster the units on a sunflower spiral, most central in the middle.
    So the silos show as separate clusters and the bridges as the lines between them, the same every time."""
    size = PRINTED_NETWORK_SIZE
    members: dict[int, list[UnitPoint]] = {}
    for unit in sorted(units, key=lambda u: u.rank):
        members.setdefault(unit.community, []).append(unit)
    clusters = sorted(members.values(), key=lambda group: (-len(group), group[0].rank))
    total = sum(len(group) for group in clusters) or 1
    places: dict[int, tuple[float, float]] = {}
    shapes = []
    busiest = max((u.initiatives for u in units), default=0) or 1
    ring = 0.0 if len(clusters) == 1 else size * 0.32
    for index, group in enumerate(clusters):
        angle = 2 * math.pi * index / len(clusters) - math.pi / 2
        centre_x, centre_y = size / 2 + ring * math.cos(angle), size / 2 + ring * math.sin(angle)
        spread = (size * 0.45 if len(clusters) == 1 else size * 0.17) * math.sqrt(len(group) / total) + 6
        for i, unit in enumerate(group):
            distance = spread * math.sqrt((i + 0.5) / len(group))
            x = round(centre_x + distance * math.cos(i * GOLDEN_ANGLE), 1)
            y = round(centre_y + distance * math.sin(i * GOLDEN_ANGLE), 1)
            places[unit.id] = (x, y)
            shapes.append(
                PrintedUnit(
                    rank=unit.rank,
                    x=x,
                    y=y,
                    radius=round(2 + 5 * math.sqrt(unit.initiatives / busiest), 1),
                    is_culture=unit.is_culture,
                    community=unit.community,
                    labelled=unit.rank <= PRINTED_LABELS,
                    highlighted=highlight_sector is not None and unit.sector == highlight_sector,
                )
            )
    drawn = [tie for tie in ties if tie[0] in places and tie[1] in places][:PRINTED_NETWORK_TIES]
    widest = max((count for _, _, count in drawn), default=1)
    lines = [(*places[a], *places[b], round(0.3 + 2.2 * count / widest, 2)) for a, b, count in drawn]
    return PrintedNetwork(units=shapes, ties=lines, ties_left_out=max(0, len(ties) - len(drawn)))
