"""The programme list as CSV or Excel: the columns of the page, the budget a number of euros."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table, column, joined
from apps.programmes.models import Programme


def programme_table(programmes: Iterable[Programme]) -> Table:
    return Table(
        header=[
            column(Programme, "name"),
            column(Programme, "lead"),
            _("Unit"),
            column(Programme, "sectors"),
            column(Programme, "start_date"),
            column(Programme, "end_date"),
            _("Initiatives"),
            _("Yearly budget (€)"),
        ],
        rows=(
            [
                programme.name,
                programme.lead.full_name,
                programme.lead.unit.name,
                joined(sector.name for sector in programme.sectors.all()),
                programme.start_date,
                programme.end_date,
                programme.initiative_count,
                programme.yearly_budget,
            ]
            for programme in programmes
        ),
        title=_("Programmes"),
    )
