"""Partner wanted: someone says what partner they look for, others who could be it answer with one click.

Finding a partner in another sector "took three years". A request names the topics, the sectors wanted, the area
and the period; it is found by full-text search (PostgreSQL's Finnish, Swedish and simple configurations, in a
stored column with a GIN index) and shown on the home page of those it matches. An answer puts the two in touch
by e-mail; one answer per person and request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.search import FULL_TEXT_CONFIGS
from apps.sectors.models import Sector, Topic, Unit
from apps.strategy.models import StrategyGoal


def _search_document() -> SearchVector:
    """What the search reads, the title weighing most (apps.core.search.full_text_query builds the query)."""
    vectors = [
        SearchVector("title", config=config, weight="A")
        + SearchVector("description", "area", config=config, weight="B")
        for config in FULL_TEXT_CONFIGS
    ]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return document


class PartnerRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        related_name="partner_requests",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests",
        help_text=_("The unit looking for a partner (the author's, when posted)."),
    )
    title = models.CharField(_("what partner you look for"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="partner_requests")
    sectors_wanted = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors wanted"),
        blank=True,
        related_name="partner_requests",
        help_text=_("Leave empty if any sector will do."),
    )
    strategy_goals = models.ManyToManyField(
        StrategyGoal, verbose_name=_("strategy goals"), blank=True, related_name="partner_requests"
    )
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("Where, e.g. a district or the whole city.")
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    search = models.GeneratedField(expression=_search_document(), output_field=SearchVectorField(), db_persist=True)

    class Meta:
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search"], name="partner_requests_search_idx"),
            models.Index(F("status"), F("created_at").desc(), name="partner_requests_open_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="partner_requests_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | Q(status="closed", closed_at__isnull=False),
                name="partner_requests_closed_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PartnerAnswer(models.Model):
    """Someone could be the partner asked for: the two are put in touch by e-mail."""

    request = models.ForeignKey(
        PartnerRequest, verbose_name=_("partner request"), on_delete=models.CASCADE, related_name="answers"
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="partner_answers",
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "responder"], name="partner_requests_one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.request} ← {self.responder}"
