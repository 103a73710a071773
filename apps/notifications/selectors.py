"""Reads of notifications: the bell's count, a person's list and settings, and the checks of a signed link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import Gone, Invalid, NotAllowed
from apps.notifications import kinds
from apps.notifications.models import ActionToken, Channel, Notification, NotificationSetting

if TYPE_CHECKING:
    from datetime import datetime

ACTION_SALT = "notifications.action"
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def notifications_unread_for(user: User | AnonymousUser) -> int:
    """How many notifications ``user`` has not read yet (the bell's count; 0 for visitors)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first."""
    found = Notification.objects.filter(recipient=user)
    return found.filter(read_at__isnull=True) if unread_only else found


@dataclass(frozen=True)
class Choice:
    """What a person chose for one kind (or the kind's default)."""

    kind: kinds.Kind
    channel: str
    weekday: int | None


def notification_choices_for(user: User) -> list[Choice]:
    """Each kind offered to ``user`` with their choice: the settings page."""
    rows = {row.kind: row for row in NotificationSetting.objects.filter(user=user)}
    found = []
    for kind in kinds.kinds_offered_to(user):
        row = rows.get(kind.code)
        weekday = row.weekday if row else None
        if kind.periodic and weekday is None:
            weekday = 0
        found.append(Choice(kind, row.channel if row else kind.default, weekday if kind.periodic else None))
    return found


def channel_for(user: User, kind: kinds.Kind) -> str:
    """How ``user`` wants ``kind``: their choice, else the kind's default; a kind not offered to them is off."""
    if not kind.offered_to(user):
        return Channel.OFF
    chosen = NotificationSetting.objects.filter(user=user, kind=kind.code).values_list("channel", flat=True).first()
    return chosen or kind.default


def subscribers_of(kind: kinds.Kind, *, weekday: int | None = None) -> QuerySet[NotificationSetting]:
    """The choices of the people who subscribed to ``kind`` (a periodic kind: those who get it on ``weekday``,
    Monday = 0), for a kind that is off unless chosen."""
    rows = NotificationSetting.objects.filter(kind=kind.code, user__is_active=True).exclude(channel=Channel.OFF)
    if weekday is not None:
        rows = rows.filter(weekday=weekday)
    return rows.select_related("user")


def action_token_check(signed: str, *, by: User | AnonymousUser, now: datetime | None = None) -> ActionToken:
    """The token a one-click link names, if it may be used now by ``by`` (a visitor, or the person it was sent
    to). Refused: a changed link (400), someone else's (403), an expired or used one (410)."""
    try:
        token_id = signing.Signer(salt=ACTION_SALT).unsign(signed)
        token = ActionToken.objects.select_related("user").get(pk=token_id)
    except (signing.BadSignature, ValueError, ActionToken.DoesNotExist) as exc:
        raise Invalid(
            _("This link is not valid. Open the notification again, or make the change on the page.")
        ) from exc
    return action_token_usable(token, by=by, now=now)


def action_token_usable(token: ActionToken, *, by: User | AnonymousUser, now: datetime | None) -> ActionToken:
    """``token`` if ``by`` may use it now; otherwise the refusal (403 someone else's, 410 used or expired)."""
    if by.is_authenticated and by.pk != token.user_id:
        raise NotAllowed(_("This link was sent to someone else. Log out to use it, or make the change on the page."))
    if token.used_at is not None:
        raise Gone(_("This link has been used already."))
    if token.expires_at <= (now or timezone.now()):
        raise Gone(_("This link has expired. Make the change on the page instead."))
    if not token.user.is_active:
        raise NotAllowed(_("This account is no longer active."))
    return token


def unsubscribe_check(signed: str) -> tuple[User, kinds.Kind]:
    """The person and kind an unsubscribe link names; a changed link is refused (400)."""
    try:
        user_id, code = signing.loads(signed, salt=UNSUBSCRIBE_SALT)
        return User.objects.get(pk=user_id, is_active=True), kinds.kind(code)
    except (signing.BadSignature, ValueError, TypeError, KeyError, User.DoesNotExist) as exc:
        raise Invalid(_("This link is not valid. Change your notification settings on the settings page.")) from exc
