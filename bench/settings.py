"""Settings of the HTTP benchmarks: the test settings (DEBUG off) plus a bare view to compare pages with."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
