"""Static files under the production storage: collectstatic succeeds, and /healthz notices a missing manifest."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from config.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    """The production storage (hashed names, a manifest, compression) over an empty STATIC_ROOT of the test's own."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = base.STORAGES
    return settings.STATIC_ROOT


def test_collectstatic_under_the_production_storage_writes_the_manifest(production_static):
    # given every file the app ships, the vendored Chart.js among them (it named a source map that is not shipped)
    # when collectstatic runs as the image build runs it
    call_command("collectstatic", "--no-input", verbosity=0)

    # then the manifest exists and names the vendored files by their hashed names
    assert (production_static / "staticfiles.json").exists()
    assert list(production_static.glob("vendor/chart.js-4.6.1.umd.min.*.js"))


def test_no_vendored_file_names_a_file_that_is_not_shipped():
    from pathlib import Path

    vendor = Path(base.BASE_DIR, "static", "vendor")
    dangling = [
        path.name
        for path in vendor.glob("*.js")
        if "sourceMappingURL=" in path.read_text() and not list(vendor.glob(f"{path.stem}*.map"))
    ]

    assert dangling == []


def test_healthz_answers_503_when_the_static_files_manifest_is_missing(client, production_static):
    # given the production storage and no collectstatic: every page would fail on {% static %}
    # when the load balancer asks
    response = client.get(reverse("healthz"))

    # then it is told to take this instance out of service
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "broker": "ok", "static": "missing"}


def test_healthz_reports_static_files_ok_after_collectstatic(client, production_static, settings):
    call_command("collectstatic", "--no-input", verbosity=0)
    settings.STORAGES = {**base.STORAGES}  # a fresh storage reads the manifest just written

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["static"] == "ok"


def test_the_favicon_is_found_without_a_login(client):
    # when a browser asks for /favicon.ico, as every browser does on every site
    response = client.get("/favicon.ico", follow=True)

    # then it gets an icon, not a 404 or the login page
    assert response.status_code == 200
    assert response.redirect_chain[0][0].endswith("img/favicon.ico")
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file's header
