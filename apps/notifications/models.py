"""Notifications: what a person is told (in the app and by e-mail), what they want to be told, and the signed
one-click answers that reminder mails carry."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a person wants one kind of notification."""

    EMAIL = "email", _("E-mail and in the app")
    IN_APP = "in_app", _("Only in the app")
    OFF = "off", _("Off")


class Notification(models.Model):
    """One thing one person is told, once: ``key`` names the event for that person, so a task that runs twice (or
    two workers at once) never tells it twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Written in the recipient's language when the event happened, like the e-mail.
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The bell on every page counts a person's unread ones.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notifications_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notifications_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id__isnull=True)
                | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="%(app_label)s_%(class)s_subject_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}: {self.title}"


class NotificationSetting(models.Model):
    """One person's choice for one kind; without a row the kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    kind = models.CharField(_("kind"), max_length=80)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    # For periodic kinds (the weekly digest): the day of the week it comes, Monday = 0.
    weekday = models.PositiveSmallIntegerField(_("day of the week"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="%(app_label)s_%(class)s_one_per_kind"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="%(app_label)s_%(class)s_weekday_valid"),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="%(app_label)s_%(class)s_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class ActionToken(models.Model):
    """A one-click answer in a mail: applies ``action`` to the subject as ``user``, once, before ``expires_at``.

    The link carries the id signed with the secret key (apps.notifications.tokens), so a changed link is refused
    before the database is asked; ``used_at`` makes it single-use.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="action_tokens"
    )
    action = models.CharField(_("action"), max_length=80)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-click answer")
        verbose_name_plural = _("one-click answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="%(app_label)s_%(class)s_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_type_id}:{self.subject_id} by {self.user_id}"
