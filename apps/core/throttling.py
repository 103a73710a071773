"""Request throttles: counters in Redis, shared by every worker, that let requests through when Redis is down.

The default cache is per process (locmem), so a throttle on it would allow each gunicorn worker its own quota;
the "throttle" cache alias is Redis. docs/reliability.md promises that pages, forms and bookings keep working
without Redis, so a throttle that cannot count logs a warning and allows the request (it fails open), and its
process leaves Redis alone for ``OUTAGE_PAUSE`` seconds so no request waits on a dead server twice.

Rates are DRF's ``DEFAULT_THROTTLE_RATES`` (from the environment, config/settings/base.py).
https://www.django-rest-framework.org/api-guide/throttling/
"""

from __future__ import annotations

import logging
import time
import weakref
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest
from redis.exceptions import RedisError
from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings

from apps.core.http import client_ip

logger = logging.getLogger(__name__)

THROTTLE_CACHE = "throttle"
OUTAGE_PAUSE = 10.0
# When each cache (a new one per thread, and per settings change in tests) may be asked again after a failure.
_outage_until: weakref.WeakKeyDictionary[BaseCache, float] = weakref.WeakKeyDictionary()


def count_request(key: str, duration: int) -> int | None:
    """Count one request in ``key``'s window of ``duration`` seconds: how many it holds, or None if Redis failed.

    One round trip: ``SET key 0 EX duration NX`` (the window's counter, made by its first request) and ``INCR`` in
    one ``MULTI``/``EXEC``, so simultaneous requests are all counted and a window never outlives its expiry. Through
    the cache's ``add`` and ``incr`` it took three (Django's ``incr`` asks ``EXISTS`` first) on every API request
    (docs/performance.md, "Bookings under contention"). The counter is an integer, which the cache reads as is.
    """
    cache = caches[THROTTLE_CACHE]
    if time.monotonic() < _outage_until.get(cache, 0.0):
        return None
    try:
        counter = cache.make_and_validate_key(key)
        pipeline = cache._cache.get_client(counter, write=True).pipeline(transaction=True)
        pipeline.set(counter, 0, ex=duration, nx=True)
        pipeline.incr(counter)
        _created, count = pipeline.execute()
        return count
    except (RedisError, OSError) as exc:
        _outage_until[cache] = time.monotonic() + OUTAGE_PAUSE
        logger.warning("Requests are not throttled for %d s: the throttle cache failed (%s)", OUTAGE_PAUSE, exc)
        return None


class RateThrottle(throttling.SimpleRateThrottle):
    """A fixed-window counter per key and window (``<key>:<window number>``), kept in the throttle cache."""

    wait_seconds: float = 0.0

    @property
    def THROTTLE_RATES(self) -> dict[str, str | None]:  # DRF's name; read per request, not at import
        return api_settings.DEFAULT_THROTTLE_RATES

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.wait_seconds = max((window + 1) * self.duration - now, 1.0)
        count = count_request(f"{self.key}:{window}", self.duration)
        return count is None or count <= self.num_requests

    def wait(self) -> float:
        return self.wait_seconds


class UserRateThrottle(RateThrottle):
    """Authenticated API callers, per user; the anonymous were counted by address when authentication failed."""

    scope = "user"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AddressRateThrottle(RateThrottle):
    """Callers per client address (``apps.core.http.client_ip``, as the lock-outs: a forged header changes nothing).

    It never reads ``request.user``: it runs while the API is still authenticating the request.
    """

    scope = "anon"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class AccessibilityFeedbackThrottle(AddressRateThrottle):
    """The anonymous accessibility feedback form, per address: each message is an e-mail to the city."""

    scope = "accessibility_feedback"


def throttle_address(request: HttpRequest) -> None:
    """Count an unauthenticated API request by address; raise DRF's ``Throttled`` (429) when it is one too many."""
    throttle = AddressRateThrottle()
    if not throttle.allow_request(request, None):
        raise exceptions.Throttled(wait=throttle.wait())
