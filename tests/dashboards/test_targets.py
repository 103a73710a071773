"""Targets: managers set them per indicator and scope, the tiles and the targets page show where they stand."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.indicators.models import Indicator, IndicatorTarget, Scope
from tests.dashboards.conftest import monthly_values
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db

TARGETS = reverse("dashboards:targets")
OVERVIEW = reverse("dashboards:overview")
LATER = datetime.date(2027, 1, 1)


def _form(**fields: object) -> dict[str, object]:
    data = {"indicator": "cross_sector_share", "scope": "city", "value": "40", "target_date": "2027-06-01"}
    return {f"target-{name}": value for name, value in {**data, **fields}.items()}


def test_a_manager_sets_a_target_and_the_tile_says_where_it_stands(manager_client):
    # given a share rising 2 points a month to 32 % in October 2026
    monthly_values("cross_sector_share", [0.1 + 0.02 * i for i in range(12)])

    # when the manager sets 40 % by June 2027 (entered in per cent)
    response = manager_client.post(TARGETS, _form())

    # then it is stored as a fraction, in the history as theirs, and the tile and the page show it on track
    assert response.status_code == 302
    target = IndicatorTarget.objects.get()
    assert (target.value, target.scope, target.scope_id) == (pytest.approx(0.4), "city", 0)
    assert target.history.get().history_user == manager_client.user
    tile = manager_client.get(OVERVIEW).content.decode().split('id="tile-cross_sector_share"', 1)[1].split("</li>")[0]
    assert "Target 40.0 % by 1 Jun 2027" in tile and "on track" in tile
    page = manager_client.get(TARGETS).content.decode()
    assert "Whole city" in page and "on track" in page


def test_an_unreachable_target_is_off_track_and_setting_it_again_changes_the_same_target(manager_client):
    monthly_values("cross_sector_share", [0.1 + 0.02 * i for i in range(12)])
    manager_client.post(TARGETS, _form())

    manager_client.post(TARGETS, _form(value="90", target_date="2027-01-01"))

    target = IndicatorTarget.objects.get()
    assert target.value == pytest.approx(0.9)
    assert target.history.count() == 2
    assert "off track" in manager_client.get(TARGETS).content.decode()


def test_bad_targets_are_form_errors(manager_client):
    share_over_100 = manager_client.post(TARGETS, _form(value="120"))
    no_sector = manager_client.post(TARGETS, _form(scope="sector"))
    baseline_after = manager_client.post(TARGETS, _form(baseline="10", baseline_date="2028-01-01"))

    assert share_over_100.status_code == 200 and "A share is between 0 % and 100 %." in share_over_100.content.decode()
    assert "Choose which one." in no_sector.content.decode()
    assert "The baseline date must be before the target date." in baseline_after.content.decode()
    assert not IndicatorTarget.objects.exists()


def test_a_sector_manager_sets_targets_for_their_sector_only(client_for, make_user):
    # given a manager of the culture sector only
    culture, education = SectorFactory(name="Culture"), SectorFactory(name="Education")
    user = make_user()
    role_grant(by=None, user=user, role=Role.MANAGER, scope=culture)
    client = client_for()
    client.force_login(user)

    own = client.post(TARGETS, _form(scope="sector", sector=culture.pk))
    other = client.post(TARGETS, _form(scope="sector", sector=education.pk))
    city = client.post(TARGETS, _form())

    assert own.status_code == 302
    assert other.status_code == 403 and city.status_code == 403
    assert list(IndicatorTarget.objects.values_list("scope", "scope_id")) == [(Scope.SECTOR, culture.pk)]


def test_removing_a_target_keeps_it_in_the_history(manager_client):
    manager_client.post(TARGETS, _form())
    target = IndicatorTarget.objects.get()

    response = manager_client.post(reverse("dashboards:target_delete", args=[target.pk]))

    assert response.status_code == 302
    assert not IndicatorTarget.objects.exists()
    removal = IndicatorTarget.history.filter(id=target.pk).order_by("history_date").last()
    assert removal.history_type == "-" and removal.history_user == manager_client.user


def test_only_dashboard_viewers_see_targets(client_for):
    official = client_for(Role.OFFICIAL)

    assert official.get(TARGETS).status_code == 403
    assert official.post(TARGETS, _form()).status_code == 403
    assert not IndicatorTarget.objects.exists()


def test_the_targets_page_query_count_does_not_grow_with_targets(manager_client, django_assert_num_queries):
    indicator = Indicator.objects.get(code="cross_sector_share")

    def add_targets(count: int) -> None:
        for _ in range(count):
            IndicatorTarget.objects.create(
                indicator=indicator, scope="sector", scope_id=SectorFactory().pk, value=0.5, target_date=LATER
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(TARGETS).status_code == 200
        return len(captured)

    add_targets(1)
    one = queries()
    add_targets(9)

    assert queries() == one


def test_the_trend_draws_the_target_as_a_line(manager_client):
    monthly_values("cross_sector_share", [0.1 + 0.02 * i for i in range(12)])
    manager_client.post(TARGETS, _form())

    content = manager_client.get(reverse("dashboards:trends"), {"indicator": "cross_sector_share"}).content.decode()

    chart = json.loads(re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', content)[1])
    target_line = next(dataset for dataset in chart["datasets"] if dataset["label"].startswith("Target, whole city"))
    assert target_line["data"] == [pytest.approx(0.4)] * 12


def test_what_needs_attention_lists_off_track_first_then_the_worst_moves(manager_client, city_year):
    # given the city year (time to partner 40 → 46 days and civic involvement 30 → 29 % moved the wrong way) and an
    # unreachable target for the cross-sector share, which itself improved
    manager_client.post(TARGETS, _form(value="90", target_date="2027-01-01"))

    content = manager_client.get(OVERVIEW).content.decode()

    # then the section comes before the tiles and names them in that order, each with one sentence and a link
    section = content.split('id="attention-heading"', 1)[1].split("</section>", 1)[0]
    assert content.index('id="attention-heading"') < content.index('id="theme-silos"')
    names = re.findall(r"<strong>([^<]+)</strong>:", section)
    assert names == ["Cross-sector initiatives", "Time to first partner", "Residents and NGOs"]
    assert "32.0 % (32 of 100) in October 2026; target 90.0 % by 1 Jan 2027: off track." in " ".join(section.split())
    assert "46 days in October 2026, +6 days from the period before, the wrong way." in " ".join(section.split())
    assert reverse("dashboards:drilldown", args=["cross_sector_share"]) in section


def test_nothing_needs_attention_says_so(manager_client):
    monthly_values("cross_sector_share", [0.2, 0.3])

    content = manager_client.get(OVERVIEW).content.decode()

    assert "Nothing moved the wrong way since the period before, and no target is off track." in content


def test_the_targets_page_shows_who_set_changed_and_removed_a_target(client_for):
    # Given a target set, changed and removed by a manager
    manager = client_for(Role.MANAGER, first_name="Minna", last_name="Manager")
    manager.post(TARGETS, _form())
    manager.post(TARGETS, _form(value="50"))
    manager.post(reverse("dashboards:target_delete", args=[IndicatorTarget.history.first().id]))

    # When the targets page opens
    response = manager.get(TARGETS)

    # Then its change history names the manager for each step, with the value from → to
    history = response.context["history"]
    assert [entry.action for entry in history] == ["deleted", "changed", "created"]
    assert {entry.who for entry in history} == {manager.user}
    assert ("target value", "0.4", "0.5") in {(c.field, str(c.old), str(c.new)) for e in history for c in e.changes}
    assert "Minna Manager" in response.content.decode()
