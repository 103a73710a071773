import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_send_a_content_security_policy_that_forbids_framing(official_client):
    response = official_client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_use_no_inline_script(official_client):
    for url in (reverse("home"), reverse("sectors:person_directory"), reverse("api-docs")):
        content = official_client.get(url).content.decode()
        assert "<script>" not in content
        assert "<script " not in content.replace("<script src=", "")


def test_the_deployment_checklist_passes_under_production_settings():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "silta.example.org",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.prod", DJANGO_ALLOWED_HOSTS="silta.example.org")

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
