from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.initiatives.models import Funding, Initiative, Outcome, Participation
from tests.api_access import assert_access, call
from tests.initiatives.factories import (
    FundingFactory,
    InitiativeFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import PersonFactory, UnitFactory, unit_tree
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db
INITIATIVES = "/api/v1/initiatives/"


def _new_initiative(**overrides: object) -> dict:
    return {
        "title": "Museum visits for schools",
        "collaboration_form": "partnership",
        "start_date": "2025-08-01",
        "status": "planned",
        "themes": [ThemeFactory().pk],
    } | overrides


def test_every_logged_in_user_reads_initiatives(make_user, initiative_of):
    initiative = initiative_of()

    answer = assert_access(method="get", url=INITIATIVES, allowed=make_user(Role.MANAGER), expected=200)

    assert answer.json()["count"] == 1
    assert answer.json()["results"][0]["id"] == initiative.pk


def test_an_official_creates_an_initiative_and_a_manager_may_not(official, make_user):
    answer = assert_access(
        method="post",
        url=INITIATIVES,
        payload=_new_initiative(),
        denied=make_user(Role.MANAGER),
        allowed=official,
        expected=201,
    )

    initiative = Initiative.objects.get()
    assert answer.json()["id"] == initiative.pk
    assert initiative.created_by == official
    assert initiative.status == Initiative.Status.PLANNED


def test_an_official_edits_an_initiative_of_their_unit_but_not_of_another(official, outsider_official, initiative_of):
    initiative = initiative_of(official)

    assert_access(
        method="patch",
        url=f"{INITIATIVES}{initiative.pk}/",
        payload={"title": "Renamed"},
        denied=outsider_official,
        allowed=official,
        expected=200,
    )

    initiative.refresh_from_db()
    assert initiative.title == "Renamed"


def test_a_contact_person_edits_the_initiative(official, outsider_official):
    initiative = InitiativeFactory(contact_persons=[PersonFactory(user=outsider_official)])

    answer = call(outsider_official, "patch", f"{INITIATIVES}{initiative.pk}/", {"description": "Updated"})

    assert answer.status_code == 200
    assert call(official, "patch", f"{INITIATIVES}{initiative.pk}/", {"description": "x"}).status_code == 403


def test_a_programme_lead_edits_the_programmes_initiatives_only(programme_lead, initiative_of):
    own = initiative_of(programme=ProgrammeFactory(lead=programme_lead.person))
    other = initiative_of(programme=ProgrammeFactory())

    assert call(programme_lead, "patch", f"{INITIATIVES}{own.pk}/", {"title": "Ours"}).status_code == 200
    assert call(programme_lead, "patch", f"{INITIATIVES}{other.pk}/", {"title": "Theirs"}).status_code == 403


def test_an_admin_edits_any_initiative_and_deletes_it(make_user, official, initiative_of):
    initiative = initiative_of(official)

    assert call(official, "delete", f"{INITIATIVES}{initiative.pk}/").status_code == 403
    assert call(make_user(Role.ADMIN), "delete", f"{INITIATIVES}{initiative.pk}/").status_code == 204
    assert not Initiative.objects.exists()


def test_status_changes_follow_the_life_cycle(official, initiative_of):
    initiative = initiative_of(official, status=Initiative.Status.IDEA)
    url = f"{INITIATIVES}{initiative.pk}/"

    jump = call(official, "patch", url, {"status": "completed"})
    step = call(official, "patch", url, {"status": "planned"})

    assert jump.status_code == 400
    assert "status" in jump.json()
    assert step.status_code == 200
    assert step.json()["status"] == "planned"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start_date": "2025-08-01", "end_date": "2025-07-01"}, "end_date"),
        ({"start_date": "2025-02-30"}, "start_date"),
        ({"programme": 999999}, "programme"),
        ({"themes": [999999]}, "themes"),
        ({"collaboration_form": "party"}, "collaboration_form"),
        ({"status": "completed"}, "status"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_initiative_data_is_a_400_with_the_field_named(official, payload, field):
    answer = call(official, "post", INITIATIVES, _new_initiative(**payload))

    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert answer.json()["detail"]
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "params", [{"sector": "abc"}, {"active_from": "yesterday"}, {"status": "sleeping"}, {"unit": 999999}]
)
def test_a_malformed_filter_is_a_400(official, params):
    answer = APIClient()
    answer.force_authenticate(official)

    response = answer.get(INITIATIVES, params)

    assert response.status_code == 400
    assert set(params) <= set(response.json())


def test_the_list_filters_by_unit_and_theme(official):
    theme = ThemeFactory()
    wanted = InitiativeFactory(themes=[theme])
    unit = ParticipationFactory(initiative=wanted).unit
    InitiativeFactory(themes=[theme])
    ParticipationFactory(unit=unit)

    answer = call(official, "get", f"{INITIATIVES}?unit={unit.pk}&theme={theme.pk}")

    assert [item["id"] for item in answer.json()["results"]] == [wanted.pk]


def _list_queries(user, count: int) -> int:
    programme = ProgrammeFactory()
    for _ in range(count - Initiative.objects.count()):
        initiative = InitiativeFactory(programme=programme, themes=[ThemeFactory()])
        ParticipationFactory(initiative=initiative, role=Participation.Role.LEAD)
        ParticipationFactory(initiative=initiative)
        FundingFactory(initiative=initiative)
        initiative.contact_persons.add(PersonFactory())
    client = APIClient()
    client.force_authenticate(user)
    with zeal_context(), CaptureQueriesContext(connection) as queries:
        response = client.get(INITIATIVES)
    assert response.status_code == 200
    assert len(response.json()["results"]) == count
    return len(queries)


def test_the_list_endpoint_uses_the_same_number_of_queries_for_5_and_50_rows(official):
    few = _list_queries(official, 5)

    many = _list_queries(official, 50)

    assert many == few


def test_a_token_authenticates(official):
    token = Token.objects.create(user=official)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(INITIATIVES).status_code == 200


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("/api/v1/participations/", {"unit": None, "role": "partner", "joined_on": "2025-01-01"}),
        (
            "/api/v1/funding/",
            {"external_source": "EU", "instrument": "external", "allocated": "1000.00", "spent": "0", "year": 2025},
        ),
        ("/api/v1/outcomes/", {"text": "Ten events held", "progress": 40, "recorded_on": "2025-06-01"}),
    ],
)
def test_rows_are_added_by_the_initiatives_editors_only(official, outsider_official, initiative_of, url, payload):
    initiative = initiative_of(official)
    if "unit" in payload:
        payload["unit"] = UnitFactory().pk

    assert_access(
        method="post",
        url=url,
        payload={"initiative": initiative.pk, **payload},
        denied=outsider_official,
        allowed=official,
        expected=201,
    )

    assert call(official, "get", f"{url}?initiative={initiative.pk}").json()["count"] >= 1


