"""Tests: the same PostgreSQL and Redis as in production, fast password hashing, mail kept in memory."""

import tempfile

from config.embedded_postgres import use_when_no_database_url

# Without DATABASE_URL, the embedded PostgreSQL: a development and test fallback only (base.py requires the URL).
use_when_no_database_url()

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # pragma: allowlist secret
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "en"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Login throttling is tested on its own (tests/accounts/test_throttling.py); elsewhere client.login() must work.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = [path for path in AUTHENTICATION_BACKENDS if not path.startswith("axes.")]  # noqa: F405

# Tests talk to the real Redis, on a queue of their own, so they never take (or leave) a developer's tasks.
CELERY_TASK_DEFAULT_QUEUE = "silta-test"
# The indicator jobs too: every worker a test starts serves them (tests/core/test_tasks.py checks the routing).
SILTA_INDICATOR_QUEUE = CELERY_TASK_DEFAULT_QUEUE
CELERY_TASK_ROUTES = {"indicators.*": {"queue": SILTA_INDICATOR_QUEUE}}

# django-zeal finds N+1 queries inside `zeal_context()` blocks of the tests (it is off elsewhere).
# https://github.com/taylorhakes/django-zeal
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
ZEAL_RAISE = True

# Tests see every change at once; tests/dashboards/test_cache.py checks the real cache on its own.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405

# Throttles count in the real Redis, at rates no other test reaches; tests/core/test_throttling.py sets small ones.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "user": "10000/min",
        "anon": "10000/min",
        "accessibility_feedback": "10000/min",
        "public": "10000/min",
        "partner_signup": "10000/min",
    },
}

# Mail retries within a second or two, so tests with a worker see a retry succeed (tests/premises/test_mail.py).
SILTA_MAIL_RETRY_BACKOFF = 1
SILTA_MAIL_RETRY_BACKOFF_MAX = 2

# Uploaded import files go to a folder of this test run, never into the work tree.
MEDIA_ROOT = tempfile.mkdtemp(prefix="silta-test-media-")
