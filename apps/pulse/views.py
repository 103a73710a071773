"""Pages of pulse surveys: the rounds (for their owners and managers) and the questionnaire, which its personal
link opens without a login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.exceptions import ApplicationError
from apps.core.pages import add_to_form, form_write, message_write
from apps.core.policy import page_allows
from apps.initiatives.models import Initiative
from apps.pulse import permissions, selectors, services
from apps.pulse.forms import QuestionnaireForm, RoundForm
from apps.pulse.models import PulseRound
from apps.pulse.services import RoundClosed
from apps.pulse.tokens import LinkRefused, invitation_from_token


def _uses_pulse(request: HttpRequest) -> None:
    page_allows(
        permissions.can_open_any_round(request.user) or permissions.visible_rounds(request.user).exists(),
        _("Pulse surveys are for programme leads and managers."),
    )


def round_list(request: HttpRequest) -> HttpResponse:
    _uses_pulse(request)
    rounds = permissions.visible_rounds(request.user).select_related("programme")
    return render(
        request,
        "pulse/round_list.html",
        {"rounds": rounds, "can_open": permissions.can_open_any_round(request.user)},
    )


@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    page_allows(permissions.can_open_any_round(request.user), _("Only programme leads and managers open rounds."))
    programmes = permissions.openable_programmes(request.user)
    initiatives = Initiative.objects.filter(status__in=services.WORKED_STATUSES)
    if not permissions.can_open_round(request.user, None):
        initiatives = initiatives.filter(Q(programme__in=programmes))
    form = RoundForm(request.POST or None, programmes=programmes, initiatives=initiatives.order_by("title"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pulse_round = form_write(
            form,
            lambda: services.pulse_round_open(
                by=request.user,
                title=data["title"],
                programme=data["programme"],
                initiatives=data["initiatives"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                closes_on=data["closes_on"],
            ),
        )
        if pulse_round is not None:
            messages.success(request, _("The round is open; the invitations are on their way."))
            return redirect("pulse:detail", pulse_round.pk)
    return render(request, "pulse/round_form.html", {"form": form}, status=400 if form.errors else 200)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = get_object_or_404(PulseRound.objects.select_related("programme", "owner"), pk=pk)
    page_allows(permissions.can_see_round(request.user, pulse_round), _("This round is its owner's and managers'."))
    results, total = selectors.round_results(pulse_round)
    return render(
        request,
        "pulse/round_detail.html",
        {
            "round": pulse_round,
            "rate": selectors.response_rate(pulse_round),
            "results": results,
            "total": total,
            "min_group": selectors.min_group(),
            "initiatives": pulse_round.initiatives.order_by("title"),
            "can_close": pulse_round.state == PulseRound.State.OPEN
            and permissions.can_close_round(request.user, pulse_round),
        },
    )


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = get_object_or_404(PulseRound, pk=pk)
    page_allows(permissions.can_see_round(request.user, pulse_round))
    if message_write(request, lambda: services.pulse_round_close(pulse_round=pulse_round, by=request.user)):
        messages.success(request, _("The round is closed. The answers are no longer tied to the people who gave them."))
    return redirect("pulse:detail", pk)


def _refused(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return render(request, "pulse/link_refused.html", {"message": exc.message}, status=exc.status_code)


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, signed: str) -> HttpResponse:
    """The questionnaire of one invitation: the link is the respondent's proof; saving again changes the answers."""
    try:
        invitation = invitation_from_token(signed)
    except ApplicationError as exc:
        return _refused(request, exc)
    pulse_round, person = invitation.round, invitation.person
    if not pulse_round.is_open:
        return _refused(request, services.round_closed(pulse_round))
    units = list(selectors.worked_with(pulse_round, person))
    form = QuestionnaireForm(
        request.POST or None,
        units=units,
        wish_units=selectors.wishable_units(person),
        wish_persons=selectors.wishable_persons(person),
        response=selectors.response_of(invitation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pulse_answers_save(
                signed=signed,
                ratings=form.ratings(),
                wished_units=[unit.pk for unit in form.cleaned_data["wished_units"]],
                wished_persons=[item.pk for item in form.cleaned_data["wished_persons"]],
            )
        except (RoundClosed, LinkRefused) as exc:
            return _refused(request, exc)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("Thank you: your answers were saved. You can change them until the survey closes.")
            )
            return redirect("pulse:answer", signed)
    return render(
        request,
        "pulse/answer.html",
        {"round": pulse_round, "person": person, "form": form, "signed": signed},
        status=400 if form.errors else 200,
    )
