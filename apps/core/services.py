"""Writes of the core app (outgoing e-mail, feedback), and the save step and the transaction of writes that wait
for other requests' locks, which every app's services share."""

from __future__ import annotations

import functools
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from psycopg2 import errorcodes

from apps.core.exceptions import Conflict, Invalid
from apps.core.models import OutgoingEmail

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

# PostgreSQL rolled back only this transaction, because of another one: running it again is safe and usually works.
RETRIED_PGCODES = frozenset({errorcodes.DEADLOCK_DETECTED, errorcodes.SERIALIZATION_FAILURE})
# Runs of a write after a deadlock, the first included; each after a short random pause (the other one finishes).
WRITE_ATTEMPTS = 3
RETRY_PAUSE = 0.05


def _pgcode(exc: BaseException) -> str | None:
    return getattr(exc.__cause__, "pgcode", None)


def atomic_write(*, busy: str | Promise) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """``transaction.atomic`` for a write that waits for locks other requests hold, where a busy lock is a
    conflict of the moment, not database trouble (which is a 503, apps.core.views.server_error).

    - A deadlock (or serialization failure): PostgreSQL rolled this transaction back to let the other one through;
      the write runs again, up to ``WRITE_ATTEMPTS`` times, when it is the outermost transaction (inside a
      caller's, the caller's own locks would meet the same cycle again, and its rollback is the caller's).
    - A lock not granted within ``lock_timeout`` (another request holds the row, the advisory lock, or an
      uncommitted booking the exclusion constraint must wait for): ``Conflict(busy)``, a 409 saying to try again.
      It already waited the whole limit, so it does not wait a second time.

    Nothing of a failed run stays: its transaction (or savepoint) is rolled back with its ``on_commit`` hooks.
    A statement time limit and a lost connection stay ``OperationalError``: database trouble, the 503.
    """

    def decorate(write: Callable[P, T]) -> Callable[P, T]:
        atomic_run = transaction.atomic(write)

        @functools.wraps(write)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            attempts = 1 if transaction.get_connection().in_atomic_block else WRITE_ATTEMPTS
            attempt = 1
            while True:
                try:
                    return atomic_run(*args, **kwargs)
                except OperationalError as exc:
                    code = _pgcode(exc)
                    if code != errorcodes.LOCK_NOT_AVAILABLE and code not in RETRIED_PGCODES:
                        raise
                    again = code in RETRIED_PGCODES and attempt < attempts
                    logger.warning("%s %s: %s", write.__qualname__, "runs again" if again else "gave up", _summary(exc))
                    if not again:
                        raise Conflict(str(busy)) from exc
                time.sleep(random.uniform(0, RETRY_PAUSE * attempt))  # the other transaction finishes meanwhile
                attempt += 1

        return run

    return decorate


def _summary(exc: BaseException) -> str:
    """PostgreSQL's message on one line (it spans lines and quotes the SQL)."""
    return " ".join(str(exc).split())[:300]


def validated_save(instance: models.Model, **save_kwargs: Any) -> None:
    """``full_clean`` then save: a broken rule is ``Invalid`` with the field messages, and a constraint that a
    concurrent write broke meanwhile a ``Conflict`` (409), never a 500."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise Invalid.from_validation_error(exc) from exc
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError as exc:
        raise Conflict(_("Someone else changed the same data at the same time. Please reload and try again.")) from exc


@dataclass(frozen=True)
class Attachment:
    """A file an e-mail carries: kept in Django's storage under ``path``, sent as ``name``."""

    name: str
    path: str
    content_type: str


