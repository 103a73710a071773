"""Writes of the register: an organisation and its unit are created, renamed and moved together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core import policy
from apps.core.exceptions import Invalid
from apps.core.history import record_by
from apps.core.services import validated_save
from apps.organisations import permissions
from apps.organisations.models import Organisation
from apps.sectors.models import Sector, Topic
from apps.sectors.services import unit_create, unit_update

if TYPE_CHECKING:
    from apps.accounts.models import User

ORGANISATION_FIELDS = ("business_id", "kind", "level", "parent", "languages", "website", "description")


def _require_manager(by: User | None) -> None:
    if by is not None:
        policy.require(
            permissions.can_manage_organisations(by), _("Only administrators change the register of organisations.")
        )


def _require_external(sector: Sector) -> None:
    if sector.kind != Sector.Kind.EXTERNAL:
        raise Invalid({"sector": _("An organisation belongs to an external sector.")})


def _unknown_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise Invalid(_("Unknown organisation fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})


@transaction.atomic
def organisation_create(
    *, by: User | None, sector: Sector, name: str, topics: Iterable[Topic] = (), **fields: Any
) -> Organisation:
    """A new organisation with its unit in the external ``sector`` (``by`` None: the system, e.g. the demo)."""
    _require_manager(by)
    _require_external(sector)
    _unknown_fields(fields)
    unit = unit_create(by=by, sector=sector, name=name)
    organisation = Organisation(unit=unit, **fields)
    validated_save(record_by(organisation, by))
    organisation.topics.set(topics)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    by: User | None,
    organisation: Organisation,
    name: str | None = None,
    sector: Sector | None = None,
    topics: Iterable[Topic] | None = None,
    **fields: Any,
) -> Organisation:
    """Change an organisation; its name and sector are its unit's, changed there, so initiatives show the new name."""
    _require_manager(by)
    _unknown_fields(fields)
    unit_changes: dict[str, Any] = {}
    if name is not None and name != organisation.unit.name:
        unit_changes["name"] = name
    if sector is not None and sector.pk != organisation.unit.sector_id:
        _require_external(sector)
        unit_changes["sector"] = sector
        unit_changes["parent"] = None  # a unit's parent is in its own sector
    if unit_changes:
        unit_update(by=by, unit=organisation.unit, **unit_changes)
    for field_name, value in fields.items():
        setattr(organisation, field_name, value)
    validated_save(record_by(organisation, by))
    if topics is not None:
        organisation.topics.set(topics)
    return organisation
