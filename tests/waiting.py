"""Waiting in tests for something another process or thread does: a bounded poll that says what it waited for."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], object], timeout: float, what: str, *, log: Callable[[], str] = str, every: float = 0.1
) -> None:
    """Return once ``predicate()`` is true; fail after ``timeout`` seconds naming ``what`` (and ``log()``, if given)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{log()}".rstrip())


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """``action()``'s result and the seconds it took: for answers that must come at once whatever is down."""
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started
