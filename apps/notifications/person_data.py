"""The notifications' part of a person's data (``apps.sectors.person_data``): what Silta told them; erased, the
titles that name them (theirs and others') carry the pseudonym and their one-click links stop working."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from apps.notifications.models import ActionToken, Notification
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section, merge_counts


def notifications_export(person: Person) -> Iterator[Section]:
    if person.user_id is None:
        return
    notifications = Notification.objects.filter(recipient_id=person.user_id).order_by("created_at", "pk")
    yield Section(
        "notifications",
        _("Notifications"),
        [
            ("kind", _("kind")),
            ("title", _("title")),
            ("link", _("link")),
            ("created_at", _("created at")),
            ("read_at", _("read at")),
            ("emailed", _("sent by e-mail")),
        ],
        [
            [item.kind, item.title, item.url, item.created_at, item.read_at, item.email_id is not None]
            for item in notifications
        ],
    )


def notifications_erase(erasure: Erasure) -> dict[str, int]:
    tokens = ActionToken.objects.filter(user=erasure.user).delete()[0] if erasure.user else 0
    return merge_counts(
        erasure.scrub_texts(Notification, "title"), {"notifications.ActionToken": tokens} if tokens else {}
    )


NOTIFICATIONS_PART = PersonDataPart("notifications", order=60, export=notifications_export, erase=notifications_erase)
