"""A small city for pulse surveys: three sectors, five units, two initiatives and their contact persons.

"Reading buddies" joins Culture A, Education A and Social A (contacts: Aino, Eero, Saara); "Museum school" joins
Culture B and Education B (contacts: Bertta, Emil). Nobody has a login unless a test gives one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative
from apps.pulse import services
from apps.pulse.models import PulseInvitation, PulseRound
from apps.pulse.tokens import invitation_token
from apps.sectors.models import Person, Sector, Unit
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

TODAY = date(2026, 5, 4)
CLOSES = date(2026, 5, 20)


@dataclass
class City:
    culture: Sector
    education: Sector
    social: Sector
    culture_a: Unit
    culture_b: Unit
    education_a: Unit
    education_b: Unit
    social_a: Unit
    aino: Person
    eero: Person
    saara: Person
    bertta: Person
    emil: Person
    buddies: Initiative
    museum: Initiative


@pytest.fixture(autouse=True)
def _pulse_tasks_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The invitations' task runs in the test's process when queued, as CELERY_TASK_ALWAYS_EAGER would run it."""
    if request.node.get_closest_marker("celery_worker"):
        return
    from apps.pulse.tasks import pulse_invitations_send_task

    def run_here(args: tuple = (), kwargs: dict | None = None, **options: Any) -> Any:
        return pulse_invitations_send_task.apply(args, kwargs)

    monkeypatch.setattr(pulse_invitations_send_task, "apply_async", run_here)


@pytest.fixture
def city(db) -> City:
    culture = SectorFactory(name="Culture", slug="culture-p")
    education = SectorFactory(name="Education", slug="education-p")
    social = SectorFactory(name="Social", slug="social-p")
    units = {
        "culture_a": UnitFactory(sector=culture, name="Culture A"),
        "culture_b": UnitFactory(sector=culture, name="Culture B"),
        "education_a": UnitFactory(sector=education, name="Education A"),
        "education_b": UnitFactory(sector=education, name="Education B"),
        "social_a": UnitFactory(sector=social, name="Social A"),
    }
    people = {
        name: PersonFactory(
            first_name=name.capitalize(), last_name="Test", unit=units[unit], email=f"{name}@example.org"
        )
        for name, unit in (
            ("aino", "culture_a"),
            ("eero", "education_a"),
            ("saara", "social_a"),
            ("bertta", "culture_b"),
            ("emil", "education_b"),
        )
    }
    programme = ProgrammeFactory(name="Culture and wellbeing")
    buddies = InitiativeFactory(
        title="Reading buddies", programme=programme, contact_persons=[people["aino"], people["eero"], people["saara"]]
    )
    museum = InitiativeFactory(
        title="Museum school", programme=programme, contact_persons=[people["bertta"], people["emil"]]
    )
    for unit in ("culture_a", "education_a", "social_a"):
        ParticipationFactory(initiative=buddies, unit=units[unit])
    for unit in ("culture_b", "education_b"):
        ParticipationFactory(initiative=museum, unit=units[unit])
    return City(culture, education, social, **units, **people, buddies=buddies, museum=museum)


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER)


@pytest.fixture
def open_round(city, manager):
    """A city round over both initiatives, opened on TODAY, closing on CLOSES."""

    def make(*, initiatives=None, title="Spring 2026", closes_on=CLOSES, today=TODAY) -> PulseRound:
        return services.pulse_round_open(
            by=manager,
            title=title,
            initiatives=initiatives or [city.buddies, city.museum],
            period_start=date(2026, 1, 1),
            period_end=date(2026, 4, 30),
            closes_on=closes_on,
            today=today,
        )

    return make


@pytest.fixture
def live_round(open_round):
    """A round open now (pages and the API read the real clock): it closes in ten days."""

    def make(**kwargs: Any) -> PulseRound:
        today = timezone.localdate()
        return open_round(closes_on=today + timedelta(days=10), today=today, **kwargs)

    return make


def link_of(pulse_round: PulseRound, person: Person) -> str:
    """The signed token of ``person``'s invitation (what their e-mail link carries)."""
    return invitation_token(PulseInvitation.objects.select_related("round").get(round=pulse_round, person=person))
