"""Browser forms for initiatives: the main form and inline rows (participations, funding lines, outcomes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DATE_INPUT
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
from apps.sectors.forms import PersonMultipleChoiceField, UnitChoiceField
from apps.sectors.models import Unit


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
        }
        field_classes = {"contact_persons": PersonMultipleChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing initiative changes status through its own action, which checks the life cycle.
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in INITIAL_STATUSES]
        # Archived programmes take no new initiatives; one already linked stays a choice.
        programmes = self.fields["programme"].queryset
        self.fields["programme"].queryset = programmes.filter(
            Q(archived_at__isnull=True) | Q(pk=self.instance.programme_id)
        )
        # The page's language unless the author says otherwise (a form posted without it keeps working).
        self.fields["language"].required = False

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or self.instance.language or active_language()


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = STATUS_TRANSITIONS[initiative.status]
        self.fields["status"].choices = [(s.value, s.label) for s in Initiative.Status if s in allowed]


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
        widgets = {"joined_on": DATE_INPUT}
        field_classes = {"unit": UnitChoiceField}  # where each unit sits, ordered by sector and path


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = FUNDING_FIELDS
        field_classes = {"source_unit": UnitChoiceField}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = OUTCOME_FIELDS
        widgets = {"recorded_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 2})}


ROWSETS = {
    "participations": inlineformset_factory(
        Initiative, Participation, form=ParticipationForm, formset=ParticipationRowsBase, extra=0, can_delete=True
    ),
    "fundings": inlineformset_factory(Initiative, Funding, form=FundingForm, extra=0, can_delete=True),
    "outcomes": inlineformset_factory(Initiative, Outcome, form=OutcomeForm, extra=0, can_delete=True),
}
ROWSET_TITLES = {
    "participations": _("Participating units"),
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
