"""Single sign-on at the HTTP level: the login page, and every refusal with a clear page and no account made or
changed. The ID tokens here come from a stand-in provider (tests/oidc/forger.py) that signs what a test asks; the
whole flow against a real provider is in test_oidc_browser.py."""

from __future__ import annotations

import socket
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from apps.accounts.models import User
from tests.accounts.conftest import use_provider
from tests.oidc.forger import ForgingProvider, signing_key
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def start_sign_in(client: Client) -> dict[str, str]:
    """Silta's redirect to the provider, as its query (state, nonce, PKCE challenge, ...)."""
    response = client.get("/accounts/oidc/authenticate/")
    assert response.status_code == 302, response.content
    return {name: values[0] for name, values in parse_qs(urlsplit(response["Location"]).query).items()}


def come_back(client: Client, state: str) -> Any:
    return client.get("/accounts/oidc/callback/", {"code": "forged-code", "state": state})


def refused(response: Any, text: str, status: int = 400) -> None:
    assert response.status_code == status
    assert b"Sign-in did not succeed" in response.content
    assert text.encode() in response.content
    assert "_auth_user_id" not in response.wsgi_request.session


# --- the login page


def test_without_an_issuer_the_login_page_is_as_before_and_sso_is_not_there(client):
    page = client.get("/accounts/login/")

    assert b"Sign in with" not in page.content
    assert b'name="password"' in page.content
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404


def test_with_an_issuer_the_login_page_offers_the_city_account_first(client, forger):
    page = client.get("/accounts/login/").content.decode()

    assert "Sign in with Test City ID" in page
    assert page.index("Sign in with Test City ID") < page.index('name="password"')


def test_with_local_login_off_the_password_form_is_gone_and_a_password_post_is_refused(client, forger, settings):
    settings.SILTA_LOCAL_LOGIN = False
    user = User.objects.create_user("local", password="correct horse battery")  # pragma: allowlist secret

    page = client.get("/accounts/login/")
    answer = client.post("/accounts/login/", {"username": "local", "password": "correct horse battery"})

    assert b'name="password"' not in page.content
    assert b"Sign in with Test City ID" in page.content
    refused(answer, "Passwords are not used here", status=403)
    assert user.last_login is None


def test_the_redirect_asks_for_the_code_flow_with_pkce_state_and_nonce(client, forger):
    query = start_sign_in(client)

    assert query["response_type"] == "code"
    assert query["client_id"] == "silta-test"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    assert query["scope"] == "openid email profile silta"


# --- accounts from the login


def test_a_good_token_signs_in_and_makes_the_account_with_unit_and_directory_person(client, forger):
    unit = UnitFactory(external_code="EDU-7")
    person = PersonFactory(email="Forged@Example.org", unit=unit)
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"], department="EDU-7", locale="sv-FI")

    response = come_back(client, query["state"])

    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(oidc_subject=f"{forger.issuer} forged-1")
    assert (user.first_name, user.last_name, user.email, user.language) == ("Fay", "Forged", "forged@example.org", "sv")
    assert user.home_unit == unit
    assert not user.has_usable_password()
    person.refresh_from_db()
    assert person.user == user
    assert response.cookies["django_language"].value == "sv"


def test_every_sign_in_updates_name_email_language_and_unit_and_never_duplicates(client, forger):
    first, second = UnitFactory(external_code="A-1"), UnitFactory(external_code="B-2")
    PersonFactory(email="forged@example.org")
    for claims in ({"department": "A-1"}, {"department": "B-2", "given_name": "Faye", "email": "faye@example.org"}):
        query = start_sign_in(client)
        forger.next_id_token = forger.id_token(nonce=query["nonce"], **claims)
        assert come_back(client, query["state"]).status_code == 302

    user = User.objects.get()
    assert (user.first_name, user.email, user.home_unit) == ("Faye", "faye@example.org", second)
    assert first.users.count() == 0
    assert user.person.email == "forged@example.org"


def test_a_claim_naming_an_unknown_unit_signs_in_without_a_unit_and_says_whom_to_ask(client, forger, settings):
    settings.SILTA_ACCESS_CONTACT = "silta-support@example.org"
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"], department="NO-SUCH-UNIT")

    come_back(client, query["state"])
    home = client.get("/")

    assert User.objects.get().home_unit is None
    assert home.status_code == 200
    assert b"ask silta-support@example.org" in home.content
    assert client.get("/directory/").status_code == 200  # what every logged-in user reads


def test_keys_rotated_by_the_provider_keep_working(client, forger):
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"])
    assert come_back(client, query["state"]).status_code == 302  # the first key is now cached
    client.logout()
    forger.published = [signing_key("published-2")]

    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"])

    assert come_back(client, query["state"]).status_code == 302


