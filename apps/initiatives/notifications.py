"""The initiatives app's notification kinds and one-click answers: a reminder to the contact persons of an open
initiative nobody has updated for ``SILTA_STALE_AFTER_DAYS``, and a request for an outcome to those of a completed
one without any. Beat runs :func:`initiative_reminders_send` daily (``initiatives.reminders_task``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.initiatives import services
from apps.initiatives.models import Initiative, Outcome
from apps.notifications.kinds import Action, Kind, city_staff, register, register_action
from apps.notifications.services import absolute_url, notification_send
from apps.sectors.models import Person

Status = Initiative.Status
OPEN_STATUSES = (Status.IDEA, Status.PLANNED, Status.ACTIVE)

STALE = register(
    Kind(
        code="initiatives.stale",
        label=_("Initiatives not updated for a long time"),
        help_text=_("An initiative you are a contact person for has not changed for months: is it still on track?"),
        template="initiatives/notifications/stale",
        offered_to=city_staff,
    )
)
OUTCOME_MISSING = register(
    Kind(
        code="initiatives.outcome_missing",
        label=_("Completed initiatives without an outcome"),
        help_text=_("An initiative you are a contact person for was completed, but no outcome is recorded."),
        template="initiatives/notifications/outcome_missing",
        offered_to=city_staff,
    )
)


def _detail(initiative: Initiative) -> str:
    return reverse("initiatives:detail", args=[initiative.pk])


def _still_on_track(user: User, initiative: Initiative) -> None:
    services.initiative_confirm_current(by=user, initiative=initiative)


def _to(status: str) -> Callable[[User, Initiative], None]:
    """The one-click answer that moves an initiative to ``status``."""

    def apply(user: User, initiative: Initiative) -> None:
        services.initiative_status_change(by=user, initiative=initiative, status=status)

    return apply


STILL_ON_TRACK = register_action(
    Action(
        code="initiatives.still_on_track",
        label=_("Still on track"),
        question=_("Confirm that “%(subject)s” is still on track as recorded?"),
        apply=_still_on_track,
        next_url=_detail,
    )
)
COMPLETED = register_action(
    Action(
        code="initiatives.completed",
        label=_("Completed"),
        question=_("Mark “%(subject)s” as completed?"),
        apply=_to(Status.COMPLETED),
        next_url=_detail,
    )
)
DISCONTINUED = register_action(
    Action(
        code="initiatives.discontinued",
        label=_("Discontinued"),
        question=_("Mark “%(subject)s” as discontinued?"),
        apply=_to(Status.DISCONTINUED),
        next_url=_detail,
    )
)


def _answers(initiative: Initiative) -> list[str]:
    """The one-click answers that fit the initiative's status (an idea cannot be completed)."""
    found = [STILL_ON_TRACK.code]
    if Status.COMPLETED in services.STATUS_TRANSITIONS[initiative.status]:
        found.append(COMPLETED.code)
    if Status.DISCONTINUED in services.STATUS_TRANSITIONS[initiative.status]:
        found.append(DISCONTINUED.code)
    return found


def _contacts_with_login() -> Prefetch:
    return Prefetch(
        "contact_persons",
        queryset=Person.objects.filter(user__is_active=True).select_related("user").order_by("pk"),
        to_attr="contacts_with_login",
    )


def _stale_send(now: datetime) -> int:
    period = timedelta(days=settings.SILTA_STALE_AFTER_DAYS)
    stale = (
        Initiative.objects.filter(status__in=OPEN_STATUSES, updated_at__lt=now - period)
        .filter(contact_persons__user__is_active=True)
        .distinct()
        .prefetch_related(_contacts_with_login())
    )
    sent = 0
    for initiative in stale.iterator(chunk_size=200):
        # One reminder per period without a change: the key holds the last change and how many periods passed.
        periods = (now - initiative.updated_at) // period
        changed = initiative.updated_at.strftime("%Y%m%dT%H%M%S%f")
        for person in initiative.contacts_with_login:
            notification = notification_send(
                recipient=person.user,
                kind=STALE.code,
                key=f"initiatives.stale:{initiative.pk}:{changed}:{periods}:{person.user_id}",
                subject=initiative,
                url=_detail(initiative),
                context={
                    "initiative": initiative,
                    "days": (now - initiative.updated_at).days,
                    "outcome_url": absolute_url(reverse("initiatives:edit", args=[initiative.pk]) + "#rows-outcomes"),
                },
                actions=_answers(initiative),
                now=now,
            )
            sent += notification is not None
    return sent


def _outcome_missing_send(now: datetime) -> int:
    completed = (
        Initiative.objects.filter(status=Status.COMPLETED)
        .filter(~Exists(Outcome.objects.filter(initiative=OuterRef("pk"))))
        .filter(Q(contact_persons__user__is_active=True))
        .distinct()
        .prefetch_related(_contacts_with_login())
    )
    sent = 0
    for initiative in completed.iterator(chunk_size=200):
        for person in initiative.contacts_with_login:
            notification = notification_send(
                recipient=person.user,
                kind=OUTCOME_MISSING.code,
                key=f"initiatives.outcome_missing:{initiative.pk}:{person.user_id}",
                subject=initiative,
                url=reverse("initiatives:edit", args=[initiative.pk]) + "#rows-outcomes",
                context={"initiative": initiative},
                now=now,
            )
            sent += notification is not None
    return sent


def initiative_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the contact persons (those with a login) of stale initiatives and ask those of completed ones
    without an outcome for one; each reminder once. Returns how many were sent."""
    now = now or timezone.now()
    return _stale_send(now) + _outcome_missing_send(now)
