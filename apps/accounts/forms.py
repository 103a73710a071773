"""Parsing of the role pages' input; the policy in ``role_grant`` decides what may be granted."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts import permissions, selectors
from apps.accounts.roles import ROLE_LABELS
from apps.sectors.models import Unit


class RoleGrantForm(forms.Form):
    """A unit administrator's grant: whom, which role, and for their unit or city-wide (following the home unit).

    The choices offer what a unit administrator may grant, so the page does not tempt them with refusals.
    """

    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role"))
    unit = forms.ModelChoiceField(
        label=_("Where"),
        queryset=None,
        required=False,
        empty_label=_("City-wide (their home unit's rules)"),
    )

    def __init__(self, *args: object, unit_ids: Iterable[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        unit_ids = list(unit_ids)
        self.fields["user"].queryset = selectors.unit_people(unit_ids)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids).order_by("name")
        grantable = dict.fromkeys((*permissions.UNIT_ADMIN_UNSCOPED_ROLES, *permissions.UNIT_ADMIN_UNIT_ROLES))
        self.fields["role"].choices = [(role.value, ROLE_LABELS[role]) for role in grantable]
