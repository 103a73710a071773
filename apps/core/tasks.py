from __future__ import annotations

from celery import shared_task


@shared_task(name="core.ping_task")
def ping_task(payload: str) -> str:
    """Echo ``payload`` back: proves that a worker takes tasks from the broker and returns results."""
    return f"pong:{payload}"
