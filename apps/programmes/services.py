"""Writes of programmes, their meetings and decisions; each checks the programme policy itself."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import Conflict, Invalid
from apps.core.history import record_by
from apps.core.policy import require
from apps.core.services import validated_save
from apps.programmes import permissions
from apps.programmes.models import (
    DECISION_FIELDS,
    MEETING_FIELDS,
    PROGRAMME_FIELDS,
    Decision,
    DecisionAttachment,
    Meeting,
    Programme,
)

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.sectors.models import Person, Sector
    from apps.strategy.models import StrategyGoal

# What an update may change: the form's and API's fields (a row may move to another programme through the API).
PROGRAMME_EDITABLE = tuple(PROGRAMME_FIELDS)
MEETING_EDITABLE = ("programme", *MEETING_FIELDS)
DECISION_EDITABLE = ("programme", *DECISION_FIELDS)


def _save_with_m2m(
    instance: models.Model, changes: Mapping[str, Any], allowed: Iterable[str], *, by: User
) -> models.Model:
    """Set ``changes`` on ``instance``, save it validated, then set its many-to-many links."""
    allowed = tuple(allowed)
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields for {type(instance).__name__}: {sorted(unknown)}")
    record_by(instance, by)
    m2m_names = {field.name for field in instance._meta.many_to_many}
    m2m = {name: value for name, value in changes.items() if name in m2m_names}
    for name, value in changes.items():
        if name not in m2m_names:
            setattr(instance, name, value)
    validated_save(instance)
    for name, related in m2m.items():
        getattr(instance, name).set(related)
    return instance


def _require_sectors(sectors: Iterable[Sector] | None) -> None:
    if not sectors:
        raise Invalid({"sectors": _("Choose at least one sector.")})


@transaction.atomic
def programme_create(
    *,
    by: User,
    name: str,
    lead: Person,
    start_date: datetime.date,
    sectors: Iterable[Sector],
    mandate: str = "",
    end_date: datetime.date | None = None,
    yearly_budget: Decimal = Decimal(0),
    strategy_goals: Iterable[StrategyGoal] = (),
) -> Programme:
    """A new programme; it must name at least one sector."""
    require(permissions.can_create_programme(by), _("Only programme leads and admins create programmes."))
    _require_sectors(sectors)
    changes = {
        "name": name,
        "mandate": mandate,
        "lead": lead,
        "start_date": start_date,
        "end_date": end_date,
        "yearly_budget": yearly_budget,
        "sectors": sectors,
        "strategy_goals": strategy_goals,
    }
    return _save_with_m2m(Programme(), changes, PROGRAMME_EDITABLE, by=by)


@transaction.atomic
def programme_update(*, by: User, programme: Programme, changes: Mapping[str, Any]) -> Programme:
    """Change some of a programme's fields (a partial update names only those); the sectors may not go empty."""
    require(permissions.can_edit_programme(by, programme))
    if "sectors" in changes:
        _require_sectors(changes["sectors"])
    return _save_with_m2m(programme, changes, PROGRAMME_EDITABLE, by=by)


def _delete_or_archive(row: Programme | Meeting | Decision, *, by: User) -> Programme | Meeting | Decision | None:
    """Delete a row nothing refers to (its history keeps a "deleted" record); archive one something refers to
    (meetings, decisions, initiatives, bookings: the database protects those links), so nothing linked vanishes.
    Returns the archived row, or None when it was deleted."""
    if row.archived_at is not None:
        raise Conflict(_("This is already archived."))
    record_by(row, by)
    try:
        with transaction.atomic():
            row.delete()
    except ProtectedError:
        row.archived_at = timezone.now()
        validated_save(row)
        return row
    return None


def _restore(row: Programme | Meeting | Decision, *, by: User) -> Programme | Meeting | Decision:
    if row.archived_at is None:
        raise Conflict(_("This is not archived."))
    record_by(row, by)
    row.archived_at = None
    validated_save(row)
    return row


@transaction.atomic
def programme_delete(*, by: User, programme: Programme) -> Programme | None:
    """Only admins remove programmes: one with meetings, decisions, initiatives or bookings is archived (returned),
    one without is deleted (None)."""
    require(permissions.can_delete_programme(by), _("Only admins delete programmes."))
    return _delete_or_archive(programme, by=by)


@transaction.atomic
def programme_restore(*, by: User, programme: Programme) -> Programme:
    """An archived programme back in the lists, by whoever may edit it."""
    require(permissions.can_edit_programme(by, programme))
    return _restore(programme, by=by)


def _require_edit_programmes(by: User, *programmes: Programme | None) -> None:
    """A row may be changed, or moved to another programme, only by someone who edits both programmes."""
    for programme in {programme for programme in programmes if programme is not None}:
        require(permissions.can_edit_programme(by, programme))


@transaction.atomic
def meeting_create(
    *,
    by: User,
    programme: Programme,
    kind: str,
    title: str,
    held_on: datetime.date,
    attendees: Iterable[Person] = (),
    notes: str = "",
) -> Meeting:
    """A programme meeting with its attendees."""
    _require_edit_programmes(by, programme)
    changes = {"kind": kind, "title": title, "held_on": held_on, "attendees": attendees, "notes": notes}
    return _save_with_m2m(Meeting(programme=programme), changes, MEETING_EDITABLE, by=by)


