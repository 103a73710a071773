"""Writes of initiatives and their rows (participations, funding lines, outcomes).

Every write checks the initiative policy itself (``NotAllowed`` otherwise) and validates the whole object
(``full_clean``) before saving, so a rule broken in the browser, the API, the admin or a script gives the same
field message; the database constraints stay the last guard.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.accounts.roles import is_admin
from apps.core.exceptions import Invalid, NotAllowed
from apps.core.policy import require
from apps.core.services import validated_save
from apps.core.translated import active_language
from apps.initiatives import permissions
from apps.initiatives.models import INITIATIVE_FIELDS, Funding, Initiative, Outcome, Participation, Theme
from apps.programmes import permissions as programme_policy

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.programmes.models import Programme
    from apps.sectors.models import Person, Unit
    from apps.strategy.models import StrategyGoal

Row = TypeVar("Row", Participation, Funding, Outcome)
M2M_FIELDS = ("strategy_goals", "themes", "contact_persons")
# What an update changes: the form's and API's fields, less the status (it has its own service) and the links.
EDITABLE_FIELDS = tuple(name for name in INITIATIVE_FIELDS if name not in ("status", *M2M_FIELDS))
Status = Initiative.Status
# Where an initiative may go from each status; idea → planned → active → completed | discontinued.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.IDEA: frozenset({Status.PLANNED, Status.ACTIVE, Status.DISCONTINUED}),
    Status.PLANNED: frozenset({Status.IDEA, Status.ACTIVE, Status.DISCONTINUED}),
    Status.ACTIVE: frozenset({Status.COMPLETED, Status.DISCONTINUED}),
    Status.COMPLETED: frozenset({Status.ACTIVE}),
    Status.DISCONTINUED: frozenset({Status.PLANNED}),
}
INITIAL_STATUSES = (Status.IDEA, Status.PLANNED, Status.ACTIVE)


def _set_m2m(initiative: Initiative, values: Mapping[str, Iterable[models.Model] | None]) -> None:
    for name, related in values.items():
        if related is not None:
            getattr(initiative, name).set(related)


@transaction.atomic
def initiative_create(
    *,
    by: User,
    title: str,
    collaboration_form: str,
    start_date: datetime.date,
    status: str = Status.IDEA,
    description: str = "",
    language: str | None = None,
    end_date: datetime.date | None = None,
    programme: Programme | None = None,
    involves_residents: bool = False,
    involves_ngos: bool = False,
    resident_participants: int | None = None,
    weight: int = 1,
    is_public: bool = False,
    strategy_goals: Iterable[StrategyGoal] = (),
    themes: Iterable[Theme] = (),
    contact_persons: Iterable[Person] = (),
) -> Initiative:
    """A new initiative; it starts as an idea, a plan or already active (never completed or discontinued)."""
    require(permissions.can_create_initiative(by), _("Only officials, programme leads and admins create initiatives."))
    if status not in INITIAL_STATUSES:
        raise Invalid({"status": _("A new initiative starts as an idea, planned or active.")})
    _check_programme(programme)
    initiative = Initiative(
        created_by=by,
        title=title,
        collaboration_form=collaboration_form,
        start_date=start_date,
        status=status,
        description=description,
        language=language or active_language(),
        end_date=end_date,
        programme=programme,
        involves_residents=involves_residents,
        involves_ngos=involves_ngos,
        resident_participants=resident_participants,
        weight=weight,
        is_public=is_public,
    )
    validated_save(initiative)
    _set_m2m(
        initiative,
        {"strategy_goals": strategy_goals, "themes": themes, "contact_persons": contact_persons},
    )
    return initiative


def _check_programme(programme: Programme | None, *, linked_id: int | None = None) -> None:
    """An archived programme takes no new initiatives; one already linked to it keeps the link."""
    if programme is not None and programme.archived_at is not None and programme.pk != linked_id:
        raise Invalid({"programme": _("This programme is archived: it takes no new initiatives.")})


def _update(initiative: Initiative, changes: Mapping[str, Any]) -> Initiative:
    unknown = set(changes) - set(EDITABLE_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"initiative_update() got unexpected fields: {sorted(unknown)}")
    if "programme" in changes:
        _check_programme(changes["programme"], linked_id=initiative.programme_id)
    fields = [name for name in EDITABLE_FIELDS if name in changes]
    for name in fields:
        setattr(initiative, name, changes[name])
    if fields:
        validated_save(initiative)
    _set_m2m(initiative, {name: changes[name] for name in M2M_FIELDS if name in changes})
    return initiative


@transaction.atomic
def initiative_update(*, by: User, initiative: Initiative, changes: Mapping[str, Any]) -> Initiative:
    """Change some of an initiative's fields and links; the status changes only through
    :func:`initiative_status_change`."""
    require(permissions.can_edit_initiative(by, initiative))
    return _update(initiative, changes)


@transaction.atomic
def initiative_status_change(
    *, by: User, initiative: Initiative, status: str, today: datetime.date | None = None
) -> Initiative:
    """Move an initiative along its life cycle; completing or discontinuing it closes an open end date."""
    require(permissions.can_edit_initiative(by, initiative))
    if status not in Status.values:
        raise Invalid({"status": _("Unknown status.")})
    if status == initiative.status:
        return initiative
    if status not in STATUS_TRANSITIONS[initiative.status]:
        raise Invalid(
            {
                "status": _("An initiative cannot go from “%(old)s” to “%(new)s”.")
                % {"old": initiative.get_status_display(), "new": Status(status).label}
            }
        )
    initiative.status = status
    initiative._history_user = by  # type: ignore[attr-defined]  # simple-history: theirs also without a request
    update_fields = ["status", "updated_at"]
    if status in (Status.COMPLETED, Status.DISCONTINUED) and initiative.end_date is None:
        today = today or timezone.localdate()
        initiative.end_date = max(today, initiative.start_date)
        update_fields.append("end_date")
    validated_save(initiative, update_fields=update_fields)
    return initiative


@transaction.atomic
def initiative_confirm_current(*, by: User, initiative: Initiative) -> Initiative:
    """``by`` says the initiative is still on track as recorded: its update time moves on (the stale reminder
    waits a full period again) and the history says who confirmed it."""
    require(permissions.can_edit_initiative(by, initiative))
    initiative._history_user = by  # type: ignore[attr-defined]
    initiative._change_reason = "confirmed current"  # type: ignore[attr-defined]
    validated_save(initiative, update_fields=["updated_at"])
    return initiative


@transaction.atomic
def initiative_delete(*, by: User, initiative: Initiative) -> None:
    """Only admins delete an initiative (its history stays); everyone else discontinues it."""
    require(is_admin(by), _("Only admins delete initiatives; set the status to discontinued instead."))
    initiative.delete()


def _row_save(row: Row) -> Row:
    if isinstance(row, Participation) and row.role == Participation.Role.LEAD and row.initiative_id:
        # The partial unique constraint guards the database; this says it beside the field. It is checked here,
        # not in the model's clean(), so a form can hand the lead from one unit to another in one save.
        leads = Participation.objects.filter(initiative_id=row.initiative_id, role=Participation.Role.LEAD)
        if leads.exclude(pk=row.pk).exists():
            raise Invalid({"role": _("This initiative already has a lead unit.")})
    if isinstance(row, Outcome):
        _outcome_progress(row)
    validated_save(row)
    return row


def _outcome_progress(outcome: Outcome) -> None:
    """A measured outcome's progress % is the one its numbers give; otherwise the person must give it."""
    measured = outcome.measured_progress()
    if measured is not None:
        outcome.progress = measured
    elif outcome.progress is None:
        errors: dict[str, list[str]] = {}
        try:
            outcome.full_clean(exclude=["progress"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors = Invalid.from_validation_error(exc).errors
        raise Invalid({**errors, "progress": [_("Give the progress, or a baseline, a target and an actual value.")]})


def _require_edit(by: User, row: Row, *initiatives: Initiative | None) -> None:
    """A row is changed, or moved to another initiative, only by someone who may change it in every initiative
    involved (an editor; a partner their own outcomes, ``permissions.can_edit_row``)."""
    for initiative in {initiative for initiative in initiatives if initiative is not None}:
        require(permissions.can_edit_row(by, row, initiative))


@transaction.atomic
def initiative_row_save(*, by: User, row: Row) -> Row:
    """Create or change a participation, funding line or outcome of an initiative."""
    _require_edit(by, row, row.initiative)
    if isinstance(row, Outcome) and row.pk is None and by is not None and by.is_authenticated:
        row.recorded_by = by
    return _row_save(row)


@transaction.atomic
def initiative_row_update(*, by: User, row: Row, changes: Mapping[str, Any]) -> Row:
    """Change some fields of a row; moving it to another initiative needs the right to edit both."""
    _require_edit(by, row, row.initiative, changes.get("initiative"))
    for name, value in changes.items():
        setattr(row, name, value)
    return _row_save(row)


@transaction.atomic
def initiative_row_delete(*, by: User, row: Participation | Funding | Outcome) -> None:
    """Remove a participation, funding line or outcome; its history stays."""
    _require_edit(by, row, row.initiative)
    row.delete()


@transaction.atomic
def initiative_contact_add(*, by: User, initiative: Initiative, person: Person) -> None:
    """Name ``person`` a contact person of ``initiative`` (editors anyone; a partner their organisation's people)."""
    require(
        permissions.can_name_contact(by, initiative, person.unit_id),
        _("You may name only your own organisation's people as contacts."),
    )
    initiative._history_user = by  # type: ignore[attr-defined]
    initiative.contact_persons.add(person)


@transaction.atomic
def initiative_contact_remove(*, by: User, initiative: Initiative, person: Person) -> None:
    require(
        permissions.can_name_contact(by, initiative, person.unit_id),
        _("You may remove only your own organisation's people from the contacts."),
    )
    initiative._history_user = by  # type: ignore[attr-defined]
    initiative.contact_persons.remove(person)


def participation_create(*, by: User, initiative: Initiative, **fields: Any) -> Participation:
    return initiative_row_save(by=by, row=Participation(initiative=initiative, **fields))


def funding_create(*, by: User, initiative: Initiative, **fields: Any) -> Funding:
    return initiative_row_save(by=by, row=Funding(initiative=initiative, **fields))


def outcome_create(*, by: User, initiative: Initiative, **fields: Any) -> Outcome:
    return initiative_row_save(by=by, row=Outcome(initiative=initiative, **fields))


@transaction.atomic
def initiative_save_with_rows(
    *,
    by: User,
    initiative: Initiative,
    fields: Mapping[str, Any],
    rows_to_save: Iterable[Participation | Funding | Outcome] = (),
    rows_to_delete: Iterable[Participation | Funding | Outcome] = (),
    partner_units: Iterable[Unit] = (),
    today: datetime.date | None = None,
) -> Initiative:
    """Create or change an initiative and its rows in one go, as the browser form sends them: all or nothing.

    ``fields`` are the initiative's own (with ``status`` for a new one); ``rows_to_save`` are new or changed rows
    (a new row's initiative is set here) and ``rows_to_delete`` saved rows of this initiative to remove.
    ``partner_units`` join as partners unless they already take part (or a row of ``rows_to_save`` adds them);
    the creator's home unit among them leads a new initiative that has no lead yet.
    """
    created = not initiative.pk
    if created:
        initiative = initiative_create(by=by, **fields)
    else:
        initiative = initiative_update(by=by, initiative=initiative, changes=fields)
    for row in rows_to_delete:
        require(row.initiative_id == initiative.pk)
        row.delete()
    to_save = list(rows_to_save)
    for row in to_save:
        row.initiative = initiative
    # Demoted leads first, so a lead handed from one unit to another never meets the old one.
    to_save.sort(key=lambda row: getattr(row, "role", "") == Participation.Role.LEAD)
    for row in to_save:
        _row_save(row)
    _partners_add(by, initiative, partner_units, created=created, today=today or timezone.localdate())
    return initiative


@dataclass
class InitiativeLinks:
    """An imported initiative's links, by id: what its sheet row names besides its own fields."""

    strategy_goals: list[int] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    contact_persons: list[int] = field(default_factory=list)
    # (unit id, role) of every unit taking part; a unit joins on the initiative's start date.
    participations: list[tuple[int, str]] = field(default_factory=list)


def _leads_programme(user: User, programme_id: int | None) -> bool:
    """A programme lead imports their programmes' initiatives (the forms' policy: they edit them)."""
    return programme_id is not None and programme_policy.editable_programmes(user).filter(pk=programme_id).exists()


def _require_import(by: User, initiative: Initiative, links: InitiativeLinks) -> None:
    """The forms' policy for an imported row: a new one is the creator's (an official's unit must take part in
    it), a changed one must be editable by ``by``."""
    if initiative.pk is None:
        require(
            permissions.can_create_initiative(by), _("Only officials, programme leads and admins create initiatives.")
        )
        if not (is_admin(by) or _leads_programme(by, initiative.programme_id)) and by.home_unit_id not in {
            unit for unit, _role in links.participations
        }:
            raise NotAllowed(_("Your own unit must take part in an initiative you import."))
    else:
        require(permissions.can_edit_initiative(by, initiative), _("You may not change this initiative."))


def _m2m_history(initiatives: list[Initiative], history: list[models.Model], links: list[InitiativeLinks]) -> None:
    """The historical link rows of initiatives written in bulk (simple_history copies them only on a save)."""
    for name in M2M_FIELDS:
        through = Initiative._meta.get_field(name).remote_field.through
        target = Initiative._meta.get_field(name).m2m_reverse_field_name()
        rows = [
            through(initiative_id=initiative.pk, **{f"{target}_id": value})
            for initiative, link in zip(initiatives, links, strict=True)
            for value in getattr(link, name)
        ]
        through.objects.bulk_create(rows, batch_size=2000)
        by_initiative = {initiative.pk: record for initiative, record in zip(initiatives, history, strict=True)}
        historical = apps.get_model("initiatives", f"HistoricalInitiative_{name}")
        historical.objects.bulk_create(
            [
                historical(
                    history=by_initiative[row.initiative_id],
                    id=row.pk,
                    initiative_id=row.initiative_id,
                    **{f"{target}_id": getattr(row, f"{target}_id")},
                )
                for row in rows
            ],
            batch_size=2000,
        )


def initiative_import_check(*, by: User, initiative: Initiative, links: InitiativeLinks) -> None:
    """Would ``initiatives_create_many`` take this new initiative? ``NotAllowed`` or ``Invalid`` (by field) if not;
    the import asks row by row, so each refusal names its row, before writing the valid ones in bulk."""
    _require_import(by, initiative, links)
    if initiative.status not in INITIAL_STATUSES:
        raise Invalid({"status": _("A new initiative starts as an idea, planned or active.")})
    initiative.created_by = by
    try:
        # The programme comes from the import's own lookup and the creator is ``by``: no query per row for them.
        initiative.full_clean(exclude=["created_by", "programme"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise Invalid.from_validation_error(exc) from exc


@transaction.atomic
def initiatives_create_many(
    *, by: User, initiatives: list[Initiative], links: list[InitiativeLinks]
) -> list[Initiative]:
    """New initiatives from an import, in bulk: each validated as the form does, all saved with their links and
    history (as done by ``by``) in a few queries. ``initiatives`` are unsaved; ``links`` goes with each."""
    for initiative, link in zip(initiatives, links, strict=True):
        initiative_import_check(by=by, initiative=initiative, links=link)
    Initiative.objects.bulk_create(initiatives, batch_size=1000)
    history = Initiative.history.bulk_history_create(initiatives, default_user=by, batch_size=1000)
    _m2m_history(initiatives, history, links)
    participations = [
        Participation(initiative=initiative, unit_id=unit, role=role, joined_on=initiative.start_date)
        for initiative, link in zip(initiatives, links, strict=True)
        for unit, role in link.participations
    ]
    bulk_create_with_history(participations, Participation, batch_size=2000, default_user=by)
    return initiatives


@transaction.atomic
def initiative_import_change(
    *, by: User, initiative: Initiative, changes: Mapping[str, Any], links: InitiativeLinks
) -> Initiative:
    """An imported row's changes to an initiative: its fields, links and taking part (units that left the row leave
    the initiative, new ones join on its start date); the status only along the forms' transitions."""
    _require_import(by, initiative, links)
    status = changes.get("status", initiative.status)
    if status != initiative.status and status not in STATUS_TRANSITIONS[initiative.status]:
        raise Invalid(
            {
                "status": _("An initiative cannot go from “%(old)s” to “%(new)s”.")
                % {"old": initiative.get_status_display(), "new": Status(status).label}
            }
        )
    initiative._history_user = by  # simple_history: the import's user, also for the link changes below
    for name, value in changes.items():
        setattr(initiative, name, value)
    validated_save(initiative)
    for name in M2M_FIELDS:
        getattr(initiative, name).set(getattr(links, name))
    wanted = set(links.participations)
    current = {(row.unit_id, row.role): row for row in initiative.participations.all()}
    for key, row in current.items():
        if key not in wanted:
            row._history_user = by
            row.delete()
    # A lead handed on: the old lead row is gone above before the new one comes.
    for unit, role in sorted(wanted - set(current), key=lambda item: item[1] == Participation.Role.LEAD):
        row = Participation(initiative=initiative, unit_id=unit, role=role, joined_on=initiative.start_date)
        row._history_user = by
        validated_save(row)
    return initiative


def _partners_add(
    by: User, initiative: Initiative, units: Iterable[Unit], *, created: bool, today: datetime.date
) -> None:
    taking_part = set(initiative.participations.values_list("unit_id", flat=True))
    has_lead = initiative.participations.filter(role=Participation.Role.LEAD).exists()
    # A unit joins a new initiative when it starts, an existing one from today (or its later start).
    joined_on = initiative.start_date if created else max(initiative.start_date, today)
    for unit in units:
        if unit.pk in taking_part:
            continue
        lead = created and not has_lead and unit.pk == by.home_unit_id
        role = Participation.Role.LEAD if lead else Participation.Role.PARTNER
        _row_save(Participation(initiative=initiative, unit=unit, role=role, joined_on=joined_on))
        taking_part.add(unit.pk)
        has_lead = has_lead or lead


@transaction.atomic
def initiative_quick_log(
    *,
    by: User,
    title: str,
    units: Iterable[Unit],
    contact: Person,
    start_date: datetime.date,
    collaboration_form: str,
    today: datetime.date | None = None,
) -> Initiative:
    """An initiative from the five things it cannot do without, to be completed later: active if it has started,
    planned otherwise; the units take part (the creator's home unit leads), the contact person answers for it."""
    today = today or timezone.localdate()
    units = list(units)
    if not units:
        raise Invalid({"units": _("Choose at least one unit taking part.")})
    status = Status.ACTIVE if start_date <= today else Status.PLANNED
    fields = {
        "title": title,
        "collaboration_form": collaboration_form,
        "start_date": start_date,
        "status": status,
        "contact_persons": [contact],
    }
    return initiative_save_with_rows(by=by, initiative=Initiative(), fields=fields, partner_units=units, today=today)
