from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import Vocabulary, end_after_start
from apps.core.numbers import grouped
from apps.core.translated import active_language
from apps.sectors.models import Language


class Theme(Vocabulary):
    """A theme an initiative works on (e.g. loneliness, climate, youth employment)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Initiative(models.Model):
    """A joint initiative of units from one or more sectors: the unit of cross-sector work that Silta measures."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DISCONTINUED = "discontinued", _("Discontinued")

    class CollaborationForm(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue")
        COUNCIL = "council", _("Council")
        GRANT = "grant", _("Grant")
        PARTNERSHIP = "partnership", _("Partnership (IOP)")
        PROJECT = "project", _("Project")
        NETWORK = "network", _("Network")
        EVENT = "event", _("Event")

    title = models.CharField(_("title"), max_length=200)
    # The row's id in a spreadsheet import (any text, e.g. another register's id): importing the file again finds
    # the same initiative. Empty for initiatives made in Silta itself until their first export for editing.
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        default="",
        db_default="",  # rows written in SQL (bench/generate.py)
        help_text=_("The initiative's id in an imported spreadsheet."),
    )
    description = models.TextField(_("description"), blank=True)
    # The title and description stay as their author wrote them (unlike reference data, which is translated).
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=Language.choices,
        default=active_language,
        db_default="fi",  # rows written in SQL (bench/generate.py)
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.IDEA)
    collaboration_form = models.CharField(_("collaboration form"), max_length=15, choices=CollaborationForm.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,  # a programme something refers to is archived, not deleted
        null=True,
        blank=True,
        related_name="initiatives",
    )
    strategy_goals = models.ManyToManyField(
        "strategy.StrategyGoal", verbose_name=_("strategy goals"), blank=True, related_name="initiatives"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="initiatives")
    contact_persons = models.ManyToManyField(
        "sectors.Person", verbose_name=_("contact persons"), blank=True, related_name="contact_for_initiatives"
    )
    involves_residents = models.BooleanField(_("residents take part"), default=False)
    involves_ngos = models.BooleanField(_("NGOs take part"), default=False)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        db_default=False,  # rows written in SQL (the benchmark city, older importers) are not public
        help_text=_(
            "Shown on the city's public pages and in its open data: the title, description, sectors and units, "
            "period and results, never the contact persons. Write nothing personal in the description."
        ),
    )
    resident_participants = models.PositiveIntegerField(_("resident participants"), null=True, blank=True)
    # How much the initiative counts in its programme's and strategy goals' progress (progress.py); equal by default.
    weight = models.PositiveSmallIntegerField(
        _("weight in the roll-up"),
        default=1,
        db_default=1,  # rows written in SQL (bench/generate.py)
        validators=[MinValueValidator(1)],
        help_text=_(
            "How much this initiative counts when its programme's and strategy goals' progress is worked out "
            "from their initiatives' outcomes: 2 counts twice as much as 1."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_initiatives",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The table has one column more, ``search``: the free-text search's document (title, the names of the units
    # taking part and of the themes in every language, description), which only the database's triggers write
    # (migration 0010) and apps.initiatives.selectors.initiative_search reads. Not declared here on purpose: no save,
    # no history row and no list query carries it.
    history = HistoricalRecords(m2m_fields=[strategy_goals, themes, contact_persons])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-start_date", "pk"]
        indexes = [
            models.Index(fields=["status", "start_date", "end_date"], name="initiatives_status_period_idx"),
            # The list's default order: a page reads 25 index entries instead of sorting every initiative.
            models.Index(fields=["-start_date", "id"], name="initiatives_start_order_idx"),
        ]
        constraints = [
            end_after_start(),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="%(app_label)s_%(class)s_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The check constraint guards the database; this says it beside the field.
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def sector_names(self) -> list[str]:
        """The sectors taking part, each once (uses prefetched participations with units and sectors)."""
        return sorted({participation.unit.sector.name for participation in self.participations.all()})


# The fields a person edits, shared by the browser form and the API serializer (which adds what it only reads).
INITIATIVE_FIELDS = [
    "title",
    "description",
    "language",
    "status",
    "collaboration_form",
    "start_date",
    "end_date",
    "programme",
    "strategy_goals",
    "themes",
    "contact_persons",
    "involves_residents",
    "involves_ngos",
    "resident_participants",
    "weight",
    "is_public",
]


class Participation(models.Model):
    """A unit taking part in an initiative, in one role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        VENUE = "venue", _("Venue")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="participations"
    )
    unit = models.ForeignKey(
        "sectors.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PARTNER)
    joined_on = models.DateField(_("joined on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["joined_on", "pk"]
        indexes = [
            # The sector and unit filters: from a sector's units to their initiatives, read from the index alone.
            models.Index(fields=["unit", "initiative"], name="initiatives_unit_taking_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "unit", "role"], name="%(app_label)s_%(class)s_unique_role"),
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(role="lead"), name="%(app_label)s_%(class)s_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


# A row's own fields; the form edits them inside its initiative's form, the API names the initiative as well.
PARTICIPATION_FIELDS = ["unit", "role", "joined_on"]


class Funding(models.Model):
    """Money for an initiative, from a city unit or an external source; allocated versus spent."""

    class Instrument(models.TextChoices):
        SECTOR_BUDGET = "sector_budget", _("Sector budget")
        PROGRAMME_BUDGET = "programme_budget", _("Programme budget")
        GRANT = "grant", _("Grant")
        EXTERNAL = "external", _("External funding")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="fundings"
    )
    source_unit = models.ForeignKey(
        "sectors.Unit",
        verbose_name=_("source unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fundings",
    )
    external_source = models.CharField(_("external source"), max_length=200, blank=True)
    # The funding line's id in an imported spreadsheet: the next import finds the same funding line.
    external_id = models.CharField(_("external id"), max_length=100, blank=True, default="", db_default="")

    instrument = models.CharField(_("instrument"), max_length=20, choices=Instrument.choices)
    allocated = models.DecimalField(
        _("allocated (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    spent = models.DecimalField(
        _("spent (€)"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=0), name="%(app_label)s_%(class)s_allocated_not_negative"
            ),
            models.CheckConstraint(condition=Q(spent__gte=0), name="%(app_label)s_%(class)s_spent_not_negative"),
            models.CheckConstraint(
                condition=(Q(source_unit__isnull=False) & Q(external_source=""))
                | (Q(source_unit__isnull=True) & ~Q(external_source="")),
                name="%(app_label)s_%(class)s_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_unit or self.external_source}: {grouped(self.allocated, 2)} €"

    def clean(self) -> None:
        if (self.source_unit_id is None) == (not self.external_source):
            raise ValidationError(
                {"external_source": _("Give either a source unit or an external source, not both and not neither.")}
            )


FUNDING_FIELDS = ["source_unit", "external_source", "instrument", "allocated", "spent", "year"]


class Outcome(models.Model):
    """A recorded result of an initiative: its progress towards its target, in % or measured in numbers.

    With a baseline and a target (and a unit), the result is measured: once the actual value is given, the
    attainment is (actual − baseline) / (target − baseline), kept to 0…1, and the progress % follows it
    (:meth:`attainment`, ``progress.py``). Without numbers, the progress % is the person's own estimate.
    """

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="outcomes"
    )
    text = models.TextField(_("result"))
    # The outcome's id in an imported spreadsheet: the next import finds the same outcome.
    external_id = models.CharField(_("external id"), max_length=100, blank=True, default="", db_default="")

    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True, help_text=_("Where it started.")
    )
    target = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True, help_text=_("Where it should get.")
    )
    actual = models.DecimalField(
        _("actual value"), max_digits=16, decimal_places=4, null=True, blank=True, help_text=_("Where it is now.")
    )
    unit = models.CharField(
        _("unit of measure"),
        max_length=40,
        blank=True,
        default="",
        db_default="",
        help_text=_("E.g. participants, %, visits a month."),
    )
    recorded_on = models.DateField(_("recorded on"))
    # Who entered it: a partner changes only the outcomes they recorded themselves (initiatives.permissions).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-recorded_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_0_100"
            ),
            # A measured result has both ends of its scale, a unit, and ends that differ (else no share of the way).
            models.CheckConstraint(
                condition=Q(baseline__isnull=True, target__isnull=True)
                | Q(baseline__isnull=False, target__isnull=False),
                name="%(app_label)s_%(class)s_baseline_with_target",
                violation_error_message=_("Give both the baseline and the target value, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(target__isnull=False),
                name="%(app_label)s_%(class)s_actual_needs_target",
                violation_error_message=_("An actual value needs a baseline and a target value."),
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | ~Q(target=models.F("baseline")),
                name="%(app_label)s_%(class)s_target_differs_from_baseline",
                violation_error_message=_("The target value must differ from the baseline."),
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True, unit="") | (Q(target__isnull=False) & ~Q(unit="")),
                name="%(app_label)s_%(class)s_unit_with_numbers",
                violation_error_message=_(
                    "A baseline and a target value need a unit of measure, and a unit needs them."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_measured(self) -> bool:
        """Has a baseline, a target and an actual value: its progress follows the numbers."""
        return None not in (self.baseline, self.target, self.actual)

    def attainment(self) -> Decimal | None:
        """(actual − baseline) / (target − baseline) kept to 0…1; None unless measured (the roll-up's SQL,
        ``progress.py``, computes the same)."""
        if not self.is_measured or self.target == self.baseline:
            return None
        share = (Decimal(self.actual) - Decimal(self.baseline)) / (Decimal(self.target) - Decimal(self.baseline))
        return min(max(share, Decimal(0)), Decimal(1))

    def measured_progress(self) -> int | None:
        """The progress % the numbers give (half up), or None unless measured."""
        share = self.attainment()
        return None if share is None else int((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def clean(self) -> None:
        # The check constraints guard the database; these say it beside the field.
        errors: dict[str, str] = {}
        if (self.baseline is None) != (self.target is None):
            missing = "target" if self.target is None else "baseline"
            errors[missing] = _("Give both the baseline and the target value, or neither.")
        elif self.target is not None and self.target == self.baseline:
            errors["target"] = _("The target value must differ from the baseline.")
        if self.actual is not None and self.target is None and "target" not in errors:
            errors["target"] = _("An actual value needs a baseline and a target value.")
        if self.target is not None and not self.unit.strip():
            errors["unit"] = _("Say what the numbers count (the unit of measure).")
        elif self.target is None and self.baseline is None and self.unit.strip():
            errors["unit"] = _("A unit of measure goes with a baseline and a target value.")
        if errors:
            raise ValidationError(errors)


OUTCOME_FIELDS = ["text", "indicator", "progress", "baseline", "target", "actual", "unit", "recorded_on"]
