"""Forms of pulse surveys: opening a round, and the questionnaire (one block of six radio groups per unit)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DATE_INPUT, PlausibleDateField
from apps.initiatives.models import Initiative
from apps.programmes.models import Programme
from apps.pulse.models import ITEMS, PulseResponse
from apps.sectors.models import Person, Unit

QUESTIONS = {
    "reliability": _("How reliable is this partner: do they do what they say they will?"),
    "mission": _("How much does this partner support the shared mission?"),
    "openness": _("How open is this partner to discussion?"),
    "influence": _("How much power and influence does this partner bring?"),
    "involvement": _("How involved is this partner in the work?"),
    "resources": _("How much does this partner contribute in resources (time, money, premises, know-how)?"),
}
SCALE_LABELS = (
    (1, _("1 – not at all")),
    (2, _("2 – a little")),
    (3, _("3 – fairly")),
    (4, _("4 – very much")),
)


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Empty for a round of the city (managers only)."),
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("None chosen: the programme's initiatives at work in the period."),
    )
    period_start = PlausibleDateField(label=_("Period from"), widget=DATE_INPUT)
    period_end = PlausibleDateField(label=_("Period until"), widget=DATE_INPUT)
    closes_on = PlausibleDateField(label=_("Closing date"), widget=DATE_INPUT)

    def __init__(self, *args: Any, programmes: QuerySet[Programme], initiatives: QuerySet[Initiative], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["initiatives"].queryset = initiatives

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


def field_name(unit: Unit, item: str) -> str:
    return f"u{unit.pk}_{item}"


class QuestionnaireForm(forms.Form):
    """Every field optional: a half-way save keeps what is there."""

    def __init__(
        self,
        *args: Any,
        units: list[Unit],
        wish_units: QuerySet[Unit],
        wish_persons: QuerySet[Person],
        response: PulseResponse | None = None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {}
        if response is not None:
            for rating in response.ratings.all():
                for item in ITEMS:
                    initial[f"u{rating.rated_unit_id}_{item}"] = getattr(rating, item)
                initial[f"u{rating.rated_unit_id}_achieved"] = rating.achieved
            initial["wished_units"] = [wish.unit_id for wish in response.wishes.all() if wish.unit_id]
            initial["wished_persons"] = [wish.person_id for wish in response.wishes.all() if wish.person_id]
        super().__init__(*args, initial=initial, **kwargs)
        self.units = units
        for unit in units:
            for item in ITEMS:
                self.fields[field_name(unit, item)] = forms.TypedChoiceField(
                    label=QUESTIONS[item],
                    choices=SCALE_LABELS,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
            self.fields[f"u{unit.pk}_achieved"] = forms.CharField(
                label=_("What did this collaboration achieve? (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["wished_units"] = forms.ModelMultipleChoiceField(
            label=_("Units you would like to work with next (optional)"), queryset=wish_units, required=False
        )
        self.fields["wished_persons"] = forms.ModelMultipleChoiceField(
            label=_("People you would like to work with next (optional)"), queryset=wish_persons, required=False
        )

    def blocks(self) -> list[tuple[Unit, list[forms.BoundField], list[forms.BoundField], forms.BoundField]]:
        """Per unit: its trust items, its value items and its free text, for the template's fieldsets."""
        return [
            (
                unit,
                [self[field_name(unit, item)] for item in ITEMS[:3]],
                [self[field_name(unit, item)] for item in ITEMS[3:]],
                self[f"u{unit.pk}_achieved"],
            )
            for unit in self.units
        ]

    def ratings(self) -> dict[int, dict[str, Any]]:
        return {
            unit.pk: {
                **{item: self.cleaned_data.get(field_name(unit, item)) for item in ITEMS},
                "achieved": self.cleaned_data.get(f"u{unit.pk}_achieved", ""),
            }
            for unit in self.units
        }
