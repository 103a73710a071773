"""Who may do what with programmes, their meetings and decisions: the policy pages, the API and templates share.

- Every logged-in user (managers included) reads everything.
- A programme lead (the user behind ``Programme.lead``) edits that programme, its meetings and decisions; so does
  a holder of the programme lead role scoped to that programme.
- Admins (the admin role, or a superuser) edit everything.
- Programme leads and admins create programmes.
- Records of one's own work (a booking of premises) link only to programmes one leads, attends the meetings of,
  or with an initiative one may edit or takes part in (asked through the reverse relations, so this app does not
  import the initiatives app that builds on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from apps.accounts.roles import Role, ScopeKind, is_admin
from apps.core import policy
from apps.programmes.models import Decision, Meeting, Programme

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


def can_create_programme(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(user.has_role(role) for role in (Role.PROGRAMME_LEAD, Role.ADMIN))


def can_delete_programme(user: User | AnonymousUser) -> bool:
    """Only admins remove programmes (archived while something refers to them)."""
    return is_admin(user)


def editable_programmes(user: User | AnonymousUser) -> QuerySet[Programme]:
    """The programmes this user may change: the ones they lead, or lead by a role scoped to them."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_admin(user):
        return Programme.objects.all()
    rule = Q(lead__user=user)
    if scoped := user.scope_ids(Role.PROGRAMME_LEAD, ScopeKind.PROGRAMME):
        rule |= Q(pk__in=scoped)
    return Programme.objects.filter(rule)


def edits_any_programme(user: User | AnonymousUser) -> bool:
    """May the user change some programme at all: asked before a new meeting's or decision's payload is read."""
    return editable_programmes(user).exists()


def can_edit_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    if is_admin(user):
        return True
    return editable_programmes(user).filter(pk=programme.pk).exists()


def _with_initiative_linkable_by(user: User) -> Q:
    """On ``Programme``: it has an initiative the user may link to, i.e. one they created, are a contact person of,
    or in which their home unit takes part (an initiative of a programme they lead is covered by leading it)."""
    rule = Q(initiatives__created_by=user) | Q(initiatives__contact_persons__user=user)
    if user.home_unit_id:
        rule |= Q(initiatives__participations__unit_id=user.home_unit_id)
    return rule


def linkable_programmes(user: User | AnonymousUser) -> QuerySet[Programme]:
    """The live programmes a user's own records may count towards: led, attended, or with an initiative taken part
    in (an archived programme takes no new links)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_admin(user):
        return Programme.objects.live()
    rule = (
        Q(pk__in=editable_programmes(user).values("pk"))
        | Q(pk__in=Meeting.objects.filter(attendees__user=user).values("programme_id"))
        | Q(pk__in=Programme.objects.filter(_with_initiative_linkable_by(user)).values("pk"))
    )
    return Programme.objects.live().filter(rule)


def can_link_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    return linkable_programmes(user).filter(pk=programme.pk).exists()


def programme_of(obj: object) -> Programme | None:
    if isinstance(obj, Programme):
        return obj
    if isinstance(obj, Meeting | Decision):
        return obj.programme
    return None


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` change ``obj`` (a programme, meeting or decision)?"""
    if (programme := programme_of(obj)) is not None:
        return can_edit_programme(user, programme)
    return is_admin(user)


class ReadOrEditPolicy(policy.ReadOrEditPolicy):
    """The programme endpoints: everyone logged in reads; the programme's lead and admins change."""

    can_edit = staticmethod(can_edit)
