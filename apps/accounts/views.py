"""Pages of accounts: the unit administrator's roles page and the personal API tokens page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import permissions, selectors, services, tokens
from apps.accounts.forms import ApiTokenForm, RoleGrantForm
from apps.accounts.models import ApiToken, RoleAssignment
from apps.core.pages import form_write, message_write
from apps.core.policy import page_requires

unit_admin_required = page_requires(
    permissions.administers_unit_roles, gettext_lazy("Only a unit administrator grants roles on this page.")
)


@unit_admin_required
def unit_roles(request: HttpRequest) -> HttpResponse:
    unit_ids = permissions.administered_unit_ids(request.user)
    form = RoleGrantForm(request.POST or None, unit_ids=unit_ids)
    if form.is_valid():
        data = form.cleaned_data
        granted = form_write(
            form,
            lambda: services.role_grant(by=request.user, user=data["user"], role=data["role"], scope=data["unit"]),
        )
        if granted is not None:
            messages.success(request, _("Role granted: %(assignment)s") % {"assignment": granted})
            return redirect("accounts:unit_roles")
    context = {
        "form": form,
        "assignments": selectors.unit_role_assignments(unit_ids),
        "history": selectors.unit_role_history(unit_ids),
    }
    return render(request, "accounts/unit_roles.html", context, status=400 if form.errors else 200)


@require_POST
@unit_admin_required
def unit_role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    if message_write(request, lambda: services.role_revoke(by=request.user, assignment=assignment) or True):
        messages.success(request, _("Role removed: %(assignment)s") % {"assignment": assignment})
    return redirect("accounts:unit_roles")


tokens_page = page_requires(tokens.can_manage_api_tokens)


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
