import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from apps.accounts.roles import Role
from tests.clients import UserClient
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
PRODUCTION_LIKE_KEY = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"  # pragma: allowlist secret


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
        "DJANGO_SECRET_KEY": PRODUCTION_LIKE_KEY,
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


POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    forms = [
        (path.relative_to(django_settings.BASE_DIR), body)
        for path in Path(django_settings.BASE_DIR, "templates").rglob("*.html")
        for body in POST_FORM.findall(path.read_text())
    ]

    missing = [str(path) for path, body in forms if "{% csrf_token %}" not in body]

    assert len(forms) >= 15  # the scan finds the forms (16 when this test was written)
    assert missing == []


@pytest.fixture
def csrf_checking_admin_client(make_user):
    return UserClient(make_user(Role.ADMIN), enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("page", "target", "data"),
    [
        ("home", "logout", {}),
        ("home", "set_language", {"language": "fi"}),
        ("initiatives:create", "initiatives:create", {"title": "Reading circles"}),
        ("indicators:list", "indicators:recompute", {}),
        ("accessibility", "accessibility", {"message": "The contrast of the tabs is low."}),
    ],
)
def test_a_form_posted_without_its_csrf_token_is_refused(csrf_checking_admin_client, page, target, data):
    client = csrf_checking_admin_client
    client.get(reverse(page))  # sets the csrftoken cookie, as a browser's visit would

    refused = client.post(reverse(target), data)
    accepted = client.post(reverse(target), {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert refused.status_code == 403
    assert accepted.status_code != 403


def test_a_refused_request_is_logged_with_the_user(client_for, caplog):
    client = client_for(Role.OFFICIAL, username="aino")

    initiative = InitiativeFactory()

    with caplog.at_level(logging.WARNING, logger="django.request"):
        page = client.get(reverse("dashboards:overview"))
        api = client.delete(f"/api/v1/initiatives/{initiative.pk}/")  # only administrators delete

    assert (page.status_code, api.status_code) == (403, 403)
    assert [(record.getMessage(), record.who) for record in caplog.records if record.name == "django.request"] == [
        ("Forbidden (Permission denied): /dashboards/", " (user aino)"),
        (f"Forbidden: /api/v1/initiatives/{initiative.pk}/", " (user aino)"),
    ]


def test_an_anonymous_api_call_is_logged_as_anonymous(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v1/initiatives/")

    assert response.status_code == 403
    assert [(record.getMessage(), record.who) for record in caplog.records if record.name == "django.request"] == [
        ("Forbidden: /api/v1/initiatives/", " (user anonymous)")
    ]


def test_the_404_page_is_generic(official_client):
    response = official_client.get("/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in content
    assert "URLconf" not in content and "config.urls" not in content


@pytest.mark.urls("tests.core.urls_failing")
def test_the_500_page_leaks_nothing_and_the_failure_is_logged(official_client, caplog):
    official_client.raise_request_exception = False

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = official_client.get("/fail/")

    content = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in content
    assert "hunter2" not in content and "Traceback" not in content and "RuntimeError" not in content
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert logged[0].getMessage() == "Internal Server Error: /fail/"
    assert logged[0].exc_info[0] is RuntimeError


REDIRECT_FROM_REQUEST = re.compile(
    r"redirect\([^)\n]*request\.(POST|GET|META|headers)|HttpResponseRedirect\([^)\n]*request\."
)


def test_no_view_redirects_to_request_data_except_through_the_safe_helper():
    # every "next" / Referer that decides a redirect goes through apps.core.http.safe_next_url
    sources = [path for path in Path(django_settings.BASE_DIR, "apps").rglob("*.py") if "migrations" not in path.parts]

    offenders = [
        f"{path.relative_to(django_settings.BASE_DIR)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if REDIRECT_FROM_REQUEST.search(line)
    ]

    assert len(sources) > 50
    assert offenders == []


DENIED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


@pytest.fixture
def answers(client, make_user):
    """One answer of each kind: pages and API calls logged in and not, a static file, the health check, a feed."""
    from tests.premises.factories import SpaceFactory

    space = SpaceFactory()
    anonymous = {
        "login page": client.get(reverse("login")),
        "anonymous API call": client.get("/api/v1/initiatives/"),
        "static file": client.get("/static/css/silta.css"),
        "health check": client.get(reverse("healthz")),
        "space feed": client.get(reverse("premises:space_feed", args=[space.pk])),
    }
    client.force_login(make_user(Role.MANAGER))
    return anonymous | {
        "home page": client.get(reverse("home")),
        "dashboard": client.get(reverse("dashboards:overview")),
        "API list": client.get("/api/v1/initiatives/"),
        "API schema": client.get("/api/schema/"),
        "logged-in static file": client.get("/static/css/silta.css"),
    }


def test_every_answer_denies_powerful_browser_features(answers):
    missing = {
        name: response.get("Permissions-Policy")
        for name, response in answers.items()
        if not all(feature in response.get("Permissions-Policy", "") for feature in DENIED_FEATURES)
    }

    assert missing == {}


def test_logged_in_pages_and_every_api_answer_are_kept_out_of_shared_and_browser_caches(answers):
    # given answers that may carry personal data: any page of a logged-in user, anything from the API
    personal = ("home page", "dashboard", "API list", "API schema", "anonymous API call")

    cacheable = {
        name: answers[name].get("Cache-Control")
        for name in personal
        if not {"private", "no-store"} <= _directives(answers[name].get("Cache-Control", ""))
    }

    assert {name: answers[name].status_code for name in personal} == {
        "home page": 200,
        "dashboard": 200,
        "API list": 200,
        "API schema": 200,
        "anonymous API call": 403,
    }
    assert cacheable == {}


def test_public_feeds_and_static_files_stay_cacheable(answers):
    for name in ("static file", "logged-in static file", "space feed"):
        assert answers[name].status_code == 200, name
        assert "no-store" not in answers[name].get("Cache-Control", ""), name


def _directives(header: str) -> set[str]:
    return {part.strip().split("=")[0] for part in header.split(",") if part.strip()}
