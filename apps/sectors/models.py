from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import Vocabulary


class Sector(models.Model):
    """A city sector (culture, education, ...) or an external one (civil society, business, residents, region)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City sector")
        EXTERNAL = "external", _("External sector")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


PATH_SEPARATOR = " › "


class Unit(models.Model):
    """An organisational unit inside a sector (a department, a service, an NGO, a company), in the sector's tree.

    The tree is the organisation as the HR register has it (toimiala → tulosyksikkö → yksikkö → tiimi). The database
    keeps it a tree: never its own parent (a check), the parent in the same sector (a foreign key on
    ``(parent_id, sector_id)`` to the unique ``(id, sector_id)``) and no cycles (a constraint trigger); all three
    are in migration 0003. :meth:`clean` says the same in words first.
    """

    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The unit this one belongs to, in the same sector; empty for a unit at the top of its sector."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    # The unit's code in the city's identity provider (a department or organisation code in the login's claims),
    # so single sign-on can give a user their home unit.
    external_code = models.CharField(
        _("external code"),
        max_length=100,
        blank=True,
        default="",
        db_default="",  # also for rows written in SQL (bench/generate.py)
        help_text=_("The unit's code in the city's identity provider; single sign-on matches it to the login."),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "name"], name="%(app_label)s_%(class)s_unique_name_in_sector"),
            models.UniqueConstraint(
                fields=["external_code"],
                condition=~models.Q(external_code=""),
                name="%(app_label)s_%(class)s_unique_external_code",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(parent=models.F("pk")),
                name="%(app_label)s_%(class)s_not_own_parent",
            ),
            # The target of the (parent_id, sector_id) foreign key that keeps a parent in its child's sector.
            models.UniqueConstraint(fields=["id", "sector"], name="%(app_label)s_%(class)s_unique_id_sector"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The tree's rules in words, before the database refuses: same sector, not itself, not below itself."""
        super().clean()
        if self.sector_id is not None:
            self._clean_sector_move()
        if self.parent_id is None:
            return
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A unit cannot be its own parent unit.")})
        if self.sector_id is not None and self.parent.sector_id != self.sector_id:
            raise ValidationError(
                {"parent": _("The parent unit must be in the same sector (%(sector)s).") % {"sector": self.sector}}
            )
        if self.pk is not None and self.parent_id in _descendant_ids(self.pk):
            raise ValidationError({"parent": _("A unit cannot be moved under one of its own sub-units.")})

    def _clean_sector_move(self) -> None:
        if self.pk is not None and self.children.exclude(sector_id=self.sector_id).exists():
            raise ValidationError(
                {"sector": _("A unit with sub-units stays in their sector: move or detach its sub-units first.")}
            )

    @property
    def path(self) -> list[Unit]:
        """The unit's ancestors and itself, root first: attached by ``selectors.attach_paths`` or read here."""
        cached = getattr(self, "_path", None)
        if cached is None:
            from apps.sectors.selectors import attach_paths  # the reads live in selectors, which import this module

            attach_paths([self])
            cached = self._path
        return cached

    @property
    def path_label(self) -> str:
        """Where the unit sits: "Kulttuuripalvelut › Kirjastot › Sellon kirjasto" (names in the active language)."""
        return PATH_SEPARATOR.join(unit.name for unit in self.path)


def _descendant_ids(unit_id: int) -> set[int]:
    from apps.sectors.selectors import unit_subtree

    return set(unit_subtree(unit_id).exclude(pk=unit_id).values_list("pk", flat=True))


