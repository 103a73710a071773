from __future__ import annotations

from typing import Any

from django import forms

from apps.programmes.models import (
    DECISION_FIELDS,
    MEETING_FIELDS,
    PROGRAMME_FIELDS,
    Decision,
    Meeting,
    Programme,
)
from apps.sectors.forms import PersonChoiceField, PersonMultipleChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        field_classes = {"lead": PersonChoiceField}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "sectors": forms.CheckboxSelectMultiple,
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"attendees": PersonMultipleChoiceField}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = DECISION_FIELDS
        widgets = {"decided_on": DATE, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = programme.meetings.all()
