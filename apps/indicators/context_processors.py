"""Template context the navigation of every page needs from the indicators app.

Here, not in ``apps.core``: it asks the indicators policy, and core imports no feature app. An app that adds its own
entry to the navigation adds its own processor beside this one in ``TEMPLATES``.
"""

from __future__ import annotations

from django.http import HttpRequest

from apps.indicators.permissions import can_view_indicators


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the navigation shows to this user (the same policies the views enforce)."""
    user = getattr(request, "user", None)
    return {"perms_view_indicators": bool(user and can_view_indicators(user))}
