"""What the dashboards draw: sparkline points, the network's layout, heat-map shades and Chart.js line data.

Geometry only, from what the selectors read: no query here, so a picture can change without touching a read.
Colours are the stylesheet's (``static/css/silta.css``), never written here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from apps.dashboards.selectors import Edge, Heatmap, Network, Node, Series

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
