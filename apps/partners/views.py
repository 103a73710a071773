"""The partner pages: a partner's home (membership, their organisation's initiatives, bookings, opened spaces),
one initiative of their organisation with their part of it, booking an opened space, and deciding on members."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows, page_requires
from apps.core.throttling import AddressRateThrottle
from apps.initiatives import services as initiative_services
from apps.initiatives.forms import OutcomeForm
from apps.initiatives.models import Initiative, Outcome
from apps.organisations.models import Organisation
from apps.partner_requests.selectors import matching_requests
from apps.partners import permissions, selectors, services
from apps.partners.forms import ContactPersonForm, MembershipRequestForm, PartnerBookingForm
from apps.partners.models import Membership
from apps.premises import permissions as premises_policy
from apps.premises import services as premises_services
from apps.premises.models import Booking
from apps.public.selectors import free_week
from apps.sectors.models import Person

# Anonymous visitors of a partner page sign in on the partner sign-in, not the staff one.
partner_login = login_required(login_url=reverse_lazy("account_login"))
member_required = page_requires(permissions.is_member, gettext_lazy("Only members of an organisation use this page."))


def _organisation(request: HttpRequest) -> Organisation:
    organisation_id = permissions.member_organisation_id(request.user)
    page_allows(organisation_id is not None, _("Only members of an organisation use this page."))
    return Organisation.objects.select_related("unit__sector").get(pk=organisation_id)


def _member_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return partner_login(member_required(view))


@partner_login
def home(request: HttpRequest) -> HttpResponse:
    """Where a partner starts: join an organisation, wait for the answer, or their organisation's work."""
    if not permissions.is_partner(request.user):
        # City staff come here for the requests to decide on.
        page_allows(permissions.sees_membership_queue(request.user))
        return redirect("partners:memberships")
    membership = selectors.latest_membership(request.user)
    context: dict[str, Any] = {"membership": membership}
    if membership is None or not membership.is_current:
        context["form"] = MembershipRequestForm()
    elif membership.status == Membership.Status.APPROVED:
        organisation = membership.organisation
        context.update(
            organisation=organisation,
            initiatives=selectors.organisation_initiatives(organisation)[: selectors.LIST_LIMIT],
            bookings=selectors.partner_bookings(request.user),
            spaces=selectors.spaces_for(request.user),
            pending_count=selectors.pending_requests(request.user, organisation.pk).count(),
            partner_requests=matching_requests(request.user),
        )
    return render(request, "partners/home.html", context)


@require_POST
@partner_login
def join(request: HttpRequest) -> HttpResponse:
    form = MembershipRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        membership = form_write(
            form,
            lambda: services.membership_request(
                by=request.user, organisation=data["organisation"], message=data["message"]
            ),
        )
        if membership is not None:
            messages.success(
                request,
                _("Your request to join %(organisation)s is sent. Its members or the city will answer it.")
                % {"organisation": membership.organisation},
            )
            return redirect("partners:home")
    return render(
        request,
        "partners/home.html",
        {"membership": selectors.latest_membership(request.user), "form": form},
        status=400,
    )


@partner_login
@page_requires(permissions.sees_membership_queue)
def memberships(request: HttpRequest) -> HttpResponse:
    """Requests to decide on, and the members: a member's for their organisation, the city's for all."""
    organisation_id = permissions.member_organisation_id(request.user)
    return render(
        request,
        "partners/memberships.html",
        {
            "pending": selectors.pending_requests(request.user, organisation_id),
            "members": selectors.organisation_members(organisation_id) if organisation_id else None,
        },
    )


def _decision(write: Callable[[HttpRequest, Membership], Membership], done: str) -> Callable[..., HttpResponse]:
    @require_POST
    @partner_login
    def decide(request: HttpRequest, pk: int) -> HttpResponse:
        membership = get_object_or_404(Membership.objects.select_related("user", "organisation__unit"), pk=pk)
        if message_write(request, lambda: write(request, membership), refusal_as_message=True) is not None:
            messages.success(request, done % {"name": membership.user.get_full_name() or membership.user.email})
        if membership.user_id == request.user.pk:
            return redirect("partners:home")
        return redirect("partners:memberships")

    return decide


membership_approve = _decision(
    lambda request, membership: services.membership_approve(by=request.user, membership=membership),
    gettext_lazy("%(name)s is now a member."),
)
membership_refuse = _decision(
    lambda request, membership: services.membership_refuse(
        by=request.user, membership=membership, reason=request.POST.get("reason", "")[:500]
    ),
    gettext_lazy("The request of %(name)s is refused."),
)
membership_end = _decision(
    lambda request, membership: services.membership_end(by=request.user, membership=membership),
    gettext_lazy("The membership of %(name)s has ended."),
)


def _initiative(request: HttpRequest, pk: int) -> tuple[Organisation, Initiative]:
    organisation = _organisation(request)
    initiative = selectors.partner_initiative(organisation, pk)
    if initiative is None:
        raise Http404  # another organisation's initiative: as if it did not exist
    return organisation, initiative