def email_queue(
    *,
    key: str,
    subject: str,
    body: str,
    to: Iterable[str],
    from_email: str = "",
    html_body: str = "",
    headers: dict[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutgoingEmail:
    """Write an e-mail in the caller's transaction; a worker sends it once that transaction commits.

    The request never talks to the SMTP server, so a mail server that is down or slow neither fails nor delays
    the change the e-mail reports. A second call with the same ``key`` returns the first e-mail and queues nothing.
    ``html_body`` goes beside the plain text as its HTML alternative; ``headers`` are added to the message;
    ``attachments`` name files in Django's storage, read when the worker sends (the row stays small).
    """
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={
            "subject": subject,
            "body": body,
            "html_body": html_body,
            "headers": headers or {},
            "attachments": [
                {"name": item.name, "path": item.path, "content_type": item.content_type} for item in attachments
            ],
            "to": list(to),
            "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        },
    )
    if created:
        transaction.on_commit(lambda: _hand_to_worker(email.pk))
    return email


def _hand_to_worker(email_id: int) -> None:
    """Queue the sending task; with the broker down the e-mail waits for ``email_send_stale_task``."""
    from apps.core.tasks import email_send_task

    try:
        # One quick publish attempt: the change is committed, so the answer must not wait for Redis.
        email_send_task.apply_async(args=[email_id], retry_policy={"max_retries": 1, "interval_start": 0.1})
    except Exception:  # any broker failure (kombu, redis-py, socket): the row is safe in the database
        logger.warning("Could not queue e-mail %s; the sweep sends it later.", email_id, exc_info=True)


def email_send(*, email_id: int) -> bool:
    """Send a queued e-mail unless it went already; True when this call sent it.

    The row is locked while the SMTP server takes the message and marked sent in the same transaction, so of two
    deliveries of the task only one sends; the other skips the locked row, or finds it sent. SMTP and socket
    errors propagate (nothing is marked) for the task to retry.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:  # sent already, given up on, or being sent by another worker right now
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email,
            to=email.to,
            headers={**email.headers, "Message-ID": email.message_id},
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for item in email.attachments:
            with default_storage.open(item["path"], "rb") as stored:
                message.attach(item["name"], stored.read(), item["content_type"])
        message.send()
        now = timezone.now()
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = email.last_attempt_at = now
        email.attempts += 1
        email.last_error = ""
        email.save(update_fields=["status", "sent_at", "last_attempt_at", "attempts", "last_error"])
    return True


def email_record_failure(*, email_id: int, error: str, give_up: bool) -> None:
    """Note a failed attempt on the e-mail; after the last retry it is marked failed (shown in the admin)."""
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        attempts=F("attempts") + 1,
        last_attempt_at=timezone.now(),
        last_error=error[:2000],
        status=OutgoingEmail.Status.FAILED if give_up else OutgoingEmail.Status.PENDING,
    )
    log = logger.error if give_up else logger.warning
    log("E-mail %s not sent%s: %s", email_id, " (giving up)" if give_up else ", will retry", error)


def email_requeue_stale(*, older_than: timedelta | None = None) -> int:
    """Queue again every pending e-mail no task has tried for longer than any retry waits: its task was lost
    (the broker was down when the change committed, or lost its queue). Returns how many were queued."""
    older_than = older_than or timedelta(seconds=settings.SILTA_MAIL_STALE_AFTER)
    stale = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).alias(
        touched=Coalesce("last_attempt_at", "created_at")
    )
    ids = list(stale.filter(touched__lt=timezone.now() - older_than).values_list("pk", flat=True)[:1000])
    for email_id in ids:
        _hand_to_worker(email_id)
    return len(ids)


def accessibility_feedback_send(*, message: str, reply_to: str = "", page: str = "") -> None:
    """Forward accessibility feedback to the address named in the accessibility statement."""
    body = f"{message}\n\n--\nReply to: {reply_to or '(not given)'}\nPage: {page or '(not given)'}"
    email_queue(
        key=f"core.accessibility_feedback:{uuid.uuid4()}",
        subject="Silta accessibility feedback",
        body=body,
        to=[settings.SILTA_ACCESSIBILITY_FEEDBACK_EMAIL],
    )


@transaction.atomic
def emails_purge(*, before: datetime) -> int:
    """Delete the e-mails written before ``before`` that were sent or given up on (their addressees and text are
    personal data no longer needed); one still waiting is kept for the worker. Returns how many went."""
    done = OutgoingEmail.objects.filter(created_at__lt=before).exclude(status=OutgoingEmail.Status.PENDING)
    deleted, _by_model = done.delete()
    return deleted
