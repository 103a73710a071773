from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.initiatives.models import Initiative
from tests.initiatives.factories import InitiativeFactory
from tests.sectors.factories import PersonFactory


@pytest.fixture
def contact(make_user: Callable[..., User]) -> User:
    """An official who is the contact person (``.person``) of initiatives, writing in Swedish."""
    user = make_user(Role.OFFICIAL, username="britt", first_name="Britt", last_name="Lind", language="sv")
    PersonFactory(user=user, first_name="Britt", last_name="Lind", email=user.email)
    return user


@pytest.fixture
def stale_initiative(contact: User) -> Initiative:
    """An active initiative with ``contact`` as its contact person, unchanged for 130 days."""
    return InitiativeFactory(
        title="Läsvänner", contact_persons=[contact.person], updated_at=timezone.now() - timedelta(days=130)
    )


def links_in(text: str) -> list[str]:
    """The paths of the Silta links in a mail's text."""
    return [urlsplit(word).path for word in text.split() if word.startswith("http")]


def outbox_to(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]
