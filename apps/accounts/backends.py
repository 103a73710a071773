"""Authentication backend: Django's ModelBackend, with the user's roles read in the same query as the user."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from apps.accounts.models import User


class RoleAwareModelBackend(ModelBackend):
    """Every page asks for the logged-in user's roles (navigation, permissions): one query instead of two."""

    def get_user(self, user_id: int) -> User | None:
        role_names = Group.objects.filter(user=OuterRef("pk")).values("name")
        user = User._default_manager.annotate(role_name_list=ArraySubquery(role_names)).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user.remember_role_names(user.role_name_list)
        return user
