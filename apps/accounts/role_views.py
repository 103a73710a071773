"""The unit administrator's page: the roles of the people of their unit, granted and removed by hand."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.accounts import permissions, selectors, services
from apps.accounts.forms import RoleGrantForm
from apps.accounts.models import RoleAssignment
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
    context = {"form": form, "assignments": selectors.unit_role_assignments(unit_ids)}
    return render(request, "accounts/unit_roles.html", context, status=400 if form.errors else 200)


@require_POST
@unit_admin_required
def unit_role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    if message_write(request, lambda: services.role_revoke(by=request.user, assignment=assignment) or True):
        messages.success(request, _("Role removed: %(assignment)s") % {"assignment": assignment})
    return redirect("accounts:unit_roles")
