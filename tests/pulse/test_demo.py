"""The demo city has two closed pulse rounds, a quarter apart, whose trust shows on the dashboards and changes."""

from __future__ import annotations

from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command

from apps.indicators.computations import compute_indicator
from apps.indicators.models import IndicatorValue
from apps.pulse.models import PulseResponse, PulseRound

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_closed_rounds_with_trust_in_two_quarters_and_no_person_in_the_answers():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent

    rounds = list(PulseRound.objects.order_by("closes_on"))
    assert [item.state for item in rounds] == ["closed", "closed"]
    assert not PulseResponse.objects.filter(person__isnull=False).exists()
    first, second = (item.closes_on for item in rounds)
    for code in ("pulse_trust", "pulse_value", "pulse_response_rate"):
        compute_indicator(code, period_kind="quarter", since=first, until=second + relativedelta(months=3))
    city = dict(
        IndicatorValue.objects.filter(indicator__code="pulse_trust", scope="city", period_kind="quarter").values_list(
            "period_start", "value"
        )
    )
    assert set(city) == {first, second}
    assert all(0 < value < 1 for value in city.values())
    assert IndicatorValue.objects.filter(indicator__code="pulse_trust", scope="pair").count() >= 2
