"""The programmes app's notification kinds: the lead of a programme is reminded to prepare the agenda of a meeting
``SILTA_MEETING_REMINDER_DAYS`` days before it, and to review a decision or agreement whose review date has come.
Beat runs :func:`meeting_agenda_reminders_send` and :func:`decision_review_reminders_send` daily."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.notifications.kinds import Kind, city_staff, register
from apps.notifications.services import notification_send
from apps.programmes.models import Decision, Meeting

MEETING_AGENDA = register(
    Kind(
        code="programmes.meeting_agenda",
        label=_("Agenda reminders for programme meetings"),
        help_text=_("A meeting of a programme you lead is a week away: time to send its agenda."),
        template="programmes/notifications/meeting_agenda",
        offered_to=city_staff,
    )
)


DECISION_REVIEW = register(
    Kind(
        code="programmes.decision_review",
        label=_("Reviews of decisions and agreements"),
        help_text=_("A decision or agreement of a programme you lead has reached its review date."),
        template="programmes/notifications/decision_review",
        offered_to=city_staff,
    )
)


def decision_review_reminders_send(*, today: date | None = None) -> int:
    """Remind each programme lead (with a login) of their live decisions whose review date has come: once per
    decision and review date, so a new review date reminds again."""
    today = today or timezone.localdate()
    decisions = (
        Decision.objects.live()
        .filter(review_on__lte=today, programme__archived_at__isnull=True, programme__lead__user__is_active=True)
        .select_related("programme__lead__user")
        .order_by("review_on", "pk")
    )
    sent = 0
    for decision in decisions:
        lead = decision.programme.lead.user
        notification = notification_send(
            recipient=lead,
            kind=DECISION_REVIEW.code,
            key=f"programmes.decision_review:{decision.pk}:{decision.review_on.isoformat()}:{lead.pk}",
            subject=decision,
            url=f"{reverse('programmes:detail', args=[decision.programme_id])}#decision-{decision.pk}",
            context={"decision": decision, "programme": decision.programme},
        )
        sent += notification is not None
    return sent


def meeting_agenda_reminders_send(*, today: date | None = None) -> int:
    """Remind each programme lead (with a login) of their meetings in the coming days, once per meeting and date.

    Every meeting from today to the reminder day is looked at, so a day the beat missed is made up the next day.
    """
    today = today or timezone.localdate()
    meetings = (
        Meeting.objects.filter(
            held_on__gte=today,
            held_on__lte=today + timedelta(days=settings.SILTA_MEETING_REMINDER_DAYS),
            programme__lead__user__is_active=True,
        )
        .select_related("programme__lead__user")
        .order_by("held_on", "pk")
    )
    sent = 0
    for meeting in meetings:
        lead = meeting.programme.lead.user
        notification = notification_send(
            recipient=lead,
            kind=MEETING_AGENDA.code,
            key=f"programmes.meeting_agenda:{meeting.pk}:{meeting.held_on.isoformat()}:{lead.pk}",
            subject=meeting,
            url=reverse("programmes:detail", args=[meeting.programme_id]),
            context={"meeting": meeting, "programme": meeting.programme, "days": (meeting.held_on - today).days},
        )
        sent += notification is not None
    return sent
