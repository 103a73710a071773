"""The bell in every page's header: how many notifications the person has not read."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from apps.notifications.selectors import notifications_unread_for


def bell(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """A callable, so the count is read only by a page that shows the bell (the template calls it once)."""
    user = getattr(request, "user", None)
    return {"notifications_unread": lambda: notifications_unread_for(user) if user is not None else 0}