# --- refusals: a clear page, no account made or changed


@pytest.mark.parametrize(
    ("claims", "what"),
    [
        ({"aud": "someone-else"}, "wrong audience"),
        ({"aud": ["someone-else", "silta-test"]}, "several audiences, another authorized party"),
        ({"iss": "http://evil.example"}, "wrong issuer"),
        ({"lifetime": -120}, "expired"),
        ({"iat": int(time.time()) + 3600}, "issued in the future"),
        ({"key": signing_key("unknown")}, "a key the provider does not publish"),
        ({"key": (signing_key("x")[0], "published-1")}, "another key under a published key id"),
        ({"nonce": "not-the-nonce-silta-sent"}, "a mismatched nonce"),
    ],
)
def test_a_forged_token_is_refused(client, forger, claims, what):
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(**{"nonce": query["nonce"], **claims})

    response = come_back(client, query["state"])

    refused(response, "The sign-in could not be verified")
    assert not User.objects.exists(), what


def test_a_replayed_state_is_refused_and_changes_nothing(client, forger):
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"])
    come_back(client, query["state"])
    client.logout()
    forger.next_id_token = forger.id_token(nonce=query["nonce"], given_name="Mallory")

    response = come_back(client, query["state"])

    refused(response, "expired or was already used")
    assert User.objects.get().first_name == "Fay"


def test_a_replayed_nonce_of_another_sign_in_is_refused(client, forger):
    earlier = start_sign_in(client)
    later = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=earlier["nonce"])

    response = come_back(client, later["state"])

    refused(response, "The sign-in could not be verified")
    assert not User.objects.exists()


def test_a_state_from_another_browser_is_refused(client, forger):
    query = start_sign_in(Client())
    forger.next_id_token = forger.id_token(nonce=query["nonce"])

    response = come_back(client, query["state"])

    refused(response, "expired or was already used")
    assert not User.objects.exists()


def test_an_error_from_the_provider_is_a_clear_page(client, forger):
    query = start_sign_in(client)

    response = client.get("/accounts/oidc/callback/", {"error": "access_denied", "state": query["state"]})

    refused(response, "The sign-in did not succeed")


def test_a_provider_that_is_down_is_a_clear_message_at_once(client, settings, unused_tcp_port):
    use_provider(settings, f"http://127.0.0.1:{unused_tcp_port}")

    started = time.monotonic()
    response = client.get("/accounts/oidc/authenticate/")

    assert time.monotonic() - started < 5
    refused(response, "does not answer right now", status=503)


def test_a_provider_that_hangs_is_a_clear_message_within_5_seconds(client, settings):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        use_provider(settings, f"http://127.0.0.1:{silent.getsockname()[1]}")

        started = time.monotonic()
        response = client.get("/accounts/oidc/authenticate/")

        assert time.monotonic() - started < 5
    refused(response, "does not answer right now", status=503)


def test_a_provider_that_goes_down_after_the_redirect_is_a_clear_message(client, settings):
    with ForgingProvider() as provider:
        use_provider(settings, provider.issuer)
        query = start_sign_in(client)
    started = time.monotonic()

    response = come_back(client, query["state"])

    assert time.monotonic() - started < 5
    refused(response, "does not answer right now", status=503)
    assert not User.objects.exists()


def test_password_logins_never_ask_the_provider(client, settings, unused_tcp_port):
    use_provider(settings, f"http://127.0.0.1:{unused_tcp_port}")
    User.objects.create_user("local", password="correct horse battery")  # pragma: allowlist secret

    response = client.post("/accounts/login/", {"username": "local", "password": "correct horse battery"})

    assert response.status_code == 302


def test_logout_ends_the_provider_session_too(client, forger):
    query = start_sign_in(client)
    forger.next_id_token = token = forger.id_token(nonce=query["nonce"])
    come_back(client, query["state"])

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{forger.issuer}/session/end"
    assert parse_qs(location.query)["id_token_hint"] == [token]
    assert parse_qs(location.query)["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]
    assert "_auth_user_id" not in client.session


def test_sign_in_works_with_the_production_backends_and_login_throttling_on(client, forger, settings):
    from config.settings import base

    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = base.AUTHENTICATION_BACKENDS
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"])

    response = come_back(client, query["state"])

    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.email == "forged@example.org"


def test_a_deactivated_user_cannot_sign_in_and_is_not_changed(client, forger):
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"])
    come_back(client, query["state"])
    client.logout()
    User.objects.update(is_active=False)
    query = start_sign_in(client)
    forger.next_id_token = forger.id_token(nonce=query["nonce"], given_name="Changed")

    response = come_back(client, query["state"])

    refused(response, "This account is switched off in Silta", status=403)
    assert User.objects.get().first_name == "Fay"
