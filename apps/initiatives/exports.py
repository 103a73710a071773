"""The initiative list as CSV or Excel, for the list page and the API alike.

The columns are the import's (ids, codes and names a spreadsheet round-trips); the cells are typed (dates, euros).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table
from apps.initiatives.models import Initiative

CSV_HEADER = [
    "id",
    "title",
    "status",
    "collaboration_form",
    "start_date",
    "end_date",
    "programme",
    "lead_unit",
    "units",
    "sectors",
    "themes",
    "strategy_goals",
    "involves_residents",
    "involves_ngos",
    "allocated_eur",
    "spent_eur",
    "weight",
]


CENTS = Decimal("0.01")


def _csv_rows(initiatives: Iterable[Initiative]) -> Iterator[list[object]]:
    for initiative in initiatives:
        participations = list(initiative.participations.all())
        lead = next((p.unit.name for p in participations if p.role == "lead"), "")
        yield [
            initiative.pk,
            initiative.title,
            initiative.status,
            initiative.collaboration_form,
            initiative.start_date,
            initiative.end_date,
            initiative.programme.name if initiative.programme else "",
            lead,
            "; ".join(p.unit.name for p in participations),
            "; ".join(initiative.sector_names),
            "; ".join(theme.name for theme in initiative.themes.all()),
            "; ".join(goal.code for goal in initiative.strategy_goals.all()),
            initiative.involves_residents,
            initiative.involves_ngos,
            Decimal(initiative.total_allocated).quantize(CENTS),
            Decimal(initiative.total_spent).quantize(CENTS),
            initiative.weight,
        ]


def initiative_table(initiatives: Iterable[Initiative]) -> Table:
    return Table(header=CSV_HEADER, rows=_csv_rows(initiatives), title=_("Initiatives"))
