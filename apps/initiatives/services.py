"""Writes of initiatives and their rows (participations, funding lines, outcomes).

Every write validates the whole object (``full_clean``) before saving, so a rule broken in the browser, the
API or a script gives the same field message; the database constraints stay the last guard.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import Conflict
from apps.initiatives.models import Funding, Initiative, Outcome, Participation

if TYPE_CHECKING:
    from apps.accounts.models import User

Row = TypeVar("Row", Participation, Funding, Outcome)
M2M_FIELDS = ("strategy_goals", "themes", "contact_persons")
EDITABLE_FIELDS = (
    "title",
    "description",
    "collaboration_form",
    "start_date",
    "end_date",
    "programme",
    "involves_residents",
    "involves_ngos",
    "resident_participants",
)
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


def validated_save(instance: models.Model, **save_kwargs: Any) -> None:
    """``full_clean`` then save; a constraint that a concurrent write broke meanwhile becomes a 409, not a 500."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError as exc:
        raise Conflict(_("Someone else changed the same data at the same time. Please reload and try again.")) from exc


def _set_m2m(initiative: Initiative, values: dict[str, Iterable[models.Model] | None]) -> None:
    for name, related in values.items():
        if related is not None:
            getattr(initiative, name).set(related)


@transaction.atomic
def initiative_create(
    *,
    created_by: User | None,
    title: str,
    collaboration_form: str,
    start_date: datetime.date,
    status: str = Status.IDEA,
    strategy_goals: Iterable[models.Model] = (),
    themes: Iterable[models.Model] = (),
    contact_persons: Iterable[models.Model] = (),
    **fields: Any,
) -> Initiative:
    """A new initiative; it starts as an idea, a plan or already active (never completed or discontinued)."""
    if status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("A new initiative starts as an idea, planned or active.")})
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"initiative_create() got unexpected fields: {sorted(unknown)}")
    initiative = Initiative(
        created_by=created_by,
        title=title,
        collaboration_form=collaboration_form,
        start_date=start_date,
        status=status,
        **fields,
    )
    validated_save(initiative)
    _set_m2m(
        initiative,
        {"strategy_goals": strategy_goals, "themes": themes, "contact_persons": contact_persons},
    )
    return initiative


@transaction.atomic
def initiative_update(*, initiative: Initiative, data: dict[str, Any]) -> Initiative:
    """Change an initiative's fields and links; the status changes only through :func:`initiative_status_change`."""
    unknown = set(data) - set(EDITABLE_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"initiative_update() got unexpected fields: {sorted(unknown)}")
    fields = [name for name in EDITABLE_FIELDS if name in data]
    for name in fields:
        setattr(initiative, name, data[name])
    if fields:
        validated_save(initiative)
    _set_m2m(initiative, {name: data[name] for name in M2M_FIELDS if name in data})
    return initiative


@transaction.atomic
def initiative_status_change(*, initiative: Initiative, status: str, today: datetime.date | None = None) -> Initiative:
    """Move an initiative along its life cycle; completing or discontinuing it closes an open end date."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == initiative.status:
        return initiative
    if status not in STATUS_TRANSITIONS[initiative.status]:
        raise ValidationError(
            {
                "status": _("An initiative cannot go from “%(old)s” to “%(new)s”.")
                % {"old": initiative.get_status_display(), "new": Status(status).label}
            }
        )
    initiative.status = status
    update_fields = ["status", "updated_at"]
    if status in (Status.COMPLETED, Status.DISCONTINUED) and initiative.end_date is None:
        today = today or timezone.localdate()
        initiative.end_date = max(today, initiative.start_date)
        update_fields.append("end_date")
    validated_save(initiative, update_fields=update_fields)
    return initiative


@transaction.atomic
def initiative_row_save(*, row: Row) -> Row:
    """Create or change a participation, funding line or outcome of an initiative."""
    if isinstance(row, Participation) and row.role == Participation.Role.LEAD and row.initiative_id:
        # The partial unique constraint guards the database; this says it beside the field. It is checked here,
        # not in the model's clean(), so a form can hand the lead from one unit to another in one save.
        leads = Participation.objects.filter(initiative_id=row.initiative_id, role=Participation.Role.LEAD)
        if leads.exclude(pk=row.pk).exists():
            raise ValidationError({"role": _("This initiative already has a lead unit.")})
    validated_save(row)
    return row


@transaction.atomic
def initiative_row_delete(*, row: Participation | Funding | Outcome) -> None:
    """Remove a participation, funding line or outcome; its history stays."""
    row.delete()


def participation_create(*, initiative: Initiative, **fields: Any) -> Participation:
    return initiative_row_save(row=Participation(initiative=initiative, **fields))


def funding_create(*, initiative: Initiative, **fields: Any) -> Funding:
    return initiative_row_save(row=Funding(initiative=initiative, **fields))


def outcome_create(*, initiative: Initiative, **fields: Any) -> Outcome:
    return initiative_row_save(row=Outcome(initiative=initiative, **fields))


@transaction.atomic
def initiative_row_update(*, row: Row, data: dict[str, Any]) -> Row:
    for name, value in data.items():
        setattr(row, name, value)
    return initiative_row_save(row=row)