@pytest.mark.parametrize(
    ("url", "payload", "field"),
    [
        ("/api/v1/funding/", {"allocated": "-1.00"}, "allocated"),
        ("/api/v1/funding/", {"spent": "-0.01"}, "spent"),
        ("/api/v1/funding/", {"external_source": "EU"}, "external_source"),
        ("/api/v1/outcomes/", {"progress": 101}, "progress"),
        ("/api/v1/outcomes/", {"progress": -1}, "progress"),
        ("/api/v1/participations/", {"role": "lead"}, "role"),
        ("/api/v1/participations/", {"unit": 999999}, "unit"),
    ],
)
def test_bad_row_changes_are_a_400_with_the_field_named(official, initiative_of, url, payload, field):
    initiative = initiative_of(official)
    row = {
        "/api/v1/funding/": lambda: FundingFactory(initiative=initiative),
        "/api/v1/outcomes/": lambda: OutcomeFactory(initiative=initiative),
        "/api/v1/participations/": lambda: ParticipationFactory(initiative=initiative),
    }[url]()

    answer = call(official, "patch", f"{url}{row.pk}/", payload)

    assert answer.status_code == 400, answer.content
    assert field in answer.json()


def test_row_edits_and_deletions_are_kept_in_history(official, initiative_of):
    initiative = initiative_of(official)
    outcome = OutcomeFactory(initiative=initiative, progress=10)

    call(official, "patch", f"/api/v1/outcomes/{outcome.pk}/", {"progress": 80})
    call(official, "delete", f"/api/v1/outcomes/{outcome.pk}/")

    records = Outcome.history.filter(id=outcome.pk).order_by("history_date")
    assert [record.history_type for record in records] == ["+", "~", "-"]
    assert [record.progress for record in records] == [10, 80, 80]
    assert records[1].history_user == official
    assert not Funding.objects.exists()


