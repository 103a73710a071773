"""Every error the API gives is JSON with a message, whichever layer answers: DRF, Django or a failing view."""

import json
import logging

import pytest
from rest_framework.test import APIClient

from apps.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_user):
    client = APIClient()
    client.force_authenticate(make_user(Role.OFFICIAL))
    client.raise_request_exception = False
    return client


def _assert_json_error(response, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert detail
    return detail


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (json.dumps({"title": "x" * 2000}), "application/json"),
        ("title=" + "x" * 2000, "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_over_the_size_cap_is_a_json_413(api, settings, content, content_type):
    # Given a size cap of 1,000 bytes
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    # When a larger body is posted
    response = api.post("/api/v1/initiatives/", content, content_type=content_type)

    # Then the answer says so in JSON
    assert _assert_json_error(response, 413) == "The request is too large: send at most 1000 bytes."


def test_a_multipart_body_over_the_size_cap_is_a_json_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api.post("/api/v1/initiatives/", {"title": "x" * 2000}, format="multipart")

    _assert_json_error(response, 413)


def test_a_method_the_endpoint_does_not_have_is_a_json_405(api):
    response = api.patch("/api/v1/themes/", {}, format="json")

    _assert_json_error(response, 405)


def test_an_error_django_answers_before_the_api_is_json_too(api):
    # A host name outside ALLOWED_HOSTS is refused by Django itself, before any view runs
    response = api.get("/api/v1/themes/", HTTP_HOST="evil.example")

    assert _assert_json_error(response, 400) == "Bad Request"


def test_pages_keep_their_html_error_pages(client):
    response = client.get("/no-such-page/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.urls("tests.core.urls_failing")
def test_a_failing_api_view_is_a_json_500_that_leaks_nothing_and_is_logged(api, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.get("/api/v1/fail/")

    assert _assert_json_error(response, 500) == "A server error occurred."
    assert "hunter2" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert logged[0].getMessage() == "Internal Server Error: /api/v1/fail/"
    assert logged[0].exc_info[0] is RuntimeError
