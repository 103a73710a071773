"""Writes of the organisation: units in their sector's tree (the admin, the demo and the import call these)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import policy
from apps.core.exceptions import Invalid, NotFound
from apps.core.history import record_by
from apps.core.services import validated_save
from apps.sectors import permissions, selectors
from apps.sectors.models import Person, PersonalDataAccess, Sector, Unit

if TYPE_CHECKING:
    from apps.accounts.models import User

UNIT_FIELDS = ("sector", "parent", "name", "email", "external_code")


def _lock_sector_tree(sector_id: int) -> None:
    # Moves inside one sector wait for each other (the cycle trigger takes the same lock): the check below then
    # sees every move committed before it, so its message, not the database's refusal, reaches the user.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended('sectors_unit_tree:' || %s, 0))", [sector_id])


@transaction.atomic
def unit_save(*, by: User | None, unit: Unit) -> Unit:
    """Write a unit as built or changed by a form (the admin's, the import's): checked, then saved under the lock of
    its sector's tree, so a move under its own sub-unit or into another sector's unit is an ``Invalid`` on
    ``parent``, and a concurrent move that would close a loop a ``Conflict``, never a 500."""
    if by is not None:
        policy.require(permissions.can_manage_units(by), _("Only administrators change the organisation."))
    if unit.sector_id is not None:
        _lock_sector_tree(unit.sector_id)
    validated_save(record_by(unit, by))
    unit.__dict__.pop("_path", None)  # a path read before a move is no longer where the unit sits
    return unit


@transaction.atomic
def unit_create(
    *,
    by: User | None,
    sector: Sector,
    name: str,
    parent: Unit | None = None,
    email: str = "",
    external_code: str = "",
) -> Unit:
    """A new unit in ``sector``, under ``parent`` or at the top (``by`` None: the system, e.g. the demo)."""
    unit = Unit(sector=sector, parent=parent, name=name, email=email, external_code=external_code)
    return unit_save(by=by, unit=unit)


@transaction.atomic
def unit_update(*, by: User | None, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's fields (``UNIT_FIELDS``); moving it under its own sub-unit or another sector's unit is refused
    with a message on the ``parent`` field."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise Invalid(_("Unknown unit fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(unit, name, value)
    return unit_save(by=by, unit=unit)


def _name_from_email(email: str) -> tuple[str, str]:
    """ "maija.meikalainen@..." → ("Maija", "Meikalainen"): a first guess the person or an admin corrects."""
    local = email.partition("@")[0]
    parts = [part.capitalize() for part in local.replace("_", ".").replace("-", ".").split(".") if part]
    if not parts:
        return local or email, "-"
    return parts[0], " ".join(parts[1:]) or "-"


@transaction.atomic
def person_create_for_contact(*, by: User, email: str, unit_id: int) -> Person:
    """A directory entry for an e-mail an import names as a contact person, in ``unit_id``, named after the
    address (the import asked for it explicitly)."""
    policy.require(permissions.can_add_contact_person(by), _("You may not add persons to the directory."))
    first_name, last_name = _name_from_email(email)
    person = Person(first_name=first_name[:100], last_name=last_name[:100], email=email, unit_id=unit_id)
    try:
        validated_save(record_by(person, by))
    except Invalid as exc:
        raise Invalid({"contact_persons": exc.messages}) from exc
    return person


Kind = PersonalDataAccess.Kind
Channel = PersonalDataAccess.Channel


def _viewer_id(by: User | None) -> int | None:
    return by.pk if by is not None and by.is_authenticated else None


@transaction.atomic
def personal_data_access_log(*, by: User | None, person: Person, kind: Kind, channel: Channel) -> PersonalDataAccess:
    """Note that ``by`` saw ``person``'s personal data (``kind``: their contact details, their data export)."""
    access = PersonalDataAccess(
        person=person, viewer_id=_viewer_id(by), kind=kind, channel=channel, event=uuid.uuid4(), persons=1
    )
    access.full_clean()
    access.save()
    return access


@transaction.atomic
def personal_data_access_log_many(*, by: User | None, persons: QuerySet[Person], kind: Kind, channel: Channel) -> int:
    """Note that ``by`` got the personal data of every one of ``persons`` at once (a download): a row per person,
    all of one act (its ``event``, its count), written in one statement however many they are. Returns the count."""
    ids = persons.order_by().values("pk").distinct()
    sql, params = ids.query.sql_with_params()
    table = PersonalDataAccess._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (person_id, viewer_id, kind, channel, at, event, persons) "
            f"SELECT chosen.id, %s, %s, %s, %s, %s, count(*) OVER () FROM ({sql}) AS chosen(id)",
            [_viewer_id(by), Kind(kind).value, Channel(channel).value, timezone.now(), uuid.uuid4(), *params],
        )
        return cursor.rowcount


@transaction.atomic
def person_contact_details_open(*, by: User, person_id: int, channel: Channel) -> Person:
    """``person``'s e-mail and phone for ``by``, logged: refused without a role (403), not found for someone
    ``by`` may not see (404: an unlisted person is not revealed to exist)."""
    policy.require(
        permissions.can_see_contact_details(by), _("Contact details are shown only to users with a role in Silta.")
    )
    people = selectors.visible_persons(Person.objects.select_related("unit__sector"), user=by)
    person = people.filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("No such person."))
    personal_data_access_log(by=by, person=person, kind=Kind.CONTACT_DETAILS, channel=channel)
    return person


@transaction.atomic
def sector_save(*, by: User, sector: Sector) -> Sector:
    """Create or change a sector (the import's): reference data, for administrators."""
    policy.require(permissions.can_manage_units(by), _("Only administrators change the organisation."))
    validated_save(record_by(sector, by))
    return sector


@transaction.atomic
def person_save(*, by: User, person: Person, topics: Iterable[int] | None = None) -> Person:
    """Create or change a directory entry and its topics (the import's): for administrators."""
    policy.require(permissions.can_manage_units(by), _("Only administrators change the organisation."))
    validated_save(record_by(person, by))
    if topics is not None:
        person.topics.set(topics)
    return person


@transaction.atomic
def personal_data_access_purge(*, now: datetime | None = None) -> int:
    """Delete the access log older than ``SILTA_ACCESS_LOG_RETENTION_DAYS``; returns how many rows went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SILTA_ACCESS_LOG_RETENTION_DAYS)
    deleted, _by_model = PersonalDataAccess.objects.filter(at__lt=cutoff).delete()
    return deleted
