"""The notification settings form: for each kind offered to the person, how (and for a periodic kind, which day)."""

from __future__ import annotations

import calendar

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from apps.notifications.models import Channel
from apps.notifications.selectors import Choice

WEEKDAY_CHOICES = [(day, WEEKDAYS[day]) for day in calendar.Calendar().iterweekdays()]


class NotificationSettingsForm(forms.Form):
    """One radio group per kind (``channel_<code>``) and a weekday select for the periodic ones."""

    def __init__(self, *args: object, choices: list[Choice], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        for choice in choices:
            code = choice.kind.code
            self.fields[f"channel_{code}"] = forms.ChoiceField(
                label=choice.kind.label,
                help_text=choice.kind.help_text,
                choices=Channel.choices,
                initial=choice.channel,
                widget=forms.RadioSelect,
            )
            if choice.kind.periodic:
                self.fields[f"weekday_{code}"] = forms.TypedChoiceField(
                    label=_("Day of the week"), choices=WEEKDAY_CHOICES, coerce=int, initial=choice.weekday
                )

    def groups(self) -> list[tuple[Choice, forms.BoundField, forms.BoundField | None]]:
        """(choice, its channel field, its weekday field or None) in the order of the kinds."""
        return [
            (
                choice,
                self[f"channel_{choice.kind.code}"],
                self[f"weekday_{choice.kind.code}"] if choice.kind.periodic else None,
            )
            for choice in self.choices
        ]
