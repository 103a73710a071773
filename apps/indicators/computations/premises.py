"""Premises indicators: they read the premises app's bookings and opening hours (added with that app)."""

from __future__ import annotations

from collections.abc import Callable

PREMISES_DEFINITIONS: dict[str, Callable[[], tuple[str, str]]] = {}
