"""The admin's API tokens: listed for every user, revoked with an action, never made or edited there."""

import pytest
from django.urls import reverse

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from tests.accounts.factories import api_token_for
from tests.clients import UserClient

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_apitoken_changelist")


@pytest.fixture
def superuser_client(make_user) -> UserClient:
    return UserClient(make_user(Role.ADMIN, is_staff=True, is_superuser=True))


def test_an_administrator_revokes_a_users_token_in_the_admin(superuser_client, official):
    # Given an official's token, listed in the admin without its digest
    token, _secret = api_token_for(official, name="Leaked")
    listing = superuser_client.get(CHANGELIST)
    assert "Leaked" in listing.content.decode()
    assert token.digest not in listing.content.decode()

    # When the administrator revokes it with the action
    response = superuser_client.post(CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}, follow=True)

    # Then it is revoked, and the admin says so
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert "1 token revoked." in response.content.decode()


def test_tokens_are_not_made_in_the_admin(superuser_client):
    assert superuser_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
