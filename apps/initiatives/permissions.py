"""Who may do what with initiatives and programmes: the one policy that pages, the API and templates share.

- Every logged-in user (managers included) reads everything.
- An official edits the initiatives in which their home unit takes part or where they are a contact person.
- Whoever created an initiative edits it, so a new one without units yet is not locked away from its author.
- A programme lead (the user behind ``Programme.lead``) edits that programme and its initiatives.
- Admins (the admin role, or a superuser) edit everything.
- Officials, programme leads and admins create initiatives; programme leads and admins create programmes.
- Records of one's own work (a booking of premises) link only to initiatives and programmes one may edit or
  takes part in: one's home unit takes part, one is a contact person or, for a programme, attends its meetings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.accounts.roles import Role
from apps.initiatives.models import Funding, Initiative, Outcome, Participation
from apps.programmes.models import Decision, Meeting, Programme

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


def is_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMIN)


def can_create_initiative(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(
        user.has_role(role) for role in (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.ADMIN)
    )


def can_create_programme(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(user.has_role(role) for role in (Role.PROGRAMME_LEAD, Role.ADMIN))


def editable_initiatives(user: User | AnonymousUser) -> QuerySet[Initiative]:
    """The initiatives this user may change (one query, usable as a subquery)."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if is_admin(user):
        return Initiative.objects.all()
    rule = Q(programme__lead__user=user) | Q(created_by=user)
    if user.has_role(Role.OFFICIAL):
        rule |= _takes_part(user)
    # A subquery rather than a join, so an initiative matched twice is still listed once.
    return Initiative.objects.filter(pk__in=Initiative.objects.filter(rule).values("pk"))


def _takes_part(user: User) -> Q:
    """On ``Initiative``: the user is a contact person or their home unit takes part."""
    rule = Q(contact_persons__user=user)
    if user.home_unit_id:
        rule |= Q(participations__unit_id=user.home_unit_id)
    return rule


def linkable_initiatives(user: User | AnonymousUser) -> QuerySet[Initiative]:
    """The initiatives a user's own records (a booking) may count towards: editable or taken part in."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if is_admin(user):
        return Initiative.objects.all()
    taking_part = Initiative.objects.filter(_takes_part(user)).values("pk")
    return Initiative.objects.filter(Q(pk__in=editable_initiatives(user).values("pk")) | Q(pk__in=taking_part))


def can_link_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return linkable_initiatives(user).filter(pk=initiative.pk).exists()


def can_edit_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    if is_admin(user):
        return True
    return editable_initiatives(user).filter(pk=initiative.pk).exists()


def editable_initiative_ids(user: User | AnonymousUser, initiatives: list[Initiative]) -> set[int]:
    """Which of ``initiatives`` the user may change, in one query (for lists that show edit links)."""
    ids = [initiative.pk for initiative in initiatives]
    return set(editable_initiatives(user).filter(pk__in=ids).values_list("pk", flat=True))


def editable_programmes(user: User | AnonymousUser) -> QuerySet[Programme]:
    """The programmes this user may change: the ones they lead."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(lead__user=user)


def edits_any_initiative(user: User | AnonymousUser) -> bool:
    """May the user change some initiative at all (one query): asked before a new row's payload is read."""
    return editable_initiatives(user).exists()


def edits_any_programme(user: User | AnonymousUser) -> bool:
    """May the user change some programme at all: asked before a new meeting's or decision's payload is read."""
    return editable_programmes(user).exists()


def can_edit_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    if is_admin(user):
        return True
    return editable_programmes(user).filter(pk=programme.pk).exists()


def linkable_programmes(user: User | AnonymousUser) -> QuerySet[Programme]:
    """The programmes a user's own records may count towards: led, attended, or with an initiative taken part in."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_admin(user):
        return Programme.objects.all()
    rule = (
        Q(pk__in=editable_programmes(user).values("pk"))
        | Q(pk__in=Meeting.objects.filter(attendees__user=user).values("programme_id"))
        | Q(pk__in=linkable_initiatives(user).filter(programme__isnull=False).values("programme_id"))
    )
    return Programme.objects.filter(rule)


def can_link_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    return linkable_programmes(user).filter(pk=programme.pk).exists()


def initiative_of(obj: object) -> Initiative | None:
    if isinstance(obj, Initiative):
        return obj
    if isinstance(obj, Participation | Funding | Outcome):
        return obj.initiative
    return None


def programme_of(obj: object) -> Programme | None:
    if isinstance(obj, Programme):
        return obj
    if isinstance(obj, Meeting | Decision):
        return obj.programme
    return None


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` change ``obj`` (an initiative, programme or one of their rows)?"""
    if (initiative := initiative_of(obj)) is not None:
        return can_edit_initiative(user, initiative)
    if (programme := programme_of(obj)) is not None:
        return can_edit_programme(user, programme)
    return is_admin(user)


class ReadOrEditPolicy(BasePermission):
    """DRF face of this policy: everyone logged in reads; changes follow :func:`can_edit`.

    Creating is checked twice: here, before the body is read, whether the user may create such things at all
    (the view's ``may_create``, refused with its ``create_refusal``), so a caller without the role never costs a
    validation; and in the view once the target (initiative or programme) is known from the payload.
    """

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "action", None) == "create" and not view.may_create(request.user):
            self.message = view.create_refusal  # DRF makes a permission per request: this answer is this one's
            return False
        return True

    def has_object_permission(self, request, view, obj) -> bool:  # type: ignore[no-untyped-def]
        return request.method in SAFE_METHODS or can_edit(request.user, obj)
