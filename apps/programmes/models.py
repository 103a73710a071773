from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import end_after_start


class ArchivableQuerySet(models.QuerySet):
    """Rows kept for their history and links: lists and pickers show the live ones, archived rows stay readable."""

    def live(self) -> ArchivableQuerySet:
        return self.filter(archived_at__isnull=True)

    def archived(self) -> ArchivableQuerySet:
        return self.filter(archived_at__isnull=False)


class Programme(models.Model):
    """A cross-sector development programme with a mandate, a lead, a period and a yearly budget."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    mandate = models.TextField(_("mandate"), blank=True)
    lead = models.ForeignKey(
        "sectors.Person", verbose_name=_("programme lead"), on_delete=models.PROTECT, related_name="led_programmes"
    )
    sectors = models.ManyToManyField("sectors.Sector", verbose_name=_("sectors"), related_name="programmes")
    strategy_goals = models.ManyToManyField(
        "strategy.StrategyGoal", verbose_name=_("strategy goals"), blank=True, related_name="programmes"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    yearly_budget = models.DecimalField(
        _("yearly budget (€)"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    # The history is registered in translation.py, after modeltranslation has added each language's name column.

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            end_after_start(),
            models.CheckConstraint(
                condition=Q(yearly_budget__gte=0), name="%(app_label)s_%(class)s_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The check constraint guards the database; this says it beside the field.
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


# The fields a person edits, shared by the browser form and the API serializer (which adds what it only reads).
PROGRAMME_FIELDS = ["name", "mandate", "lead", "sectors", "strategy_goals", "start_date", "end_date", "yearly_budget"]


class Meeting(models.Model):
    """A programme meeting; attendees are persons, so the sectors present follow from their units."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        LARGE_GROUP = "large_group", _("Large-group meeting")
        WORKING_GROUP = "working_group", _("Working group")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        "sectors.Person", verbose_name=_("attendees"), blank=True, related_name="meetings"
    )
    notes = models.TextField(_("notes"), blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


# A meeting's and a decision's own fields: the form adds them on the programme's page, the API names the programme.
MEETING_FIELDS = ["kind", "title", "held_on", "attendees", "notes"]


class Decision(models.Model):
    """An agreement or decision that anchors the programme; an interim "kedge" lets a stuck process move on."""

    class Level(models.TextChoices):
        POLITICAL = "political", _("Political")
        OFFICIAL = "official", _("Official")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        AGREEMENT = "agreement", _("Agreement")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.DECISION, db_default=Kind.DECISION
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    is_kedge = models.BooleanField(_("interim (kedge) decision"), default=False)
    decided_on = models.DateField(_("date"))
    text = models.TextField(_("decision"))
    # The decision as a document: where the city's decision register has it, how long it holds, when to review it.
    register_url = models.URLField(_("link to the decision register"), max_length=500, blank=True, db_default="")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    review_on = models.DateField(
        _("review date"), null=True, blank=True, help_text=_("The programme lead is reminded from this day on.")
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_until_after_from",
                violation_error_message=_("A decision cannot stop being valid before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on}: {self.text[:60]}"


DECISION_FIELDS = [
    "kind",
    "level",
    "is_kedge",
    "decided_on",
    "text",
    "meeting",
    "register_url",
    "valid_from",
    "valid_until",
    "review_on",
]


def attachment_path(attachment: DecisionAttachment, filename: str) -> str:
    """Where the storage keeps a file: a random name under its decision, so no name a user gave (``../x.pdf``)
    ever reaches a path; the name they gave is kept in ``name`` and used only for the download."""
    return f"decisions/{attachment.decision_id}/{uuid.uuid4().hex}{attachment.extension}"


class DecisionAttachment(models.Model):
    """A document of a decision or agreement (PDF or Office), kept through Django's storage API: local disk by
    default, S3-compatible storage where a deployment configures it."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lower()
