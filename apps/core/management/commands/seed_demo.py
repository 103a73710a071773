"""Fill the database with a demo city. Idempotent; refuses to run where demo data is not allowed (production)."""

from __future__ import annotations

import importlib
import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: later seeders use what earlier ones created.
SEEDERS = [
    "apps.sectors.demo",
    "apps.organisations.demo",
    "apps.strategy.demo",
    "apps.accounts.demo",
    "apps.programmes.demo",
    "apps.initiatives.demo",
    "apps.premises.demo",
    "apps.partner_requests.demo",
    "apps.pulse.demo",
    "apps.partners.demo",
]
SEED = 2026


class Command(BaseCommand):
    help = "Create demo sectors, units, people, strategy goals and one login per role (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is disabled in these settings: demo passwords must never reach production.")
        rng = random.Random(SEED)
        with transaction.atomic():
            for module_name in SEEDERS:
                importlib.import_module(module_name).seed(rng)
                self.stdout.write(f"seeded {module_name}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
