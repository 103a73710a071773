"""The roles of Silta and where a user holds them: each held role is a ``RoleAssignment``, city-wide or scoped."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


class Role(StrEnum):
    OFFICIAL = "official"
    PROGRAMME_LEAD = "programme_lead"
    PREMISES_MANAGER = "premises_manager"
    MANAGER = "manager"
    ADMIN = "admin"
    UNIT_ADMIN = "unit_admin"
    # A person of an external organisation (a partner account), for the organisation's unit: apps/partners.
    PARTNER = "partner"


ROLE_LABELS: dict[Role, Any] = {
    Role.OFFICIAL: _("official"),
    Role.PROGRAMME_LEAD: _("programme lead"),
    Role.PREMISES_MANAGER: _("premises manager"),
    Role.MANAGER: _("manager"),
    Role.ADMIN: _("administrator"),
    Role.UNIT_ADMIN: _("unit administrator"),
    Role.PARTNER: _("partner organisation member"),
}


class ScopeKind(StrEnum):
    """What a role may be limited to; each is a foreign key of ``RoleAssignment`` with the same name."""

    UNIT = "unit"
    VENUE = "venue"
    PROGRAMME = "programme"
    SECTOR = "sector"


# The model each scope kind points at, by app label, so accounts imports no app above it (premises, programmes).
SCOPE_MODELS: dict[ScopeKind, str] = {
    ScopeKind.UNIT: "sectors.Unit",
    ScopeKind.VENUE: "premises.Venue",
    ScopeKind.PROGRAMME: "programmes.Programme",
    ScopeKind.SECTOR: "sectors.Sector",
}

# The scopes each role may have; None is city-wide. A unit administrator always administers one unit.
ROLE_SCOPES: dict[Role, tuple[ScopeKind | None, ...]] = {
    Role.OFFICIAL: (None,),
    Role.PROGRAMME_LEAD: (None, ScopeKind.PROGRAMME),
    Role.PREMISES_MANAGER: (None, ScopeKind.UNIT, ScopeKind.VENUE),
    Role.MANAGER: (None, ScopeKind.SECTOR),
    Role.ADMIN: (None,),
    Role.UNIT_ADMIN: (ScopeKind.UNIT,),
    Role.PARTNER: (ScopeKind.UNIT,),
}


@dataclass(frozen=True)
class Grant:
    """One held role as the policy reads it: the role and, for a scoped one, the kind and id of its scope."""

    role: str
    kind: ScopeKind | None = None
    scope_id: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Grant:
        """From ``{"role": ..., "unit_id": id or None, ...}`` as ``RoleAssignment.grant_rows`` reads it."""
        for kind in ScopeKind:
            if row.get(f"{kind}_id") is not None:
                return cls(role=row["role"], kind=kind, scope_id=row[f"{kind}_id"])
        return cls(role=row["role"])


def scope_kind_of(obj: object) -> ScopeKind:
    """The scope kind of a model instance (a unit, venue, programme or sector), told by its model's label."""
    label = obj._meta.label_lower  # type: ignore[attr-defined]
    for kind, model in SCOPE_MODELS.items():
        if model.lower() == label:
            return kind
    raise ValueError(f"{label} cannot scope a role")


def is_admin(user: User | AnonymousUser) -> bool:
    """The admin role, or a superuser (who holds every role): the one test every app's policy starts from."""
    return user.is_authenticated and user.has_role(Role.ADMIN)