def test_the_creator_goes_on_to_add_their_unit_to_a_new_initiative(official):
    created = call(official, "post", INITIATIVES, _new_initiative()).json()

    added = call(
        official,
        "post",
        "/api/v1/participations/",
        {"initiative": created["id"], "unit": official.home_unit_id, "role": "lead", "joined_on": "2025-08-01"},
    )

    assert added.status_code == 201, added.content
    assert Initiative.objects.get().participations.get().unit == official.home_unit


@pytest.mark.parametrize("url", ["/api/v1/participations/", "/api/v1/funding/", "/api/v1/outcomes/", "/api/v1/themes/"])
def test_rows_and_themes_are_read_by_everyone_logged_in(make_user, url):
    initiative = InitiativeFactory(themes=[ThemeFactory()])
    ParticipationFactory(initiative=initiative)
    FundingFactory(initiative=initiative)
    OutcomeFactory(initiative=initiative)

    answer = assert_access(method="get", url=url, allowed=make_user(Role.MANAGER), expected=200)

    assert answer.json()["count"] == 1


def test_a_manager_may_not_change_rows(make_user, initiative_of):
    outcome = OutcomeFactory(initiative=initiative_of())

    answer = call(make_user(Role.MANAGER), "patch", f"/api/v1/outcomes/{outcome.pk}/", {"progress": 99})

    assert answer.status_code == 403
    outcome.refresh_from_db()
    assert outcome.progress == 50


def _create_queries(user, payload: dict) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = call(user, "post", INITIATIVES, payload)
    return len(queries), response


def test_a_user_without_a_role_is_refused_before_the_body_is_read(make_user):
    # Given a logged-in user who holds no role
    user = make_user()

    # When they post an initiative naming a theme ten thousand times
    count, response = _create_queries(user, _new_initiative(themes=[1] * 10_000))

    # Then the answer is a 403 with the policy's message, without a query per id
    assert response.status_code == 403, response.content
    assert response.json()["detail"] == "Only officials, programme leads and admins create initiatives."
    assert count <= 5


def test_an_id_list_over_the_cap_is_a_400_with_a_message(official):
    count, response = _create_queries(official, _new_initiative(themes=[1] * 10_000))

    assert response.status_code == 400
    assert response.json()["themes"] == ["Give at most 1000 ids."]
    assert count <= 5


def test_an_id_list_is_resolved_in_one_query(official):
    # Given two payloads, one with 2 themes and one with 200 (after a first save, which fills caches)
    assert call(official, "post", INITIATIVES, _new_initiative()).status_code == 201
    two = [theme.pk for theme in ThemeFactory.create_batch(2)]
    few, answer = _create_queries(official, _new_initiative(themes=two))
    assert answer.status_code == 201, answer.content
    themes = [theme.pk for theme in ThemeFactory.create_batch(200)]

    # When both are posted
    many, answer = _create_queries(official, _new_initiative(themes=themes))

    # Then the 200 ids cost no more queries than the 2
    assert answer.status_code == 201, answer.content
    assert sorted(answer.json()["themes"]) == sorted(themes)
    assert many == few


