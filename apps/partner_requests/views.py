"""Partner wanted: the searchable list, posting a request, its page with suggestions and the one-click answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.lists import filtered_page, render_list
from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows, page_requires
from apps.partner_requests import permissions, selectors, services
from apps.partner_requests.filters import PartnerRequestFilter
from apps.partner_requests.forms import PartnerAnswerForm, PartnerRequestForm
from apps.partner_requests.models import PartnerRequest

REQUESTS_PER_PAGE = 20


@require_GET
@page_requires(permissions.can_see_requests)
def request_list(request: HttpRequest) -> HttpResponse:
    listed = filtered_page(request, PartnerRequestFilter, selectors.request_list(), REQUESTS_PER_PAGE)
    return render_list(
        request,
        listed,
        template="partner_requests/request_list.html",
        results_template="partner_requests/_request_results.html",
        context={"can_post": permissions.can_post_request(request.user)},
    )


def request_post(request: HttpRequest) -> HttpResponse:
    page_allows(permissions.can_post_request(request.user))
    form = PartnerRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posted = form_write(form, lambda: services.partner_request_post(by=request.user, **form.cleaned_data))
        if posted is not None:
            messages.success(request, _("Your partner request is posted: those it matches see it on their home page."))
            return redirect("partner_requests:detail", pk=posted.pk)
    return render(request, "partner_requests/request_form.html", {"form": form})


@require_GET
@page_requires(permissions.can_see_requests)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner_request = get_object_or_404(PartnerRequest.objects.select_related("author", "unit__sector"), pk=pk)
    is_author = partner_request.author_id == request.user.pk
    context = {
        "partner_request": partner_request,
        "is_author": is_author,
        "can_answer": permissions.can_answer_request(request.user, partner_request),
        "can_close": permissions.can_close_request(request.user, partner_request),
        "answered": partner_request.answers.filter(responder=request.user).exists(),
        "answers": partner_request.answers.select_related("responder") if is_author else None,
        "form": PartnerAnswerForm(),
    }
    context["suggestions"] = is_author and permissions.sees_suggestions(request.user)
    if context["suggestions"]:
        context["persons"] = selectors.suggested_persons(partner_request, user=request.user)
        context["units"] = selectors.suggested_units(partner_request)
    return render(request, "partner_requests/request_detail.html", context)


@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    partner_request = get_object_or_404(PartnerRequest, pk=pk)
    form = PartnerAnswerForm(request.POST)
    if form.is_valid():
        answered = message_write(
            request,
            lambda: services.partner_request_answer(
                by=request.user, partner_request=partner_request, message=form.cleaned_data["message"]
            ),
        )
        if answered is not None:
            messages.success(request, _("You are in touch: both of you got an e-mail with the other's address."))
    else:
        messages.error(request, " ".join(form.errors.get("message", [])))
    return redirect("partner_requests:detail", pk=pk)


@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    partner_request = get_object_or_404(PartnerRequest, pk=pk)
    if message_write(request, lambda: services.partner_request_close(by=request.user, partner_request=partner_request)):
        messages.success(request, _("The partner request is closed."))
    return redirect("partner_requests:detail", pk=pk)
