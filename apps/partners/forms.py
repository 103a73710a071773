"""Forms of partner accounts: the sign-up's extra fields, the request to join and the decisions."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import ResetPasswordForm
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.premises.forms import BookingForm
from apps.sectors.models import Person


class PartnerResetPasswordForm(ResetPasswordForm):
    """A password reset here resets only partner accounts: city staff keep theirs with the city's login."""

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users = [user for user in self.users if user.kind == User.Kind.PARTNER]
        return email


class MembershipRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.select_related("unit").order_by("unit__name", "pk"),
        empty_label=_("Choose your organisation"),
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you do in the organisation, so its members and the city recognise you."),
    )


class ContactPersonForm(forms.Form):
    """One of the organisation's people, named a contact person of an initiative."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), empty_label=_("Choose a person"))

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PartnerBookingForm(BookingForm):
    """The booking form of the premises, for a partner: one booking (no series, no programme), and the initiatives
    offered are their organisation's, in a plain list (the staff's search of every initiative is not theirs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("programme", "repeat", "until"):
            del self.fields[name]
        self.fields["initiative"].widget = forms.Select(choices=self.fields["initiative"].choices)

    def clean(self) -> dict:
        self.cleaned_data.setdefault("repeat", "")
        return super().clean()
