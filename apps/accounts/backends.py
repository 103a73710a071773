"""Authentication backend of the staff: Django's ModelBackend, with the user's roles read in the same query as the
user. Partner accounts sign in through their own backend (apps/partners/backends.py), which checks their e-mail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from apps.accounts.models import User, role_grants_of


class RoleAwareModelBackend(ModelBackend):
    """Every page asks for the logged-in user's roles (navigation, permissions): one query instead of two."""

    def user_can_authenticate(self, user: User) -> bool:  # type: ignore[override]
        """Not a partner account: a partner's password never opens the staff login (nor its session this backend)."""
        return super().user_can_authenticate(user) and getattr(user, "kind", User.Kind.STAFF) == User.Kind.STAFF

    def get_user(self, user_id: int) -> User | None:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def user_with_roles(user_id: int, **annotations: Any) -> User | None:
    """The user with their role grants read in the same query (and any further ``annotations``), for a backend's
    ``get_user``: every page asks for the roles, so they never cost a query of their own."""
    user = (
        User._default_manager.annotate(role_grant_list=role_grants_of("pk"), **annotations).filter(pk=user_id).first()
    )
    if user is not None:
        user.remember_role_grants(user.role_grant_list)
    return user
