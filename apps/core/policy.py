"""Pieces every app's policy (``apps/<app>/permissions.py``) uses: a service's refusal and a page's guard."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.core.exceptions import NotAllowed

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.functional import _StrOrPromise as StrOrPromise

P = ParamSpec("P")
R = TypeVar("R")


def require(allowed: bool, message: str | None = None) -> None:
    """In a service: refuse with ``NotAllowed`` (a 403 with ``message``) unless the policy ``allowed`` it."""
    if not allowed:
        raise NotAllowed(message or _("You may not change this."))


def page_requires(
    policy: Callable[[Any], bool], message: StrOrPromise | None = None
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A view decorator: the page answers 403 (saying ``message``) to a user for whom ``policy(user)`` is false.

    For pages that only read (dashboards) or show a form; the write behind a form is refused by its service.
    """

    def decorate(view: Callable[..., R]) -> Callable[..., R]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
            if not policy(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return guarded

    return decorate
