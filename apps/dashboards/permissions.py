"""Who may have a board report made and download it: the dashboards' readers, and a programme's leads for it.

- Managers and administrators: the city's report and every programme's; a sector's only if the overview shows
  them that sector's detail (``manager_sectors``).
- A programme lead (the lead person, or the role scoped to the programme): their own programme's report, which
  the programme page offers; the dashboards stay the managers'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.indicators.models import Scope
from apps.indicators.permissions import can_view_indicators, manager_sectors
from apps.programmes.permissions import editable_programmes

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


def may_have_board_reports(user: User | AnonymousUser) -> bool:
    """Does the user have a board report of any scope at all (the report pages' guard: 403 otherwise)."""
    return can_view_indicators(user) or (user.is_authenticated and editable_programmes(user).exists())


def can_have_board_report(user: User | AnonymousUser, scope: str, scope_id: int) -> bool:
    """May the user ask for, and download, the board report of this scope (any period, any language)."""
    if can_view_indicators(user):
        if scope == Scope.SECTOR:
            sectors = manager_sectors(user)
            return sectors is None or scope_id in sectors
        return scope in (Scope.CITY, Scope.PROGRAMME)
    if scope == Scope.PROGRAMME and user.is_authenticated:
        return editable_programmes(user).filter(pk=scope_id).exists()
    return False
