"""Trust and value indices and the response rate, worked out by hand per sector pair, sector and city, and the
minimum group hiding what fewer people said (on the indicators, the round's page and the API)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.indicators.computations import compute_indicator
from apps.indicators.computations.trust import pair_scope_id
from apps.indicators.models import IndicatorValue
from apps.pulse import selectors, services
from apps.pulse.models import PulseRound
from tests.clients import UserClient
from tests.pulse.conftest import link_of

pytestmark = pytest.mark.django_db

DURING = timezone.make_aware(datetime(2026, 5, 10, 12))
AFTER = timezone.make_aware(datetime(2026, 5, 21, 1))
Q2 = date(2026, 4, 1)


def _values(code: str) -> dict:
    compute_indicator(code, period_kind="quarter", since=Q2, until=date(2026, 7, 1))
    rows = IndicatorValue.objects.filter(indicator__code=code, period_kind="quarter", period_start=Q2)
    return {(row.scope, row.scope_id): (row.numerator, row.denominator, row.value) for row in rows}


def _expect(found: tuple, numerator: float, denominator: int) -> None:
    assert found[0] == pytest.approx(numerator) and found[1] == denominator
    assert found[2] == pytest.approx(numerator / denominator)


def test_trust_per_pair_sector_and_city_counts_only_groups_of_three_respondents(answered):
    _round, culture, education, social = answered
    found = _values("pulse_trust")

    # C–E: c1, c2, c3, e1, e2 answered (5 people); 15 items scaled (score − 1) / 3:
    # 3 × (1 + 2/3 + 1/3 + 1 + 0) = 9 → 9/15 = 0.6
    _expect(found[("pair", pair_scope_id(culture.pk, education.pk))], 9, 15)
    # E–S: s1, s2, s3 (3 people); s1 3 × 2/3 = 2, s2 3 × 1 = 3, s3 2 × 0 = 0 → 5/8
    _expect(found[("pair", pair_scope_id(education.pk, social.pk))], 5, 8)
    # C–S: only c1 and s1 (2 people): hidden, and left out of the sectors and the city
    assert ("pair", pair_scope_id(culture.pk, social.pk)) not in found
    _expect(found[("sector", culture.pk)], 9, 15)
    _expect(found[("sector", education.pk)], 14, 23)
    _expect(found[("sector", social.pk)], 5, 8)
    _expect(found[("city", 0)], 14, 23)


def test_value_counts_the_groups_where_three_answered_its_items(answered):
    _round, culture, education, social = answered
    found = _values("pulse_value")

    # C–E: c1 3 × 1/3 = 1, c2 2 × 2/3 = 4/3, e1 3 × 1 = 3 → (16/3) / 8 = 2/3; nobody else rated value
    _expect(found[("pair", pair_scope_id(culture.pk, education.pk))], 16 / 3, 8)
    _expect(found[("sector", culture.pk)], 16 / 3, 8)
    _expect(found[("sector", education.pk)], 16 / 3, 8)
    _expect(found[("city", 0)], 16 / 3, 8)
    assert ("sector", social.pk) not in found


def test_the_response_rate_per_city_and_sector(answered):
    _round, culture, education, social = answered
    found = _values("pulse_response_rate")
    _expect(found[("city", 0)], 8, 9)
    _expect(found[("sector", culture.pk)], 3, 3)
    _expect(found[("sector", education.pk)], 2, 3)
    _expect(found[("sector", social.pk)], 3, 3)


def test_an_open_round_counts_nowhere_yet(city, open_round):
    pulse_round = open_round()
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": 4}}, now=DURING
    )
    assert _values("pulse_trust") == {("city", 0): (None, 0, None)}
    assert selectors.round_results(pulse_round) == ([], None)


def test_a_larger_minimum_group_hides_every_group_smaller_than_it(answered, settings):
    settings.SILTA_PULSE_MIN_GROUP = 6
    assert _values("pulse_trust") == {("city", 0): (None, 0, None)}
    groups, total = selectors.round_results(answered[0])
    assert total is None and all(group.too_few for group in groups)


def test_the_round_page_and_the_api_show_the_same_groups_and_say_too_few_for_the_small_one(answered, make_user):
    pulse_round = answered[0]
    client = UserClient(make_user(Role.MANAGER))

    page = client.get(reverse("pulse:detail", args=[pulse_round.pk])).content.decode()
    assert page.count("too few answers") == 1  # C–S
    assert "0.60" in page and "0.63" in page  # C–E 0.6, E–S 0.625

    (row,) = client.get(reverse("pulse-round-list")).json()["results"]
    groups = {group["group"]: group for group in row["results"]}
    assert groups["C – S"] == {"group": "C – S", "respondents": 2, "too_few": True, "trust": None, "value": None}
    assert groups["C – E"]["trust"] == pytest.approx(0.6)
    assert groups["E – S"]["trust"] == pytest.approx(0.625) and groups["E – S"]["value"] is None
    assert (row["invited"], row["answered"]) == (9, 8)
    assert PulseRound.objects.get().state == "closed"


def test_the_network_shows_trust_on_the_ties_with_a_large_enough_group_and_the_wished_ties(answered, make_user):
    from apps.indicators.computations import compute_job

    _values("pulse_trust")
    compute_job("sector_ties", period_kind="quarter", since=Q2, until=date(2026, 7, 1))
    client = UserClient(make_user(Role.MANAGER))

    page = client.get(reverse("dashboards:network"), {"period_kind": "quarter", "period": "2026-04-01"})

    ties = page.content.decode().split('id="ties-heading"')[1].split("</table>")[0]
    assert "0.60" in ties  # C–E: 9/15
    assert "0.63" in ties  # E–S: 5/8
    assert ties.count('<span class="muted">–</span>') == 1  # C–S: too few
    assert 'id="wished-ties"' in page.content.decode()
