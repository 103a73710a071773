"""Who may do what with initiatives and their rows: the one policy that pages, the API and templates share.

- Every logged-in user (managers included) reads everything.
- An official edits the initiatives in which their home unit takes part or where they are a contact person.
- Whoever created an initiative edits it, so a new one without units yet is not locked away from its author.
- A programme lead (the user behind ``Programme.lead``) edits that programme's initiatives (the programme
  itself: :mod:`apps.programmes.permissions`).
- Admins (the admin role, or a superuser) edit everything.
- Officials, programme leads and admins create initiatives.
- Records of one's own work (a booking of premises) link only to initiatives one may edit or takes part in:
  one's home unit takes part or one is a contact person.
- A partner (a member of an organisation, apps/partners) reads only the initiatives their organisation takes part
  in, and changes only their organisation's part there: records outcomes and changes those they recorded, and
  names their organisation's people as contact persons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from apps.accounts.roles import Role, is_admin
from apps.core import policy
from apps.initiatives.models import Funding, Initiative, Outcome, Participation
from apps.programmes import permissions as programme_policy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


def can_create_initiative(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and any(
        user.has_role(role) for role in (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.ADMIN)
    )


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


def edits_any_initiative(user: User | AnonymousUser) -> bool:
    """May the user change some initiative at all (one query): asked before a new row's payload is read."""
    return editable_initiatives(user).exists()


def partner_takes_part(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """A partner whose organisation (their home unit) takes part in ``initiative`` (one query)."""
    if not (user.is_authenticated and user.has_role(Role.PARTNER) and user.home_unit_id):
        return False
    return Participation.objects.filter(initiative_id=initiative.pk, unit_id=user.home_unit_id).exists()


def can_edit_row(user: User | AnonymousUser, row: Participation | Funding | Outcome, initiative: Initiative) -> bool:
    """May ``user`` create or change ``row`` of ``initiative``: its editors any row, a partner taking part the
    outcomes they record (a new one, or one they recorded)."""
    if can_edit_initiative(user, initiative):
        return True
    if isinstance(row, Outcome) and partner_takes_part(user, initiative):
        return row.pk is None or row.recorded_by_id == user.pk
    return False


def can_name_contact(user: User | AnonymousUser, initiative: Initiative, unit_id: int) -> bool:
    """May ``user`` add or remove a person of unit ``unit_id`` as a contact: editors anyone, a partner taking part
    their own organisation's people."""
    if can_edit_initiative(user, initiative):
        return True
    return unit_id == getattr(user, "home_unit_id", None) and partner_takes_part(user, initiative)


def initiative_of(obj: object) -> Initiative | None:
    if isinstance(obj, Initiative):
        return obj
    if isinstance(obj, Participation | Funding | Outcome):
        return obj.initiative
    return None


def can_edit(user: User | AnonymousUser, obj: object) -> bool:
    """May ``user`` change ``obj`` (an initiative, programme or one of their rows)?"""
    if isinstance(obj, Participation | Funding | Outcome):
        return can_edit_row(user, obj, obj.initiative)
    if (initiative := initiative_of(obj)) is not None:
        return can_edit_initiative(user, initiative)
    return programme_policy.can_edit(user, obj)


class ReadOrEditPolicy(policy.ReadOrEditPolicy):
    """The initiative endpoints: everyone logged in reads; changes follow :func:`can_edit`."""

    can_edit = staticmethod(can_edit)
