"""config.settings.prod reads what docker-compose.yml hands the containers: the database, e-mail, the proxy in front."""

import json
import os
import subprocess
import sys

from django.conf import settings

REQUIRED = {
    "DJANGO_SECRET_KEY": "settings-test-only",  # pragma: allowlist secret
    "DJANGO_ALLOWED_HOSTS": "silta.example.fi",
}
NAMES = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
    "SECURE_PROXY_SSL_HEADER",
)


def _production_settings(**environment: str) -> dict:
    """The settings a container starts with, read in a process of their own (settings load once per process)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SILTA_"))}
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, **REQUIRED, "DJANGO_SETTINGS_MODULE": "config.settings.prod", **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_an_email_url_configures_smtp_with_tls_and_the_sender():
    # given the mail server of a deployment, as compose passes it on
    environment = {
        "DJANGO_EMAIL_URL": "smtp+tls://silta%40city.example:s3cret@mail.city.example:587",  # pragma: allowlist secret
        "DJANGO_DEFAULT_FROM_EMAIL": "Silta <silta@city.example>",
    }

    # when the production settings load
    loaded = _production_settings(**environment)

    # then Django sends through that server, logged in, over STARTTLS, as the city's sender
    assert loaded | {"SECURE_PROXY_SSL_HEADER": None} == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.city.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "silta@city.example",
        "EMAIL_HOST_PASSWORD": "s3cret",  # pragma: allowlist secret
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "Silta <silta@city.example>",
        "SERVER_EMAIL": "Silta <silta@city.example>",
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_without_an_email_url_mail_goes_to_the_log():
    loaded = _production_settings()

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_x_forwarded_proto_is_trusted_only_behind_a_configured_proxy():
    # given no proxy, anyone could claim "https" in a header; with one, the proxy sets it
    alone = _production_settings()
    behind_one = _production_settings(SILTA_PROXY_COUNT="1")
    flagged = _production_settings(DJANGO_BEHIND_TLS_PROXY="true")

    assert alone["SECURE_PROXY_SSL_HEADER"] is None
    assert behind_one["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert flagged["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_refuses_to_start_without_a_database_url():
    # given a container whose environment names no database (the embedded PostgreSQL is for dev and test only)
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SILTA_")) and key != "DATABASE_URL"
    }

    # when the production settings load
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**environment, **REQUIRED, "DJANGO_SETTINGS_MODULE": "config.settings.prod"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    # then the start fails at once, saying which variable is missing
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: DATABASE_URL is not set" in result.stderr
