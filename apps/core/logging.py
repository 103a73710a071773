"""Log records that say who: refused and failed requests name the user (OWASP ASVS: when, where, who, what)."""

from __future__ import annotations

import logging


class RequestUserFilter(logging.Filter):
    """Adds `` (user NAME)`` to ``django.request``'s records: Django logs every 4xx and 5xx answer there."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
        record.who = f" (user {name})" if request is not None else ""
        return True
