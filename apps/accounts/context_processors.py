"""Template context the navigation of every page needs from the accounts app: the unit administrator's page."""

from __future__ import annotations

from django.http import HttpRequest

from apps.accounts.permissions import administers_unit_roles


def navigation(request: HttpRequest) -> dict[str, bool]:
    """Whether the navigation links the roles page (the same policy the view enforces)."""
    user = getattr(request, "user", None)
    return {"perms_administer_unit_roles": bool(user and administers_unit_roles(user))}
