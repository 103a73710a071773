"""Test clients that know who they are logged in as."""

from __future__ import annotations

from typing import Any

from django.test import Client

from apps.accounts.models import User


class UserClient(Client):
    """A test client logged in as ``user``, who stays on it: a test needs no second fixture to know who acts."""

    def __init__(self, user: User, *, backend: str | None = None, **defaults: Any) -> None:
        super().__init__(**defaults)
        self.user = user
        self.force_login(user, backend=backend)
