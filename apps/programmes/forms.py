from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DATE_INPUT
from apps.programmes.models import (
    DECISION_FIELDS,
    MEETING_FIELDS,
    PROGRAMME_FIELDS,
    Decision,
    Meeting,
    Programme,
)
from apps.sectors.forms import PersonChoiceField, PersonMultipleChoiceField


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        field_classes = {"lead": PersonChoiceField}
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "sectors": forms.CheckboxSelectMultiple,
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"held_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"attendees": PersonMultipleChoiceField}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = DECISION_FIELDS
        widgets = {
            "decided_on": DATE_INPUT,
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "review_on": DATE_INPUT,
            "text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Archived meetings take no new decisions; the one a decision names stays a choice.
        self.fields["meeting"].queryset = programme.meetings.filter(
            Q(archived_at__isnull=True) | Q(pk=self.instance.meeting_id)
        )


class AttachmentForm(forms.Form):
    """One document for a decision; the service checks its size, kind and name."""

    file = forms.FileField(
        label=_("Document (PDF, Word, Excel, PowerPoint or OpenDocument)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"}),
    )
