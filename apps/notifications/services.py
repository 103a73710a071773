"""Writes of notifications: tell a person (in the app and, if they want, by e-mail through the core outbox),
their settings, and the use of a one-click answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import Invalid
from apps.core.policy import require
from apps.core.services import Attachment, email_queue, emails_purge, validated_save
from apps.notifications import kinds
from apps.notifications.models import ActionToken, Channel, Notification, NotificationSetting
from apps.notifications.selectors import (
    ACTION_SALT,
    UNSUBSCRIBE_SALT,
    action_token_check,
    action_token_usable,
    channel_for,
    unsubscribe_check,
)


def absolute_url(path: str) -> str:
    """``path`` on the site's public address (``SILTA_BASE_URL``), for links in e-mails."""
    if not path or "://" in path:
        return path
    return settings.SILTA_BASE_URL.rstrip("/") + path


def language_of(user: User) -> str:
    """The language a person is written to in: theirs from the login, else the site's."""
    return user.language or settings.LANGUAGE_CODE


def unsubscribe_link(user: User, kind: kinds.Kind) -> str:
    """A link that switches ``kind`` off for ``user`` (after a confirmation), without logging in; it does not
    expire, like any mail's unsubscribe link."""
    signed = signing.dumps([user.pk, kind.code], salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute_url(reverse("notifications:unsubscribe", args=[signed]))


def _action_link(*, user: User, code: str, subject: models.Model, now: datetime) -> str:
    token = ActionToken.objects.create(
        user=user,
        action=code,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        created_at=now,
        expires_at=now + timedelta(days=settings.SILTA_ACTION_LINK_DAYS),
    )
    return absolute_url(reverse("notifications:action", args=[signing.Signer(salt=ACTION_SALT).sign(str(token.pk))]))


@transaction.atomic
def notification_send(
    *,
    recipient: User,
    kind: str,
    key: str,
    subject: models.Model | None = None,
    url: str = "",
    context: Mapping[str, Any] | None = None,
    actions: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    now: datetime | None = None,
) -> Notification | None:
    """Tell ``recipient`` about one event of ``kind``, once: ``key`` names the event for this person, and a second
    call with it (a task run again, two workers at once) tells nothing. Returns the new notification, or None when
    told already or the person switched the kind off.

    In their language: the in-app title, and, unless they chose "only in the app", an e-mail with a plain-text and
    an HTML part, queued in the caller's transaction (``apps.core.services.email_queue``: a worker sends it after
    the commit, never the request). ``actions`` are codes of one-click answers on ``subject``; each gets its own
    signed, expiring, single-use link. ``attachments`` go with the e-mail only (a monthly report's PDF).
    """
    spec = kinds.kind(kind)
    channel = channel_for(recipient, spec)
    if channel == Channel.OFF or not recipient.is_active or Notification.objects.filter(key=key).exists():
        return None
    now = now or timezone.now()
    try:
        with transaction.atomic():  # a concurrent run that told it first rolls back this one's links too
            with translation.override(language_of(recipient)):
                page = {
                    "recipient": recipient,
                    "kind": spec,
                    "url": absolute_url(url),
                    "settings_url": absolute_url(reverse("notifications:settings")),
                    "unsubscribe_url": unsubscribe_link(recipient, spec),
                    "actions": [
                        (kinds.action(code), _action_link(user=recipient, code=code, subject=subject, now=now))
                        for code in actions
                        if subject is not None
                    ],
                    **(context or {}),
                }
                title = " ".join(render_to_string(f"{spec.template}_subject.txt", page).split())[:300]
                text = render_to_string(f"{spec.template}.txt", page) if channel == Channel.EMAIL else ""
                html = render_to_string(f"{spec.template}.html", page) if channel == Channel.EMAIL else ""
            notification = Notification.objects.create(
                recipient=recipient,
                kind=spec.code,
                key=key,
                subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
                subject_id=subject.pk if subject is not None else None,
                title=title,
                url=url,
                created_at=now,
            )
    except IntegrityError:
        return None
    if channel == Channel.EMAIL and recipient.email:
        notification.email = email_queue(
            key=f"notifications:{key}",
            subject=title,
            body=text,
            html_body=html,
            to=[recipient.email],
            attachments=attachments,
            # Mail programs offer their own "unsubscribe" button, which POSTs to the link (RFC 8058).
            headers={
                "List-Unsubscribe": f"<{page['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        notification.save(update_fields=["email"])
    return notification


@transaction.atomic
def notification_mark_read(*, by: User, notification: Notification | None = None, now: datetime | None = None) -> int:
    """Mark one of ``by``'s notifications read, or all of them when none is named. Returns how many changed."""
    found = Notification.objects.filter(recipient=by, read_at__isnull=True)
    if notification is not None:
        require(notification.recipient_id == by.pk, _("This notification is someone else's."))
        found = found.filter(pk=notification.pk)
    return found.update(read_at=now or timezone.now())


@transaction.atomic
def notification_setting_set(*, by: User, user: User, kind: str, channel: str, weekday: int | None = None) -> None:
    """``user`` wants ``kind`` by ``channel`` (and a periodic kind on ``weekday``); only they change it."""
    require(by.pk == user.pk, _("Only the person themselves changes their notification settings."))
    try:
        spec = kinds.kind(kind)
    except KeyError as exc:
        raise Invalid(_("Unknown kind of notification.")) from exc
    if channel not in Channel.values:
        raise Invalid({"channel": _("Choose how you want to be told.")})
    if spec.periodic and weekday is None:
        weekday = 0
    row = NotificationSetting.objects.filter(user=user, kind=spec.code).first() or NotificationSetting(
        user=user, kind=spec.code
    )
    row.channel = channel
    row.weekday = weekday if spec.periodic else None
    validated_save(row)


@transaction.atomic
def notification_unsubscribe(*, signed: str) -> kinds.Kind:
    """Switch off the kind an unsubscribe link names, as the person it was sent to (the link is their proof)."""
    user, spec = unsubscribe_check(signed)
    notification_setting_set(by=user, user=user, kind=spec.code, channel=Channel.OFF)
    return spec


@transaction.atomic
def action_token_use(*, signed: str, by: User | AnonymousUser, now: datetime | None = None) -> str:
    """Apply a one-click answer as the person it was sent to, once; returns where to take them next.

    The token row is locked, so of two clicks at once one applies and the other finds it used. The change goes
    through the feature's own service as that person (its policy, its history); if it refuses, nothing is used.
    """
    now = now or timezone.now()
    checked = action_token_check(signed, by=by, now=now)
    token = action_token_usable(ActionToken.objects.select_for_update().get(pk=checked.pk), by=by, now=now)
    answer = kinds.action(token.action)
    subject = token.subject
    if subject is None:
        raise Invalid(_("What this link was about no longer exists."))
    token.used_at = now
    token.save(update_fields=["used_at"])
    answer.apply(token.user, subject)
    return answer.next_url(subject)


@transaction.atomic
def action_tokens_purge(*, now: datetime | None = None) -> int:
    """Delete the one-click answers that expired more than ``SILTA_ACTION_LINK_DAYS`` ago (used or not): their
    links are refused anyway, and the change they made is in the subject's own history. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SILTA_ACTION_LINK_DAYS)
    deleted, _by_model = ActionToken.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def notifications_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete the notifications, and the e-mails sent or given up on, written more than
    ``SILTA_NOTIFICATION_RETENTION_DAYS`` ago: what they said (a booking, an initiative, a person) is personal data
    no longer needed, and the change they told of is in its object's history. Returns how many of each went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SILTA_NOTIFICATION_RETENTION_DAYS)
    notifications, _by_model = Notification.objects.filter(created_at__lt=cutoff).delete()
    return {"notifications": notifications, "emails": emails_purge(before=cutoff)}
