"""The home page of one person: each section read through the selectors of the app that owns it.

This app sits at the top of the layering (docs/architecture.md) because the page reads from every feature app;
it owns no data. Which sections a person sees follows their roles; every section costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from apps.accounts.roles import Role
from apps.dashboards import selectors as dashboards
from apps.indicators.permissions import can_view_indicators
from apps.initiatives import selectors as initiatives
from apps.initiatives.permissions import can_create_initiative
from apps.notifications import selectors as notifications
from apps.partner_requests import selectors as partner_requests
from apps.premises import selectors as premises
from apps.premises.permissions import manages_any_space
from apps.programmes import selectors as programmes
from apps.programmes.models import Programme

if TYPE_CHECKING:
    from apps.accounts.models import User

HOME_NOTIFICATIONS = 5


@dataclass
class HomePage:
    """The sections of one person's home page; None for a section their roles do not show."""

    can_log: bool
    initiatives: list[Any] | None
    bookings: list[Any]
    series: list[Any]
    requests: premises.WaitingRequests | None
    programmes: list[Programme] | None
    decisions_to_review: list[Any] = field(default_factory=list)
    headline_period: date | None = None
    headline: list[dashboards.Tile] | None = None
    # The newest unread notifications (the bell's), a few; and how many are unread in all.
    notifications: list[Any] = field(default_factory=list)
    unread_count: int = 0
    # Others' open partner requests that ask for the person's sector or topics.
    partner_requests: list[Any] = field(default_factory=list)


def home_page(user: User) -> HomePage:
    """What ``user`` sees first: their initiatives and what each lacks, their next bookings and series, requests
    waiting for their decision (premises managers), the programmes they lead (their lead person), and what
    changed most in the dashboards (managers), and the partner requests that match them."""
    can_log = can_create_initiative(user)
    mine = initiatives.my_initiatives(user)
    led = programmes.programmes_led_by(user)
    page = HomePage(
        can_log=can_log,
        initiatives=mine if (can_log or mine) else None,
        bookings=premises.next_bookings_of(user),
        series=premises.next_series_of(user),
        requests=premises.waiting_requests(user) if manages_any_space(user) else None,
        programmes=led if (led or user.has_role(Role.PROGRAMME_LEAD)) else None,
    )
    if led:
        page.decisions_to_review = programmes.decisions_due_for_review(user)
    if can_view_indicators(user):
        page.headline_period, page.headline = dashboards.headline()
    page.partner_requests = partner_requests.matching_requests(user)
    unread = notifications.notifications_for(user, unread_only=True).order_by("-created_at")
    page.notifications = list(unread[:HOME_NOTIFICATIONS])
    page.unread_count = len(page.notifications) if len(page.notifications) < HOME_NOTIFICATIONS else unread.count()
    return page
