from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DATE_INPUT
from apps.partner_requests.models import PartnerRequest

REQUEST_FIELDS = ["title", "description", "topics", "sectors_wanted", "strategy_goals", "area", "starts_on", "ends_on"]


class PartnerRequestForm(forms.ModelForm):
    class Meta:
        model = PartnerRequest
        fields = REQUEST_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
            "sectors_wanted": forms.CheckboxSelectMultiple,
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }
        help_texts = {"title": _("In one line, e.g. “A culture partner for a youth employment project, spring 2027”.")}


class PartnerAnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you could offer; the author gets it with your name and e-mail address."),
    )