@transaction.atomic
def meeting_update(*, by: User, meeting: Meeting, changes: Mapping[str, Any]) -> Meeting:
    _require_edit_programmes(by, meeting.programme, changes.get("programme"))
    return _save_with_m2m(meeting, changes, MEETING_EDITABLE, by=by)


@transaction.atomic
def meeting_delete(*, by: User, meeting: Meeting) -> Meeting | None:
    """A meeting a decision refers to is archived (returned); one without is deleted (None)."""
    _require_edit_programmes(by, meeting.programme)
    return _delete_or_archive(meeting, by=by)


@transaction.atomic
def meeting_restore(*, by: User, meeting: Meeting) -> Meeting:
    _require_edit_programmes(by, meeting.programme)
    return _restore(meeting, by=by)


def _decision_save(decision: Decision, changes: Mapping[str, Any], *, by: User) -> Decision:
    unknown = set(changes) - set(DECISION_EDITABLE)
    if unknown:
        raise TypeError(f"unexpected fields for Decision: {sorted(unknown)}")
    record_by(decision, by)
    for name, value in changes.items():
        setattr(decision, name, value)
    if decision.meeting_id and decision.programme_id and decision.meeting.programme_id != decision.programme_id:
        raise Invalid({"meeting": _("The meeting belongs to another programme.")})
    validated_save(decision)
    return decision


@transaction.atomic
def decision_create(
    *,
    by: User,
    programme: Programme,
    level: str,
    decided_on: datetime.date,
    text: str,
    is_kedge: bool = False,
    meeting: Meeting | None = None,
    **document: Any,
) -> Decision:
    """A decision (or agreement); one taken at a meeting belongs to that meeting's programme. ``document``: its kind,
    register link, validity and review date (``DECISION_FIELDS``)."""
    _require_edit_programmes(by, programme)
    changes = {
        "level": level,
        "decided_on": decided_on,
        "text": text,
        "is_kedge": is_kedge,
        "meeting": meeting,
        **document,
    }
    return _decision_save(Decision(programme=programme), changes, by=by)


@transaction.atomic
def decision_update(*, by: User, decision: Decision, changes: Mapping[str, Any]) -> Decision:
    _require_edit_programmes(by, decision.programme, changes.get("programme"))
    return _decision_save(decision, changes, by=by)


@transaction.atomic
def decision_delete(*, by: User, decision: Decision) -> Decision | None:
    """A decision something refers to is archived (returned); one without is deleted (None)."""
    _require_edit_programmes(by, decision.programme)
    return _delete_or_archive(decision, by=by)


@transaction.atomic
def decision_restore(*, by: User, decision: Decision) -> Decision:
    _require_edit_programmes(by, decision.programme)
    return _restore(decision, by=by)


# Documents a decision may carry: by extension, the bytes such a file starts with (PDF; OOXML and OpenDocument are
# ZIP archives; the old Office formats are OLE2 compound files). A file whose bytes say otherwise is refused.
ZIP, OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ATTACHMENT_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
    ".doc": ("application/msword", OLE2),
    ".xls": ("application/vnd.ms-excel", OLE2),
    ".ppt": ("application/vnd.ms-powerpoint", OLE2),
}


def _attachment_name(name: str) -> str:
    """The name a user gave, for the download only. Django keeps only the last part of an uploaded file's name, so
    ``../../x.pdf`` arrives as ``x.pdf``; a name left empty, hidden (``.x``), too long or with control characters is
    refused. The stored file has a random name either way (``models.attachment_path``)."""
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        raise Invalid({"file": _("The file name may not contain a path: name the file, e.g. “agreement.pdf”.")})
    if len(name) > 200 or any(ord(character) < 32 for character in name):
        raise Invalid({"file": _("The file name is too long or has characters a file name cannot have.")})
    return name


@transaction.atomic
def decision_attachment_add(*, by: User, decision: Decision, upload: UploadedFile) -> DecisionAttachment:
    """A PDF or Office document for a decision, size- and type-checked (by its bytes, not only its name), stored
    under a random name through the default storage; in the history as ``by``'s."""
    _require_edit_programmes(by, decision.programme)
    name = _attachment_name(upload.name or "")
    limit = settings.SILTA_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise Invalid(
            {
                "file": _("The file is %(size)s MB; the most is %(limit)s MB.")
                % {"size": round(upload.size / 2**20, 1), "limit": round(limit / 2**20, 1)}
            }
        )
    if upload.size == 0:
        raise Invalid({"file": _("The file is empty.")})
    extension = Path(name).suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise Invalid({"file": _("Attach a PDF or an Office document (PDF, Word, Excel, PowerPoint, OpenDocument).")})
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    if not upload.read(len(magic)) == magic:
        raise Invalid({"file": _("The file is not the kind of document its name says (%(ext)s).") % {"ext": extension}})
    upload.seek(0)
    attachment = DecisionAttachment(
        decision=decision, name=name, content_type=content_type, size=upload.size, uploaded_by=by
    )
    record_by(attachment, by)
    attachment.file.save(name, upload, save=False)
    try:
        validated_save(attachment)
    except Exception:
        attachment.file.delete(save=False)  # nothing stored without its row
        raise
    return attachment


@transaction.atomic
def decision_attachment_remove(*, by: User, attachment: DecisionAttachment) -> None:
    """Remove a document: its row (the history keeps who removed what and when) and, after commit, its file."""
    _require_edit_programmes(by, attachment.decision.programme)
    record_by(attachment, by)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
