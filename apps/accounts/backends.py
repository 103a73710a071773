"""Authentication backend: Django's ModelBackend, with the user's roles read in the same query as the user."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject

from apps.accounts.models import GRANT_SCOPE_FIELDS, RoleAssignment, User


class RoleAwareModelBackend(ModelBackend):
    """Every page asks for the logged-in user's roles (navigation, permissions): one query instead of two."""

    def get_user(self, user_id: int) -> User | None:
        grants = RoleAssignment.objects.filter(user=OuterRef("pk")).values(
            grant=JSONObject(role=F("role"), **{field: F(field) for field in GRANT_SCOPE_FIELDS})
        )
        user = User._default_manager.annotate(role_grant_list=ArraySubquery(grants)).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user.remember_role_grants(user.role_grant_list)
        return user
