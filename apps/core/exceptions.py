"""The one error type of the application: services raise it, views and the API turn it into a clear answer."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A rule of the domain said no; ``message`` is shown to the user as it is."""

    status_code = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class Conflict(ApplicationError):
    """The request clashes with the current state (e.g. a slot already taken)."""

    status_code = 409


class NotAllowed(ApplicationError):
    """The user may not do this."""

    status_code = 403
