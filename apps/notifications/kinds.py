"""The registry of notification kinds and one-click answers.

Each feature app declares its own (in its ``notifications.py``, imported by its ``AppConfig.ready``), so this app
knows none of them and stays below them in the layering: it renders, stores, mails and applies what they declare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.functional import Promise

from apps.notifications.models import Channel

if TYPE_CHECKING:
    from apps.accounts.models import User


def _everyone(user: User) -> bool:
    return True


def city_staff(user: User) -> bool:
    """For kinds whose links lead to staff pages: a partner account (apps/partners) never opens those."""
    return not user.is_partner


@dataclass(frozen=True)
class Kind:
    """One kind of notification.

    ``template`` names three templates: ``<template>_subject.txt`` (one line: the mail's subject and the in-app
    title), ``<template>.txt`` and ``<template>.html`` (the mail's two parts; they extend
    ``notifications/email/base.txt`` and ``base.html``, which add the link that switches the kind off).
    """

    code: str
    label: Promise
    help_text: Promise
    template: str
    default: str = Channel.EMAIL
    # A periodic kind (the weekly digest) comes on the weekday the person chooses.
    periodic: bool = False
    # Who sees the kind on their settings page (a premises manager's requests are nothing to others).
    offered_to: Callable[[User], bool] = field(default=_everyone)


@dataclass(frozen=True)
class Action:
    """A one-click answer: ``apply(user, subject)`` makes the change as ``user`` through the feature's service
    (which checks its policy and keeps the history); ``next_url(subject)`` is where the person goes afterwards."""

    code: str
    label: Promise
    question: Promise  # the confirmation page's question, with %(subject)s
    apply: Callable[[User, models.Model], None]
    next_url: Callable[[models.Model], str]


_KINDS: dict[str, Kind] = {}
_ACTIONS: dict[str, Action] = {}


def register(kind: Kind) -> Kind:
    """Declare a kind (once per code; a module imported twice gives the same one)."""
    if _KINDS.setdefault(kind.code, kind) != kind:
        raise ValueError(f"notification kind {kind.code!r} is declared twice")
    return kind


def register_action(action: Action) -> Action:
    if _ACTIONS.setdefault(action.code, action) != action:
        raise ValueError(f"one-click answer {action.code!r} is declared twice")
    return action


def kind(code: str) -> Kind:
    """The declared kind; KeyError for an unknown one (a programming error)."""
    return _KINDS[code]


def action(code: str) -> Action:
    return _ACTIONS[code]


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda item: item.code)


def kinds_offered_to(user: User) -> list[Kind]:
    return [item for item in all_kinds() if item.offered_to(user)]
