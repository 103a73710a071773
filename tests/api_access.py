"""The shared API access check: every endpoint refuses anonymous callers and users the policy denies."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.test import APIClient

from apps.accounts.models import User


def call(user: User | None, method: str, url: str, payload: dict[str, Any] | None = None) -> Response:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return getattr(client, method)(url, payload, format="json")


def assert_access(
    *,
    method: str,
    url: str,
    allowed: User,
    expected: int,
    denied: User | None = None,
    payload: dict[str, Any] | None = None,
) -> Response:
    """Anonymous: 401/403 with a JSON message; ``denied``: 403; ``allowed``: ``expected`` (returned)."""
    anonymous = call(None, method, url, payload)
    assert anonymous.status_code in (401, 403), anonymous.content
    assert "detail" in anonymous.json()
    if denied is not None:
        refused = call(denied, method, url, payload)
        assert refused.status_code == 403, refused.content
        assert refused.json()["detail"]
    answer = call(allowed, method, url, payload)
    assert answer.status_code == expected, answer.content
    return answer
