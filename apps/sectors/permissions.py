"""Who may see what of the person directory: the one place the page, the API and the templates ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:  # accounts builds on sectors (a user's home unit): sectors imports nothing of accounts
    from apps.accounts.models import User
    from apps.sectors.models import Person

# The ways to reach a person: for role holders only, each opening logged (README "Personal data").
CONTACT_FIELDS = ("email", "phone")


def _active(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_contact_details(user: User | AnonymousUser) -> bool:
    """A person's e-mail and phone: for active users with a role (superusers hold every role), not for any login."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.has_any_role()


def can_manage_units(user: User | AnonymousUser) -> bool:
    """The organisation is reference data: administrators create, move and rename units."""
    return bool(user and user.is_authenticated and user.is_active and user.has_role("admin"))


def can_add_contact_person(user: User | AnonymousUser) -> bool:
    """A person an import names by an e-mail the directory lacks: those who create initiatives add them (the role
    names as strings: sectors sits below accounts)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return any(user.has_role(role) for role in ("official", "programme_lead", "admin"))


def can_see_person_history(user: User | AnonymousUser) -> bool:
    """A person's change history shows old e-mail addresses and phone numbers: for whoever sees them now."""
    return can_see_contact_details(user)


def can_see_unlisted_persons(user: User | AnonymousUser) -> bool:
    """External people who did not agree to be listed: administrators see them all (to record the consent)."""
    return _active(user) and user.has_role("admin")


def can_see_access_log(user: User | AnonymousUser, person: Person) -> bool:
    """Who saw a person's data: for administrators, and for the person themself."""
    return _active(user) and (user.has_role("admin") or (person.user_id is not None and person.user_id == user.pk))


def can_export_person_data(user: User | AnonymousUser, person: Person) -> bool:
    """Everything Silta holds about a person (the right of access): for administrators, and for the person
    themself."""
    return can_see_access_log(user, person)


def can_erase_person(user: User | AnonymousUser, person: Person) -> bool:
    """Erasing a person (the right to erasure): for administrators, never of their own person (the erasure ends
    the login that asks for it)."""
    return _active(user) and user.has_role("admin") and (person.user_id is None or person.user_id != user.pk)
