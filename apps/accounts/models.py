from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
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
    # The blank database defaults serve rows written in SQL (bench/generate.py).
    # The language the city's identity provider gives (the login's locale claim); blank: the browser's choice.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default="", db_default=""
    )
    # Who the user is at the identity provider ("iss sub"): a changed e-mail address never makes a second account.
    oidc_subject = models.CharField(
        _("single sign-on subject"), max_length=500, blank=True, editable=False, default="", db_default=""
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
        ]

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
