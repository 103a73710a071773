"""Demo logins, one per role. Never in production: ``seed_demo`` refuses to run there."""

from __future__ import annotations

import random

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.sectors.models import Person, Unit

DEMO_PASSWORD = "silta-demo"  # pragma: allowlist secret
# username, first name, last name, role, home unit (by its English name, the demo's key: apps.core.demo)
DEMO_USERS: list[tuple[str, str, str, Role, str]] = [
    ("official", "Olli", "Virkamies", Role.OFFICIAL, "Youth Services"),
    ("lead", "Liisa", "Ohjelmajohtaja", Role.PROGRAMME_LEAD, "Culture Services"),
    ("premises", "Pekka", "Tilavastaava", Role.PREMISES_MANAGER, "Cultural Centre Stoa"),
    ("manager", "Maija", "Johtaja", Role.MANAGER, "City Planning"),
    ("admin", "Aada", "Ylläpitäjä", Role.ADMIN, "Culture Services"),
    ("unitadmin", "Ulla", "Yksikönhoitaja", Role.UNIT_ADMIN, "Youth Services"),
]


def seed(rng: random.Random) -> None:
    """One login per role, each with a person card in its home unit; passwords are set only on creation."""
    for username, first_name, last_name, role, unit_name in DEMO_USERS:
        unit = Unit.objects.get(name_en=unit_name)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "home_unit": unit,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # A unit administrator administers their home unit; every other demo role is city-wide, as before scopes.
        role_grant(by=None, user=user, role=role, scope=unit if role == Role.UNIT_ADMIN else None)
        Person.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "unit": unit,
                "email": user.email,
                "languages": ["fi", "sv", "en"],
                "title": str(role).replace("_", " ").title(),
            },
        )
