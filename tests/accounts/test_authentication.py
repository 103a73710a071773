"""API calls with personal API tokens: valid, revoked, expired, unknown; the last use; failed tokens throttled."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from apps.accounts.tokens import api_token_revoke
from tests.accounts.factories import api_token_for

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes/"
PROGRAMMES = "/api/v1/programmes/"


def _client(secret: str, address: str = "127.0.0.1") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _refused_as_unauthenticated(response, message: str) -> None:
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": message}
    assert response["WWW-Authenticate"] == "Token"


def test_a_valid_token_acts_as_its_user(official):
    # Given an official's token
    _token, secret = api_token_for(official)

    # When it calls the API
    response = _client(secret).get(THEMES)

    # Then the call is the official's
    assert response.status_code == 200
    assert response.wsgi_request.user == official


def test_a_token_does_what_its_users_roles_allow_and_no_more(make_user):
    # Given a programme lead's token and an official's
    _t, lead_secret = api_token_for(make_user(Role.PROGRAMME_LEAD))
    _t, official_secret = api_token_for(make_user(Role.OFFICIAL))

    # When both try to create a programme (with nothing in it)
    lead = _client(lead_secret).post(PROGRAMMES, {}, format="json")
    official = _client(official_secret).post(PROGRAMMES, {}, format="json")

    # Then the lead gets as far as the validation, the official is refused as the official is on a page
    assert lead.status_code == 400
    assert official.status_code == 403


def test_a_revoked_token_is_refused_at_once(official):
    # Given a token that worked a moment ago
    token, secret = api_token_for(official)
    client = _client(secret)
    assert client.get(THEMES).status_code == 200

    # When its user revokes it
    api_token_revoke(by=official, token=token)

    # Then the very next call is refused with 401 and says why
    _refused_as_unauthenticated(client.get(THEMES), "This token has been revoked.")


def test_an_expired_token_is_refused(official):
    # Given a token whose expiry date has come
    token, secret = api_token_for(official)
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate())

    # Then it is refused with 401
    _refused_as_unauthenticated(_client(secret).get(THEMES), "This token has expired.")


def test_the_day_before_its_expiry_a_token_still_works(official):
    token, secret = api_token_for(official)
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() + timedelta(days=1))

    assert _client(secret).get(THEMES).status_code == 200


@pytest.mark.parametrize("secret", ["silta_" + "x" * 43, "0" * 40])
def test_an_unknown_token_is_refused(secret):
    _refused_as_unauthenticated(_client(secret).get(THEMES), "Invalid token.")


def test_the_token_of_a_deactivated_user_is_refused(official):
    _token, secret = api_token_for(official)
    official.is_active = False
    official.save()

    _refused_as_unauthenticated(_client(secret).get(THEMES), "User inactive or deleted.")


def test_a_call_without_credentials_is_still_403():
    # The permission matrix's anonymous answer: no token was sent, so none was refused.
    response = APIClient().get(THEMES)

    assert response.status_code == 403


def test_the_drf_tokens_of_drf_create_token_keep_working(official):
    key = Token.objects.create(user=official).key

    assert _client(key).get(THEMES).status_code == 200


def test_the_last_use_is_recorded_at_most_once_a_minute(official):
    # Given a token never used
    token, secret = api_token_for(official)
    client = _client(secret)

    # When it is used, then used again within the minute
    client.get(THEMES)
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    client.get(THEMES)

    # Then the first call recorded the use and the second did not write
    assert first_use is not None
    assert timezone.now() - first_use < timedelta(seconds=10)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use

    # and a call more than a minute later records it again
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    client.get(THEMES)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use


def test_a_call_within_the_minute_writes_nothing_and_reads_the_token_in_one_query(official):
    # Given a token used a moment ago
    _token, secret = api_token_for(official)
    client = _client(secret)
    client.get(THEMES)

    # When it is used again
    with CaptureQueriesContext(connection) as captured:
        client.get(THEMES)

    # Then nothing is written, and the token, its user and the user's roles came in one query
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [query for query in sql if query.startswith("UPDATE")]
    assert len([query for query in sql if "accounts_apitoken" in query]) == 1
