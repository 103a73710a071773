"""Template helpers of premises: the permission checks of ``apps.premises.permissions`` and durations as text."""

from __future__ import annotations

from django import template

from apps.premises import permissions
from apps.premises.formatting import duration_text

register = template.Library()

register.filter("manages_spaces", permissions.manages_any_space)
register.filter("duration", duration_text)
