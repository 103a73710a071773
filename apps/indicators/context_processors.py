"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from apps.indicators.permissions import can_view_indicators


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the navigation shows to this user (the same policies the views enforce)."""
    user = getattr(request, "user", None)
    return {"perms_view_indicators": bool(user and can_view_indicators(user))}
