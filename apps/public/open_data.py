"""The open data's rows: public initiatives and indicator values as plain values, the same in CSV, JSON and the
public pages. Built from what the selectors read; nothing here queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.initiatives.models import Initiative
from apps.premises.models import Space


def initiative_row(initiative: Initiative) -> dict[str, Any]:
    """One public initiative: what it is, who takes part (units and sectors), when, and what it achieved."""
    participations = list(initiative.participations.all())
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "description": initiative.description,
        "status": initiative.status,
        "status_label": str(initiative.get_status_display()),
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "programme": initiative.programme.name if initiative.programme else None,
        "sectors": sorted({participation.unit.sector.name for participation in participations}),
        "units": [
            {"name": participation.unit.name, "sector": participation.unit.sector.name, "role": participation.role}
            for participation in participations
        ],
        "themes": sorted(theme.name for theme in initiative.themes.all()),
        "outcomes": [
            {
                "text": outcome.text,
                "indicator": outcome.indicator,
                "progress": outcome.progress,
                "baseline": outcome.baseline,
                "target": outcome.target,
                "actual": outcome.actual,
                "unit": outcome.unit,
                "recorded_on": outcome.recorded_on,
            }
            for outcome in initiative.outcomes.all()
        ],
    }


def initiative_table(rows: Iterable[dict[str, Any]]) -> Iterator[list[object]]:
    """The CSV of public initiatives: a row each, the units and outcomes joined in one cell."""
    yield [
        "id",
        _("Title"),
        _("Description"),
        _("Status"),
        _("Start date"),
        _("End date"),
        _("Programme"),
        _("Sectors"),
        _("Units"),
        _("Themes"),
        _("Results"),
    ]
    for row in rows:
        yield [
            row["id"],
            row["title"],
            row["description"],
            row["status_label"],
            row["start_date"],
            row["end_date"] or "",
            row["programme"] or "",
            "; ".join(row["sectors"]),
            "; ".join(unit["name"] for unit in row["units"]),
            "; ".join(row["themes"]),
            " | ".join(outcome["text"] for outcome in row["outcomes"]),
        ]


def indicator_value_table(rows: Iterable[dict[str, Any]]) -> Iterator[list[object]]:
    yield [
        "indicator",
        _("Name"),
        "unit",
        "scope",
        "scope_id",
        "period_kind",
        "period_start",
        "value",
        "numerator",
        "denominator",
    ]
    for row in rows:
        yield [
            row["indicator"],
            row["name"],
            row["unit"],
            row["scope"],
            row["scope_id"],
            row["period_kind"],
            row["period_start"],
            "" if row["value"] is None else row["value"],
            "" if row["numerator"] is None else row["numerator"],
            "" if row["denominator"] is None else row["denominator"],
        ]


def space_row(space: Space) -> dict[str, Any]:
    """One opened space: where, how big, for whom, on which terms and at what price."""
    return {
        "id": space.pk,
        "name": space.name,
        "venue": space.venue.name,
        "address": space.venue.address,
        "capacity": space.capacity,
        "description": space.description,
        "open_to": list(space.open_to),
        "open_to_labels": space.open_to_labels,
        "free_of_charge": space.free_of_charge,
        "price": space.price_text,
        "terms_of_use": space.terms_of_use,
        "step_free_access": space.venue.step_free_access,
    }


def space_table(rows: Iterable[dict[str, Any]]) -> Iterator[list[object]]:
    yield ["id", _("Name"), _("Venue"), _("Address"), _("Capacity"), _("Open to"), _("Free of charge"), _("Price")]
    for row in rows:
        yield [
            row["id"],
            row["name"],
            row["venue"],
            row["address"],
            row["capacity"],
            "; ".join(row["open_to_labels"]),
            _("yes") if row["free_of_charge"] else _("no"),
            row["price"],
        ]


def with_licence(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON download: the licence it is published under, when it was made, and the items."""
    return {
        "licence": settings.SILTA_OPEN_DATA_LICENCE,
        "licence_url": settings.SILTA_OPEN_DATA_LICENCE_URL,
        "generated_at": timezone.now().isoformat(),
        "items": items,
    }
