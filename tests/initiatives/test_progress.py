"""Outcomes with numbers and the weighted roll-up (apps/initiatives/progress.py), worked out by hand in rollup.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid
from apps.initiatives import progress, services
from apps.initiatives.models import Initiative, Outcome
from tests.api_access import call
from tests.initiatives import rollup
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_programme_and_goal_roll_up_their_initiatives_weighted(db):
    # given the hand-worked city of rollup.py
    city = rollup.build()

    # when
    programme = progress.programme_progress(city.programme, as_of=rollup.JUNE_END)
    goal = progress.goal_progress(city.goal, as_of=rollup.JUNE_END)

    # then: only the latest "residents reached" counts, B's volunteers are kept to 1, D and E are left out
    assert programme.initiatives == {
        city.a.pk: (1, pytest.approx(0.5)),
        city.b.pk: (2, pytest.approx(0.625)),
        city.c.pk: (3, pytest.approx(0.8)),
        city.d.pk: (5, None),
        city.e.pk: (1, None),
    }
    assert programme.value == pytest.approx(4.15 / 6)
    assert (programme.counted, programme.left_out, programme.weights) == (3, 2, 6)
    assert goal.value == pytest.approx(2.9 / 4)
    assert (goal.counted, goal.left_out, goal.weights) == (2, 1, 4)


def test_an_outcome_counts_from_the_day_it_is_recorded(db):
    city = rollup.build()

    # the day before E's outcome, and the day it was recorded
    before = progress.programme_progress(city.programme, as_of=date(2025, 7, 14))
    on_the_day = progress.programme_progress(city.programme, as_of=date(2025, 7, 15))

    assert before.value == pytest.approx(4.15 / 6)
    assert on_the_day.value == pytest.approx(4.75 / 7)


def test_nothing_to_roll_up_is_no_value_not_zero(db):
    initiative = InitiativeFactory(programme=ProgrammeFactory())

    rolled_up = progress.programme_progress(initiative.programme)

    assert rolled_up.value is None
    assert (rolled_up.counted, rolled_up.left_out) == (0, 1)


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "share"),
    [(0, 200, 150, "0.75"), (30, 10, 25, "0.25"), (0, 10, 15, "1"), (10, 20, 5, "0"), (0, 3, 1, "0.3333")],
)
def test_the_models_attainment_is_the_sqls(db, baseline, target, actual, share):
    # given an outcome measured in numbers
    programme = ProgrammeFactory()
    outcome = OutcomeFactory(
        initiative=InitiativeFactory(programme=programme),
        baseline=Decimal(baseline),
        target=Decimal(target),
        actual=Decimal(actual),
        unit="visits",
        progress=0,
    )

    # when the roll-up reads it, as of its day
    rolled_up = progress.programme_progress(programme, as_of=outcome.recorded_on)

    # then Python and SQL agree, to the fourth decimal
    assert outcome.attainment().quantize(Decimal("0.0001")) == Decimal(share)
    assert rolled_up.value == pytest.approx(float(outcome.attainment()), abs=1e-9)


def test_a_measured_outcomes_progress_follows_its_numbers(make_user):
    admin = make_user(Role.ADMIN)
    initiative = InitiativeFactory()

    outcome = services.outcome_create(
        by=admin,
        initiative=initiative,
        text="Waiting days",
        progress=None,
        baseline=Decimal(30),
        target=Decimal(10),
        actual=Decimal(25),
        unit="days",
        recorded_on=date(2025, 4, 1),
    )
    estimated = services.outcome_create(
        by=admin, initiative=initiative, text="Circle started", progress=40, recorded_on=date(2025, 4, 1)
    )

    assert outcome.progress == 25  # (25 − 30) / (10 − 30)
    assert estimated.progress == 40


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"baseline": Decimal(0), "unit": "visits"}, "target"),
        ({"target": Decimal(10), "unit": "visits"}, "baseline"),
        ({"baseline": Decimal(5), "target": Decimal(5), "unit": "visits"}, "target"),
        ({"actual": Decimal(5), "unit": "visits"}, "target"),
        ({"baseline": Decimal(0), "target": Decimal(10)}, "unit"),
        ({"unit": "visits"}, "unit"),
        ({"progress": None}, "progress"),
    ],
)
def test_inconsistent_numbers_are_refused_with_the_field_named(make_user, fields, field):
    admin = make_user(Role.ADMIN)
    values = {"text": "Visits", "progress": 10, "recorded_on": date(2025, 4, 1), **fields}

    with pytest.raises(Invalid) as refused:
        services.outcome_create(by=admin, initiative=InitiativeFactory(), **values)

    assert field in refused.value.errors
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"baseline": Decimal(0), "unit": "visits"},
        {"baseline": Decimal(5), "target": Decimal(5), "unit": "visits"},
        {"actual": Decimal(5), "target": None, "unit": "visits"},
        {"baseline": Decimal(0), "target": Decimal(10), "unit": ""},
    ],
)
def test_the_database_refuses_inconsistent_numbers_written_around_the_service(db, fields):
    initiative = InitiativeFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(initiative=initiative, text="Visits", progress=0, recorded_on=date(2025, 1, 1), **fields)


def test_the_database_refuses_a_weight_of_zero(db):
    initiative = InitiativeFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(weight=0)


def test_the_api_takes_a_measured_outcome_and_answers_400_for_bad_numbers(official, initiative_of):
    initiative = initiative_of(official)
    row = {"initiative": initiative.pk, "text": "Visits", "recorded_on": "2025-06-01"}

    measured = call(
        official,
        "post",
        "/api/v1/outcomes/",
        {**row, "baseline": "0", "target": "40", "actual": "10", "unit": "visits"},
    )
    no_unit = call(official, "post", "/api/v1/outcomes/", {**row, "baseline": "0", "target": "40", "actual": "10"})
    same_ends = call(official, "post", "/api/v1/outcomes/", {**row, "baseline": "4", "target": "4", "unit": "x"})
    nothing = call(official, "post", "/api/v1/outcomes/", row)
    weightless = call(official, "patch", f"/api/v1/initiatives/{initiative.pk}/", {"weight": 0})

    assert measured.status_code == 201, measured.content
    assert measured.json()["progress"] == 25
    assert (no_unit.status_code, set(no_unit.json()) - {"detail"}) == (400, {"unit"})
    assert same_ends.status_code == 400 and "target" in same_ends.json()
    assert nothing.status_code == 400 and "progress" in nothing.json()
    assert weightless.status_code == 400 and "weight" in weightless.json()


def test_the_form_shows_bad_numbers_beside_their_fields(official_client, official, initiative_of):
    initiative = initiative_of(official)
    lead = initiative.participations.get()
    data = {
        "title": initiative.title,
        "collaboration_form": initiative.collaboration_form,
        "start_date": "2025-01-01",
        "weight": "2",
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": lead.pk,
        "participations-0-unit": lead.unit_id,
        "participations-0-role": lead.role,
        "participations-0-joined_on": "2025-01-01",
        "fundings-TOTAL_FORMS": "0",
        "fundings-INITIAL_FORMS": "0",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-text": "Visits",
        "outcomes-0-baseline": "0",
        "outcomes-0-target": "0",
        "outcomes-0-recorded_on": "2025-03-01",
    }
    url = reverse("initiatives:edit", args=[initiative.pk])

    bad = official_client.post(url, data)
    measured = {"outcomes-0-target": "40", "outcomes-0-actual": "30", "outcomes-0-unit": "visits"}
    good = official_client.post(url, {**data, **measured})

    assert bad.status_code == 200
    assert set(bad.context["rowsets"]["outcomes"].forms[0].errors) == {"target", "unit"}
    assert good.status_code == 302, good.context and good.context["rowsets"]["outcomes"].forms[0].errors
    initiative.refresh_from_db()
    assert initiative.weight == 2
    assert initiative.outcomes.get().progress == 75


def test_the_programme_page_shows_the_rolled_up_progress(official_client):
    city = rollup.build()

    response = official_client.get(reverse("programmes:detail", args=[city.programme.pk]))

    # today, E's July outcome counts too: 4.75 / 7 = 67.9 %
    content = response.content.decode()
    assert response.context["progress"].value == pytest.approx(4.75 / 7)
    assert "<strong>68 %</strong>" in content
    assert "From the outcomes of 4 of 5 initiatives" in content
    assert "progress 50 %, weight 1" in content  # A
    assert "no outcomes yet" in content  # D


def test_the_strategy_goal_page_shows_its_initiatives_and_progress(official_client):
    city = rollup.build()

    response = official_client.get(reverse("initiatives:goal", args=[city.goal.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>73 %</strong>" in content  # 2.9 / 4 = 72.5 %
    assert [row[0] for row in response.context["initiative_rows"]] == [city.a, city.c, city.d]
    assert "progress 80 %, weight 3" in content  # C
    assert (
        reverse("initiatives:goal", args=[city.goal.pk])
        in official_client.get(reverse("initiatives:detail", args=[city.a.pk])).content.decode()
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_programme_and_goal_pages_cost_the_same_queries_however_many_initiatives(official_client):
    city = rollup.build()
    programme_url = reverse("programmes:detail", args=[city.programme.pk])
    goal_url = reverse("initiatives:goal", args=[city.goal.pk])
    few = (_queries(official_client, programme_url), _queries(official_client, goal_url))

    for number in range(6):
        more = InitiativeFactory(programme=city.programme, weight=number + 1)
        more.strategy_goals.add(city.goal)
        OutcomeFactory(initiative=more, progress=10 * number)

    assert (_queries(official_client, programme_url), _queries(official_client, goal_url)) == few
