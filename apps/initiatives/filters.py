"""The initiative search, shared by the list page, its CSV export and the API; bad values become field errors."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.filters import OrderingFilter, PlausibleDateFilter
from apps.core.search import SearchFilter, full_text_query, sorted_after_search
from apps.initiatives import selectors
from apps.initiatives.models import Funding, Initiative, Participation, Theme
from apps.programmes.models import Programme
from apps.sectors import selectors as sector_selectors
from apps.sectors.filters import UnitTreeFilter
from apps.sectors.models import Sector, Unit
from apps.strategy.models import StrategyGoal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class InitiativeFilter(django_filters.FilterSet):
    q = SearchFilter(
        method="filter_text",
        help_text=_(
            "Every word must match, each as the start of a word of the title, the description, a unit taking part "
            "or a theme (Finnish and Swedish word forms too)."
        ),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), method="filter_sector", empty_label=_("All sectors")
    )
    unit = UnitTreeFilter(label=_("Unit"), method="filter_unit", empty_label=_("All units"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Initiative.Status.choices, empty_label=_("Any status")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all(), empty_label=_("Any programme")
    )
    strategy_goal = django_filters.ModelChoiceFilter(
        label=_("Strategy goal"),
        queryset=StrategyGoal.objects.all(),
        method="filter_strategy_goal",
        empty_label=_("Any goal"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), method="filter_theme", empty_label=_("Any theme")
    )
    collaboration_form = django_filters.ChoiceFilter(
        label=_("Collaboration form"), choices=Initiative.CollaborationForm.choices, empty_label=_("Any form")
    )
    active_from = PlausibleDateFilter(label=_("Running on or after"), method="filter_active_from", widget=DATE_WIDGET)
    active_until = PlausibleDateFilter(
        label=_("Running on or before"), method="filter_active_until", widget=DATE_WIDGET
    )
    ordering = OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Latest start first"),
        fields=(("start_date", "start_date"), ("title", "title"), ("status", "status"), ("created_at", "created_at")),
        field_labels={
            "start_date": _("Start date"),
            "title": _("Title"),
            "status": _("Status"),
            "created_at": _("Created"),
        },
    )

    class Meta:
        model = Initiative
        fields = [
            "q",
            "sector",
            "unit",
            "status",
            "programme",
            "strategy_goal",
            "theme",
            "collaboration_form",
            "active_from",
            "active_until",
        ]

    # Filters across links are EXISTS semi-joins on the link table alone: an initiative is never listed twice, and
    # neither the initiatives nor the rows are joined to themselves (the planner picks either side to start from).
    def filter_text(self, queryset: QuerySet[Initiative], name: str, value: str) -> QuerySet[Initiative]:
        return selectors.initiative_search(queryset, text=value)

    def filter_sector(self, queryset: QuerySet[Initiative], name: str, value: Sector) -> QuerySet[Initiative]:
        return queryset.filter(Exists(Participation.objects.filter(initiative=OuterRef("pk"), unit__sector=value)))

    def filter_unit(self, queryset: QuerySet[Initiative], name: str, value: Unit) -> QuerySet[Initiative]:
        # A unit includes its sub-units: "Culture Services" finds the initiatives of every library too.
        units = sector_selectors.unit_subtree(value)
        return queryset.filter(Exists(Participation.objects.filter(initiative=OuterRef("pk"), unit__in=units)))

    def filter_strategy_goal(
        self, queryset: QuerySet[Initiative], name: str, value: StrategyGoal
    ) -> QuerySet[Initiative]:
        # A goal includes its sub-goals: "2" finds initiatives linked to 2.1 and 2.3 too.
        goals = Q(strategygoal=value) | Q(strategygoal__code__startswith=f"{value.code}.")
        links = Initiative.strategy_goals.through.objects.filter(goals, initiative=OuterRef("pk"))
        return queryset.filter(Exists(links))

    def filter_theme(self, queryset: QuerySet[Initiative], name: str, value: Theme) -> QuerySet[Initiative]:
        return queryset.filter(Exists(Initiative.themes.through.objects.filter(initiative=OuterRef("pk"), theme=value)))

    def filter_active_from(self, queryset: QuerySet[Initiative], name: str, value) -> QuerySet[Initiative]:  # type: ignore[no-untyped-def]
        return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=value))

    def filter_active_until(self, queryset: QuerySet[Initiative], name: str, value) -> QuerySet[Initiative]:  # type: ignore[no-untyped-def]
        return queryset.filter(start_date__lte=value)

    @property
    def qs(self) -> QuerySet[Initiative]:
        initiatives = super().qs
        # The primary key breaks ties, so pages never repeat or skip a row.
        ordering = initiatives.query.order_by or ("-start_date",)
        if full_text_query(getattr(self.form, "cleaned_data", {}).get("q") or ""):
            ordering = sorted_after_search(ordering)
        return initiatives.order_by(*ordering, "pk")


class ParticipationFilter(django_filters.FilterSet):
    """The API's participation rows; ``unit`` includes the unit's sub-units."""

    unit = UnitTreeFilter()

    class Meta:
        model = Participation
        fields = ["initiative", "unit", "role"]


class FundingFilter(django_filters.FilterSet):
    """The API's funding lines; ``source_unit`` includes the unit's sub-units."""

    source_unit = UnitTreeFilter()

    class Meta:
        model = Funding
        fields = ["initiative", "source_unit", "instrument", "year"]
