"""Writes of the organisation: units in their sector's tree (the admin, the demo and the import call these)."""

from __future__ import annotations

import secrets
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
from apps.core.exceptions import Conflict, Invalid, NotFound
from apps.core.history import record_by
from apps.core.services import validated_save
from apps.sectors import permissions, selectors
from apps.sectors.models import Person, PersonalDataAccess, PersonErasure, Sector, Unit
from apps.sectors.person_data import Erasure, Section, merge_counts, person_data_parts

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


@transaction.atomic
def person_for_account(*, user: User, unit: Unit) -> Person:
    """The directory entry of an account that joined ``unit`` (a partner approved as a member of an organisation):
    theirs, or made from the account's name and e-mail; moved to ``unit``. Listed only with their consent, as every
    external person (the system writes it: the membership's service has checked who may)."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        guessed_first, guessed_last = _name_from_email(user.email)
        person = Person(
            user=user,
            first_name=(user.first_name or guessed_first)[:100],
            last_name=(user.last_name or guessed_last)[:100],
            email=user.email,
        )
    person.unit = unit
    validated_save(person)
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


@transaction.atomic
def person_data_export(*, by: User, person: Person, channel: Channel) -> list[Section]:
    """Everything Silta holds about ``person``, a section per kind of row from every app (the right of access):
    for administrators and the person themself; logged in the person's access log."""
    policy.require(
        permissions.can_export_person_data(by, person),
        _("Only administrators and the person themself may download a person's data."),
    )
    person = Person.objects.select_related("unit__sector").get(pk=person.pk)
    sections = [section for part in person_data_parts() if part.export for section in part.export(person)]
    personal_data_access_log(by=by, person=person, kind=Kind.DATA_EXPORT, channel=channel)
    return sections


# Pseudonym numbers are drawn at random (they say nothing about when or in what order people were erased), with
# as many digits as keep a new draw unlikely to be taken.
PSEUDONYM_DIGITS = (4, 5, 6, 7, 8, 9)
PSEUDONYM_DRAWS = 20


def _free_pseudonym() -> int:
    draw = secrets.SystemRandom()
    for digits in PSEUDONYM_DIGITS:
        for _attempt in range(PSEUDONYM_DRAWS):
            number = draw.randint(10 ** (digits - 1), 10**digits - 1)
            taken = PersonErasure.objects.filter(pseudonym=number).exists()
            if not taken and not Person.objects.filter(pseudonym=number).exists():
                return number
    raise Conflict(_("No free pseudonym was found; try again."))


def _needles(person: Person) -> list[str]:
    """What names the person in free text: their name both ways, e-mail and phone, now and as their history has
    them (an address changed last year may still be in a meeting's notes), and their account's."""
    needles: set[str] = set()
    versions = person.history.values("first_name", "last_name", "email", "phone")
    for version in [
        {"first_name": person.first_name, "last_name": person.last_name, "email": person.email, "phone": person.phone},
        *versions,
    ]:
        first, last = version["first_name"], version["last_name"]
        needles |= {f"{first} {last}", f"{last} {first}", f"{last}, {first}", version["email"], version["phone"]}
    user = person.user
    if user is not None:
        needles |= {user.get_full_name(), f"{user.last_name} {user.first_name}", user.email, user.username}
    return sorted(needle for needle in needles if needle and needle.strip())


@transaction.atomic
def person_erase(*, by: User, person: Person) -> PersonErasure:
    """Erase ``person`` (the right to erasure): their name, e-mail, phone and the texts that name them become a
    pseudonym in every app's rows and history, their account is closed, and the links that figures count stay.
    Refused (409, with each reason) while an app still needs them: future bookings, the only contact of an
    ongoing initiative. For administrators; logged as a ``PersonErasure`` without the erased data."""
    policy.require(permissions.can_erase_person(by, person), _("Only administrators erase persons."))
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.is_erased:
        raise Conflict(_("This person has already been erased."))
    refusals = selectors.person_erasure_refusals(person)
    if refusals:
        reasons = " ".join(refusal.message for refusal in refusals)
        raise Conflict(
            _("This person cannot be erased yet. %(reasons)s") % {"reasons": reasons},
            extra={"refusals": [refusal.as_dict() for refusal in refusals]},
        )
    addresses = {
        person.email,
        person.user.email if person.user else "",
        *person.history.values_list("email", flat=True),
    }
    erasure = Erasure(
        person=person,
        user=person.user,
        number=_free_pseudonym(),
        by=by,
        needles=_needles(person),
        addresses=sorted(address for address in addresses if address),
    )
    counts = merge_counts(*(part.erase(erasure) for part in person_data_parts() if part.erase))
    log = PersonErasure(person=person, erased_by=by, pseudonym=erasure.number, rows=sum(counts.values()), counts=counts)
    validated_save(log)
    return log
