"""Reads of initiatives: the list (a constant number of queries however many rows), the detail and its history."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.core.search import text_search
from apps.initiatives.models import Funding, Initiative, Outcome, Participation


def _funding_sum(column: str) -> Coalesce:
    total = (
        Funding.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum(column))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Subquery(total, output_field=money), Value(Decimal(0)), output_field=money)


def initiative_list() -> QuerySet[Initiative]:
    """Initiatives with everything a list row or an API item shows, fetched in a fixed number of queries."""
    return (
        Initiative.objects.select_related("programme")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("unit__sector")),
            "themes",
            "strategy_goals",
            "contact_persons",
        )
        .annotate(total_allocated=_funding_sum("allocated"), total_spent=_funding_sum("spent"))
    )


INITIATIVE_SEARCH_FIELDS = ("title", "description", "participations__unit__name", "themes__name")


def initiative_search(initiatives: QuerySet[Initiative], *, text: str) -> QuerySet[Initiative]:
    """Keep initiatives whose title, description, units or themes contain every word of ``text``."""
    return text_search(initiatives, text=text, fields=INITIATIVE_SEARCH_FIELDS)


def initiative_detail() -> QuerySet[Initiative]:
    """One initiative with its rows; use as ``get_object_or_404(initiative_detail(), pk=...)``."""
    return initiative_list().prefetch_related(
        Prefetch("fundings", queryset=Funding.objects.select_related("source_unit")),
        Prefetch("outcomes", queryset=Outcome.objects.all()),
        "contact_persons__unit",
        "strategy_goals",
    )


def initiative_history(initiative: Initiative, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The change history of an initiative and its participations, funding and outcomes, newest first."""
    return history_entries(
        [
            initiative.history.select_related("programme"),
            Participation.history.filter(initiative_id=initiative.pk).select_related("unit"),
            Funding.history.filter(initiative_id=initiative.pk).select_related("source_unit"),
            Outcome.history.filter(initiative_id=initiative.pk),
        ],
        limit=limit,
    )
