"""Reads of the dashboards: only computed values (IndicatorValue), the cached network (SectorTie) and small
reference tables, so a dashboard's cost does not grow with the number of initiatives, participations or bookings."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from apps.core.replica import reading_connection
from apps.indicators.computations.trust import pair_scope_id
from apps.indicators.models import (
    FINISHED_RUN_STATUSES,
    Indicator,
    IndicatorRun,
    IndicatorTarget,
    IndicatorValue,
    PeriodKind,
    PersonNode,
    PersonTie,
    Scope,
    SectorTie,
    SpaceHourUsage,
    UnitNode,
    UnitTie,
)
from apps.indicators.periods import STEPS, period_start
from apps.indicators.selectors import has_drilldown
from apps.indicators.targets import OFF_TRACK, TargetProgress, target_progress
from apps.initiatives.models import Initiative
from apps.premises.models import Space
from apps.programmes.models import Programme
from apps.sectors.models import Sector

# How many periods a sparkline, a trend chart and the premises table look back (the chosen one included).
HISTORY_PERIODS = 12
# How many periods the period picker offers.
PICKER_PERIODS = 60
# Cached reads carry the values' version in their key, so a new computation shows at once; the timeout only
# bounds the memory that versions no page asks for any more take.
VERSIONED_CACHE_SECONDS = 60 * 60
# The indicator whose sector-scope denominator counts a sector's active initiatives: the network's node size.
NODE_SIZE_INDICATOR = "cross_sector_share"
PREMISES_INDICATORS = ("space_utilisation", "shared_space_use")


def period_label(kind: str, start: date) -> str:
    """A period as people say it, in the active language: "March 2026", "Q1 2026", "2026"."""
    if kind == PeriodKind.MONTH:
        return formats.date_format(start, "YEAR_MONTH_FORMAT")
    if kind == PeriodKind.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    return str(start.year)


def periods_up_to(kind: str, last: date, count: int = HISTORY_PERIODS) -> list[date]:
    """The starts of ``count`` consecutive periods of ``kind`` ending with the one that starts at ``last``."""
    return [last - STEPS[kind] * back for back in reversed(range(count))]


def available_periods(kind: str, *, version: str) -> list[date]:
    """Starts of the periods of ``kind`` that have computed values, newest first.

    Kept per ``version`` (see ``computation_state``): the DISTINCT over every stored value would otherwise be the
    dearest query of each dashboard request.
    """
    return cache.get_or_set(
        f"dashboards-periods:{version}:{kind}",
        lambda: list(
            IndicatorValue.objects.filter(period_kind=kind)
            .order_by("-period_start")
            .values_list("period_start", flat=True)
            .distinct()[:PICKER_PERIODS]
        ),
        VERSIONED_CACHE_SECONDS,
    )


def default_period(kind: str, available: list[date], today: date) -> date:
    """The newest complete period with values: a month one day old would read "no change" on most tiles. Without
    a complete one, the newest with values; with none computed, the last complete period."""
    current = period_start(today, kind)
    complete = [start for start in available if start < current]
    if complete:
        return complete[0]
    return available[0] if available else current - STEPS[kind]


# Decimal places of a value as the dashboards show it, by unit: shares are fractions shown in per cent with one
# decimal, days whole, indices with two decimals, counts with one (apps/dashboards/templatetags/dashboards.py).
SHOWN_PLACES = {Indicator.Unit.SHARE: 3, Indicator.Unit.DAYS: 0, Indicator.Unit.INDEX: 2}


@dataclass
class Tile:
    """One indicator in one scope and period, with the previous period and a short history."""

    indicator: Indicator
    period_kind: str
    history: list[tuple[date, float | None]]
    numerator: float | None = None
    denominator: float | None = None
    target: IndicatorTarget | None = None

    @property
    def progress(self) -> TargetProgress | None:
        """On track, at risk or off track towards the target (apps/indicators/targets.py); None without one."""
        if self.target is None:
            return None
        return target_progress(
            history=self.history,
            target=self.target.value,
            target_date=self.target.target_date,
            higher_is_better=self.indicator.direction == Indicator.Direction.HIGHER,
            baseline=self.target.baseline,
        )

    @property
    def value(self) -> float | None:
        return self.history[-1][1]

    @property
    def previous(self) -> float | None:
        return self.history[-2][1] if len(self.history) > 1 else None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def shown_change(self) -> float | None:
        """The change rounded as the page shows it, so a change shown as ±0 is never called better or worse."""
        change = self.change
        return None if change is None else round(change, SHOWN_PLACES.get(self.indicator.unit, 1))

    @property
    def verdict(self) -> str | None:
        """better | worse | same, judged by the indicator's direction on the change as shown; None without two
        values."""
        change = self.shown_change
        if change is None:
            return None
        if math.isclose(change, 0, abs_tol=1e-9):
            return "same"
        rising_is_good = self.indicator.direction == Indicator.Direction.HIGHER
        return "better" if (change > 0) == rising_is_good else "worse"

    @property
    def has_data(self) -> bool:
        return any(value is not None for _, value in self.history)

    @property
    def history_range(self) -> tuple[float, float] | None:
        """The lowest and highest value the sparkline draws (its scale), None without two values."""
        values = [value for _, value in self.history if value is not None]
        return (min(values), max(values)) if len(values) > 1 else None

    @property
    def has_drilldown(self) -> bool:
        return has_drilldown(self.indicator.code)


ATTENTION_ITEMS = 5


def needs_attention(groups: list[ThemeGroup], *, limit: int = ATTENTION_ITEMS) -> list[Tile]:
    """The few tiles a manager should look at first: those off track towards their target, then those that moved
    most against their direction since the previous period (relative to where they were), worst first."""

    def worsening(tile: Tile) -> float:
        previous = tile.previous or 0.0
        return abs(tile.shown_change or 0.0) / max(abs(previous), 1e-9)

    tiles = [tile for group in groups for tile in group.tiles]
    off_track = [tile for tile in tiles if tile.progress is not None and tile.progress.status == OFF_TRACK]
    worse = sorted(
        (tile for tile in tiles if tile.verdict == "worse" and tile not in off_track), key=worsening, reverse=True
    )
    return (sorted(off_track, key=worsening, reverse=True) + worse)[:limit]


@dataclass
class ThemeGroup:
    theme: str
    label: str
    tiles: list[Tile] = field(default_factory=list)


def scope_indicators(scope: str) -> list[Indicator]:
    return list(Indicator.objects.filter(scopes__contains=[scope]).order_by("position"))


def tiles_by_theme(*, scope: str, scope_id: int, period_kind: str, period: date) -> list[ThemeGroup]:
    """The tiles of every indicator computed for ``scope``, grouped by theme, with their targets; three queries
    whatever the data size."""
    indicators = scope_indicators(scope)
    starts = periods_up_to(period_kind, period)
    rows = IndicatorValue.objects.filter(
        indicator__in=indicators, scope=scope, scope_id=scope_id, period_kind=period_kind, period_start__in=starts
    ).values_list("indicator_id", "period_start", "value", "numerator", "denominator")
    found = {(row[0], row[1]): row[2:] for row in rows}
    targets = {target.indicator_id: target for target in IndicatorTarget.objects.filter(scope=scope, scope_id=scope_id)}
    groups = {theme: ThemeGroup(theme=theme, label=label) for theme, label in Indicator.Theme.choices}
    for indicator in indicators:
        current = found.get((indicator.pk, period), (None, None, None))
        groups[indicator.theme].tiles.append(
            Tile(
                indicator=indicator,
                period_kind=period_kind,
                history=[(start, found.get((indicator.pk, start), (None,))[0]) for start in starts],
                numerator=current[1],
                denominator=current[2],
                target=targets.get(indicator.pk),
            )
        )
    return [group for group in groups.values() if group.tiles]


def tile_for(*, indicator: Indicator, scope: str, scope_id: int, period_kind: str, period: date) -> Tile:
    """One tile (the drill-down page's headline)."""
    starts = periods_up_to(period_kind, period, 2)
    rows = {
        row[0]: row[1:]
        for row in IndicatorValue.objects.filter(
            indicator=indicator, scope=scope, scope_id=scope_id, period_kind=period_kind, period_start__in=starts
        ).values_list("period_start", "value", "numerator", "denominator")
    }
    current = rows.get(period, (None, None, None))
    return Tile(
        indicator=indicator,
        period_kind=period_kind,
        history=[(start, rows.get(start, (None,))[0]) for start in starts],
        numerator=current[1],
        denominator=current[2],
    )


def target_lines(*, indicator: Indicator, starts: list[date], scope: str, scope_id: int) -> list[Series]:
    """The city's target (and the one compared sector's or programme's) as a flat line over the trend's periods."""
    scopes = Q(scope=Scope.CITY, scope_id=0) | Q(scope=scope, scope_id=scope_id)
    lines = []
    for target in IndicatorTarget.objects.filter(scopes, indicator=indicator).order_by("scope"):
        label = (
            _("Target, whole city (%(date)s)") if target.scope == Scope.CITY else _("Target of the compared (%(date)s)")
        ) % {"date": formats.date_format(target.target_date, "SHORT_DATE_FORMAT")}
        lines.append(Series(label=label, values=[target.value] * len(starts)))
    return lines


@dataclass
class TargetRow:
    """A target on the targets page: what it is for, and its tile (the values up to the period, the status)."""

    target: IndicatorTarget
    scope_name: str
    tile: Tile


def target_rows(*, period_kind: str, period: date) -> list[TargetRow]:
    """Every target with its status up to ``period``; four queries whatever the number of targets."""
    targets = list(IndicatorTarget.objects.select_related("indicator", "set_by"))
    if not targets:
        return []
    starts = periods_up_to(period_kind, period)
    wanted = Q()
    for target in targets:
        wanted |= Q(indicator_id=target.indicator_id, scope=target.scope, scope_id=target.scope_id)
    values = {
        (row[0], row[1], row[2], row[3]): row[4]
        for row in IndicatorValue.objects.filter(wanted, period_kind=period_kind, period_start__in=starts).values_list(
            "indicator_id", "scope", "scope_id", "period_start", "value"
        )
    }
    # Names through the models, so they follow the active language (modeltranslation).
    names = {
        scope: {
            row.pk: row.name for row in model.objects.filter(pk__in=[t.scope_id for t in targets if t.scope == scope])
        }
        for scope, model in ((Scope.SECTOR, Sector), (Scope.PROGRAMME, Programme))
    }
    return [
        TargetRow(
            target=target,
            scope_name=_("Whole city")
            if target.scope == Scope.CITY
            else names.get(target.scope, {}).get(target.scope_id, f"{target.scope} {target.scope_id}"),
            tile=Tile(
                indicator=target.indicator,
                period_kind=period_kind,
                history=[
                    (start, values.get((target.indicator_id, target.scope, target.scope_id, start))) for start in starts
                ],
                target=target,
            ),
        )
        for target in targets
    ]


@dataclass
class Series:
    """A labelled row of values, one per period: a line of a chart and a row of the table beside it."""

    label: str
    values: list[float | None]


def trend_series(
    *, indicator: Indicator, period_kind: str, period: date, compare: str, ids: list[int] | None = None
) -> tuple[list[date], list[Series]]:
    """The city line and one line per sector or programme (``compare``) over the periods up to ``period``.

    ``ids`` keeps only those sectors or programmes; without it every one with values is drawn.
    """
    starts = periods_up_to(period_kind, period)
    scopes = [Scope.CITY] if compare == Scope.CITY else [Scope.CITY, compare]
    values = IndicatorValue.objects.filter(
        indicator=indicator, scope__in=scopes, period_kind=period_kind, period_start__in=starts
    )
    if ids:
        values = values.filter(Q(scope=Scope.CITY) | Q(scope_id__in=ids))
    by_line: dict[tuple[str, int], dict[date, float | None]] = defaultdict(dict)
    for scope, scope_id, start, value in values.values_list("scope", "scope_id", "period_start", "value"):
        by_line[(scope, scope_id)][start] = value
    names = scope_names(compare, [scope_id for scope, scope_id in by_line if scope == compare])
    series = [Series(_("Whole city"), [by_line[(Scope.CITY, 0)].get(start) for start in starts])]
    for scope_id, name in sorted(names.items(), key=lambda item: item[1]):
        series.append(Series(name, [by_line[(compare, scope_id)].get(start) for start in starts]))
    return starts, series


def scope_names(scope: str, ids: list[int]) -> dict[int, str]:
    """Display names of sectors, programmes or spaces by id (a small reference table each)."""
    if not ids:
        return {}
    if scope == Scope.SECTOR:
        return dict(Sector.objects.filter(pk__in=ids).values_list("pk", "name"))
    if scope == Scope.PROGRAMME:
        return dict(Programme.objects.filter(pk__in=ids).values_list("pk", "name"))
    if scope == Scope.SPACE:
        names = dict(Space.objects.filter(pk__in=ids).values_list("pk", "name"))
        return {pk: names.get(pk) or _("Space %(id)s") % {"id": pk} for pk in ids}
    return {}


@dataclass
class Node:
    sector: Sector
    initiatives: int

    @property
    def is_culture(self) -> bool:
        return self.sector.slug == settings.SILTA_CULTURE_SECTOR_SLUG


@dataclass
class Edge:
    a: Node
    b: Node
    initiatives: int
    # The pulse surveys' trust between the two sectors in the period (0–1), None without a large enough group.
    trust: float | None = None


@dataclass
class Network:
    """The sectors and their ties, most shared first (``charts.network_picture`` lays them out)."""

    nodes: list[Node]
    edges: list[Edge]


def network(*, period_kind: str, period: date, programme_id: int = 0) -> Network:
    """Sectors on a circle (size: active initiatives) and their shared initiatives as edges (width: count).

    With a programme, a node's size is the initiatives it shares within the programme, summed over its ties.
    """
    ties = list(
        SectorTie.objects.filter(period_kind=period_kind, period_start=period, programme_id=programme_id).values_list(
            "sector_a_id", "sector_b_id", "initiatives"
        )
    )
    sectors = list(Sector.objects.order_by("kind", "name"))
    if programme_id:
        sizes: dict[int, float] = defaultdict(float)
        for a, b, count in ties:
            sizes[a] += count
            sizes[b] += count
    else:
        sizes = dict(
            IndicatorValue.objects.filter(
                indicator__code=NODE_SIZE_INDICATOR, scope=Scope.SECTOR, period_kind=period_kind, period_start=period
            ).values_list("scope_id", "denominator")
        )
    nodes = {sector.pk: Node(sector=sector, initiatives=int(sizes.get(sector.pk) or 0)) for sector in sectors}
    edges = [Edge(a=nodes[a], b=nodes[b], initiatives=count) for a, b, count in ties if a in nodes and b in nodes]
    edges.sort(key=lambda edge: -edge.initiatives)
    trust = dict(
        IndicatorValue.objects.filter(
            indicator__code="pulse_trust", scope=Scope.PAIR, period_kind=period_kind, period_start=period
        ).values_list("scope_id", "value")
    )
    for edge in edges:
        edge.trust = trust.get(pair_scope_id(edge.a.sector.pk, edge.b.sector.pk))
    return Network(nodes=list(nodes.values()), edges=edges)


@dataclass
class Partner:
    sector_id: int
    name: str
    initiatives: int


def sector_partners(*, sector: Sector, period_kind: str, period: date) -> list[Partner]:
    """The sectors ``sector`` shares active initiatives with in the period, most shared first."""
    ties = SectorTie.objects.filter(period_kind=period_kind, period_start=period, programme_id=0).filter(
        Q(sector_a=sector) | Q(sector_b=sector)
    )
    counts = {
        (b if a == sector.pk else a): count
        for a, b, count in ties.values_list("sector_a_id", "sector_b_id", "initiatives")
    }
    names = scope_names(Scope.SECTOR, list(counts))
    return sorted(
        (Partner(pk, names.get(pk, ""), count) for pk, count in counts.items()), key=lambda p: (-p.initiatives, p.name)
    )


def programme_partners(*, programme: Programme, period_kind: str, period: date) -> list[Partner]:
    """The programme's sectors (declared, or met in its initiatives' ties) and how many of its initiatives they
    share with another sector in the period."""
    ties = SectorTie.objects.filter(period_kind=period_kind, period_start=period, programme_id=programme.pk)
    counts: dict[int, int] = defaultdict(int)
    for a, b, count in ties.values_list("sector_a_id", "sector_b_id", "initiatives"):
        counts[a] += count
        counts[b] += count
    declared = set(programme.sectors.values_list("pk", flat=True))
    names = scope_names(Scope.SECTOR, list(declared | set(counts)))
    return sorted(
        (Partner(pk, name, counts.get(pk, 0)) for pk, name in names.items()), key=lambda p: (-p.initiatives, p.name)
    )


def premises_table(*, period_kind: str, period: date) -> tuple[list[date], list[Series], list[Series]]:
    """Utilisation per space per period, and the city-wide utilisation and shared use of culture premises."""
    starts = periods_up_to(period_kind, period)
    rows = IndicatorValue.objects.filter(
        indicator__code__in=PREMISES_INDICATORS,
        scope__in=[Scope.CITY, Scope.SPACE],
        period_kind=period_kind,
        period_start__in=starts,
    ).values_list("indicator__code", "scope", "scope_id", "period_start", "value")
    found: dict[tuple[str, str, int], dict[date, float | None]] = defaultdict(dict)
    for code, scope, scope_id, start, value in rows:
        found[(code, scope, scope_id)][start] = value
    names = scope_names(Scope.SPACE, sorted({key[2] for key in found if key[1] == Scope.SPACE}))
    spaces = [
        Series(name, [found[("space_utilisation", Scope.SPACE, pk)].get(start) for start in starts])
        for pk, name in sorted(names.items(), key=lambda item: item[1])
    ]
    city = [
        Series(_("Utilisation, all spaces"), [found[("space_utilisation", Scope.CITY, 0)].get(s) for s in starts]),
        Series(
            _("Hours used by other sectors in culture premises"),
            [found[("shared_space_use", Scope.CITY, 0)].get(s) for s in starts],
        ),
    ]
    return starts, city, spaces


@dataclass
class Heatmap:
    """Booked hours per weekday (rows, Monday first) and hour of day (columns) in one period."""

    rows: list[tuple[str, list[float]]]  # weekday name, [booked hours per hour of the day]
    total: float
    peak: float  # the busiest slot's hours (``charts.heatmap_shades`` shades the others against it)

    @property
    def hours(self) -> range:
        return range(24)


def premises_heatmap(*, period_kind: str, period: date, space_id: int = 0) -> Heatmap:
    """The week-by-hour heatmap of a space (0: all spaces) from the cached summary, one query."""
    booked = {
        (weekday, hour): hours
        for weekday, hour, hours in SpaceHourUsage.objects.filter(
            period_kind=period_kind, period_start=period, space_id=space_id
        ).values_list("weekday", "hour", "booked_hours")
    }
    peak = max(booked.values(), default=0)
    weekdays = [formats.date_format(date(2024, 1, day + 1), "l") for day in range(7)]  # 1 January 2024: Monday
    rows = [(name, [booked.get((day, hour), 0) for hour in range(24)]) for day, name in enumerate(weekdays)]
    return Heatmap(rows=rows, total=sum(booked.values()), peak=peak)


def space_choices() -> list[tuple[int, str]]:
    return list(Space.objects.order_by("name").values_list("pk", "name"))


@dataclass(frozen=True)
class ComputationState:
    """What every dashboard page shows of the computation, and the version its cached parts are kept under."""

    # When the newest stored value was computed (by a run or by ``compute_indicators --sync``), or None.
    values_computed_at: datetime | None
    # The newest run, while it has not finished (the page shows its progress).
    run_under_way: IndicatorRun | None
    # How many targets there are and when one last changed: a target set or removed shows at once too.
    targets_version: str = ""

    @property
    def values_version(self) -> str:
        """Changes with every computation that writes values and every change of a target: the key of everything
        rendered from them."""
        computed = self.values_computed_at.isoformat() if self.values_computed_at else "none"
        return f"{computed}~{self.targets_version}" if self.targets_version else computed


def computation_state() -> ComputationState:
    """The newest value's ``computed_at`` and a run under way, in one round trip of two index reads.

    Every dashboard request pays this, so it is one query rather than two ORM queries.
    """
    values, runs, targets = (
        IndicatorValue._meta.db_table,
        IndicatorRun._meta.db_table,
        IndicatorTarget._meta.db_table,
    )
    with reading_connection().cursor() as cursor:
        cursor.execute(
            f"""
            SELECT (SELECT computed_at FROM {values} ORDER BY computed_at DESC LIMIT 1),
                   (SELECT CASE WHEN status = ANY(%s) THEN NULL ELSE id END
                      FROM {runs} ORDER BY created_at DESC LIMIT 1),
                   (SELECT count(*) || '-' || coalesce(extract(epoch FROM max(updated_at))::text, '') FROM {targets})
            """,
            [list(FINISHED_RUN_STATUSES)],
        )
        computed_at, under_way_id, targets_version = cursor.fetchone()
    run_under_way = (
        IndicatorRun.objects.select_related("requested_by").filter(pk=under_way_id).first() if under_way_id else None
    )
    return ComputationState(
        values_computed_at=computed_at,
        run_under_way=run_under_way,
        targets_version="" if targets_version == "0-" else targets_version,
    )


HEADLINE_TILES = 3


def headline(*, period_kind: str = PeriodKind.MONTH, limit: int = HEADLINE_TILES) -> tuple[date | None, list[Tile]]:
    """What changed most in the city since the previous period: the newest computed period of ``period_kind`` and
    its ``limit`` city tiles with the largest change relative to the previous value (three queries, stored values
    only). ``(None, [])`` before the first computation."""
    newest = (
        IndicatorValue.objects.filter(scope=Scope.CITY, period_kind=period_kind)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    if newest is None:
        return None, []
    tiles = [
        tile
        for group in tiles_by_theme(scope=Scope.CITY, scope_id=0, period_kind=period_kind, period=newest)
        for tile in group.tiles
        if tile.change is not None
    ]
    tiles.sort(key=lambda tile: abs(tile.change) / (abs(tile.previous) or 1), reverse=True)
    return newest, tiles[:limit]


# The picture draws at most this many ties, the strongest (a browser lays out a few thousand in a moment); the
# table has every unit's ties.
UNIT_NETWORK_DRAWN_TIES = 3000


@dataclass
class UnitPoint:
    """A unit of the unit network with the facts the computation cached for it (``UnitNode``)."""

    id: int
    name: str
    sector: str
    is_culture: bool
    community: int
    betweenness: float
    rank: int  # 1 = the most central unit
    ties: int
    initiatives: int
    is_hub: bool


@dataclass
class PersonPoint(UnitPoint):
    """A contact person of the person network: ``name`` is theirs, ``unit`` their unit."""

    unit: str = ""
    is_spanner: bool = False


@dataclass
class UnitNetwork:
    """Units, their ties and the communities (largest first), for the graph and the table alternative."""

    units: list[UnitPoint]
    ties: list[tuple[int, int, int]]  # (unit a, unit b, shared initiatives)
    communities: int

    def graph_data(self) -> dict:
        """What static/js/unit-network.js draws (embedded with json_script)."""
        return {
            "nodes": [
                {
                    "id": str(u.id),
                    "label": u.name,
                    "sector": u.sector,
                    "culture": u.is_culture,
                    "community": u.community,
                    "rank": u.rank,
                    "ties": u.ties,
                    "initiatives": u.initiatives,
                    "hub": u.is_hub,
                    "spanner": getattr(u, "is_spanner", False),
                }
                for u in self.units
            ],
            "edges": [
                {"source": str(a), "target": str(b), "initiatives": count}
                for a, b, count in self.ties[:UNIT_NETWORK_DRAWN_TIES]
            ],
        }

    @property
    def ties_not_drawn(self) -> int:
        return max(0, len(self.ties) - UNIT_NETWORK_DRAWN_TIES)


def unit_network(*, period_kind: str, period: date) -> UnitNetwork:
    """The cached unit network of a period: two queries, whatever the number of initiatives."""
    rows = list(
        UnitNode.objects.filter(period_kind=period_kind, period_start=period)
        .select_related("unit__sector")
        .defer("initiative_ids")  # only a click on a unit reads them
        .order_by("-betweenness", "unit_id")
    )
    units = [
        UnitPoint(
            id=row.unit_id,
            name=row.unit.name,
            sector=row.unit.sector.name,
            is_culture=row.unit.sector.slug == settings.SILTA_CULTURE_SECTOR_SLUG,
            community=row.community,
            betweenness=row.betweenness,
            rank=rank,
            ties=row.ties,
            initiatives=row.initiatives,
            is_hub=row.is_hub,
        )
        for rank, row in enumerate(rows, start=1)
    ]
    ties = list(
        UnitTie.objects.filter(period_kind=period_kind, period_start=period)
        .order_by("-initiatives", "unit_a_id", "unit_b_id")
        .values_list("unit_a_id", "unit_b_id", "initiatives")
    )
    return UnitNetwork(units=units, ties=ties, communities=len({u.community for u in units}))


def unit_initiatives(*, period_kind: str, period: date, unit_id: int) -> list[Initiative] | None:
    """The initiatives the computation found a unit taking part in during a period; None if it was not in the
    network. One cached row, then the initiatives by primary key."""
    ids = (
        UnitNode.objects.filter(period_kind=period_kind, period_start=period, unit_id=unit_id)
        .values_list("initiative_ids", flat=True)
        .first()
    )
    if ids is None:
        return None
    return list(Initiative.objects.filter(pk__in=ids).select_related("programme").order_by("title", "pk"))


def person_network(*, period_kind: str, period: date) -> UnitNetwork:
    """The cached person network of a period (contact persons tied by shared initiatives): two queries."""
    rows = list(
        PersonNode.objects.filter(period_kind=period_kind, period_start=period)
        .select_related("person__unit__sector")
        .defer("initiative_ids")
        .order_by("-betweenness", "person_id")
    )
    people = [
        PersonPoint(
            id=row.person_id,
            name=f"{row.person.first_name} {row.person.last_name}",
            sector=row.person.unit.sector.name,
            is_culture=row.person.unit.sector.slug == settings.SILTA_CULTURE_SECTOR_SLUG,
            community=row.community,
            betweenness=row.betweenness,
            rank=rank,
            ties=row.ties,
            initiatives=row.initiatives,
            is_hub=row.is_hub,
            unit=row.person.unit.name,
            is_spanner=row.person.is_boundary_spanner,
        )
        for rank, row in enumerate(rows, start=1)
    ]
    ties = list(
        PersonTie.objects.filter(period_kind=period_kind, period_start=period)
        .order_by("-initiatives", "person_a_id", "person_b_id")
        .values_list("person_a_id", "person_b_id", "initiatives")
    )
    return UnitNetwork(units=people, ties=ties, communities=len({p.community for p in people}))


def person_initiatives(*, period_kind: str, period: date, person_id: int) -> list[Initiative] | None:
    """The initiatives a person was a contact of in a period, as the computation found; None outside the network."""
    ids = (
        PersonNode.objects.filter(period_kind=period_kind, period_start=period, person_id=person_id)
        .values_list("initiative_ids", flat=True)
        .first()
    )
    if ids is None:
        return None
    return list(Initiative.objects.filter(pk__in=ids).select_related("programme").order_by("title", "pk"))
