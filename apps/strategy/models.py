from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategyGoal(models.Model):
    """A goal of the city strategy or of a sector programme under it; goals form a tree."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Short reference, e.g. 2.3"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        "sectors.Sector",
        verbose_name=_("owning sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategy_goals",
        help_text=_("Empty for goals of the whole city strategy."),
    )

    class Meta:
        verbose_name = _("strategy goal")
        verbose_name_plural = _("strategy goals")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="%(app_label)s_%(class)s_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def depth(self) -> int:
        return self.code.count(".")
