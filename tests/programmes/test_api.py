import pytest

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
