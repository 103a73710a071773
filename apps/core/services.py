"""Writes of the core app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail


def accessibility_feedback_send(*, message: str, reply_to: str = "", page: str = "") -> None:
    """Forward accessibility feedback to the address named in the accessibility statement."""
    body = f"{message}\n\n--\nReply to: {reply_to or '(not given)'}\nPage: {page or '(not given)'}"
    send_mail(
        subject="Silta accessibility feedback",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.SILTA_ACCESSIBILITY_FEEDBACK_EMAIL],
    )
