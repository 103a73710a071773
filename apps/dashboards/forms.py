"""The dashboards' filters: period kind, period, sector, programme (and for trends, indicator and comparison).

They live in the query string so a link shows the same picture; a bad value is a form error, never a 500.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import PlausibleDateField, read_date
from apps.dashboards import selectors
from apps.indicators.models import Indicator, PeriodKind, Scope
from apps.indicators.periods import period_start
from apps.premises.models import Space
from apps.programmes.models import Programme
from apps.sectors.models import Sector


def _first_indicator() -> Indicator | None:
    """The indicator a trend shows when none is chosen (or the chosen one is unknown): the catalogue's first."""
    return Indicator.objects.order_by("position").first()


class PeriodField(forms.ChoiceField):
    """A period offered as a choice, read as any plausible date (the period it falls in, values or not)."""

    def to_python(self, value: object) -> date | None:
        return PlausibleDateField(required=False).clean(value)

    def validate(self, value: object) -> None:
        forms.Field.validate(self, value)  # the choices only help: every plausible date names a period


class PeriodFilterForm(forms.Form):
    """Period kind and period; an unreadable or implausible period is an error, a date inside a period means that
    period."""

    # Choosing a kind swaps the period list for that kind's periods at once (htmx; without it, "Show" does).
    period_kind = forms.ChoiceField(
        label=_("Period kind"),
        choices=PeriodKind.choices,
        required=False,
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("dashboards:period_options"),
                "hx-target": "#id_period",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        ),
    )
    period = PeriodField(label=_("Period"), required=False)

    def __init__(self, data: dict | None = None, *, version: str, **kwargs: object) -> None:
        """``version``: the values' version (``selectors.computation_state``) the period choices are cached under."""
        data = data.copy() if data is not None else {}
        super().__init__(data, **kwargs)
        kind = data.get("period_kind") or PeriodKind.MONTH
        self.kind = kind if kind in PeriodKind.values else PeriodKind.MONTH
        self.available = selectors.available_periods(self.kind, version=version)
        day = read_date(data.get("period"))
        chosen = period_start(day, self.kind) if day else None
        if chosen:  # Show the period the date falls in, even when it has no values yet.
            self.data["period"] = chosen.isoformat()
        shown = sorted({*self.available, *([chosen] if chosen else [])}, reverse=True)
        # Labelled only when the choices are read: the rendered form is usually a cached fragment.
        self.fields["period"].choices = lambda: self._period_choices(shown)

    def _period_choices(self, shown: list[date]) -> list[tuple[str, str]]:
        default = self._default_period()
        label = selectors.period_label(self.kind, default)
        complete = default < period_start(timezone.localdate(), self.kind)
        latest = (_("Last complete (%(period)s)") if complete else _("Latest (%(period)s)")) % {"period": label}
        return [("", latest)] + [(start.isoformat(), selectors.period_label(self.kind, start)) for start in shown]

    def _default_period(self) -> date:
        return selectors.default_period(self.kind, self.available, timezone.localdate())

    def clean_period(self) -> date:
        value = self.cleaned_data["period"]
        return period_start(value, self.kind) if value else self._default_period()

    def clean_period_kind(self) -> str:
        return self.cleaned_data["period_kind"] or PeriodKind.MONTH

    @property
    def filters(self) -> dict:
        """The cleaned values; where a value has an error, its default (the page still shows something)."""
        if self.is_valid():
            return self.cleaned_data
        defaults = {"period_kind": self.kind, "period": self._default_period()}
        return {**defaults, **{name: self.cleaned_data[name] for name in defaults if name in self.cleaned_data}}


class ScopeFilterForm(PeriodFilterForm):
    """The overview's filters: a sector or a programme turns it into that sector's or programme's view."""

    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("kind", "name"),
        required=False,
        empty_label=_("All sectors"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
    )

    def __init__(self, *args: Any, sectors: frozenset[int] | None = None, **kwargs: Any) -> None:
        """``sectors``: the sectors whose detail the viewer is for (``manager_sectors``); None for every sector."""
        super().__init__(*args, **kwargs)
        if sectors is not None:
            field = self.fields["sector"]
            field.queryset = field.queryset.filter(pk__in=sectors)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("sector") and cleaned.get("programme"):
            raise ValidationError(_("Choose a sector or a programme, not both."))
        return cleaned

    @property
    def filters(self) -> dict:
        filters = super().filters
        return filters if self.is_valid() else {**filters, "sector": None, "programme": None}

    @staticmethod
    def scope_of(filters: dict) -> tuple[str, int]:
        if filters.get("sector"):
            return Scope.SECTOR, filters["sector"].pk
        if filters.get("programme"):
            return Scope.PROGRAMME, filters["programme"].pk
        return Scope.CITY, 0


