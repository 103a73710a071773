from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import F, OuterRef, Q
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.accounts.roles import ROLE_LABELS, ROLE_SCOPES, SCOPE_MODELS, Grant, Role, ScopeKind


class User(AbstractUser):
    """A person who logs in to Silta: a member of the city's staff, who works in one home unit of the city, or a
    partner, a person of an external organisation who signed up (apps/partners) and uses only the partner pages."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("city staff")
        PARTNER = "partner", _("partner organisation")

    home_unit = models.ForeignKey(
        "sectors.Unit",
        verbose_name=_("home unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    # The blank database defaults serve rows written in SQL (bench/generate.py).
    # The language the city's identity provider gives (the login's locale claim); blank: the browser's choice.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default="", db_default=""
    )
    # Who the user is at the identity provider ("iss sub"): a changed e-mail address never makes a second account.
    oidc_subject = models.CharField(
        _("single sign-on subject"), max_length=500, blank=True, editable=False, default="", db_default=""
    )

    # Set once, at sign-up: a partner account can never become staff by a role or a home unit given later.
    kind = models.CharField(
        _("account kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.STAFF,
        db_default=Kind.STAFF,
        editable=False,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="%(app_label)s_%(class)s_unique_oidc_subject",
            ),
            # A partner account is never staff of the admin nor a superuser, whoever edits the row.
            models.CheckConstraint(
                condition=Q(kind="staff") | Q(is_staff=False, is_superuser=False),
                name="%(app_label)s_%(class)s_partner_not_staff",
            ),
        ]

    @property
    def is_partner(self) -> bool:
        return self.kind == self.Kind.PARTNER

    def has_role(self, role: Role | str) -> bool:
        """True for holders of the role anywhere (city-wide or scoped); superusers hold every role."""
        if self.is_superuser:
            return True
        return role in self.role_names

    def has_any_role(self) -> bool:
        """True for holders of at least one of Silta's roles (a login alone is not a role)."""
        return self.is_superuser or not self.role_names.isdisjoint(Role)

    @property
    def role_grants(self) -> tuple[Grant, ...]:
        # Cached on the instance: templates and permission checks ask many times per request.
        if not hasattr(self, "_role_grants"):
            self._role_grants = tuple(Grant.from_row(row) for row in RoleAssignment.grant_rows(user=self))
        return self._role_grants

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.role_grants)

    def holds_city_wide(self, role: Role | str) -> bool:
        """Holds ``role`` with no scope (what every role meant before roles had scopes); superusers do."""
        return self.is_superuser or any(grant.role == role and grant.kind is None for grant in self.role_grants)

    def scope_ids(self, role: Role | str, kind: ScopeKind) -> frozenset[int]:
        """The ids of the units (venues, programmes, sectors) ``role`` is held for with a scope of that kind."""
        return frozenset(grant.scope_id for grant in self.role_grants if grant.role == role and grant.kind == kind)

    def units_within(self, unit_ids: frozenset[int]) -> frozenset[int]:
        """``unit_ids`` and all their sub-units at any depth: a role held for a unit holds for the units under it
        (Kulttuuripalvelut's premises manager manages Sellon kirjasto's spaces). One query per set, cached."""
        if not unit_ids:
            return frozenset()
        cache = self.__dict__.setdefault("_units_within", {})
        if unit_ids not in cache:
            from apps.sectors.selectors import unit_subtree

            cache[unit_ids] = frozenset(unit_subtree(*unit_ids).values_list("pk", flat=True))
        return cache[unit_ids]

    def remember_role_grants(self, rows: list[dict[str, Any]]) -> None:
        """Roles read along with the user (see ``RoleAwareModelBackend``), so ``role_grants`` needs no query."""
        self._role_grants = tuple(Grant.from_row(row) for row in rows)

    def forget_role_grants(self) -> None:
        """After a grant or removal: the next question reads the roles again."""
        self.__dict__.pop("_role_grants", None)
        self.__dict__.pop("_units_within", None)


def _only(kind: ScopeKind | None) -> Q:
    """On ``RoleAssignment``: the scope is exactly ``kind`` (None: no scope, city-wide)."""
    return Q(**{f"{other.value}__isnull": other != kind for other in ScopeKind})


def _scope_fits_role() -> Q:
    rule = Q()
    for role, kinds in ROLE_SCOPES.items():
        fits = Q()
        for kind in kinds:
            fits |= _only(kind)
        rule |= Q(role=role.value) & fits
    return rule


GRANT_SCOPE_FIELDS = tuple(f"{kind}_id" for kind in ScopeKind)


def _scope_field(kind: ScopeKind, verbose_name: Any, related_name: str = "role_assignments") -> models.ForeignKey:
    # By the model's label, never its class: accounts is below premises and programmes and imports neither.
    return models.ForeignKey(
        SCOPE_MODELS[kind],
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
    )


