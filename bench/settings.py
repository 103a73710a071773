"""Settings of the HTTP benchmarks: production's (base) with DEBUG off, plus a bare view to compare pages with.

Not the test settings: their per-request extras (django-zeal's query patching, WhiteNoise looking for a changed
file on every request) would be measured too, and their dummy cache would hide the one production uses.
"""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-insecure-key"  # pragma: allowlist secret
ROOT_URLCONF = "bench.urls"
# Static files straight from the app folders (no collectstatic before a benchmark), indexed once at start.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# One benchmark client sends far more API requests than a person would: measure the app (the throttle's Redis
# counter included), not 429s.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],  # noqa: F405
        "user": "1000000/min",
        "anon": "1000000/min",
    },
}