class TrendFilterForm(PeriodFilterForm):
    """Which indicator to follow, compared across sectors or programmes (optionally only one of them)."""

    COMPARE_CHOICES = [
        (Scope.CITY, _("Whole city only")),
        (Scope.SECTOR, _("Sectors")),
        (Scope.PROGRAMME, _("Programmes")),
    ]

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("position"), to_field_name="code", required=False
    )
    compare = forms.ChoiceField(label=_("Compare"), choices=COMPARE_CHOICES, required=False)
    sector = ScopeFilterForm.base_fields["sector"]
    programme = ScopeFilterForm.base_fields["programme"]

    field_order = ["indicator", "compare", "period_kind", "period", "sector", "programme"]

    def clean_indicator(self) -> Indicator | None:
        return self.cleaned_data["indicator"] or _first_indicator()

    def clean(self) -> dict:
        cleaned = super().clean()
        compare = cleaned.get("compare") or (
            Scope.SECTOR if cleaned.get("sector") else Scope.PROGRAMME if cleaned.get("programme") else Scope.CITY
        )
        cleaned["compare"] = compare
        indicator = cleaned.get("indicator")
        if indicator and compare not in indicator.scopes:
            message = {
                Scope.SECTOR: _("“%(indicator)s” is not computed per sector."),
                Scope.PROGRAMME: _("“%(indicator)s” is not computed per programme."),
            }[compare]
            self.add_error("compare", message % {"indicator": indicator.name})
        return cleaned

    @property
    def filters(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        return {
            **super().filters,
            "indicator": self.cleaned_data.get("indicator") or _first_indicator(),
            "compare": Scope.CITY,
            "sector": None,
            "programme": None,
        }


class NetworkFilterForm(PeriodFilterForm):
    programme = ScopeFilterForm.base_fields["programme"]


class DrilldownFilterForm(ScopeFilterForm):
    """The drill-down's period and scope (the same query string as the tile it came from)."""


class PremisesFilterForm(PeriodFilterForm):
    """The premises page's filters: one space's heatmap, or all spaces together."""

    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.order_by("name"),
        required=False,
        empty_label=_("All spaces"),
    )


class TargetForm(forms.Form):
    """A target for one indicator in one scope. Shares are entered in per cent, as the tiles show them."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("position"), to_field_name="code"
    )
    # Spaces and strategy goals have their pages, not targets of their own (yet).
    scope = forms.ChoiceField(
        label=_("For"), choices=[(s, label) for s, label in Scope.choices if s not in (Scope.SPACE, Scope.GOAL)]
    )
    sector = ScopeFilterForm.base_fields["sector"]
    programme = ScopeFilterForm.base_fields["programme"]
    value = forms.FloatField(label=_("Target value (per cent for a share)"))
    target_date = PlausibleDateField(label=_("Target date"), widget=forms.DateInput(attrs={"type": "date"}))
    baseline = forms.FloatField(label=_("Baseline (optional)"), required=False)
    baseline_date = PlausibleDateField(
        label=_("Baseline date (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        scope = cleaned.get("scope")
        chosen = {Scope.SECTOR: cleaned.get("sector"), Scope.PROGRAMME: cleaned.get("programme")}.get(scope)
        if scope in (Scope.SECTOR, Scope.PROGRAMME) and chosen is None:
            self.add_error(str(scope), _("Choose which one."))
        cleaned["scope_id"] = chosen.pk if chosen is not None else 0
        indicator = cleaned.get("indicator")
        if indicator is not None and indicator.unit == Indicator.Unit.SHARE:
            for name in ("value", "baseline"):
                if cleaned.get(name) is not None:
                    cleaned[name] = cleaned[name] / 100
        return cleaned


class BoardReportForm(ScopeFilterForm):
    """Which board report to make: the overview's scope and period (posted from its filters), and whether to make
    it anew when one is made already."""

    anew = forms.BooleanField(label=_("Make it anew"), required=False)
