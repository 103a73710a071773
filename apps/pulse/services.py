"""Writes of pulse surveys: open a round (and invite), send invitations and the reminder, save a respondent's
answers through their link, and close a round (which cuts the answers loose from the people who gave them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import Conflict, Invalid
from apps.core.policy import require
from apps.core.services import validated_save
from apps.initiatives.models import Initiative
from apps.programmes.models import Programme
from apps.pulse import notifications, permissions, selectors
from apps.pulse.models import ITEMS, SCALE, PulseInvitation, PulseRating, PulseResponse, PulseRound, PulseWish
from apps.pulse.tokens import invitation_from_token
from apps.sectors.models import Person

ACHIEVED_MAX = 2000
# The statuses of initiatives whose work a round can ask about (ideas and plans have had none yet).
WORKED_STATUSES = ("active", "completed", "discontinued")


class RoundClosed(Conflict):
    """The round closed (or its closing day passed) before the answers came in."""


def round_closed(pulse_round: PulseRound) -> RoundClosed:
    return RoundClosed(
        _("The survey closed on %(date)s: answers can no longer be given or changed, and nothing was saved.")
        % {"date": date_format(pulse_round.closes_on, "SHORT_DATE_FORMAT")}
    )


@transaction.atomic
def pulse_round_open(
    *,
    by: User,
    title: str,
    period_start: date,
    period_end: date,
    closes_on: date,
    programme: Programme | None = None,
    initiatives: Iterable[Initiative] = (),
    today: date | None = None,
) -> PulseRound:
    """Open a round for ``initiatives`` (or, none named, the programme's initiatives at work in the period) and
    invite each of their contact persons who has another unit to rate; the e-mails go after the commit."""
    require(
        permissions.can_open_round(by, programme),
        _("Only a programme's lead opens a round for it, and only a manager for the city."),
    )
    today = today or timezone.localdate()
    chosen = list(initiatives)
    if closes_on <= today:
        raise Invalid({"closes_on": _("The closing date must be in the future.")})
    if programme is not None and any(item.programme_id != programme.pk for item in chosen):
        raise Invalid({"initiatives": _("Choose initiatives of this programme only.")})
    if not chosen and programme is not None:
        chosen = list(
            programme.initiatives.filter(status__in=WORKED_STATUSES, start_date__lte=period_end).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=period_start)
            )
        )
    if not chosen:
        raise Invalid({"initiatives": _("Choose the initiatives, or a programme with initiatives in the period.")})
    pulse_round = PulseRound(
        title=title,
        owner=by,
        programme=programme,
        period_start=period_start,
        period_end=period_end,
        closes_on=closes_on,
    )
    validated_save(pulse_round)
    pulse_round.initiatives.set(chosen)
    persons = Person.objects.filter(contact_for_initiatives__in=chosen, pseudonym__isnull=True).distinct()
    PulseInvitation.objects.bulk_create(
        PulseInvitation(round=pulse_round, person=person)
        for person in persons.order_by("pk")
        if selectors.worked_with(pulse_round, person).exists()
    )
    from apps.pulse.tasks import pulse_invitations_send_task

    transaction.on_commit(lambda: pulse_invitations_send_task.delay(pulse_round.pk))
    return pulse_round


@transaction.atomic
def pulse_invitations_send(*, round_id: int, now: datetime | None = None) -> int:
    """Send each unsent invitation of an open round its personal link; returns how many went (a rerun sends none
    twice: the notification key is the invitation's)."""
    now = now or timezone.now()
    pulse_round = PulseRound.objects.select_for_update().filter(pk=round_id, state=PulseRound.State.OPEN).first()
    if pulse_round is None:
        return 0
    sent = 0
    for invitation in pulse_round.invitations.filter(sent_at__isnull=True).select_related("person__user", "round"):
        if notifications.invitation_tell(
            invitation=invitation, kind=notifications.INVITATION, key=f"pulse.invitation:{invitation.pk}"
        ):
            sent += 1
        invitation.sent_at = now
        invitation.save(update_fields=["sent_at"])
    return sent


@transaction.atomic
def pulse_reminders_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """Remind, once, those who have not answered a round that closes within ``SILTA_PULSE_REMINDER_DAYS`` days."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    due = (
        PulseInvitation.objects.select_for_update(of=("self",))
        .filter(
            round__state=PulseRound.State.OPEN,
            round__closes_on__gte=today,
            round__closes_on__lte=today + timedelta(days=settings.SILTA_PULSE_REMINDER_DAYS),
            answered=False,
            reminded_at__isnull=True,
            sent_at__isnull=False,
        )
        .select_related("person__user", "round")
        .order_by("pk")
    )
    sent = 0
    for invitation in due:
        if notifications.invitation_tell(
            invitation=invitation, kind=notifications.REMINDER, key=f"pulse.reminder:{invitation.pk}"
        ):
            sent += 1
        invitation.reminded_at = now
        invitation.save(update_fields=["reminded_at"])
    return sent


def _rating_values(unit_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for item in ITEMS:
        raw = values.get(item)
        if raw in (None, ""):
            cleaned[item] = None
            continue
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 0
        if number not in SCALE or str(raw).strip() != str(number):
            raise Invalid({item: _("Each rating is a whole number from 1 to 4.")}, extra={"unit": unit_id})
        cleaned[item] = number
    achieved = str(values.get("achieved") or "").strip()
    if len(achieved) > ACHIEVED_MAX:
        raise Invalid({"achieved": _("Please keep the answer under %(count)s characters.") % {"count": ACHIEVED_MAX}})
    cleaned["achieved"] = achieved
    return cleaned


@transaction.atomic
def pulse_answers_save(
    *,
    signed: str,
    ratings: Mapping[int, Mapping[str, Any]],
    wished_units: Iterable[int] = (),
    wished_persons: Iterable[int] = (),
    now: datetime | None = None,
) -> PulseResponse:
    """Save (or change) the answers of the person a link was sent to, all or nothing.

    The round row is locked, so a round that closes at the same moment either takes the whole answer first or
    refuses it whole; a rating of a unit the person did not work with in the round's initiatives is refused, as
    is any rating outside 1–4. Items may be left empty: the questionnaire can be saved half-way.
    """
    now = now or timezone.now()
    invitation = invitation_from_token(signed, now=now)
    pulse_round = PulseRound.objects.select_for_update().get(pk=invitation.round_id)
    if pulse_round.state != PulseRound.State.OPEN or now >= pulse_round.closes_at:
        raise round_closed(pulse_round)
    person = invitation.person
    allowed = {unit.pk: unit for unit in selectors.worked_with(pulse_round, person)}
    cleaned = {}
    for unit_id, values in ratings.items():
        if int(unit_id) not in allowed:
            raise Invalid(_("You can only rate units you worked with in this survey's initiatives."))
        cleaned[int(unit_id)] = _rating_values(int(unit_id), values)
    unit_wishes = set(map(int, wished_units))
    person_wishes = set(map(int, wished_persons))
    if not unit_wishes <= set(selectors.wishable_units(person).filter(pk__in=unit_wishes).values_list("pk", flat=True)):
        raise Invalid({"wished_units": _("Choose units from the list.")})
    if not person_wishes <= set(
        selectors.wishable_persons(person).filter(pk__in=person_wishes).values_list("pk", flat=True)
    ):
        raise Invalid({"wished_persons": _("Choose persons from the list.")})
    response, _created = PulseResponse.objects.get_or_create(
        round=pulse_round, person=person, defaults={"unit_id": person.unit_id, "sector_id": person.unit.sector_id}
    )
    response.saved_at = now
    response.save(update_fields=["saved_at"])
    existing = set(response.ratings.values_list("rated_unit_id", flat=True))
    for unit_id, values in cleaned.items():
        if unit_id not in existing and not any(values.values()):
            continue  # a block left empty stays without a row
        PulseRating.objects.update_or_create(
            response=response,
            rated_unit_id=unit_id,
            defaults={**values, "rated_sector_id": allowed[unit_id].sector_id},
        )
    response.wishes.exclude(unit_id__in=unit_wishes).filter(person__isnull=True).delete()
    response.wishes.exclude(person_id__in=person_wishes).filter(unit__isnull=True).delete()
    for unit_id in unit_wishes:
        PulseWish.objects.get_or_create(response=response, unit_id=unit_id)
    for person_id in person_wishes:
        PulseWish.objects.get_or_create(response=response, person_id=person_id)
    if not invitation.answered:
        invitation.answered = True
        invitation.save(update_fields=["answered"])
    return response


@transaction.atomic
def pulse_round_close(*, pulse_round: PulseRound, by: User | None = None, now: datetime | None = None) -> bool:
    """Close a round: no more answers, and every response loses its person and its time (unit and sector stay),
    so from now on nothing ties an answer to whoever gave it. ``by`` closes early (the owner); the beat closes
    rounds whose closing day has passed. Returns False for a round already closed."""
    if by is not None:
        require(permissions.can_close_round(by, pulse_round), _("Only the round's owner or a manager closes it."))
    now = now or timezone.now()
    locked = PulseRound.objects.select_for_update().get(pk=pulse_round.pk)
    if locked.state == PulseRound.State.CLOSED:
        return False
    locked.state = PulseRound.State.CLOSED
    locked.closed_at = now
    locked.save(update_fields=["state", "closed_at"])
    PulseResponse.objects.filter(round=locked).update(person=None, saved_at=None)
    pulse_round.state, pulse_round.closed_at = locked.state, locked.closed_at
    return True


def pulse_rounds_close_due(*, now: datetime | None = None) -> int:
    """Close every open round whose closing day is over; returns how many closed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    closed = 0
    for pulse_round in PulseRound.objects.filter(state=PulseRound.State.OPEN, closes_on__lt=today):
        closed += pulse_round_close(pulse_round=pulse_round, now=now)
    return closed
