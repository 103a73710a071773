"""Reads of the partner pages: a partner's membership, their organisation's initiatives, the spaces opened to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from apps.initiatives.models import Initiative, Outcome, Participation
from apps.organisations.models import Organisation
from apps.partners.models import Membership
from apps.premises import permissions as premises_policy
from apps.premises.models import Booking, Space
from apps.public.selectors import opened_spaces
from apps.sectors.models import Person

if TYPE_CHECKING:
    from apps.accounts.models import User

LIST_LIMIT = 100


def latest_membership(user: User) -> Membership | None:
    """The current membership (pending or approved), else the last decided one (to say it was refused or ended)."""
    memberships = Membership.objects.filter(user=user).select_related("organisation__unit", "decided_by")
    current = memberships.filter(status__in=[Membership.Status.PENDING, Membership.Status.APPROVED]).first()
    return current or memberships.first()


def organisation_initiatives(organisation: Organisation) -> QuerySet[Initiative]:
    """The initiatives the organisation takes part in (through its unit), newest first."""
    taking_part = Participation.objects.filter(initiative=OuterRef("pk"), unit_id=organisation.unit_id)
    return Initiative.objects.filter(Exists(taking_part)).order_by("-start_date", "pk")


def partner_initiative(organisation: Organisation, pk: int) -> Initiative | None:
    """One initiative the organisation takes part in, with what the partner page shows; None for any other."""
    return (
        organisation_initiatives(organisation)
        .filter(pk=pk)
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "participations", queryset=Participation.objects.select_related("unit__sector").order_by("unit__name")
            ),
            Prefetch(
                "contact_persons", queryset=Person.objects.select_related("unit").order_by("last_name", "first_name")
            ),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("-recorded_on", "-pk")),
        )
        .first()
    )


def organisation_people(organisation: Organisation) -> QuerySet[Person]:
    """The organisation's people in the directory: whom a member names as contact persons."""
    return Person.objects.filter(unit_id=organisation.unit_id, pseudonym=None).order_by("last_name", "first_name")


def spaces_for(user: User) -> list[Space]:
    """The opened spaces this partner may book (their organisation's kind decides, ``Space.open_to``)."""
    # ``can_book`` reads each space's allowed sectors: prefetched, one query for all rather than one per space.
    return [
        space for space in opened_spaces().prefetch_related("allowed_sectors") if premises_policy.can_book(user, space)
    ]


def bookable_space(user: User, pk: int) -> Space | None:
    space = opened_spaces().filter(pk=pk).first()
    return space if space is not None and premises_policy.can_book(user, space) else None


def partner_bookings(user: User) -> QuerySet[Booking]:
    """The partner's own bookings, the coming and recent ones first."""
    return Booking.objects.filter(booker=user).select_related("space__venue").order_by("-period")[:LIST_LIMIT]


def pending_requests(user: User, organisation_id: int | None) -> QuerySet[Membership]:
    """Requests this user decides on: their organisation's, or every organisation's for the city."""
    pending = Membership.objects.filter(status=Membership.Status.PENDING).select_related("user", "organisation__unit")
    if organisation_id is not None:
        pending = pending.filter(organisation_id=organisation_id)
    return pending.exclude(user=user).order_by("requested_at", "pk")


def organisation_members(organisation_id: int) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation_id=organisation_id, status=Membership.Status.APPROVED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
