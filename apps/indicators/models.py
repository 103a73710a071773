from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Indicator(models.Model):
    """A cross-sector measurement from the catalogue; name, plain description and formula in fi, sv and en."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Theme(models.TextChoices):
        SILOS = "silos", _("Silos")
        MONEY = "money", _("Money")
        PEOPLE = "people", _("People")
        PREMISES = "premises", _("Premises")
        STRATEGY = "strategy", _("Strategy")
        TRUST = "trust", _("Trust")

    class Unit(models.TextChoices):
        SHARE = "share", _("Share")
        COUNT = "count", _("Count")
        DAYS = "days", _("Days")
        INDEX = "index", _("Index")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    theme = models.CharField(_("theme"), max_length=10, choices=Theme.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    scopes = ArrayField(models.CharField(max_length=10), verbose_name=_("scopes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # One column per language beside these (translation.py); the catalogue (catalogue.py) writes all three.
    name = models.CharField(_("name"), max_length=120, default="")
    description = models.TextField(_("description"), default="")
    # The exact definition behind "How is this computed?"; the description says the same in everyday words.
    formula = models.TextField(_("how it is computed"), default="")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Scope(models.TextChoices):
    CITY = "city", _("City")
    SECTOR = "sector", _("Sector")
    PROGRAMME = "programme", _("Programme")
    SPACE = "space", _("Space")
    GOAL = "goal", _("Strategy goal")
    PAIR = "pair", _("Sector pair")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class PeriodSummary(models.Model):
    """A row the computation writes for one period and overwrites on the next run: values and cached summaries."""

    period_kind = models.CharField(_("period kind"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        abstract = True


class IndicatorValue(PeriodSummary):
    """One computed value; recomputing a period overwrites its rows, never adds duplicates."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    # The sector, programme, space or strategy goal id; 0 for the whole city, so the unique constraint needs no
    # NULL handling.
    scope_id = models.BigIntegerField(_("scope id"), default=0)
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "scope", "scope_id", "period_kind", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope", "scope_id", "period_kind", "period_start"],
                name="%(app_label)s_%(class)s_one_per_period",
            ),
        ]
        indexes = [
            models.Index(fields=["period_kind", "period_start", "scope"], name="indicators_value_period_idx"),
            # The dashboards' cache version: the newest computed_at, read on every dashboard request.
            models.Index(fields=["-computed_at"], name="indicators_value_computed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.scope}:{self.scope_id} {self.period_kind} {self.period_start}"


class IndicatorRun(models.Model):
    """One computation run: when it started and finished, how many values it wrote, and what failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    # A UUID, not a counter: a task message that outlives its database (a test run, a restore) can never
    # be mistaken for a job of another run.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    period_kinds = ArrayField(
        models.CharField(max_length=10, choices=PeriodKind.choices), verbose_name=_("period kinds")
    )
    # Empty dates mean "the previous and the current period" of each kind, as of when the run executes.
    since = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    jobs_total = models.PositiveSmallIntegerField(_("jobs"), default=0)
    # "code:kind" of every finished job: a job redelivered after a worker crash is not counted twice.
    jobs_done = ArrayField(models.CharField(max_length=60), verbose_name=_("finished jobs"), default=list, blank=True)
    values_written = models.PositiveIntegerField(_("values written"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # The reaper's clock: a run unfinished at its deadline fails, and one whose jobs stopped coming in has its
    # missing jobs queued again (a lost message, a job parked in "unacked", a failure nobody could record).
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    progressed_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    requeues = models.PositiveSmallIntegerField(_("re-queues"), default=0)

    class Meta:
        verbose_name = _("indicator run")
        verbose_name_plural = _("indicator runs")
        ordering = ["-created_at"]
        constraints = [
            # "Recompute now" pressed again, or the nightly run while one is under way, joins that run.
            models.UniqueConstraint(
                fields=["period_kinds"],
                condition=models.Q(since__isnull=True, until__isnull=True, status__in=["queued", "running"]),
                name="%(app_label)s_%(class)s_one_unfinished_recent",
                violation_error_message=_("A computation of the recent periods is already under way."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["progressed_at"],
                condition=models.Q(status__in=["queued", "running"]),
                name="indicators_run_unfinished_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{', '.join(self.period_kinds)} ({self.status})"

    @property
    def progress_percent(self) -> int:
        return round(100 * len(self.jobs_done) / self.jobs_total) if self.jobs_total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_RUN_STATUSES


# A run in one of these states does no more work (the dashboards' computation state asks the same in SQL).
FINISHED_RUN_STATUSES = (IndicatorRun.Status.SUCCEEDED, IndicatorRun.Status.FAILED)


class SectorTie(PeriodSummary):
    """A cached summary for the collaboration network: how many active initiatives two sectors share in a period.

    Computed with the indicators, so the network view reads a few rows instead of the raw participations.
    """

    sector_a = models.ForeignKey("sectors.Sector", on_delete=models.CASCADE, related_name="+")
    sector_b = models.ForeignKey("sectors.Sector", on_delete=models.CASCADE, related_name="+")
    # 0 for ties over all initiatives; otherwise ties within one programme's initiatives.
    programme_id = models.BigIntegerField(_("programme"), default=0)
    initiatives = models.PositiveIntegerField(_("shared initiatives"))

    class Meta:
        verbose_name = _("sector tie")
        verbose_name_plural = _("sector ties")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "programme_id", "sector_a", "sector_b"],
                name="%(app_label)s_%(class)s_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(sector_a__lt=models.F("sector_b")), name="%(app_label)s_%(class)s_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector_a_id}–{self.sector_b_id} {self.period_kind} {self.period_start}: {self.initiatives}"


class UnitNode(PeriodSummary):
    """A cached summary for the unit network: one unit taking part in active initiatives in a period, with its
    community (Louvain; 0 is the largest) and betweenness centrality, computed by the indicator run
    (computations/units.py) so the network page never computes a graph on a request."""

    unit = models.ForeignKey("sectors.Unit", on_delete=models.CASCADE, related_name="+")
    community = models.PositiveIntegerField(_("community"))
    betweenness = models.FloatField(_("betweenness"))
    ties = models.PositiveIntegerField(_("ties"))
    initiatives = models.PositiveIntegerField(_("active initiatives"))
    # The ids of those initiatives, so clicking a unit on the network page lists them without a query of the
    # participations on the request.
    initiative_ids = ArrayField(models.BigIntegerField(), verbose_name=_("initiatives"), default=list)
    # The single most central unit of the period: the one the bridge dependence indicator is about.
    is_hub = models.BooleanField(_("most central"), default=False)

    class Meta:
        verbose_name = _("unit network node")
        verbose_name_plural = _("unit network nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "unit"], name="%(app_label)s_%(class)s_one_per_period"
            ),
            models.UniqueConstraint(
                fields=["period_kind", "period_start"],
                condition=models.Q(is_hub=True),
                name="%(app_label)s_%(class)s_one_hub_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_kind} {self.period_start}: community {self.community}"


class UnitTie(PeriodSummary):
    """A cached summary for the unit network: how many active initiatives two units share in a period."""

    unit_a = models.ForeignKey("sectors.Unit", on_delete=models.CASCADE, related_name="+")
    unit_b = models.ForeignKey("sectors.Unit", on_delete=models.CASCADE, related_name="+")
    initiatives = models.PositiveIntegerField(_("shared initiatives"))

    class Meta:
        verbose_name = _("unit tie")
        verbose_name_plural = _("unit ties")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "unit_a", "unit_b"],
                name="%(app_label)s_%(class)s_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_a__lt=models.F("unit_b")), name="%(app_label)s_%(class)s_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_a_id}–{self.unit_b_id} {self.period_kind} {self.period_start}: {self.initiatives}"


class PersonNode(PeriodSummary):
    """A cached summary for the person network: a contact person of active initiatives in a period, with their
    community and betweenness (who actually links groups, beside who is marked a boundary spanner)."""

    person = models.ForeignKey("sectors.Person", on_delete=models.CASCADE, related_name="+")
    community = models.PositiveIntegerField(_("community"))
    betweenness = models.FloatField(_("betweenness"))
    ties = models.PositiveIntegerField(_("ties"))
    initiatives = models.PositiveIntegerField(_("active initiatives"))
    initiative_ids = ArrayField(models.BigIntegerField(), verbose_name=_("initiatives"), default=list)
    is_hub = models.BooleanField(_("most central"), default=False)

    class Meta:
        verbose_name = _("person network node")
        verbose_name_plural = _("person network nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "person"], name="%(app_label)s_%(class)s_one_per_period"
            ),
            models.UniqueConstraint(
                fields=["period_kind", "period_start"],
                condition=models.Q(is_hub=True),
                name="%(app_label)s_%(class)s_one_hub_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.period_kind} {self.period_start}: community {self.community}"


class PersonTie(PeriodSummary):
    """A cached summary for the person network: how many active initiatives two contact persons share."""

    person_a = models.ForeignKey("sectors.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("sectors.Person", on_delete=models.CASCADE, related_name="+")
    initiatives = models.PositiveIntegerField(_("shared initiatives"))

    class Meta:
        verbose_name = _("person tie")
        verbose_name_plural = _("person ties")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "person_a", "person_b"],
                name="%(app_label)s_%(class)s_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="%(app_label)s_%(class)s_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id} {self.period_kind} {self.period_start}: {self.initiatives}"


class SpaceHourUsage(PeriodSummary):
    """A cached summary for the premises heatmap: confirmed hours booked per weekday and hour of a period."""

    # The space, or 0 for all bookable spaces together.
    space_id = models.BigIntegerField(_("space"))
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday
    hour = models.PositiveSmallIntegerField(_("hour"))
    booked_hours = models.FloatField(_("booked hours"))

    class Meta:
        verbose_name = _("hourly space use")
        verbose_name_plural = _("hourly space use")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "space_id", "weekday", "hour"],
                name="%(app_label)s_%(class)s_one_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space_id} {self.period_kind} {self.period_start} {self.weekday}/{self.hour}: {self.booked_hours}"


class IndicatorTarget(models.Model):
    """A manager's goal for one indicator in one scope: reach ``value`` by ``target_date``, optionally from a
    baseline. Shares are fractions (0.3 for 30 %), as the values are."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    # As on IndicatorValue: the sector, programme or space id, 0 for the whole city.
    scope_id = models.BigIntegerField(_("scope id"), default=0)
    value = models.FloatField(_("target value"))
    target_date = models.DateField(_("target date"))
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator__position", "scope", "scope_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope", "scope_id"],
                name="%(app_label)s_%(class)s_one_per_scope",
                violation_error_message=_("This indicator already has a target for this scope."),
            ),
            models.CheckConstraint(
                condition=models.Q(scope="city", scope_id=0) | (~models.Q(scope="city") & models.Q(scope_id__gt=0)),
                name="%(app_label)s_%(class)s_scope_id_fits_scope",
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_date__isnull=True) | models.Q(baseline_date__lt=models.F("target_date")),
                name="%(app_label)s_%(class)s_baseline_before_target",
                violation_error_message=_("The baseline date must be before the target date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.scope}:{self.scope_id} → {self.value} ({self.target_date})"
