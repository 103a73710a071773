"""Pieces every app's policy (``apps/<app>/permissions.py``) uses: a service's refusal and a page's guard."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.core.exceptions import NotAllowed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from apps.accounts.models import User

R = TypeVar("R")


def require(allowed: bool, message: str | None = None) -> None:
    """In a service: refuse with ``NotAllowed`` (a 403 with ``message``) unless the policy ``allowed`` it."""
    if not allowed:
        raise NotAllowed(message or _("You may not change this."))


def page_allows(allowed: bool, message: StrOrPromise | None = None) -> None:
    """In a view: a form page answers 403 unless the policy ``allowed`` the user to use it on this object.

    The object's guard, as ``page_requires`` is the whole view's; the service behind the form refuses as well.
    The 403 page shows ``message``, or without one its general reason (the role does not include the page).
    """
    if not allowed:
        raise PermissionDenied(message) if message else PermissionDenied


def page_requires(
    policy: Callable[[Any], bool], message: StrOrPromise | None = None
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A view decorator: the page answers 403 (saying ``message``) to a user for whom ``policy(user)`` is false.

    For pages that only read (dashboards) or show a form; the write behind a form is refused by its service.
    """

    def decorate(view: Callable[..., R]) -> Callable[..., R]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
            page_allows(policy(request.user), message)
            return view(request, *args, **kwargs)

        return guarded

    return decorate


class ReadOrEditPolicy(BasePermission):
    """DRF face of an app's policy: everyone logged in reads; changes follow the subclass's ``can_edit``.

    Creating is asked here before the body is read: whether the user may create such things at all (the view's
    ``may_create``, refused with its ``create_refusal``), so a caller without the role never costs a validation.
    The service asks again once the target (an initiative, a programme) is known from the payload.
    """

    @staticmethod
    def can_edit(user: User | AnonymousUser, obj: object) -> bool:
        raise NotImplementedError

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "action", None) == "create" and not view.may_create(request.user):
            self.message = view.create_refusal  # DRF makes a permission per request: this answer is this one's
            return False
        return True

    def has_object_permission(self, request, view, obj) -> bool:  # type: ignore[no-untyped-def]
        return request.method in SAFE_METHODS or self.can_edit(request.user, obj)
