"""Who may do what with premises: the one place the UI, the API and the services ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from apps.accounts.models import User
from apps.accounts.roles import Role, ScopeKind
from apps.organisations.models import Organisation
from apps.premises.models import Booking, BookingSeries, ExternalBookers, Space
from apps.sectors.models import Sector, Unit

# A partner (a member of an organisation, apps/partners) books the spaces opened to their organisation's kind.
BOOKER_ROLES = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER, Role.ADMIN, Role.PARTNER)
READER_ROLES = (*BOOKER_ROLES, Role.MANAGER)


def _logged_in(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_booker(user: User | AnonymousUser) -> bool:
    """Holds a role that books spaces at all."""
    return _logged_in(user) and any(user.has_role(role) for role in BOOKER_ROLES)


class ExternalKind:
    """What an external booker is, for the spaces opened to them (``Space.open_to``)."""

    ASSOCIATION = "association"  # a registered association in the organisation register
    PARTNER = "partner"  # any other organisation in the register
    RESIDENT = "resident"  # an external sector's unit outside the register: residents and their groups


# The openings that let each kind of external booker in: a partner organisation includes an association.
OPENINGS_FOR: dict[str, tuple[str, ...]] = {
    ExternalKind.ASSOCIATION: (ExternalBookers.ASSOCIATIONS, ExternalBookers.PARTNERS),
    ExternalKind.PARTNER: (ExternalBookers.PARTNERS,),
    ExternalKind.RESIDENT: (ExternalBookers.RESIDENTS,),
}


def _home_standing(user: User) -> tuple[int | None, str | None, str | None]:
    """The home unit's sector, the sector's kind and the unit's organisation kind (None where there is none).

    Read once per user object: the API's token authentication reads them with the user
    (``apps.accounts.authentication``), other requests in one query here.
    """
    cached = getattr(user, "_premises_home_standing", None)
    if cached is not None:
        return cached
    if hasattr(user, "home_unit_sector_kind"):
        standing = (user.home_unit_sector_id, user.home_unit_sector_kind, user.home_unit_organisation_kind)
    elif not user.home_unit_id:
        standing = (None, None, None)
    else:
        row = Unit.objects.filter(pk=user.home_unit_id).values_list("sector_id", "sector__kind").first()
        sector_id, sector_kind = row or (None, None)
        organisation_kind = (
            Organisation.objects.filter(unit_id=user.home_unit_id).values_list("kind", flat=True).first()
            if sector_kind == Sector.Kind.EXTERNAL
            else None
        )
        standing = (sector_id, sector_kind, organisation_kind)
    user._premises_home_standing = standing  # type: ignore[attr-defined]
    return standing


def external_kind(user: User | AnonymousUser) -> str | None:
    """``ExternalKind`` of a user whose home unit is in an external sector; None for city staff (and no unit).

    An organisation's people are users whose home unit is the organisation's unit (``Organisation.unit``): partner
    accounts once their membership is approved (apps/partners), and staff accounts given such a home unit.
    """
    if not _logged_in(user):
        return None
    _sector_id, sector_kind, organisation_kind = _home_standing(user)  # type: ignore[arg-type]
    if sector_kind != Sector.Kind.EXTERNAL:
        return None
    if organisation_kind is None:
        return ExternalKind.RESIDENT
    return ExternalKind.ASSOCIATION if organisation_kind == Organisation.Kind.ASSOCIATION else ExternalKind.PARTNER


def is_open_to(space: Space, kind: str) -> bool:
    """The space is opened to external bookers of ``kind``."""
    return any(opening in space.open_to for opening in OPENINGS_FOR[kind])


def can_book(user: User | AnonymousUser, space: Space) -> bool:
    """A booker whose home unit's sector is among the space's allowed sectors (none listed = every city sector);
    an external booker also where the space is opened to their kind (``Space.open_to``)."""
    if not is_booker(user) or not space.is_bookable:
        return False
    if user.has_role(Role.ADMIN):
        return True
    sector_id, _kind, _organisation = _home_standing(user)  # type: ignore[arg-type]
    allowed = [sector.pk for sector in space.allowed_sectors.all()]
    kind = external_kind(user)
    if kind is not None:
        # Listed by name, an external sector books as before opened premises; otherwise the opening decides.
        return is_open_to(space, kind) or sector_id in allowed
    return not allowed or (sector_id is not None and sector_id in allowed)


def needs_approval(user: User | AnonymousUser, space: Space) -> bool:
    """A premises manager approves the request: on spaces that ask for it, and always for external bookers."""
    return space.approval_required or external_kind(user) is not None


def must_accept_terms(user: User | AnonymousUser, space: Space) -> bool:
    """An external booker accepts the space's terms of use, if it has any, with each booking."""
    return bool(space.terms_sha256) and external_kind(user) is not None


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
