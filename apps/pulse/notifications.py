"""The pulse app's notification kinds: the personal link to a round's questionnaire, and one reminder
``SILTA_PULSE_REMINDER_DAYS`` days before the round closes to those who have not answered.

A contact person with a login is told through the notification machinery (their settings, the bell, their
language); one without a login (an NGO's or a company's contact) gets the same e-mail through the core outbox,
in the first of their languages Silta speaks. Either way the mail is a task with retries, sent once per key.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.core.services import email_queue
from apps.notifications.kinds import Kind, register
from apps.notifications.services import absolute_url, notification_send
from apps.pulse.models import PulseInvitation
from apps.pulse.tokens import invitation_token
from apps.sectors.models import Person

INVITATION = register(
    Kind(
        code="pulse.invitation",
        label=_("Pulse survey invitations"),
        help_text=_("Your personal link to a survey on how the collaboration with your partners went."),
        template="pulse/notifications/invitation",
    )
)

REMINDER = register(
    Kind(
        code="pulse.reminder",
        label=_("Pulse survey reminders"),
        help_text=_("One reminder a few days before a survey you have not answered closes."),
        template="pulse/notifications/reminder",
    )
)


def person_language(person: Person) -> str:
    """The language to write to a person in: their login's, else the first of theirs Silta speaks."""
    if person.user_id and person.user.language:
        return person.user.language
    spoken = {code for code, _name in settings.LANGUAGES}
    return next((code for code in person.languages if code in spoken), settings.LANGUAGE_CODE)


def invitation_link(invitation: PulseInvitation) -> str:
    return absolute_url(reverse("pulse:answer", args=[invitation_token(invitation)]))


def invitation_tell(*, invitation: PulseInvitation, kind: Kind, key: str) -> bool:
    """Send ``invitation``'s person the mail of ``kind`` with their link, once per ``key``; True if sent."""
    person = invitation.person
    link = invitation_link(invitation)
    context = {"name": person.full_name, "round": invitation.round, "link": link}
    user = person.user
    if user is not None and user.is_active:
        return notification_send(recipient=user, kind=kind.code, key=key, url=link, context=context) is not None
    if not person.email:
        return False
    with translation.override(person_language(person)):
        subject = " ".join(render_to_string(f"{kind.template}_subject.txt", context).split())[:300]
        text = render_to_string(f"{kind.template}.txt", context)
        html = render_to_string(f"{kind.template}.html", context)
    email_queue(key=f"notifications:{key}", subject=subject, body=text, html_body=html, to=[person.email])
    return True
