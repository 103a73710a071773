from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.forms import AutocompleteSelect, PlausibleDateField
from apps.core.timezones import NonexistentLocalTime, aware, repeated_time_note
from apps.initiatives import permissions as initiative_policy
from apps.initiatives.models import Initiative
from apps.premises import permissions
from apps.premises.models import SPACE_EDITABLE_FIELDS, Equipment, ExternalBookers, OpeningHours, Recurrence, Space
from apps.programmes import permissions as programme_policy
from apps.programmes.models import Programme

DURATION_CHOICES = [
    (30, _("30 minutes")),
    (60, _("1 hour")),
    (90, _("1.5 hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
    (360, _("6 hours")),
    (480, _("8 hours")),
]


def _aware_or_error(form: forms.Form, field: str, day: date, moment: time) -> datetime | None:
    """``aware()``, with a time that does not exist as an error on ``field`` instead of a moved booking.

    Of a repeated time it takes the first of the two (``repeated_time_note`` says so to the person who typed it).
    """
    try:
        return aware(day, moment)
    except NonexistentLocalTime as refusal:
        form.add_error(field, refusal.message)
        return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class BookingForm(forms.Form):
    """One booking or a series: a plain form that works by keyboard and screen reader; the calendar only helps."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Only if the booking ends on a later day."),
    )
    attendees = forms.IntegerField(label=_("Number of people"), min_value=1)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.order_by("title"),
        required=False,
        empty_label=_("No initiative"),
        widget=AutocompleteSelect("initiatives:options"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("No programme"),
        widget=AutocompleteSelect("programmes:options"),
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=[("", _("Does not repeat")), *Recurrence.choices], required=False
    )
    until = forms.DateField(label=_("Repeats until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, booker: User, space: Space | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only what the booker works on is offered; anything else posted is "not one of the choices".
        self.fields["initiative"].queryset = initiative_policy.linkable_initiatives(booker).order_by("title")
        self.fields["programme"].queryset = programme_policy.linkable_programmes(booker).order_by("name")
        if space is not None and permissions.must_accept_terms(booker, space):
            # Not required here: the booking service refuses without it, with the message shown beside it.
            self.fields["accept_terms"] = forms.BooleanField(
                label=_("I accept the terms of use of this space"), required=False
            )
            # The terms as the booker read them: the service refuses if they changed before the booking is sent.
            self.fields["terms_sha256"] = forms.CharField(
                widget=forms.HiddenInput, initial=space.terms_sha256, required=False, max_length=64
            )

    @property
    def accepted_terms(self) -> bool | str:
        """What the booking service takes as ``accept_terms``: the hash of the terms accepted, or False."""
        data = self.cleaned_data
        return (data.get("terms_sha256") or True) if data.get("accept_terms") else False

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        start = _aware_or_error(self, "start_time", data["date"], data["start_time"])
        end = _aware_or_error(self, "end_time", data.get("end_date") or data["date"], data["end_time"])
        if start is None or end is None:
            return data
        data["start"], data["end"] = start, end
        if data["repeat"] and not data.get("until"):
            self.add_error("until", _("Say until when the booking repeats."))
        return data

    @property
    def time_notes(self) -> list[str]:
        """What the booker should know about the times taken: which of a repeated hour's two readings."""
        data = getattr(self, "cleaned_data", {})
        notes = [repeated_time_note(data[name]) for name in ("start", "end") if name in data]
        return list(dict.fromkeys(note for note in notes if note))

    @classmethod
    def initial_for(cls, start: datetime | None, end: datetime | None) -> dict:
        """Prefill from a free slot chosen in the calendar."""
        if start is None:
            return {}
        start = timezone.localtime(start)
        initial: dict = {"date": start.date(), "start_time": start.time()}
        if end is not None:
            end = timezone.localtime(end)
            initial["end_time"] = end.time()
            if end.date() != start.date():
                initial["end_date"] = end.date()
        return initial


class FreeSpaceForm(forms.Form):
    """Find a free space: when, how long, how many people, what equipment."""

    date = PlausibleDateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    duration = forms.TypedChoiceField(label=_("How long"), choices=DURATION_CHOICES, coerce=int, initial=120)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, initial=10)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), choices=Equipment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            start = _aware_or_error(self, "start_time", data["date"], data["start_time"])
            if start is not None:
                data["start"], data["end"] = start, start + timedelta(minutes=data["duration"])
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the booker)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SpaceForm(forms.ModelForm):
    """What a premises manager edits: the space, who may book it and its booking rules."""

    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), choices=Equipment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    open_to = forms.MultipleChoiceField(
        label=_("Open to external bookers"),
        choices=ExternalBookers.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Besides the city's sectors. External bookers always need a premises manager's approval."),
    )

    class Meta:
        model = Space
        fields = [*SPACE_EDITABLE_FIELDS, "allowed_sectors"]
        widgets = {
            "allowed_sectors": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "terms_of_use": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            name: _("Hours, minutes and seconds, e.g. 01:30:00; days first if any, e.g. 2 00:00:00.")
            for name in ("min_duration", "max_duration", "lead_time", "buffer", "cancellation_deadline")
        }


class OpeningPeriodForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=OpeningHours.Weekday.choices, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=TimeInput())
    closes = forms.TimeField(
        label=_("Closes"), widget=TimeInput(), help_text=_("At or before the opening time: closes the next day.")
    )


OpeningPeriodFormSet = forms.formset_factory(OpeningPeriodForm, extra=2, can_delete=True)


class OpeningExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    opens = forms.TimeField(label=_("Opens"), widget=TimeInput(), required=False)
    closes = forms.TimeField(
        label=_("Closes"), widget=TimeInput(), required=False, help_text=_("Leave both empty if closed all day.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
