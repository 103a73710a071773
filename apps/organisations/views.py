"""The register of organisations: find a partner organisation, see its federation, enter and change one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.core.lists import filtered_page, render_list
from apps.core.pages import form_write
from apps.core.policy import page_allows, page_requires
from apps.organisations import permissions, selectors, services
from apps.organisations.filters import OrganisationFilter
from apps.organisations.forms import OrganisationForm
from apps.organisations.models import Organisation

ORGANISATIONS_PER_PAGE = 25


@require_GET
@page_requires(permissions.can_see_register)
def organisation_list(request: HttpRequest) -> HttpResponse:
    listed = filtered_page(request, OrganisationFilter, selectors.organisation_list(), ORGANISATIONS_PER_PAGE)
    return render_list(
        request,
        listed,
        template="organisations/organisation_list.html",
        results_template="organisations/_organisation_results.html",
        context={"can_create": permissions.can_manage_organisations(request.user)},
    )


@require_GET
@page_requires(permissions.can_see_register)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisation_detail(), pk=pk)
    context = {
        "organisation": organisation,
        "federation": selectors.organisation_federation(organisation),
        "can_edit": permissions.can_manage_organisations(request.user),
    }
    return render(request, "organisations/organisation_detail.html", context)


def organisation_create(request: HttpRequest) -> HttpResponse:
    page_allows(permissions.can_manage_organisations(request.user))
    return _organisation_form(request, Organisation())


def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisation_detail(), pk=pk)
    page_allows(permissions.can_manage_organisations(request.user))
    return _organisation_form(request, organisation)


def _organisation_form(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if organisation.pk:
            saved = form_write(
                form, lambda: services.organisation_update(by=request.user, organisation=organisation, **data)
            )
        else:
            saved = form_write(form, lambda: services.organisation_create(by=request.user, **data))
        if saved is not None:
            messages.success(request, _("The organisation was saved."))
            return redirect("organisations:detail", pk=saved.pk)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": organisation})
