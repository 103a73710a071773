"""The partner requests' notification kind: an answer puts the author and the responder in touch, each told who
the other is and how to reach them (in their own language, through the notification machinery)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.notifications.kinds import Kind, register

IN_TOUCH = register(
    Kind(
        code="partner_requests.in_touch",
        label=_("Answers to partner requests"),
        help_text=_(
            "Someone answered your partner request, or you answered one: who the other is and how to reach them."
        ),
        template="partner_requests/notifications/in_touch",
    )
)
