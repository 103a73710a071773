"""The indicator services check the indicators policy themselves; the system (``by=None``) is not restrained."""

import pytest

from apps.accounts.roles import Role
from apps.core.exceptions import NotAllowed
from apps.indicators import services
from apps.indicators.models import IndicatorRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER])
def test_only_managers_and_administrators_may_start_a_run(make_user, role, settings):
    # given a user whose role does not include indicators
    settings.CELERY_TASK_ALWAYS_EAGER = True
    user = make_user(role)

    # when they ask for a run, of the recent periods or of given dates
    with pytest.raises(NotAllowed) as requested:
        services.indicator_run_request(by=user)
    with pytest.raises(NotAllowed):
        services.indicator_run_create(by=user, period_kinds=["year"])

    # then the services refuse, and record nothing
    assert requested.value.message == "Only managers and administrators can recompute indicators."
    assert not IndicatorRun.objects.exists()


def test_a_managers_run_names_who_asked_for_it_and_the_systems_nobody(make_user, settings):
    # given a manager, and eager tasks
    settings.CELERY_TASK_ALWAYS_EAGER = True
    manager = make_user(Role.MANAGER)

    # when the manager asks for a run and the system (the command) starts another one
    run, started = services.indicator_run_request(by=manager, period_kinds=["year"])
    backfill = services.indicator_run_create(by=None, period_kinds=["month"])

    # then
    assert started
    assert run.requested_by == manager
    assert backfill.requested_by is None