@require_http_methods(["GET", "POST"])
@_member_page
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An initiative the partner's organisation takes part in; they record outcomes and name contact persons."""
    organisation, initiative = _initiative(request, pk)
    outcome_form = OutcomeForm(request.POST if request.POST.get("form") == "outcome" else None, prefix="outcome")
    if outcome_form.is_bound and outcome_form.is_valid():
        outcome = outcome_form.save(commit=False)
        outcome.initiative = initiative
        saved = form_write(outcome_form, lambda: initiative_services.initiative_row_save(by=request.user, row=outcome))
        if saved is not None:
            messages.success(request, _("The outcome is recorded."))
            return redirect("partners:initiative", pk=initiative.pk)
    people = selectors.organisation_people(organisation).exclude(
        pk__in=[person.pk for person in initiative.contact_persons.all()]
    )
    contact_form = ContactPersonForm(
        request.POST if request.POST.get("form") == "contact" else None, people=people, prefix="contact"
    )
    if contact_form.is_bound and contact_form.is_valid():
        person = contact_form.cleaned_data["person"]
        done = form_write(
            contact_form,
            lambda: (
                initiative_services.initiative_contact_add(by=request.user, initiative=initiative, person=person)
                or True
            ),
        )
        if done:
            messages.success(request, _("%(name)s is now a contact person.") % {"name": person})
            return redirect("partners:initiative", pk=initiative.pk)
    context = {
        "organisation": organisation,
        "initiative": initiative,
        "outcome_form": outcome_form,
        "contact_form": contact_form,
        # The page lists only initiatives the organisation takes part in: a partner changes what they recorded.
        "own_outcome_ids": {
            outcome.pk for outcome in initiative.outcomes.all() if outcome.recorded_by_id == request.user.pk
        },
    }
    status = 400 if outcome_form.errors or contact_form.errors else 200
    return render(request, "partners/initiative_detail.html", context, status=status)


@require_POST
@_member_page
def contact_remove(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    _organisation, initiative = _initiative(request, pk)
    person = get_object_or_404(Person, pk=person_pk)
    if message_write(
        request,
        lambda: (
            initiative_services.initiative_contact_remove(by=request.user, initiative=initiative, person=person) or True
        ),
        refusal_as_message=True,
    ):
        messages.success(request, _("%(name)s is no longer a contact person.") % {"name": person})
    return redirect("partners:initiative", pk=initiative.pk)


@require_POST
@_member_page
def outcome_delete(request: HttpRequest, pk: int, outcome_pk: int) -> HttpResponse:
    _organisation, initiative = _initiative(request, pk)
    outcome = get_object_or_404(Outcome, pk=outcome_pk, initiative=initiative)
    if message_write(
        request,
        lambda: initiative_services.initiative_row_delete(by=request.user, row=outcome) or True,
        refusal_as_message=True,
    ):
        messages.success(request, _("The outcome is removed."))
    return redirect("partners:initiative", pk=initiative.pk)


@require_http_methods(["GET", "POST"])
@_member_page
def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An opened space: its terms, price and free times this week, and the booking form (always a request)."""
    space = selectors.bookable_space(request.user, pk)
    if space is None:
        raise Http404
    form = PartnerBookingForm(request.POST or None, booker=request.user, space=space)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking = form_write(
            form,
            lambda: premises_services.booking_create(
                by=request.user,
                space=space,
                start=data["start"],
                end=data["end"],
                purpose=data["purpose"],
                attendees=data["attendees"],
                initiative=data["initiative"],
                accept_terms=form.accepted_terms,
            ),
        )
        if booking is not None:
            messages.success(
                request, _("Your booking request is sent. The premises manager will answer it; you get an e-mail.")
            )
            return redirect("partners:home")
    context = {
        "space": space,
        "form": form,
        "days": free_week(space, today=timezone.localdate()),
        "needs_terms": premises_policy.must_accept_terms(request.user, space),
    }
    return render(request, "partners/space_detail.html", context, status=400 if form.errors else 200)


@require_POST
@_member_page
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("space"), pk=pk, booker=request.user)
    if message_write(
        request,
        lambda: premises_services.booking_cancel(by=request.user, booking=booking),
        refusal_as_message=True,
    ):
        messages.success(request, _("The booking is cancelled."))
    return redirect("partners:home")


class SignUpThrottle(AddressRateThrottle):
    """Partner sign-ups per address, counted in Redis for every worker (``SILTA_PARTNER_SIGNUP_THROTTLE``)."""

    scope = "partner_signup"


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, with each attempt counted per address: a flood of sign-ups gets 429 before any account
    or mail is made (allauth's own limits count per process only)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        throttle = SignUpThrottle()
        if not throttle.allow_request(request, None):
            wait = throttle.wait()
            minutes = max(1, math.ceil(wait / 60))
            message = ngettext(
                "Too many sign-ups from your address. Please try again in %(minutes)d minute.",
                "Too many sign-ups from your address. Please try again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
            response = render(request, "partners/too_many.html", {"message": message}, status=429)
            response["Retry-After"] = str(math.ceil(wait))
            return response
        return super().post(request, *args, **kwargs)


signup = SignupView.as_view()
