"""The API token services: who may create and revoke, the expiry's limits, only a digest stored."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from apps.accounts.tokens import api_token_create, api_token_revoke, api_tokens_of
from apps.core.exceptions import Invalid, NotAllowed
from tests.accounts.factories import api_token_for

pytestmark = pytest.mark.django_db


def test_a_new_token_stores_only_the_digest_of_its_secret(official):
    token, secret = api_token_create(
        by=official, name="Reporting", expires_on=timezone.localdate() + timedelta(days=30)
    )

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("silta_") and len(secret) > 40
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.digest, stored.prefix, stored.name}
    assert secret.startswith(stored.prefix)


def test_a_user_holds_several_tokens(official):
    api_token_for(official, name="One")
    api_token_for(official, name="Two")

    assert [token.name for token in api_tokens_of(official)] == ["Two", "One"]


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "Choose a date after today."),
        (-3, "Choose a date after today."),
        (366, "A token is valid for at most a year"),
    ],
)
def test_the_expiry_is_tomorrow_at_the_earliest_and_a_year_at_the_latest(official, days, message):
    with pytest.raises(Invalid) as refused:
        api_token_create(by=official, name="Too long", expires_on=timezone.localdate() + timedelta(days=days))

    assert list(refused.value.errors) == ["expires_on"]
    assert refused.value.message.startswith(message)
    assert not ApiToken.objects.exists()


def test_a_year_is_allowed(official):
    token, _secret = api_token_create(by=official, name="Yearly", expires_on=timezone.localdate() + timedelta(days=365))

    assert token.pk


def test_two_active_tokens_do_not_share_a_name_but_a_revoked_ones_name_is_free(official):
    first, _secret = api_token_for(official, name="Export")
    with pytest.raises(Invalid, match=r"You already have a token with this name\."):
        api_token_for(official, name="Export")

    api_token_revoke(by=official, token=first)

    assert api_token_for(official, name="Export")[0].pk != first.pk


def test_a_blank_name_is_refused(official):
    with pytest.raises(Invalid) as refused:
        api_token_for(official, name="   ")

    assert "name" in refused.value.errors


def test_a_user_revokes_only_their_own_tokens(make_user):
    owner, other = make_user(Role.OFFICIAL), make_user(Role.MANAGER)
    token, _secret = api_token_for(owner)

    with pytest.raises(NotAllowed):
        api_token_revoke(by=other, token=token)

    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_an_admin_revokes_anyones_token(make_user):
    token, _secret = api_token_for(make_user(Role.OFFICIAL))

    revoked = api_token_revoke(by=make_user(Role.ADMIN), token=token)

    assert revoked.revoked_at is not None


def test_revoking_twice_keeps_the_first_time(official):
    token, _secret = api_token_for(official)
    first = api_token_revoke(by=official, token=token).revoked_at

    assert api_token_revoke(by=official, token=token).revoked_at == first


def test_an_inactive_user_creates_no_token(official):
    official.is_active = False

    with pytest.raises(NotAllowed):
        api_token_for(official)
