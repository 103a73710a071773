"""The one error type of the application: services raise it, views and the API turn it into a clear answer.

Pages use :mod:`apps.core.pages` (form errors and messages), the API ``apps.core.api.exception_handler`` (JSON
with the same message and the status below). Services raise nothing else: a Django ``ValidationError`` from
``full_clean`` becomes :class:`Invalid` in :func:`apps.core.services.validated_save`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ApplicationError(Exception):
    """A rule of the domain said no; ``message`` is shown to the user as it is."""

    status_code = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class Invalid(ApplicationError):
    """The input breaks a rule; ``errors`` maps each field (``NON_FIELD_ERRORS`` for none) to its messages."""

    status_code = 400

    def __init__(self, errors: str | dict[str, Any], extra: dict[str, Any] | None = None) -> None:
        if isinstance(errors, str):
            errors = {NON_FIELD_ERRORS: [errors]}
        self.errors: dict[str, list[str]] = {
            field: [str(message) for message in (messages if isinstance(messages, list | tuple) else [messages])]
            for field, messages in errors.items()
        }
        super().__init__(next(iter(self.messages), ""), extra)

    @property
    def messages(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]

    @classmethod
    def from_validation_error(cls, exc: ValidationError) -> Invalid:
        """The same messages as Django's error, field by field where it has fields."""
        if hasattr(exc, "error_dict"):
            return cls({field: list(ValidationError(errors).messages) for field, errors in exc.error_dict.items()})
        return cls({NON_FIELD_ERRORS: list(exc.messages)})


class Conflict(ApplicationError):
    """The request clashes with the current state (e.g. a slot already taken)."""

    status_code = 409


class NotAllowed(ApplicationError):
    """The user may not do this."""

    status_code = 403


class NotFound(ApplicationError):
    """What the request names does not exist (or is not visible to this user)."""

    status_code = 404


class Gone(ApplicationError):
    """What the request names was there once and is no more (a one-click link used or expired)."""

    status_code = 410
