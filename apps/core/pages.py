"""How a page shows a service's refusal: the browser's side of ``apps.core.api.exception_handler``.

Views call every write through :func:`form_write` (the refusal lands on the form, which is shown again with
everything typed) or :func:`message_write` (the refusal is a message on the next page). Both answer 403 for
``NotAllowed`` and 404 for ``NotFound``, as the API does, so no view catches exceptions of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import Http404, HttpRequest

from apps.core.exceptions import ApplicationError, Invalid, NotAllowed, NotFound

T = TypeVar("T")


def _raise_for_page(exc: ApplicationError) -> None:
    if isinstance(exc, NotAllowed):
        raise PermissionDenied(exc.message) from exc
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc


def add_to_form(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Put a refusal on ``form``: each field's message beside that field, the rest above the form."""
    if not isinstance(exc, Invalid):
        form.add_error(None, exc.message)
        return
    for field, field_messages in exc.errors.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, field_messages)


def form_write(form: forms.BaseForm, write: Callable[[], T]) -> T | None:
    """Run ``write`` (a service call); on a refusal add it to ``form`` and return None."""
    try:
        return write()
    except ApplicationError as exc:
        _raise_for_page(exc)
        add_to_form(form, exc)
        return None


def message_write(request: HttpRequest, write: Callable[[], T], *, refusal_as_message: bool = False) -> T | None:
    """Run ``write``; on a refusal show its message on the next page and return None.

    ``refusal_as_message``: a button on a list (cancel, decide) shows even ``NotAllowed`` as a message on the list it
    returns to, rather than a 403 page, as the list has no form to show it beside.
    """
    try:
        return write()
    except ApplicationError as exc:
        if not (refusal_as_message and isinstance(exc, NotAllowed)):
            _raise_for_page(exc)
        text = " ".join(exc.messages) if isinstance(exc, Invalid) else exc.message
        messages.error(request, text)
        return None
