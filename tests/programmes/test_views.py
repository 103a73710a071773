import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.initiatives.models import Funding
from apps.programmes.models import Decision, Meeting, Programme
from tests.initiatives.factories import FundingFactory, InitiativeFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_the_programme_page_shows_budget_against_allocated_and_spent(official_client):
    programme = ProgrammeFactory(
        start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 12, 31), yearly_budget=Decimal(10000)
    )
    initiative = InitiativeFactory(programme=programme, title="Concerts in care homes")
    from_programme = {"initiative": initiative, "instrument": Funding.Instrument.PROGRAMME_BUDGET}
    FundingFactory(**from_programme, year=2024, allocated=Decimal(4000), spent=Decimal(3000))
    FundingFactory(**from_programme, year=2024, allocated=Decimal(1000), spent=Decimal(0))
    FundingFactory(**from_programme, year=2025, allocated=Decimal(12000), spent=Decimal(500))
    # The sector's own money in the same initiative is not the programme's.
    FundingFactory(initiative=initiative, year=2024, instrument=Funding.Instrument.SECTOR_BUDGET, allocated=9999)

    response = official_client.get(reverse("programmes:detail", args=[programme.pk]))

    budget = [(row.year, row.budget, row.allocated, row.spent, row.unallocated) for row in response.context["budget"]]
    assert budget == [
        (2024, Decimal(10000), Decimal(5000), Decimal(3000), Decimal(5000)),
        (2025, Decimal(10000), Decimal(12000), Decimal(500), Decimal(-2000)),
    ]
    assert "Concerts in care homes" in response.content.decode()


def test_the_programme_page_shows_meetings_with_sectors_and_a_decision_timeline(official_client):
    programme = ProgrammeFactory()
    culture, youth = SectorFactory(name="Culture"), SectorFactory(name="Youth")
    meeting = MeetingFactory(programme=programme, title="Working group 1")
    attendees = [PersonFactory(unit=UnitFactory(sector=sector)) for sector in (youth, culture)]
    meeting.attendees.set(attendees)
    later = DecisionFactory(programme=programme, decided_on=datetime.date(2025, 5, 1), text="Second")
    earlier = DecisionFactory(programme=programme, decided_on=datetime.date(2025, 1, 1), text="First", is_kedge=True)
    DecisionFactory(programme=ProgrammeFactory())  # another programme's decision stays off this page
    other_meeting = MeetingFactory(programme=programme, title="Working group 2", held_on=datetime.date(2025, 1, 1))
    other_meeting.attendees.set(attendees[:1])

    with zeal_context():  # no N+1 over meetings, attendees or decisions
        response = official_client.get(reverse("programmes:detail", args=[programme.pk]))

    assert response.context["meetings"] == [(meeting, ["Culture", "Youth"]), (other_meeting, ["Youth"])]
    assert list(response.context["decisions"]) == [earlier, later]
    assert response.context["can_edit"] is False
    assert response.context["meeting_form"] is None


def test_the_lead_adds_a_meeting_and_a_bad_one_keeps_the_input(client_for):
    client = client_for(Role.PROGRAMME_LEAD)
    programme = ProgrammeFactory(lead=PersonFactory(user=client.user))
    url = reverse("programmes:meeting_add", args=[programme.pk])

    bad = client.post(url, {"kind": "workshop", "title": "Ideas café", "held_on": "someday"})
    good = client.post(url, {"kind": "workshop", "title": "Ideas café", "held_on": "2025-04-01"})

    assert bad.status_code == 200
    assert "held_on" in bad.context["meeting_form"].errors
    assert 'value="Ideas café"' in bad.content.decode()
    assert good.status_code == 302
    assert Meeting.objects.get().title == "Ideas café"


def test_others_may_not_add_decisions(official_client):
    programme = ProgrammeFactory()

    response = official_client.post(
        reverse("programmes:decision_add", args=[programme.pk]),
        {"level": "political", "decided_on": "2025-01-01", "text": "No"},
    )

    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_a_programme_lead_creates_a_programme_in_the_browser(client_for):
    client = client_for(Role.PROGRAMME_LEAD)
    person = PersonFactory(user=client.user)
    sector = SectorFactory()
    data = {
        "name": "Youth and culture",
        "lead": person.pk,
        "sectors": [sector.pk],
        "start_date": "2025-01-01",
        "end_date": "2024-01-01",
        "yearly_budget": "1000",
    }

    refused = client.post(reverse("programmes:create"), data)
    created = client.post(reverse("programmes:create"), data | {"end_date": ""})

    assert "end_date" in refused.context["form"].errors
    assert created.status_code == 302
    assert Programme.objects.get().name == "Youth and culture"


def test_an_official_may_not_create_programmes(official_client):
    assert official_client.get(reverse("programmes:create")).status_code == 403
    assert official_client.get(reverse("programmes:list")).status_code == 200


def test_the_programme_budget_reads_the_instrument_the_initiatives_app_writes():
    # Programmes name the instrument without importing the initiatives app that builds on them: keep the two equal.
    from apps.initiatives.models import Funding
    from apps.programmes.selectors import PROGRAMME_BUDGET

    assert Funding.Instrument.PROGRAMME_BUDGET == PROGRAMME_BUDGET
