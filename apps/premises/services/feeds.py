"""The secret address of a user's own calendar feed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.premises.models import UserFeedToken, new_feed_secret


@transaction.atomic
def user_feed_token_get_or_create(*, by: User) -> UserFeedToken:
    """The user's one feed address, made on first use; the same on every visit, so calendar apps keep working."""
    token, _created = UserFeedToken.objects.get_or_create(user=by)
    return token


@transaction.atomic
def user_feed_token_renew(*, by: User) -> UserFeedToken:
    """A new secret for the user's feed address (e.g. after sharing it by mistake); the old one answers 404."""
    token, created = UserFeedToken.objects.select_for_update().get_or_create(user=by)
    if not created:
        token.secret = new_feed_secret()
        token.renewed_at = timezone.now()
        token.save(update_fields=["secret", "renewed_at"])
    return token