class Topic(Vocabulary):
    """A subject a person can be asked about (e.g. "youth", "museums", "wellbeing")."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    ESTONIAN = "et", _("Estonian")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")


class Person(models.Model):
    """A contact person, with or without a login; the directory answers "whom do I talk to in sector X?"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="persons")
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="persons")
    # The person's id in an imported spreadsheet (e.g. the HR register's): the next import finds the same person.
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("The person's id in an imported spreadsheet."),
    )
    is_boundary_spanner = models.BooleanField(
        _("boundary spanner"),
        default=False,
        help_text=_("Works across sector borders and helps others find partners."),
    )
    # NGO and company people are listed only with their consent (city staff are listed by their job): without it,
    # only the officials who work with them on an initiative find them (apps.sectors.selectors.visible_persons).
    listing_consent = models.BooleanField(
        _("agreed to be listed"),
        default=False,
        db_default=False,  # also for rows written in SQL (bench/generate.py): no consent recorded
        help_text=_(
            "For people of external sectors (NGOs, companies): they agreed to be listed in the directory. Without "
            "it, only officials who work with them on an initiative see them."
        ),
    )
    listing_consent_since = models.DateField(
        _("agreed on"),
        null=True,
        blank=True,
        help_text=_("When they agreed to be listed; today if left empty."),
    )
    # Set when the person is erased (services.person_erase): their name is then "Henkilö 4821" in the reader's
    # language, and every row that named them names the pseudonym instead.
    pseudonym = models.PositiveIntegerField(_("pseudonym"), null=True, blank=True, unique=True, editable=False)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="sectors_person_name_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(listing_consent=True, listing_consent_since__isnull=False)
                | Q(listing_consent=False, listing_consent_since__isnull=True),
                name="%(app_label)s_%(class)s_consent_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        """Consent is recorded with its date: today when none is given; withdrawn, the date goes with it."""
        super().clean()
        if not self.listing_consent:
            self.listing_consent_since = None
        elif self.listing_consent_since is None:
            self.listing_consent_since = timezone.localdate()

    @property
    def full_name(self) -> str:
        if self.pseudonym is not None:  # an erased person, in the reader's language
            return str(_("Person %(number)s")) % {"number": self.pseudonym}
        return f"{self.first_name} {self.last_name}"

    @property
    def is_erased(self) -> bool:
        return self.pseudonym is not None

    @property
    def sector(self) -> Sector:
        return self.unit.sector


class PersonalDataAccess(models.Model):
    """One person's personal data shown to someone: who saw whose, when, what and how (the access log).

    One row per person and act, so a person's log answers "who saw my contact details" (a download of the directory
    writes a row for each person in it, all sharing the act's ``event`` and ``persons`` count). Rows are kept
    ``SILTA_ACCESS_LOG_RETENTION_DAYS`` (``services.personal_data_access_purge``).
    """

    class Kind(models.TextChoices):
        CONTACT_DETAILS = "contact", _("Contact details opened")
        DIRECTORY_DOWNLOAD = "download", _("Directory downloaded")
        DATA_EXPORT = "export", _("Personal data exported")

    class Channel(models.TextChoices):
        PAGE = "page", _("Web page")
        API = "api", _("API")
        ADMIN = "admin", _("Administration")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="data_accesses")
    # The log outlives a removed account: the row stays, saying "a removed user".
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personal_data_accesses",
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    event = models.UUIDField(_("act"), help_text=_("Rows of one act (one download) share it."))
    persons = models.PositiveIntegerField(_("persons in the act"), default=1)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-at"], name="sectors_access_person_at_idx"),
            models.Index(fields=["at"], name="sectors_access_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(persons__gte=1), name="%(app_label)s_%(class)s_persons_positive"),
            models.UniqueConstraint(fields=["event", "person"], name="%(app_label)s_%(class)s_once_per_act"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person_id} by {self.viewer_id} at {self.at:%Y-%m-%d %H:%M}"


class PersonErasure(models.Model):
    """One erasure of a person: who erased whom, when, under which pseudonym, and how many rows changed in which
    table. It keeps none of the erased data (the person row it points to carries only the pseudonym now)."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="erasure"
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_erasures",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    pseudonym = models.PositiveIntegerField(_("pseudonym"), unique=True)
    rows = models.PositiveIntegerField(_("rows changed"), default=0)
    counts = models.JSONField(_("rows changed per table"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure of a person")
        verbose_name_plural = _("erasures of persons")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return str(_("Person %(number)s")) % {"number": self.pseudonym}
