"""Writes of partner accounts: asking to join an organisation, the decision, and the end of a membership."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import RoleAssignment, User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant, role_revoke
from apps.core import policy
from apps.core.exceptions import Conflict
from apps.core.history import record_by
from apps.core.services import validated_save
from apps.notifications.services import notification_send
from apps.organisations.models import Organisation
from apps.partners import permissions
from apps.partners.models import Membership
from apps.partners.notifications import MEMBERSHIP_DECIDED, MEMBERSHIP_REQUESTED
from apps.sectors.services import person_for_account

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


def _deciders(organisation: Organisation) -> list[User]:
    """Who is told of a request: the organisation's approved members, and the city's administrators."""
    members = Q(memberships__organisation=organisation, memberships__status=Membership.Status.APPROVED)
    city = Q(kind=User.Kind.STAFF) & (
        Q(is_superuser=True)
        | Q(
            pk__in=RoleAssignment.objects.filter(
                role=Role.ADMIN, unit=None, venue=None, programme=None, sector=None
            ).values("user_id")
        )
    )
    return list(User.objects.filter(members | city, is_active=True).distinct().order_by("pk"))


@transaction.atomic
def membership_request(*, by: User, organisation: Organisation, message: str = "") -> Membership:
    """``by``, a partner account, asks to join ``organisation``; its members and the city are told."""
    policy.require(permissions.is_partner(by), _("Only partner accounts join organisations."))
    User.objects.select_for_update().filter(pk=by.pk).first()  # two requests at once: one waits, then conflicts
    if not permissions.can_request_membership(by):
        raise Conflict(_("You already belong to an organisation or are waiting to join one."))
    membership = Membership(user=by, organisation=organisation, message=message.strip())
    try:
        with transaction.atomic():
            validated_save(record_by(membership, by))
    except IntegrityError:
        raise Conflict(_("You already belong to an organisation or are waiting to join one.")) from None
    url = reverse("partners:memberships")
    for recipient in _deciders(organisation):
        notification_send(
            recipient=recipient,
            kind=MEMBERSHIP_REQUESTED.code,
            key=f"partners.membership_requested:{membership.pk}:{recipient.pk}",
            subject=membership,
            url=url,
            context={"membership": membership, "name": _display_name(by)},
        )
    return membership


def _display_name(user: User) -> str:
    return user.get_full_name() or user.email or user.username


def _locked(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("organisation__unit", "user").get(pk=membership.pk)


def _tell(membership: Membership, *, now: datetime, reason: str = "") -> None:
    notification_send(
        recipient=membership.user,
        kind=MEMBERSHIP_DECIDED.code,
        key=f"partners.membership_decided:{membership.pk}:{membership.status}",
        subject=membership,
        url=reverse("partners:home"),
        context={"membership": membership, "reason": reason},
        now=now,
    )


def _decide(
    *, by: User, membership: Membership, status: str, allowed: Callable[..., bool], refusal: str, now: datetime | None
) -> tuple[Membership, datetime]:
    """Lock the membership, check ``allowed(by, membership)`` and record ``status`` as ``by``'s decision now."""
    membership = _locked(membership)
    policy.require(allowed(by, membership), refusal)
    now = now or timezone.now()
    membership.status = status
    membership.decided_at, membership.decided_by = now, by
    validated_save(record_by(membership, by))
    return membership, now


@transaction.atomic
def membership_approve(*, by: User, membership: Membership, now: datetime | None = None) -> Membership:
    """A member or the city approves: the person holds the partner role for the organisation's unit, works from
    that home unit, and has a directory entry there (listed only with their consent)."""
    membership, now = _decide(
        by=by,
        membership=membership,
        status=Membership.Status.APPROVED,
        allowed=permissions.can_decide,
        refusal=_("You may not decide on this request."),
        now=now,
    )
    person = membership.user
    unit = membership.organisation.unit
    person.home_unit = unit
    validated_save(person)
    role_grant(by=None, user=person, role=Role.PARTNER, scope=unit)
    person_for_account(user=person, unit=unit)
    _tell(membership, now=now)
    return membership


@transaction.atomic
def membership_refuse(*, by: User, membership: Membership, reason: str = "", now: datetime | None = None) -> Membership:
    membership, now = _decide(
        by=by,
        membership=membership,
        status=Membership.Status.REFUSED,
        allowed=permissions.can_decide,
        refusal=_("You may not decide on this request."),
        now=now,
    )
    _tell(membership, now=now, reason=reason.strip())
    return membership


@transaction.atomic
def membership_end(*, by: User, membership: Membership, now: datetime | None = None) -> Membership:
    """The person leaves, or a member or the city removes them: the partner role and the home unit go with it."""
    membership, now = _decide(
        by=by,
        membership=membership,
        status=Membership.Status.ENDED,
        allowed=permissions.can_end,
        refusal=_("You may not end this membership."),
        now=now,
    )
    person = membership.user
    unit = membership.organisation.unit
    for assignment in RoleAssignment.objects.filter(user=person, role=Role.PARTNER, unit=unit):
        role_revoke(by=None, assignment=assignment)
    if person.home_unit_id == unit.pk:
        person.home_unit = None
        validated_save(person)
    if membership.user_id != by.pk:
        _tell(membership, now=now)
    return membership
