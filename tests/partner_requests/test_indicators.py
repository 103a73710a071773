"""The indicator "partner requests answered within 30 days", worked out by hand per city and sector."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from apps.indicators.computations import compute_indicator
from apps.indicators.models import IndicatorValue
from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from tests.accounts.factories import UserFactory
from tests.partner_requests.factories import PartnerRequestFactory
from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


def _at(day: int, hour: int = 12, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour))


def _posted(unit, at: datetime, *, answers: list[datetime] = (), closed: bool = False) -> PartnerRequest:
    request = PartnerRequestFactory(author=UserFactory(home_unit=unit), unit=unit, created_at=at)
    for answered_at in answers:
        PartnerAnswer.objects.create(request=request, responder=UserFactory(), created_at=answered_at)
    if closed:
        request.status, request.closed_at = PartnerRequest.Status.CLOSED, at + timedelta(days=1)
        request.save()
    return request


def _values(*, until: date = date(2026, 4, 1)) -> dict:
    compute_indicator("partner_requests_answered", period_kind="month", since=MARCH, until=until)
    rows = IndicatorValue.objects.filter(indicator__code="partner_requests_answered", period_start=MARCH)
    return {(row.scope, row.scope_id): (row.numerator, row.denominator, row.value) for row in rows}


def test_requests_answered_within_30_days_per_city_and_sector():
    culture, social = UnitFactory(), UnitFactory()
    # culture posted three in March 2026:
    _posted(culture, _at(2), answers=[_at(20)])  # answered after 18 days: in time
    _posted(culture, _at(3), answers=[_at(4, month=4), _at(10)])  # the first answer after 7 days counts: in time
    _posted(culture, _at(5), answers=[_at(5, 13, month=4)])  # 31 days and an hour later: too late
    # social posted two: one closed by its author without an answer, one never answered
    _posted(social, _at(10), closed=True)
    _posted(social, _at(31, 23))  # 23:00 local on 31 March is still March
    # and one in February, one in April: other periods
    _posted(culture, _at(28, month=2), answers=[_at(1)])
    _posted(culture, _at(1, 1, month=4), answers=[_at(2, month=4)])

    found = _values()

    # culture: 2 of 3 in time; social: 0 of 2; the city: 2 of 5
    assert found[("sector", culture.sector_id)] == (2, 3, pytest.approx(2 / 3))
    assert found[("sector", social.sector_id)] == (0, 2, 0)
    assert found[("city", 0)] == (2, 5, pytest.approx(0.4))


def test_a_request_still_open_and_younger_than_30_days_is_not_counted_yet():
    unit = UnitFactory()
    now = timezone.now()
    _posted(unit, now - timedelta(days=3))  # may still be answered: left out
    _posted(unit, now - timedelta(days=2), answers=[now - timedelta(days=1)])  # answered already: counted, in time
    this_month = timezone.localdate().replace(day=1)
    next_month = (this_month + timedelta(days=32)).replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)

    compute_indicator("partner_requests_answered", period_kind="month", since=last_month, until=next_month)
    rows = IndicatorValue.objects.filter(indicator__code="partner_requests_answered", scope="city")
    by_month = {row.period_start: (row.numerator, row.denominator) for row in rows}

    # the two were posted this month or the one before, depending on today's date; together: 1 of 1
    assert sum(numerator for numerator, _ in by_month.values()) == 1
    assert sum(denominator for _, denominator in by_month.values()) == 1


def test_a_month_without_requests_has_a_city_row_without_a_value():
    assert _values() == {("city", 0): (0, 0, None)}
