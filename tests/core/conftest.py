from collections.abc import Callable, Iterator

import pytest
from django.core.cache import caches

from apps.core.throttling import THROTTLE_CACHE


def _throttle_count_forgetter() -> Callable[[], None]:
    """Deletes the throttle counters from the test's Redis (shared with Celery, so no FLUSHDB); a test may point
    the throttle cache elsewhere meanwhile, so the client is the one of the test settings."""
    cache = caches[THROTTLE_CACHE]
    client = cache._cache.get_client(write=True)
    pattern = f"{cache.key_prefix}:*"

    def forget() -> None:
        if keys := list(client.scan_iter(match=pattern, count=1000)):
            client.delete(*keys)

    return forget


@pytest.fixture
def throttle_rates(settings) -> Iterator[Callable[..., None]]:
    """Set small throttle rates (``user="3/min"``); the counters in Redis start and end empty."""

    def set_rates(**rates: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
        }

    forget = _throttle_count_forgetter()
    forget()
    yield set_rates
    forget()


@pytest.fixture
def fresh_throttle_counts() -> None:
    """The throttle counters start empty: a test that sends thousands of requests a minute from one address (the
    API fuzzer) must not be throttled by the requests of the tests before it (throttling has its own tests)."""
    _throttle_count_forgetter()()
