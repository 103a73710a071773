from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(label=_("Your feedback"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    email = forms.EmailField(label=_("Your email (if you want an answer)"), required=False)