@pytest.mark.parametrize(
    ("themes", "message"),
    [
        ("1", 'Expected a list of items but got type "str".'),
        ({"1": 1}, 'Expected a list of items but got type "dict".'),
        ([True], "Incorrect type. Expected pk value, received bool."),
        ([1.5], "Incorrect type. Expected pk value, received float."),
        ([[1]], "Incorrect type. Expected pk value, received list."),
        (["x"], "Incorrect type. Expected pk value, received str."),
        ([10**30], f'Invalid pk "{10**30}" - object does not exist.'),
        ([-1], 'Invalid pk "-1" - object does not exist.'),
    ],
)
def test_an_id_list_with_a_bad_item_is_a_400_naming_it(official, themes, message):
    response = call(official, "post", INITIATIVES, _new_initiative(themes=themes))

    assert response.status_code == 400, response.content
    assert response.json()["themes"] == [message]


def test_an_unknown_id_in_a_list_is_named(official):
    known = ThemeFactory()

    response = call(official, "post", INITIATIVES, _new_initiative(themes=[known.pk, 999_999_999, known.pk]))

    assert response.status_code == 400
    assert response.json()["themes"] == ['Invalid pk "999999999" - object does not exist.']


def test_a_user_who_edits_no_initiative_is_refused_a_row_before_the_body_is_read(make_user):
    user = make_user(Role.MANAGER)

    with CaptureQueriesContext(connection) as queries:
        response = call(user, "post", "/api/v1/participations/", {"initiative": 1, "unit": 1, "role": "partner"})

    assert response.status_code == 403
    assert response.json()["detail"] == "You may not change this."
    assert len(queries) <= 5


def test_the_unit_filters_include_sub_units(official):
    # Given an initiative with a participation and a funding line of a unit two levels below Culture Services
    tree = unit_tree()
    below = InitiativeFactory()
    participation = ParticipationFactory(initiative=below, unit=tree["sello"])
    funding = FundingFactory(initiative=below, source_unit=tree["sello"])
    other = ParticipationFactory(unit=tree["elsewhere"])
    FundingFactory(initiative=other.initiative, source_unit=tree["elsewhere"])
    top = tree["services"].pk

    # When the initiatives, participations and funding lines are filtered by the top unit
    initiatives = call(official, "get", f"{INITIATIVES}?unit={top}").json()["results"]
    participations = call(official, "get", f"/api/v1/participations/?unit={top}").json()["results"]
    fundings = call(official, "get", f"/api/v1/funding/?source_unit={top}").json()["results"]

    # Then each finds the rows of the sub-unit, and only those
    assert [item["id"] for item in initiatives] == [below.pk]
    assert [item["id"] for item in participations] == [participation.pk]
    assert [item["id"] for item in fundings] == [funding.pk]
    assert call(official, "get", "/api/v1/participations/?unit=999999").status_code == 400


def test_every_item_of_the_list_is_what_its_own_address_answers(official):
    # Given initiatives with and without every optional part (the list writes its items out, the detail does not)
    full = InitiativeFactory(
        programme=ProgrammeFactory(),
        themes=[ThemeFactory(), ThemeFactory()],
        end_date="2027-06-30",
        resident_participants=40,
        involves_residents=True,
    )
    full.strategy_goals.add(StrategyGoalFactory())
    full.contact_persons.add(PersonFactory(), PersonFactory())
    ParticipationFactory(initiative=full, role=Participation.Role.LEAD)
    ParticipationFactory(initiative=full)
    FundingFactory(initiative=full, allocated=Decimal("1234.5"), spent=Decimal("99.99"))
    bare = InitiativeFactory(end_date=None, programme=None, resident_participants=None)
    client = APIClient()
    client.force_authenticate(official)

    # When the list is read, and each item at its own address
    listed = client.get(INITIATIVES).json()["results"]
    own = {row["id"]: client.get(f"{INITIATIVES}{row['id']}/").json() for row in listed}

    # Then they are the same, key order included
    assert {row["id"] for row in listed} == {full.pk, bare.pk}
    for row in listed:
        assert list(row.items()) == list(own[row["id"]].items())
    written = next(row for row in listed if row["id"] == full.pk)
    assert (written["total_allocated"], written["total_spent"]) == ("1234.50", "99.99")
    assert len(written["participations"]) == 2 and len(written["contact_persons"]) == 2
