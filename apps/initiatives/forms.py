"""Browser forms for initiatives: the main form and inline rows (participations, funding lines, outcomes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DATE_INPUT, AutocompleteSelect, AutocompleteSelectMultiple
from apps.core.translated import active_language
from apps.initiatives.models import (
    FUNDING_FIELDS,
    INITIATIVE_FIELDS,
    OUTCOME_FIELDS,
    PARTICIPATION_FIELDS,
    Funding,
    Initiative,
    Outcome,
    Participation,
)
from apps.initiatives.services import INITIAL_STATUSES, STATUS_TRANSITIONS
from apps.sectors.forms import PersonChoiceField, PersonMultipleChoiceField, UnitBySectorField, UnitsBySectorField
from apps.sectors.models import Person, Unit

UNITS_WIDGET = AutocompleteSelectMultiple("sectors:unit_options", attrs={"data-sectors-summary": "sectors-summary"})
PEOPLE_WIDGET = AutocompleteSelectMultiple("sectors:person_options")

# What most people fill in, first; the rest of the fields (a folded "More details" section) follow.
ESSENTIAL_FIELDS = ("title", "units", "contact_persons", "collaboration_form", "start_date", "status")


class InitiativeForm(forms.ModelForm):
    units = UnitsBySectorField(
        label=_("Add units taking part"),
        queryset=Unit.objects.all(),
        required=False,
        widget=UNITS_WIDGET,
        help_text=_("Each joins as a partner; the lead and other roles are under “Roles of the units”."),
    )

    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "contact_persons": PEOPLE_WIDGET,
            "strategy_goals": AutocompleteSelectMultiple("strategy:goal_options"),
        }
        field_classes = {"contact_persons": PersonMultipleChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing initiative changes status through its own action, which checks the life cycle.
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in INITIAL_STATUSES]
            self.initial["start_date"] = self.initial.get("start_date") or timezone.localdate()
            self.fields["title"].widget.attrs["autofocus"] = True  # the page is for this form: start typing
        # Archived programmes take no new initiatives; one already linked stays a choice.
        programmes = self.fields["programme"].queryset
        self.fields["programme"].queryset = programmes.filter(
            Q(archived_at__isnull=True) | Q(pk=self.instance.programme_id)
        )
        # The page's language unless the author says otherwise (a form posted without it keeps working).
        self.fields["language"].required = False
        self.fields["weight"].required = False  # left empty (or not posted): as it is, 1 for a new initiative
        self.order_fields([*ESSENTIAL_FIELDS, *self.fields])

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or self.instance.language or active_language()

    def clean_weight(self) -> int:
        weight = self.cleaned_data["weight"]
        return self.instance.weight if weight is None else weight

    @property
    def essential_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ESSENTIAL_FIELDS if name in self.fields]

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in ESSENTIAL_FIELDS]

    @property
    def details_have_errors(self) -> bool:
        return any(bound.errors for bound in self.detail_fields)


class QuickLogForm(forms.Form):
    """The five things an initiative cannot do without; the rest is added later on the full form."""

    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"autofocus": True}))
    units = UnitsBySectorField(label=_("Units taking part"), queryset=Unit.objects.all(), widget=UNITS_WIDGET)
    contact = PersonChoiceField(
        label=_("Contact person"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        widget=AutocompleteSelect("sectors:person_options"),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT, initial=timezone.localdate)
    collaboration_form = forms.ChoiceField(
        label=_("Collaboration form"), choices=[("", "---------"), *Initiative.CollaborationForm.choices]
    )


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = STATUS_TRANSITIONS[initiative.status]
        self.fields["status"].choices = [(s.value, s.label) for s in Initiative.Status if s in allowed]


# What a new row of each row set starts with (an added row that is left as it is, is not saved).
NEW_ROW_VALUES: dict[str, Callable[[], dict[str, Any]]] = {
    "fundings": lambda: {"spent": 0, "year": timezone.localdate().year},
    "outcomes": lambda: {"recorded_on": timezone.localdate()},
}


class ParticipationRowsBase(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("role") == "lead"
        ]
        if len(leads) > 1:
            raise forms.ValidationError(_("An initiative has one lead unit. Mark the others as partners."))


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = PARTICIPATION_FIELDS
        widgets = {"joined_on": DATE_INPUT, "unit": forms.Select(attrs={"data-sectors-summary": "sectors-summary"})}
        field_classes = {"unit": UnitBySectorField}  # where each unit sits, grouped by sector


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = FUNDING_FIELDS
        field_classes = {"source_unit": UnitBySectorField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("year") is None:
            self.initial.update(NEW_ROW_VALUES["fundings"]())  # a new line is usually this year's money


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = OUTCOME_FIELDS
        widgets = {"recorded_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("recorded_on") is None:
            self.initial.update(NEW_ROW_VALUES["outcomes"]())  # recorded today unless said otherwise
        # A measured result's progress comes from its numbers (the service works it out).
        self.fields["progress"].required = False
        self.fields["progress"].help_text = _(
            "Your own estimate; with a baseline, a target and an actual value it is worked out from them."
        )


ROWSETS = {
    "participations": inlineformset_factory(
        Initiative, Participation, form=ParticipationForm, formset=ParticipationRowsBase, extra=0, can_delete=True
    ),
    "fundings": inlineformset_factory(Initiative, Funding, form=FundingForm, extra=0, can_delete=True),
    "outcomes": inlineformset_factory(Initiative, Outcome, form=OutcomeForm, extra=0, can_delete=True),
}
ROWSET_TITLES = {
    "participations": _("Roles of the units"),
    "fundings": _("Funding"),
    "outcomes": _("Outcomes"),
}


def initiative_rowsets(
    initiative: Initiative,
    data: QueryDict | None = None,
    *,
    add_row: str | None = None,
    home_unit: Unit | None = None,
) -> dict[str, BaseInlineFormSet]:
    """The inline row sets of the initiative form; ``add_row`` names one that gets one more empty row."""
    if data is not None and add_row in ROWSETS:
        data = data.copy()
        key = f"{add_row}-TOTAL_FORMS"
        total = data.get(key, "0")
        data[key] = str(int(total) + 1) if total.isdigit() else total
        if total.isdigit() and add_row in NEW_ROW_VALUES:
            # The added row is drawn from the posted data, so its starting values go there.
            for field, value in NEW_ROW_VALUES[add_row]().items():
                data[f"{add_row}-{total}-{field}"] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    rowsets = {}
    for name, factory in ROWSETS.items():
        initial = None
        if data is None and not initiative.pk and name == "participations" and home_unit is not None:
            # A new initiative usually starts in the creator's own unit, as its lead.
            initial = [{"unit": home_unit, "role": Participation.Role.LEAD, "joined_on": timezone.localdate()}]
        rowset = factory(data, instance=initiative, prefix=name, initial=initial)
        if initial:
            rowset.extra = len(initial)
        rowset.title = ROWSET_TITLES[name]
        rowsets[name] = rowset
    return rowsets
