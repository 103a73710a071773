"""Who may post, answer and close partner requests: the one place the pages, the API and the services ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from apps.accounts.roles import Role

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.partner_requests.models import PartnerRequest

# A partner (a member of an organisation, apps/partners) looks for partners too.
POSTERS = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.ADMIN, Role.PARTNER)


def can_see_requests(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_post_request(user: User | AnonymousUser) -> bool:
    """Those who run initiatives look for partners for them."""
    return can_see_requests(user) and any(user.has_role(role) for role in POSTERS)


def sees_suggestions(user: User | AnonymousUser) -> bool:
    """The people and units Silta suggests come from the staff directory, which is not a partner's to browse."""
    return can_see_requests(user) and not user.is_partner


def can_answer_request(user: User | AnonymousUser, partner_request: PartnerRequest) -> bool:
    """Anyone signed in could be the partner asked for, except its author."""
    return (
        can_see_requests(user)
        and partner_request.status == partner_request.Status.OPEN
        and partner_request.author_id != user.pk
    )


def can_close_request(user: User | AnonymousUser, partner_request: PartnerRequest) -> bool:
    return can_see_requests(user) and (partner_request.author_id == user.pk or user.has_role(Role.ADMIN))
