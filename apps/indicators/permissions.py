"""Who may see indicators and start their computation: managers and administrators."""

from __future__ import annotations

from apps.accounts.models import User
from apps.accounts.roles import Role


def can_view_indicators(user: User) -> bool:
    return user.is_authenticated and (user.has_role(Role.MANAGER) or user.has_role(Role.ADMIN))


def can_recompute_indicators(user: User) -> bool:
    return can_view_indicators(user)
