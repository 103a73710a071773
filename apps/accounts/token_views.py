"""The personal API tokens page: list, create (the secret shown once) and revoke.

Kept apart from the login views of the same app (issue 14): the merge may fold it into ``views.py``/``forms.py``.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import tokens
from apps.accounts.models import ApiToken
from apps.core.forms import DATE_INPUT
from apps.core.pages import form_write, message_write
from apps.core.policy import page_requires

tokens_page = page_requires(tokens.can_manage_api_tokens)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=gettext_lazy("What the token is for, e.g. the system that uses it."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        widget=DATE_INPUT,
        help_text=gettext_lazy("The token stops working on this day. At most a year from today."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = tokens.default_expiry()
        self.fields["expires_on"].widget.attrs.update(
            min=(timezone.localdate() + timedelta(days=1)).isoformat(), max=tokens.latest_expiry().isoformat()
        )


@never_cache  # the answer to a creation holds the secret: no cache may keep it
@require_http_methods(["GET", "POST"])
@tokens_page
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens and a form for a new one; after creating, the secret is on this answer and nowhere else."""
    form = ApiTokenForm(request.POST or None)
    created: tuple[ApiToken, str] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = form_write(
            form, lambda: tokens.api_token_create(by=request.user, name=data["name"], expires_on=data["expires_on"])
        )
        if created is not None:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_token": created[0] if created else None,
            "new_secret": created[1] if created else None,
            "tokens": tokens.api_tokens_of(request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
@tokens_page
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one token; it is refused from the next API call on."""
    token = get_object_or_404(ApiToken, pk=pk)
    revoked = message_write(request, lambda: tokens.api_token_revoke(by=request.user, token=token))
    if revoked is not None:
        messages.success(request, _("The token “%(name)s” is revoked and no longer works.") % {"name": revoked.name})
    return redirect("accounts:api_tokens")