def _scoped_role_constraints(holder: str, duplicate_message: Any) -> list[models.BaseConstraint]:
    """The guards of a ``ScopedRole``: the scope is one the role may have, and ``holder`` has each role once there."""
    return [
        models.CheckConstraint(
            condition=_scope_fits_role(),
            name="%(app_label)s_%(class)s_scope_fits_role",
            violation_error_message=_("This role cannot have this scope."),
        ),
        models.UniqueConstraint(
            fields=[holder, "role", *(kind.value for kind in ScopeKind)],
            nulls_distinct=False,
            name="%(app_label)s_%(class)s_one_per_scope",
            violation_error_message=duplicate_message,
        ),
    ]


class ScopedRole(models.Model):
    """A role with its scope: city-wide (no scope) or one unit, venue, programme or sector."""

    role = models.CharField(
        _("role"), max_length=30, choices=[(role.value, label) for role, label in ROLE_LABELS.items()]
    )

    class Meta:
        abstract = True

    @property
    def scope_kind(self) -> ScopeKind | None:
        return next((kind for kind in ScopeKind if getattr(self, f"{kind}_id") is not None), None)

    @property
    def key(self) -> tuple[str, str | None, int | None]:
        """(role, scope kind, scope id): what the row grants, whoever granted it."""
        kind = self.scope_kind
        return (self.role, kind, getattr(self, f"{kind}_id") if kind else None)

    @property
    def scope(self) -> models.Model | None:
        """The unit, venue, programme or sector the role is held for; None for city-wide."""
        kind = self.scope_kind
        return getattr(self, kind) if kind else None

    @property
    def where(self) -> str:
        scope = self.scope
        return str(scope) if scope is not None else str(_("city-wide"))


class RoleAssignment(ScopedRole):
    """A role a user holds: city-wide, or for one unit, venue, programme or sector; from the login or by hand."""

    class Source(models.TextChoices):
        LOGIN = "login", _("from the login")
        HAND = "hand", _("by hand")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = _scope_field(ScopeKind.UNIT, _("unit"))
    venue = _scope_field(ScopeKind.VENUE, _("venue"))
    programme = _scope_field(ScopeKind.PROGRAMME, _("programme"))
    sector = _scope_field(ScopeKind.SECTOR, _("sector"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.HAND)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        constraints = _scoped_role_constraints("user", _("The user already holds this role here."))

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.where}"

    @classmethod
    def grant_rows(cls, **filters: Any) -> models.QuerySet:
        """Role and scope ids of the matching assignments, as ``Grant.from_row`` reads them."""
        return cls.objects.filter(**filters).values("role", *GRANT_SCOPE_FIELDS)


class LoginGroupRole(ScopedRole):
    """What a directory group of the city's login gives: members of ``group`` hold ``role`` (with its scope) while
    the login says they are members; administrators keep the mapping in the admin."""

    group = models.CharField(
        _("login group"),
        max_length=255,
        help_text=_("The group's name or id exactly as the login's groups claim gives it."),
    )
    unit = _scope_field(ScopeKind.UNIT, _("unit"), related_name="+")
    venue = _scope_field(ScopeKind.VENUE, _("venue"), related_name="+")
    programme = _scope_field(ScopeKind.PROGRAMME, _("programme"), related_name="+")
    sector = _scope_field(ScopeKind.SECTOR, _("sector"), related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role from a login group")
        verbose_name_plural = _("roles from login groups")
        ordering = ["group", "role"]
        constraints = [
            *_scoped_role_constraints("group", _("This group gives this role here already.")),
            models.CheckConstraint(condition=~Q(group=""), name="%(app_label)s_%(class)s_group_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()} · {self.where}"


def role_grants_of(user: str = "pk") -> ArraySubquery:
    """The role grants of the user that the outer query's ``user`` column names, as one array column: read along
    with the user, so ``role_grants`` needs no query of its own (see ``User.remember_role_grants``)."""
    grants = RoleAssignment.objects.filter(user=OuterRef(user)).values(
        grant=JSONObject(role=F("role"), **{field: F(field) for field in GRANT_SCOPE_FIELDS})
    )
    return ArraySubquery(grants)


class ApiToken(models.Model):
    """A personal API token of an integrator: only the SHA-256 of its secret is kept, the secret is shown once.

    Revoking keeps the row (the page lists revoked tokens, so their owner sees what was cut off and when).
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret: enough to tell tokens apart in a list or a log, useless to an attacker.
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_on = models.DateField(_("expires on"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "name"),
                condition=models.Q(revoked_at__isnull=True),
                name="%(app_label)s_%(class)s_unique_active_name",
                violation_error_message=_("You already have a token with this name."),
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="%(app_label)s_%(class)s_name_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, today: date | None = None) -> bool:
        """Not revoked and not yet expired: a token stops working on its expiry date (in the city's time)."""
        return self.revoked_at is None and (today or timezone.localdate()) < self.expires_on
