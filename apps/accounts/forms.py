"""Parsing of the accounts pages' input; the services (``role_grant``, ``api_token_create``) decide."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts import permissions, selectors, tokens
from apps.accounts.models import ApiToken
from apps.accounts.roles import ROLE_LABELS
from apps.core.forms import DATE_INPUT
from apps.sectors.forms import UnitChoiceField
from apps.sectors.models import Unit


class RoleGrantForm(forms.Form):
    """A unit administrator's grant: whom, which role, and for their unit or city-wide (following the home unit).

    The choices offer what a unit administrator may grant, so the page does not tempt them with refusals.
    """

    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitChoiceField(
        label=_("Where"),
        queryset=None,
        required=False,
        empty_label=_("City-wide (their home unit's rules)"),
    )

    def __init__(self, *args: object, unit_ids: Iterable[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        unit_ids = list(unit_ids)
        self.fields["user"].queryset = selectors.unit_people(unit_ids)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids)
        grantable = dict.fromkeys((*permissions.UNIT_ADMIN_UNSCOPED_ROLES, *permissions.UNIT_ADMIN_UNIT_ROLES))
        self.fields["role"].choices = [(role.value, ROLE_LABELS[role]) for role in grantable]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. the system that uses it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE_INPUT,
        help_text=_("The token stops working on this day. At most a year from today."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = tokens.default_expiry()
        self.fields["expires_on"].widget.attrs.update(
            min=(timezone.localdate() + timedelta(days=1)).isoformat(), max=tokens.latest_expiry().isoformat()
        )
