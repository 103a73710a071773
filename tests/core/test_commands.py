from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from apps.accounts.demo import DEMO_USERS
from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.sectors.models import Person, Sector, Unit
from apps.strategy.models import StrategyGoal

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _person_snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("email").values_list(
            "email", "first_name", "last_name", "unit__name", "title", "languages", "is_boundary_spanner"
        )
    )


def test_seed_demo_creates_a_realistic_city():
    call_command("seed_demo", stdout=StringIO())

    assert Sector.objects.count() >= 10
    assert Sector.objects.filter(kind=Sector.Kind.EXTERNAL).count() >= 4
    assert Unit.objects.count() >= 30
    assert Person.objects.count() >= 80
    assert Person.objects.filter(is_boundary_spanner=True).exists()
    assert Person.objects.filter(topics__isnull=False).distinct().count() >= 80
    assert StrategyGoal.objects.filter(parent__isnull=True).exists()
    assert StrategyGoal.objects.filter(parent__isnull=False).exists()
    for username, *_rest, role, _unit in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.has_role(role)
        assert user.check_password("silta-demo")
    # One staff login per role; the partner role comes with an approved membership (apps/partners/demo.py).
    assert {role for *_x, role, _u in DEMO_USERS} == set(Role) - {Role.PARTNER}
    assert User.objects.get(username="kumppani").has_role(Role.PARTNER)


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    counts, people = _row_counts(), _person_snapshot()
    passwords = dict(User.objects.values_list("username", "password"))

    call_command("seed_demo", stdout=StringIO())

    assert _row_counts() == counts
    assert _person_snapshot() == people
    assert dict(User.objects.values_list("username", "password")) == passwords


def test_seed_demo_refuses_to_run_where_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())

    assert not User.objects.exists()


def test_production_settings_forbid_demo_data(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "silta.example.org")
    import importlib

    import config.settings.prod as prod

    assert importlib.reload(prod).DEMO_DATA_ALLOWED is False


def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
