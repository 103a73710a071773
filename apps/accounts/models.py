from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role


class User(AbstractUser):
    """A person who logs in to Silta; works in one home unit of the city."""

    home_unit = models.ForeignKey(
        "sectors.Unit",
        verbose_name=_("home unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def has_role(self, role: Role | str) -> bool:
        """True for members of the role's group; superusers hold every role."""
        if self.is_superuser:
            return True
        return role in self.role_names

    def has_any_role(self) -> bool:
        """True for holders of at least one of Silta's roles (a login alone is not a role)."""
        return self.is_superuser or not self.role_names.isdisjoint(Role)

    @property
    def role_names(self) -> frozenset[str]:
        # Cached on the instance: templates and permission checks ask many times per request.
        if not hasattr(self, "_role_names"):
            self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return self._role_names

    def remember_role_names(self, names: list[str]) -> None:
        """Roles read along with the user (see ``RoleAwareModelBackend``), so ``role_names`` needs no query."""
        self._role_names = frozenset(names)


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
