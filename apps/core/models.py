"""Models of the core app: what every feature app shares."""

from __future__ import annotations

import hashlib

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail written in the transaction of the change it reports; a Celery task sends it, once.

    ``key`` names the event (``premises.booking_decision:42``): the same event never writes a second e-mail, and
    a task delivered twice finds the row sent and sends nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    # The same message as HTML, sent beside the plain text (multipart/alternative); blank: plain text only.
    html_body = models.TextField(_("HTML body"), blank=True, default="")
    # Extra headers of the message (List-Unsubscribe for a notification), sent as they are.
    headers = models.JSONField(_("headers"), blank=True, default=dict)
    # Files sent with the message, read from Django's storage when it is sent (the monthly board report's PDF):
    # [{"name": shown file name, "path": storage path, "content_type": MIME type}].
    attachments = models.JSONField(_("attachments"), blank=True, default=list)
    from_email = models.CharField(_("sender"), max_length=254)
    to = ArrayField(models.EmailField(max_length=254), verbose_name=_("recipients"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="%(app_label)s_%(class)s_sent_at_when_sent",
            ),
        ]
        # The sweep for e-mails whose task was lost reads only the few that wait.
        indexes = [
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="core_outgoingemail_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {', '.join(self.to)} ({self.status})"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a receiving system can tell a duplicate from a new message."""
        domain = self.from_email.rpartition("@")[2].strip("> ") or "localhost"
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:16]
        return f"<silta.{self.pk}.{digest}@{domain}>"


class Vocabulary(models.Model):
    """A word list the admins keep (an initiative's themes, a person's topics): a unique name and identifier."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("identifier"), max_length=100, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def end_after_start() -> models.CheckConstraint:
    """The database's own guard that dated work (an initiative, a programme) does not end before it starts."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
        name="%(app_label)s_%(class)s_end_after_start",
    )
