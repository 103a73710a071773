"""The board report: a PDF of the dashboards for the city, a sector or a programme and a period, made by a worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.indicators.models import PeriodKind

# The scopes a board report is made for (indicator scopes the dashboards' overview shows).
REPORT_SCOPES = [("city", _("Whole city")), ("sector", _("Sector")), ("programme", _("Programme"))]


class BoardReport(models.Model):
    """One board report in one language: queued, made by ``board_report_generate_task``, then its PDF is kept.

    The same scope, period and language asked again gets this one back (unless asked anew), so a manager who
    clicks twice, or two managers, share one PDF; only one per key is being made at a time (the constraint).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be made")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    scope = models.CharField(_("for"), max_length=10, choices=REPORT_SCOPES)
    scope_id = models.PositiveIntegerField(_("sector or programme"), default=0)
    period_kind = models.CharField(_("period kind"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    # None: made for the monthly mail, asked by nobody.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Not under a public media URL: served only by the permission-checked download view.
    file = models.FileField(_("file"), upload_to="board-reports/%Y/%m/", blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="%(app_label)s_%(class)s_status_known",
            ),
            models.CheckConstraint(
                condition=Q(scope="city", scope_id=0) | (Q(scope__in=["sector", "programme"]) & Q(scope_id__gt=0)),
                name="%(app_label)s_%(class)s_scope_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="%(app_label)s_%(class)s_file_when_done"
            ),
            models.UniqueConstraint(
                fields=["scope", "scope_id", "period_kind", "period_start", "language"],
                condition=Q(status__in=["queued", "running"]),
                name="%(app_label)s_%(class)s_one_under_way",
            ),
        ]
        indexes = [
            models.Index(
                fields=["scope", "scope_id", "period_kind", "period_start", "language", "-created_at"],
                name="dashboards_boardreport_key_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_id} {self.period_kind} {self.period_start} {self.language}: {self.status}"

    @property
    def under_way(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def filename(self) -> str:
        """The name the download carries: what, for when, in which language."""
        scope = self.scope if self.scope == "city" else f"{self.scope}-{self.scope_id}"
        return f"silta-board-report-{scope}-{self.period_kind}-{self.period_start.isoformat()}-{self.language}.pdf"
