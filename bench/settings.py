"""Settings of the HTTP benchmarks: the test settings (DEBUG off) plus a bare view to compare pages with."""

from config.settings import base
from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Measure the cache production uses, not the tests' dummy one.
CACHES = base.CACHES
