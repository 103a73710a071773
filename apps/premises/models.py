"""Shared premises: venues, their spaces, opening hours, booking rules and bookings that never overlap."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, BigIntegerRangeField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Equipment(models.TextChoices):
    PROJECTOR = "projector", _("Projector")
    SCREEN = "screen", _("Large screen")
    SOUND = "sound", _("Sound system")
    MICROPHONES = "microphones", _("Microphones")
    PIANO = "piano", _("Piano")
    STAGE = "stage", _("Stage")
    STAGE_LIGHTS = "stage_lights", _("Stage lighting")
    KITCHEN = "kitchen", _("Kitchen")
    WHITEBOARD = "whiteboard", _("Whiteboard")
    VIDEO_CONFERENCE = "video_conference", _("Video conferencing")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    DANCE_FLOOR = "dance_floor", _("Dance floor and mirrors")
    WORKSHOP_TOOLS = "workshop_tools", _("Workshop tools")


class ExternalBookers(models.TextChoices):
    """Who besides the city's sectors may book a space; a partner organisation includes a registered association."""

    ASSOCIATIONS = "associations", _("Registered associations")
    PARTNERS = "partners", _("Any partner organisation")
    RESIDENTS = "residents", _("Residents")


class Venue(models.Model):
    """A building with bookable spaces."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    address = models.CharField(_("address"), max_length=300)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Space(models.Model):
    """A room, hall or studio in a venue, with the rules for booking it (one set of rules per space)."""

    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="spaces")
    name = models.CharField(_("name"), max_length=200)
    # The space's id in an imported spreadsheet (e.g. the facility register's): the next import finds it again.
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("The space's id in an imported spreadsheet."),
    )
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("How many people fit in at once."))
    equipment = ArrayField(
        models.CharField(max_length=30, choices=Equipment.choices),
        verbose_name=_("equipment"),
        default=list,
        blank=True,
    )
    owner_unit = models.ForeignKey(
        "sectors.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="spaces"
    )
    allowed_sectors = models.ManyToManyField(
        "sectors.Sector",
        verbose_name=_("sectors allowed to book"),
        blank=True,
        related_name="bookable_spaces",
        help_text=_("Leave empty to let every city sector book."),
    )
    # Opened premises: who outside the city's sectors may book (docs/premises.md, "Opened premises").
    open_to = ArrayField(
        models.CharField(max_length=20, choices=ExternalBookers.choices),
        verbose_name=_("open to external bookers"),
        default=list,
        db_default=[],
        blank=True,
        help_text=_("External bookers always need a premises manager's approval."),
    )
    terms_of_use = models.TextField(
        _("terms of use"),
        blank=True,
        default="",
        db_default="",
        help_text=_("An external booker must accept these to book; a booking records which text was accepted."),
    )
    # Database defaults too: rows written in SQL (the indicators' fault tests, imports of old dumps) stay valid.
    free_of_charge = models.BooleanField(_("free of charge"), default=True, db_default=True)
    price_text = models.CharField(
        _("price"),
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text=_("What using the space costs, if it is not free."),
    )
    is_bookable = models.BooleanField(_("bookable"), default=True)
    # Booking rules.
    min_duration = models.DurationField(_("shortest booking"), default=timedelta(minutes=30))
    max_duration = models.DurationField(_("longest booking"), default=timedelta(hours=8))
    lead_time = models.DurationField(
        _("lead time"), default=timedelta(hours=0), help_text=_("How long before the start a booking must be made.")
    )
    max_advance_days = models.PositiveIntegerField(
        _("bookable days ahead"), default=365, help_text=_("How far ahead bookings are taken.")
    )
    buffer = models.DurationField(
        _("buffer between bookings"),
        default=timedelta(0),
        help_text=_("Time kept free after each booking for cleaning and setting up."),
    )
    cancellation_deadline = models.DurationField(
        _("cancellation deadline"),
        default=timedelta(hours=24),
        help_text=_("A booker can cancel until this long before the start."),
    )
    weekly_quota_hours = models.PositiveIntegerField(
        _("weekly hours per booker"), null=True, blank=True, help_text=_("Leave empty for no quota.")
    )
    approval_required = models.BooleanField(
        _("approval required"), default=True, help_text=_("If not, bookings are confirmed at once.")
    )

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["venue__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="%(app_label)s_%(class)s_unique_name_in_venue"),
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="%(app_label)s_%(class)s_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(min_duration__gt=timedelta(0)) & Q(max_duration__gte=F("min_duration")),
                name="%(app_label)s_%(class)s_durations",
                violation_error_message=_(
                    "The shortest booking must be longer than zero and the longest at least as long as the shortest."
                ),
            ),
            models.CheckConstraint(condition=Q(buffer__gte=timedelta(0)), name="%(app_label)s_%(class)s_buffer"),
            models.CheckConstraint(
                condition=Q(free_of_charge=True) | ~Q(price_text=""),
                name="%(app_label)s_%(class)s_price_when_charged",
                violation_error_message=_("Say what using the space costs, or mark it free of charge."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.venue.name})"

    @property
    def open_to_labels(self) -> list[str]:
        return [str(ExternalBookers(code).label) for code in self.open_to if code in ExternalBookers.values]

    @property
    def terms_sha256(self) -> str:
        """The version of the terms a booking records: the hash of their text (empty when there are none)."""
        return hashlib.sha256(self.terms_of_use.encode()).hexdigest() if self.terms_of_use.strip() else ""

    @property
    def equipment_labels(self) -> list[str]:
        return [str(Equipment(code).label) for code in self.equipment if code in Equipment.values]


# What a premises manager edits on a space (the form, ``space_update`` and the API's space all list these).
SPACE_EDITABLE_FIELDS = (
    "name",
    "description",
    "capacity",
    "equipment",
    "is_bookable",
    "min_duration",
    "max_duration",
    "lead_time",
    "max_advance_days",
    "buffer",
    "cancellation_deadline",
    "weekly_quota_hours",
    "approval_required",
    "open_to",
    "terms_of_use",
    "free_of_charge",
    "price_text",
)


class OpeningHours(models.Model):
    """A weekly opening period of a space; ``closes`` at or before ``opens`` means it closes the next day."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["space", "weekday", "opens"]
        constraints = [
            models.UniqueConstraint(fields=["space", "weekday", "opens"], name="%(app_label)s_%(class)s_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


# One weekly opening period, as the edit page's rows and the API's space show it.
OPENING_HOURS_FIELDS = ("weekday", "opens", "closes")


class OpeningException(models.Model):
    """A day when a space keeps other hours than usual, or is closed (no hours)."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="opening_exceptions"
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True, help_text=_("Leave empty if closed all day."))
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["space", "date"]
        constraints = [
            models.UniqueConstraint(fields=["space", "date"], name="%(app_label)s_%(class)s_unique_date"),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True) | Q(opens__isnull=False, closes__isnull=False),
                name="%(app_label)s_%(class)s_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space}: {self.date}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")


class BookingPurpose(models.Model):
    """What a booking or a series is for: shared by both, so a series hands it on to its occurrences."""

    purpose = models.CharField(_("purpose"), max_length=300)
    attendees = models.PositiveIntegerField(_("attendees"))
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)s_set",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,  # a programme something refers to is archived, not deleted
        null=True,
        blank=True,
        related_name="%(class)s_set",
    )

    class Meta:
        abstract = True


class BookingSeries(BookingPurpose):
    """A recurring booking: one request, one decision and one cancellation for all its occurrences."""

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="series")
    # Empty only once the retention run has anonymised the series (``anonymised_at``).
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_series",
    )
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices)
    first_period = DateTimeRangeField(_("first occurrence"))
    until = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta(BookingPurpose.Meta):
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booker__isnull=False) | Q(anonymised_at__isnull=False),
                name="%(app_label)s_%(class)s_booker_until_anonymised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.get_recurrence_display()})"


class BookingQuerySet(models.QuerySet["Booking"]):
    def holding(self) -> BookingQuerySet:
        """Bookings that hold their slot: requested or confirmed."""
        return self.filter(status__in=Booking.HOLDING)


class Booking(BookingPurpose):
    """A space held for ``period`` = ``[start, end)``; ``held_period`` adds the space's buffer after the end."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDING = (Status.REQUESTED, Status.CONFIRMED)

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="bookings")
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    # Empty only once the retention run has anonymised the booking (``anonymised_at``); the booker's sector when
    # the booking was made stays, so the premises indicators count its hours as before (shared_space_use).
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
    )
    booker_sector = models.ForeignKey(
        "sectors.Sector",
        verbose_name=_("booker's sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The sector of the booker's home unit when the booking was made."),
    )
    period = DateTimeRangeField(_("time"))
    # What the exclusion constraint guards: the period plus the buffer the space needs after it.
    held_period = DateTimeRangeField(_("held time"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_decisions",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # An external booker accepts the space's terms of use: when, and which text (its SHA-256, Space.terms_sha256).
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    terms_sha256 = models.CharField(_("accepted terms (SHA-256)"), max_length=64, blank=True, default="", db_default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = BookingQuerySet.as_manager()

    class Meta(BookingPurpose.Meta):
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["period"]
        indexes = [
            models.Index(fields=["booker", "status"], name="premises_booking_booker_idx"),
            # Lists page through bookings in time order; without it every page sorts the whole table.
            models.Index(fields=["period", "id"], name="premises_booking_period_idx"),
            # A booker's own list and API list in time order, and the spaces they have booked (its space menu).
            models.Index(fields=["booker", "period", "id"], name="premises_booking_booker_time"),
            models.Index(fields=["booker", "space"], name="premises_booking_booker_space"),
            # The managers' queue: the few requests of their spaces among a million bookings, in time order; with
            # the series, its count and its page (a series as one row) read the index alone.
            models.Index(
                fields=["space", "period", "id"],
                include=["series"],
                condition=Q(status="requested"),
                name="premises_booking_requested",
            ),
        ]
        constraints = [
            # No double-booking, ever. Without btree_gist a GiST index cannot compare a plain integer, so the
            # space becomes the one-point range [space_id, space_id] compared with range equality.
            ExclusionConstraint(
                name="%(app_label)s_%(class)s_no_overlap",
                expressions=[
                    (
                        Func(
                            F("space_id"),
                            F("space_id"),
                            Value("[]"),
                            function="int8range",
                            output_field=BigIntegerRangeField(),
                        ),
                        RangeOperators.EQUAL,
                    ),
                    ("held_period", RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=["requested", "confirmed"]),
            ),
            models.CheckConstraint(
                condition=Q(period__startswith__isnull=False, period__endswith__isnull=False)
                & Q(period__startswith__lt=F("period__endswith")),
                name="%(app_label)s_%(class)s_bounded_period",
            ),
            models.CheckConstraint(
                condition=Q(held_period__contains=F("period")), name="%(app_label)s_%(class)s_held_covers_period"
            ),
            models.CheckConstraint(
                condition=Q(booker__isnull=False) | Q(anonymised_at__isnull=False),
                name="%(app_label)s_%(class)s_booker_until_anonymised",
            ),
            # An acceptance is when and which text, or neither.
            models.CheckConstraint(
                condition=Q(terms_accepted_at__isnull=True, terms_sha256="")
                | (Q(terms_accepted_at__isnull=False) & ~Q(terms_sha256="")),
                name="%(app_label)s_%(class)s_terms_acceptance_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space}: {self.start:%Y-%m-%d %H:%M}"

    @property
    def start(self) -> datetime:
        return self.period.lower

    @property
    def end(self) -> datetime:
        return self.period.upper

    @property
    def is_holding(self) -> bool:
        return self.status in self.HOLDING


def new_feed_secret() -> str:
    """256 random bits, URL-safe: the whole key to a calendar feed, which calendar apps fetch without a login."""
    return secrets.token_urlsafe(32)


class UserFeedToken(models.Model):
    """The secret in the address of a user's own booking feed: one per user, kept until the user renews it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="feed_token"
    )
    secret = models.CharField(_("secret"), max_length=64, unique=True, default=new_feed_secret, editable=False)
    renewed_at = models.DateTimeField(_("renewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self) -> str:
        return str(self.user)
