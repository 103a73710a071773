import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.roles import Role
from apps.programmes.models import Decision, Meeting, Programme
from tests.api_access import assert_access, call
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _programme(lead_user, **overrides: object) -> dict:
    return {
        "name": "Culture and wellbeing",
        "lead": lead_user.person.pk,
        "sectors": [SectorFactory().pk],
        "start_date": "2025-01-01",
        "yearly_budget": "50000.00",
    } | overrides


@pytest.mark.parametrize("url", ["/api/v1/programmes/", "/api/v1/meetings/", "/api/v1/decisions/"])
def test_every_logged_in_user_reads(make_user, url):
    meeting = MeetingFactory()
    DecisionFactory(programme=meeting.programme, meeting=meeting)

    answer = assert_access(method="get", url=url, allowed=make_user(Role.MANAGER), expected=200)

    assert answer.json()["count"] == 1


def test_a_programme_lead_creates_a_programme_and_an_official_may_not(programme_lead, official):
    assert_access(
        method="post",
        url="/api/v1/programmes/",
        payload=_programme(programme_lead),
        denied=official,
        allowed=programme_lead,
        expected=201,
    )

    programme = Programme.objects.get()
    assert programme.lead == programme_lead.person
    assert programme.sectors.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"yearly_budget": "-1.00"}, "yearly_budget"),
        ({"end_date": "2024-01-01"}, "end_date"),
        ({"sectors": []}, "sectors"),
        ({"lead": 999999}, "lead"),
    ],
)
def test_bad_programme_data_is_a_400(programme_lead, overrides, field):
    answer = call(programme_lead, "post", "/api/v1/programmes/", _programme(programme_lead, **overrides))

    assert answer.status_code == 400, answer.content
    assert field in answer.json()


def test_only_the_lead_edits_the_programme(programme_lead, other_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)

    assert_access(
        method="patch",
        url=f"/api/v1/programmes/{programme.pk}/",
        payload={"mandate": "Bring culture to care homes."},
        denied=other_lead,
        allowed=programme_lead,
        expected=200,
    )

    programme.refresh_from_db()
    assert programme.mandate == "Bring culture to care homes."


def test_the_lead_records_meetings_and_decisions(programme_lead, other_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)
    attendee = PersonFactory()

    meeting = assert_access(
        method="post",
        url="/api/v1/meetings/",
        payload={
            "programme": programme.pk,
            "kind": "large_group",
            "title": "Kick-off",
            "held_on": "2025-02-01",
            "attendees": [attendee.pk],
        },
        denied=other_lead,
        allowed=programme_lead,
        expected=201,
    ).json()
    assert_access(
        method="post",
        url="/api/v1/decisions/",
        payload={
            "programme": programme.pk,
            "meeting": meeting["id"],
            "level": "official",
            "is_kedge": True,
            "decided_on": "2025-02-01",
            "text": "Try a pilot first.",
        },
        denied=other_lead,
        allowed=programme_lead,
        expected=201,
    )

    assert list(Meeting.objects.get().attendees.all()) == [attendee]
    assert Decision.objects.get().is_kedge


def test_a_decision_cannot_hang_on_another_programmes_meeting(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)
    foreign_meeting = MeetingFactory()

    answer = call(
        programme_lead,
        "post",
        "/api/v1/decisions/",
        {
            "programme": programme.pk,
            "meeting": foreign_meeting.pk,
            "level": "political",
            "decided_on": "2025-02-01",
            "text": "Agreed.",
        },
    )

    assert answer.status_code == 400
    assert "meeting" in answer.json()


def test_a_meeting_with_a_bad_kind_or_date_is_a_400(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)

    answer = call(
        programme_lead,
        "post",
        "/api/v1/meetings/",
        {"programme": programme.pk, "kind": "party", "title": "x", "held_on": "2025-13-01"},
    )

    assert answer.status_code == 400
    assert {"kind", "held_on"} <= set(answer.json())


def _meeting(programme, **overrides: object) -> dict:
    return {"programme": programme.pk, "kind": "workshop", "title": "Kick-off", "held_on": "2025-02-01"} | overrides


def test_a_manager_is_refused_a_meeting_before_its_attendees_are_read(make_user):
    # Given a manager, who leads no programme
    manager = make_user(Role.MANAGER)
    programme = ProgrammeFactory()

    # When they post a meeting with ten thousand attendees
    with CaptureQueriesContext(connection) as queries:
        response = call(manager, "post", "/api/v1/meetings/", _meeting(programme, attendees=[1] * 10_000))

    # Then the answer is a 403 with a message, without a query per attendee
    assert response.status_code == 403
    assert response.json()["detail"] == "You may not change this."
    assert len(queries) <= 5


def test_a_meeting_with_too_many_attendees_is_a_400(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)

    response = call(programme_lead, "post", "/api/v1/meetings/", _meeting(programme, attendees=[1] * 10_000))

    assert response.status_code == 400
    assert response.json()["attendees"] == ["Give at most 1000 ids."]


def test_the_attendees_are_resolved_in_one_query(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)

    def queries(attendees: list[int]) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = call(programme_lead, "post", "/api/v1/meetings/", _meeting(programme, attendees=attendees))
        assert response.status_code == 201, response.content
        return len(captured)

    queries([PersonFactory().pk])  # the first save reads what later ones find cached
    few = queries([person.pk for person in PersonFactory.create_batch(2)])
    many = queries([person.pk for person in PersonFactory.create_batch(300)])

    assert many == few
    assert Meeting.objects.order_by("pk").last().attendees.count() == 300


def test_a_user_without_a_role_may_not_create_a_programme_and_is_told_before_validation(make_user):
    user = make_user()

    with CaptureQueriesContext(connection) as queries:
        response = call(user, "post", "/api/v1/programmes/", {"sectors": [1] * 10_000})

    assert response.status_code == 403
    assert response.json()["detail"] == "Only programme leads and admins create programmes."
    assert len(queries) <= 5
