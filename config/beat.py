"""The beat scheduler: django-celery-beat's database schedule, ticked by one beat process at a time.

Two beat processes (a rolling deploy, a replica too many) would each send every entry. The active one holds a
lock in Redis and renews it on every tick; another beat stands by and takes over once the lock expires. Chosen
over celery-redbeat, which keeps the schedule in Redis instead of the database the admin edits, and over
celery-singleton / celery-once, which deduplicate queued tasks, not ticks (a nightly task sent twice a second
apart, the first already done, would still run twice).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import redis
from django_celery_beat.schedulers import DatabaseScheduler
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)

LOCK_NAME = "silta:beat:lock"


class SingleBeatScheduler(DatabaseScheduler):
    """A ``DatabaseScheduler`` that only sends while it holds the beat lock in Redis."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock_timeout: float = self.app.conf.get("beat_lock_timeout") or 60
        client = redis.Redis.from_url(
            self.app.conf.get("beat_lock_url") or self.app.conf.broker_url,
            socket_connect_timeout=2,
            socket_timeout=5,
        )
        # Not thread-local: beat's service thread renews the lock it took.
        self._lock = client.lock(LOCK_NAME, timeout=self.lock_timeout, thread_local=False)
        self._holding = False
        self._standing_by = False

    def tick(self, *args: Any, **kwargs: Any) -> float:
        # Wake up often enough to renew the lock long before it expires.
        renew_every = self.lock_timeout / 3
        if not self._hold_lock():
            return renew_every
        return min(super().tick(*args, **kwargs), renew_every)

    def _hold_lock(self) -> bool:
        try:
            if self._holding:
                self._lock.reacquire()
                return True
            if self._lock.acquire(blocking=False):
                logger.info("This beat holds the lock and sends the schedule")
                self._holding = True
                self._standing_by = False
                self._take_over()
                return True
            if not self._standing_by:
                logger.info("Another beat holds the lock; this one stands by")
                self._standing_by = True
            return False
        except LockError:
            logger.warning("This beat lost its lock (it was too slow to renew it) and stands by")
        except RedisError as exc:
            # With Redis away nothing could be sent anyway; the nightly job catches up on the nights it missed.
            logger.warning("Beat lock unavailable, not sending: %r", exc)
        self._holding = False
        return False

    def _take_over(self) -> None:
        """Read the schedule afresh: the beat that held the lock before wrote its last run times there."""
        self._schedule = self.all_as_schedule()
        self._heap = None

    def close(self) -> None:
        super().close()
        if self._holding:
            with contextlib.suppress(LockError, RedisError):  # expired or unreachable: it lapses on its own
                self._lock.release()
            self._holding = False
