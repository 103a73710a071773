"""A partner account's membership of its organisation: asked for by the partner, decided by a member or the city.

A partner account (``User.kind`` partner) belongs to at most one organisation at a time: its membership is asked
for (pending) and then approved or refused; an approved membership can end (the person left, or was removed).
While approved, the person holds the partner role for the organisation's unit and works from that home unit, so
everything that follows a home unit (the initiatives their organisation takes part in, the spaces opened to its
kind) follows the membership.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.organisations.models import Organisation


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Member")
        REFUSED = "refused", _("Refused")
        ENDED = "ended", _("Ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(
        _("message"),
        blank=True,
        max_length=1000,
        help_text=_("What you do in the organisation, so its members and the city recognise you."),
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One organisation at a time: a second request waits until the first is decided or ended.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "approved"]),
                name="partners_one_current_membership",
                violation_error_message=_("You already belong to an organisation or are waiting to join one."),
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="partners_decided_when_not_pending",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="partners_membership_org_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_status_display()}"

    @property
    def is_current(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.APPROVED)
