"""A small city for pulse surveys: three sectors, five units, two initiatives and their contact persons.

"Reading buddies" joins Culture A, Education A and Social A (contacts: Aino, Eero, Saara); "Museum school" joins
Culture B and Education B (contacts: Bertta, Emil). Nobody has a login unless a test gives one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
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


DURING = timezone.make_aware(datetime(2026, 5, 10, 12))
AFTER = timezone.make_aware(datetime(2026, 5, 21, 1))
T = ("reliability", "mission", "openness")
V = ("influence", "involvement", "resources")


def _items(names: tuple[str, ...], scores: tuple) -> dict:
    return {name: score for name, score in zip(names, scores, strict=True) if score is not None}


@pytest.fixture
def answered(make_user):
    """One initiative of Culture C1, Education E1 and Social S1, three contact persons in each; every one but e3
    answers (the comments give each rating, trust items then value items)."""
    culture, education, social = (SectorFactory(name=name, slug=name.lower()) for name in ("C", "E", "S"))
    c1, e1, s1 = UnitFactory(sector=culture), UnitFactory(sector=education), UnitFactory(sector=social)
    people = {
        f"{letter}{n}": PersonFactory(unit=unit)
        for letter, unit in (("c", c1), ("e", e1), ("s", s1))
        for n in (1, 2, 3)
    }
    initiative = InitiativeFactory(contact_persons=list(people.values()))
    for unit in (c1, e1, s1):
        ParticipationFactory(initiative=initiative, unit=unit)
    pulse_round = services.pulse_round_open(
        by=make_user(Role.MANAGER),
        title="Spring",
        initiatives=[initiative],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 4, 30),
        closes_on=CLOSES,
        today=TODAY,
    )
    answers = {
        "c1": {e1: _items(T, (4, 4, 4)) | _items(V, (2, 2, 2)), s1: _items(T, (1, 1, 1))},
        "c2": {e1: _items(T, (3, 3, 3)) | _items(V, (3, 3, None))},
        "c3": {e1: _items(T, (2, 2, 2))},
        "e1": {c1: _items(T, (4, 4, 4)) | _items(V, (4, 4, 4))},
        "e2": {c1: _items(T, (1, 1, 1))},
        "s1": {c1: _items(T, (2, 2, 2)), e1: _items(T, (3, 3, 3))},
        "s2": {e1: _items(T, (4, 4, 4))},
        "s3": {e1: _items(T, (1, 1, None))},
    }
    for name, ratings in answers.items():
        services.pulse_answers_save(
            signed=link_of(pulse_round, people[name]),
            ratings={unit.pk: items for unit, items in ratings.items()},
            now=DURING,
        )
    services.pulse_round_close(pulse_round=pulse_round, now=AFTER)
    return pulse_round, culture, education, social
