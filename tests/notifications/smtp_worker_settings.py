"""The test settings for a worker process of its own that sends through the tests' SMTP server
(SILTA_TEST_SMTP_PORT): tests/notifications/test_mail.py kills it in the middle of sending."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SILTA_TEST_SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 30
