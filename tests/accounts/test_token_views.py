"""The API tokens page: create (the secret shown once), list, revoke; another user's token refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from tests.accounts.factories import api_token_for

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:api_tokens")


def _revoke_url(token: ApiToken) -> str:
    return reverse("accounts:api_token_revoke", args=[token.pk])


def test_the_page_offers_a_name_and_an_expiry_90_days_ahead(official_client):
    response = official_client.get(PAGE)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_name">' in content
    assert '<label for="id_expires_on">' in content
    expiry = (timezone.localdate() + timedelta(days=90)).isoformat()
    assert f'value="{expiry}"' in content
    assert f'max="{(timezone.localdate() + timedelta(days=365)).isoformat()}"' in content
    assert "You have no API tokens." in content


def test_the_user_menu_links_the_page(official_client):
    content = official_client.get(reverse("home")).content.decode()

    assert f'href="{PAGE}"' in content


def test_creating_a_token_shows_its_secret_once(official_client):
    # When the official creates a token
    expiry = timezone.localdate() + timedelta(days=30)
    response = official_client.post(PAGE, {"name": "Open data export", "expires_on": expiry.isoformat()})

    # Then the answer shows the secret in a labelled read-only field, and no cache may keep it
    assert response.status_code == 200
    secret = response.context["new_secret"]
    content = response.content.decode()
    assert f'value="{secret}" readonly' in content
    assert '<label for="new-token-secret">' in content
    assert 'data-copy-target="new-token-secret"' in content  # a Copy button, shown by static/js/copy.js
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.expires_on) == (official_client.user, "Open data export", expiry)
    # and the secret works, but the page never shows it again
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/themes/").status_code == 200
    assert secret not in official_client.get(PAGE).content.decode()


def test_the_list_shows_name_created_last_use_expiry_and_state(official_client):
    # Given an active token, a used one, an expired and a revoked one
    user = official_client.user
    api_token_for(user, name="Fresh")
    used, _secret = api_token_for(user, name="Busy")
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now())
    expired, _secret = api_token_for(user, name="Old")
    ApiToken.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate())
    revoked, _secret = api_token_for(user, name="Leaked")
    official_client.post(_revoke_url(revoked))

    # When the page is shown
    response = official_client.get(PAGE)

    # Then every token is listed with its state, and only unrevoked ones have a revoke button
    content = response.content.decode()
    assert [token.name for token in response.context["tokens"]] == ["Leaked", "Old", "Busy", "Fresh"]
    assert content.count("Never") == 3  # all but the busy one
    assert "Expired" in content
    assert "Revoked " in content
    assert content.count("Active") == 2
    assert _revoke_url(revoked) not in content
    assert _revoke_url(used) in content


def test_an_expiry_beyond_a_year_is_refused_beside_the_field(official_client):
    too_late = timezone.localdate() + timedelta(days=400)

    response = official_client.post(PAGE, {"name": "Forever", "expires_on": too_late.isoformat()})

    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"][0].startswith("A token is valid for at most a year")
    assert response.context["form"]["name"].value() == "Forever"
    assert not ApiToken.objects.exists()


def test_a_duplicate_name_is_refused_beside_the_field(official_client):
    api_token_for(official_client.user, name="Export")

    response = official_client.post(PAGE, {"name": "Export", "expires_on": timezone.localdate() + timedelta(days=5)})

    assert response.context["form"].errors["name"] == ["You already have a token with this name."]
    assert ApiToken.objects.count() == 1


def test_revoking_a_token_stops_it_and_says_so(official_client):
    token, secret = api_token_for(official_client.user, name="CI")

    response = official_client.post(_revoke_url(token), follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    assert "The token “CI” is revoked and no longer works." in response.content.decode()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/themes/").status_code == 401


def test_another_users_token_is_not_revoked_and_not_listed(client_for):
    # Given someone else's token
    owner = client_for(Role.OFFICIAL)
    token, _secret = api_token_for(owner.user, name="Theirs")
    intruder = client_for(Role.MANAGER)

    # When another user tries to revoke it, and looks at their own page
    refused = intruder.post(_revoke_url(token))
    page = intruder.get(PAGE)

    # Then it is refused with a 403 page, stays active and does not show
    assert refused.status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert "Theirs" not in page.content.decode()


def test_an_admin_revokes_someone_elses_token(client_for):
    token, _secret = api_token_for(client_for(Role.OFFICIAL).user)

    response = client_for(Role.ADMIN).post(_revoke_url(token))

    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_revoking_is_a_post_with_csrf(official_client):
    token, _secret = api_token_for(official_client.user)
    strict = official_client.__class__(official_client.user, enforce_csrf_checks=True)

    assert official_client.get(_revoke_url(token)).status_code == 405
    assert strict.post(_revoke_url(token)).status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
