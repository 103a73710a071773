"""Who may open pulse rounds and read their results: the policy pages, the API and templates share.

- A programme lead opens a round for a programme they lead (``apps.programmes.permissions``); a city-wide manager
  or an administrator opens one for the city or for any programme.
- A round's page (its response rate and, once closed, its results for large enough groups) is for its owner, the
  leads of its programme, city-wide managers and administrators. Nobody sees one person's answers: no page or API
  reads a single response (``selectors.round_results`` only groups).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from apps.accounts.roles import Role, is_admin
from apps.programmes.models import Programme
from apps.programmes.permissions import editable_programmes
from apps.pulse.models import PulseRound

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


def _city_manager(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (is_admin(user) or user.holds_city_wide(Role.MANAGER))


def can_open_round(user: User | AnonymousUser, programme: Programme | None) -> bool:
    """A city round is a city-wide manager's; a programme's round is also its leads'."""
    if _city_manager(user):
        return True
    return programme is not None and editable_programmes(user).filter(pk=programme.pk).exists()


def can_open_any_round(user: User | AnonymousUser) -> bool:
    return _city_manager(user) or (user.is_authenticated and editable_programmes(user).exists())


def openable_programmes(user: User | AnonymousUser) -> QuerySet[Programme]:
    if _city_manager(user):
        return Programme.objects.live()
    return editable_programmes(user).filter(archived_at__isnull=True)


def visible_rounds(user: User | AnonymousUser) -> QuerySet[PulseRound]:
    """The rounds whose page ``user`` may open."""
    if not user.is_authenticated:
        return PulseRound.objects.none()
    if _city_manager(user):
        return PulseRound.objects.all()
    return PulseRound.objects.filter(Q(owner=user) | Q(programme__in=editable_programmes(user).values("pk")))


def can_see_round(user: User | AnonymousUser, pulse_round: PulseRound) -> bool:
    return visible_rounds(user).filter(pk=pulse_round.pk).exists()


def can_close_round(user: User | AnonymousUser, pulse_round: PulseRound) -> bool:
    """Closing early is the owner's (or a city-wide manager's) call, like opening."""
    return pulse_round.owner_id == getattr(user, "pk", None) or _city_manager(user)
