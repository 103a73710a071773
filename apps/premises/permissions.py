"""Who may do what with premises: the one place the UI, the API and the services ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from apps.accounts.models import User
from apps.accounts.roles import Role, ScopeKind
from apps.premises.models import Booking, BookingSeries, Space

BOOKER_ROLES = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER, Role.ADMIN)
READER_ROLES = (*BOOKER_ROLES, Role.MANAGER)


def _logged_in(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_booker(user: User | AnonymousUser) -> bool:
    """Holds a role that books spaces at all."""
    return _logged_in(user) and any(user.has_role(role) for role in BOOKER_ROLES)


def can_book(user: User | AnonymousUser, space: Space) -> bool:
    """A booker whose home unit's sector is among the space's allowed sectors (none listed = every sector)."""
    if not is_booker(user) or not space.is_bookable:
        return False
    if user.has_role(Role.ADMIN):
        return True
    allowed = [sector.pk for sector in space.allowed_sectors.all()]
    if not allowed:
        return True
    return user.home_unit is not None and user.home_unit.sector_id in allowed


def manages_any_space(user: User | AnonymousUser) -> bool:
    return _logged_in(user) and (user.has_role(Role.ADMIN) or user.has_role(Role.PREMISES_MANAGER))


def _managed_units_and_venues(user: User) -> tuple[frozenset[int], frozenset[int]]:
    """The units whose spaces and the venues whose spaces a premises manager decides on: a city-wide premises
    manager their home unit's (the rule from before roles had scopes), a scoped one those of their scopes; each
    with its sub-units."""
    units = user.scope_ids(Role.PREMISES_MANAGER, ScopeKind.UNIT)
    if user.holds_city_wide(Role.PREMISES_MANAGER) and user.home_unit_id:
        units |= {user.home_unit_id}
    # A unit's spaces include those of its sub-units.
    return user.units_within(units), user.scope_ids(Role.PREMISES_MANAGER, ScopeKind.VENUE)


def managed_spaces_rule(user: User | AnonymousUser) -> Q | None:
    """On ``Space``: the spaces ``user`` manages; None for every space (administrators)."""
    if not _logged_in(user):
        return Q(pk__in=[])
    if user.has_role(Role.ADMIN):
        return None
    units, venues = _managed_units_and_venues(user)
    return Q(owner_unit_id__in=units) | Q(venue_id__in=venues)


def can_manage(user: User | AnonymousUser, space: Space) -> bool:
    """Premises managers manage the spaces of their units or venues (city-wide: their home unit's); administrators
    manage every space."""
    if not _logged_in(user):
        return False
    if user.has_role(Role.ADMIN):
        return True
    units, venues = _managed_units_and_venues(user)
    return space.owner_unit_id in units or space.venue_id in venues


def can_see_details(user: User | AnonymousUser, booking: Booking | BookingSeries) -> bool:
    """Who booked and why: the booker, the space's managers and decision makers (who read everything)."""
    if not _logged_in(user):
        return False
    return booking.booker_id == user.pk or can_manage(user, booking.space) or user.has_role(Role.MANAGER)


def details_seen_by(user: User | AnonymousUser, space: Space) -> Callable[[Booking], bool]:
    """``can_see_details`` for the bookings of one space, its space's part asked once: a week calendar of a busy
    space holds over a hundred bookings, and ``can_manage`` per booking was a fifth of the page."""
    if not _logged_in(user):
        return lambda booking: False
    if can_manage(user, space) or user.has_role(Role.MANAGER):
        return lambda booking: True
    return lambda booking: booking.booker_id == user.pk


def can_cancel(user: User | AnonymousUser, booking: Booking | BookingSeries) -> bool:
    """The booker cancels their own bookings (before the deadline, which the service checks); managers any."""
    if not _logged_in(user):
        return False
    return booking.booker_id == user.pk or can_manage(user, booking.space)


def cancellable_from(user: User, space: Space, now: datetime) -> datetime:
    """The earliest start ``user`` may still cancel: managers anything not begun, bookers before the deadline."""
    return now if can_manage(user, space) else now + space.cancellation_deadline


def can_cancel_now(user: User | AnonymousUser, booking: Booking, now: datetime) -> bool:
    """Whether a Cancel button is offered for ``booking``: the booking service refuses the same cases."""
    return (
        can_cancel(user, booking) and booking.is_holding and booking.start >= cancellable_from(user, booking.space, now)  # type: ignore[arg-type]
    )


def can_cancel_series_now(
    user: User | AnonymousUser, series: BookingSeries, last_holding_start: datetime | None, now: datetime
) -> bool:
    """Whether "Cancel the future occurrences" is offered: some occurrence still holds and starts after
    ``cancellable_from`` (``last_holding_start``: the latest such start); the series service refuses the rest."""
    return (
        last_holding_start is not None
        and can_cancel(user, series)
        and last_holding_start >= cancellable_from(user, series.space, now)  # type: ignore[arg-type]
    )


def can_read(user: User | AnonymousUser) -> bool:
    """Sees the catalogue, calendars and availability."""
    return _logged_in(user) and any(user.has_role(role) for role in READER_ROLES)
