"""Writes of programmes, their meetings and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.initiatives.services import validated_save
from apps.programmes.models import Decision, Meeting, Programme


def _assign(instance: models.Model, data: dict[str, Any], m2m_names: Iterable[str]) -> dict[str, Any]:
    """Set plain fields on ``instance``; return the many-to-many values to set after saving."""
    m2m = {name: data.pop(name) for name in list(data) if name in m2m_names}
    for name, value in data.items():
        setattr(instance, name, value)
    return m2m


def _save_with_m2m(instance: models.Model, data: dict[str, Any], m2m_names: Iterable[str]) -> models.Model:
    m2m = _assign(instance, dict(data), m2m_names)
    validated_save(instance)
    for name, related in m2m.items():
        getattr(instance, name).set(related)
    return instance


@transaction.atomic
def programme_create(*, data: dict[str, Any]) -> Programme:
    """A new programme; it must name at least one sector."""
    if not data.get("sectors"):
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    return _save_with_m2m(Programme(), data, ("sectors", "strategy_goals"))


@transaction.atomic
def programme_update(*, programme: Programme, data: dict[str, Any]) -> Programme:
    if "sectors" in data and not data["sectors"]:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    return _save_with_m2m(programme, data, ("sectors", "strategy_goals"))


@transaction.atomic
def meeting_save(*, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    """Create or change a programme meeting with its attendees."""
    return _save_with_m2m(meeting, data, ("attendees",))


@transaction.atomic
def decision_save(*, decision: Decision, data: dict[str, Any]) -> Decision:
    """Create or change a decision; a decision taken at a meeting belongs to that meeting's programme."""
    _assign(decision, dict(data), ())
    if decision.meeting_id and decision.programme_id and decision.meeting.programme_id != decision.programme_id:
        raise ValidationError({"meeting": _("The meeting belongs to another programme.")})
    validated_save(decision)
    return decision
