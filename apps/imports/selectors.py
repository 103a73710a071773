from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from apps.imports.models import ImportJob

if TYPE_CHECKING:
    from apps.accounts.models import User


def import_jobs_of(user: User, limit: int = 20) -> QuerySet[ImportJob]:
    """A user's own latest imports, for the imports page."""
    return ImportJob.objects.filter(uploaded_by=user).order_by("-created_at", "-pk")[:limit]
