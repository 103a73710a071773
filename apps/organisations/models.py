"""The register of external organisations: associations, foundations, companies, congregations, public bodies.

An organisation takes part in initiatives, funds them and books spaces through its ``unit`` in an external
sector, exactly as the external units did before the register existed: the indicators count units and sectors, so
an organisation changes none of them. The register adds what a partner is beyond a unit: its business id, its
kind, its languages and topics, and where it sits in its federation (a local association → its regional district
→ the national league).
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.organisations.business_ids import normalised_business_id
from apps.sectors.models import Language, Sector, Topic, Unit


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Registered association")
        FOUNDATION = "foundation", _("Foundation")
        COMPANY = "company", _("Company")
        CONGREGATION = "congregation", _("Congregation")
        PUBLIC_BODY = "public_body", _("Other public body")
        OTHER = "other", _("Other organisation")

    class Level(models.TextChoices):
        """Where an organisation acts; a parent always acts more widely than its members (the database checks)."""

        LOCAL = "local", _("Local")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="organisation",
        help_text=_("The unit in an external sector through which the organisation takes part in initiatives."),
    )
    business_id = models.CharField(
        _("business id"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("Y-tunnus (1234567-8) or Swedish organisationsnummer (123456-7890), where there is one."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.LOCAL)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("The regional or national organisation this one belongs to."),
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices), verbose_name=_("languages"), default=list, blank=True
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="organisations")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"], condition=~models.Q(business_id=""), name="organisations_unique_business_id"
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(parent=models.F("pk")),
                name="organisations_not_own_parent",
            ),
            # National organisations have no parent: nothing acts more widely (the trigger checks the rest).
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(level="national"),
                name="organisations_national_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.unit.name

    @property
    def name(self) -> str:
        return self.unit.name

    def clean(self) -> None:
        """The register's rules in words, before the database's triggers refuse (migration 0002)."""
        super().clean()
        errors: dict[str, str] = {}
        if self.business_id:
            try:
                self.business_id = normalised_business_id(self.business_id)
            except ValueError as exc:
                errors["business_id"] = str(exc)
        if self.unit_id is not None and self.unit.sector.kind != Sector.Kind.EXTERNAL:
            errors["unit"] = _("An organisation belongs to an external sector.")
        if self.parent_id is not None:
            if self.pk is not None and self.parent_id == self.pk:
                errors["parent"] = _("An organisation cannot be its own parent organisation.")
            elif LEVEL_RANKS[self.parent.level] <= LEVEL_RANKS[self.level]:
                errors["parent"] = _(
                    "The parent organisation must act more widely (a local association under a regional or national "
                    "one, a regional one under a national one)."
                )
        if self.pk is not None and "level" not in errors:
            narrowest = max((LEVEL_RANKS[level] for level in self.members.values_list("level", flat=True)), default=-1)
            if narrowest >= LEVEL_RANKS[self.level]:
                errors["level"] = _("Its member organisations act as widely: it must act more widely than they do.")
        if errors:
            raise ValidationError(errors)


LEVEL_RANKS = {Organisation.Level.LOCAL: 0, Organisation.Level.REGIONAL: 1, Organisation.Level.NATIONAL: 2}
