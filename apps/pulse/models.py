"""Pulse surveys: partners rate each other's collaboration on trust and value (after the PARTNER tool).

A round is opened for some initiatives; each of their contact persons gets a personal link (an invitation) and
answers once per round (a response, with a rating of each other unit they worked with and their wished ties). The
response keeps the respondent's unit and sector; the link to the person is removed when the round closes, with
every timestamp that could tie a response back to an invitation.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The six items, three of trust and three of value, on a scale of 1 (not at all) to 4 (very much).
TRUST_ITEMS = ("reliability", "mission", "openness")
VALUE_ITEMS = ("influence", "involvement", "resources")
ITEMS = TRUST_ITEMS + VALUE_ITEMS
SCALE = (1, 2, 3, 4)


class PulseRound(models.Model):
    """One survey round: which initiatives, which period of their work it asks about, and when it closes."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulse_rounds",
    )
    # Set: a programme lead's round of their programme; empty: a manager's round for the city.
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pulse_rounds",
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives"), related_name="pulse_rounds"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    closes_on = models.DateField(_("closing date"), help_text=_("Answers can be given and changed until this day."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pulse round")
        verbose_name_plural = _("pulse rounds")
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="%(app_label)s_%(class)s_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True) | Q(state="closed", closed_at__isnull=False),
                name="%(app_label)s_%(class)s_closed_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["state", "closes_on"], name="pulse_round_state_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def closes_at(self) -> datetime:
        """The end of the closing day in the city's time: the last moment answers are taken."""
        return timezone.make_aware(datetime.combine(self.closes_on + timedelta(days=1), time.min))

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN and timezone.now() < self.closes_at


class PulseInvitation(models.Model):
    """One person asked in one round; their link carries this row's id, signed (apps.pulse.tokens)."""

    round = models.ForeignKey(PulseRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "sectors.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="pulse_invitations"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # Only whether, never when: a time would tie the invitation to its response once the person link is gone.
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("pulse invitation")
        verbose_name_plural = _("pulse invitations")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="%(app_label)s_%(class)s_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.person_id}"


class PulseResponse(models.Model):
    """One respondent's answers in one round. ``person`` is emptied when the round closes; unit and sector stay."""

    round = models.ForeignKey(PulseRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        "sectors.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulse_responses",
    )
    unit = models.ForeignKey("sectors.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey("sectors.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+")
    # Emptied with the person when the round closes.
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pulse response")
        verbose_name_plural = _("pulse responses")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=Q(person__isnull=False),
                name="%(app_label)s_%(class)s_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.unit_id}"


def _rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, choices=[(n, str(n)) for n in SCALE])


class PulseRating(models.Model):
    """A respondent's rating of one other unit they worked with: six items 1–4 (any may be left empty while the
    round is open) and what the collaboration achieved."""

    response = models.ForeignKey(
        PulseResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="ratings"
    )
    rated_unit = models.ForeignKey(
        "sectors.Unit", verbose_name=_("rated unit"), on_delete=models.PROTECT, related_name="+"
    )
    rated_sector = models.ForeignKey(
        "sectors.Sector", verbose_name=_("rated sector"), on_delete=models.PROTECT, related_name="+"
    )
    reliability = _rating_field(_("reliable"))
    mission = _rating_field(_("supports the mission"))
    openness = _rating_field(_("open to discussion"))
    influence = _rating_field(_("power and influence"))
    involvement = _rating_field(_("level of involvement"))
    resources = _rating_field(_("resources contributed"))
    achieved = models.TextField(_("what the collaboration achieved"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("pulse rating")
        verbose_name_plural = _("pulse ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "rated_unit"], name="%(app_label)s_%(class)s_once_per_unit"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item}__isnull": True}) | Q(**{f"{item}__gte": 1, f"{item}__lte": 4}),
                    name=f"%(app_label)s_%(class)s_{item}_in_scale",
                )
                for item in ITEMS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} → {self.rated_unit_id}"


class PulseWish(models.Model):
    """ "Whom would you like to work with next?": a unit or a person, from one response."""

    response = models.ForeignKey(
        PulseResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="wishes"
    )
    unit = models.ForeignKey(
        "sectors.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "sectors.Person", verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("wished partner")
        verbose_name_plural = _("wished partners")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False),
                name="%(app_label)s_%(class)s_unit_or_person",
            ),
            models.UniqueConstraint(
                fields=["response", "unit"], condition=Q(unit__isnull=False), name="%(app_label)s_%(class)s_unit_once"
            ),
            models.UniqueConstraint(
                fields=["response", "person"],
                condition=Q(person__isnull=False),
                name="%(app_label)s_%(class)s_person_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} → {self.unit_id or self.person_id}"
