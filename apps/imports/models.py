from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One uploaded spreadsheet on its way in: previewed first, written only when its uploader confirms.

    The file stays in Django's storage until the import is done (the worker reads it); ``preview`` and ``result``
    hold :class:`apps.core.tabular.kinds.Report` as JSON, the counters feed the page's progress bar.
    """

    class Status(models.TextChoices):
        PREVIEW_QUEUED = "preview_queued", _("Waiting for the preview")
        PREVIEWING = "previewing", _("Preview in progress")
        PREVIEWED = "previewed", _("Preview ready")
        IMPORT_QUEUED = "import_queued", _("Waiting to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEW_QUEUED)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    preview = models.JSONField(_("preview"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "preview_queued",
                        "previewing",
                        "previewed",
                        "import_queued",
                        "importing",
                        "done",
                        "failed",
                    ]
                ),
                name="%(app_label)s_%(class)s_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.kind}, {self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (
            self.Status.PREVIEW_QUEUED,
            self.Status.PREVIEWING,
            self.Status.IMPORT_QUEUED,
            self.Status.IMPORTING,
        )

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))
