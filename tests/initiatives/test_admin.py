import pytest
from django.urls import reverse

from tests.initiatives.factories import FundingFactory, OutcomeFactory, ParticipationFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["initiatives_initiative", "initiatives_theme", "programmes_programme", "programmes_meeting"]
)
def test_the_admin_lists_and_opens_initiatives_and_programmes(admin_client, name):
    participation = ParticipationFactory()
    FundingFactory(initiative=participation.initiative)
    OutcomeFactory(initiative=participation.initiative)
    meeting = MeetingFactory()
    DecisionFactory(programme=meeting.programme, meeting=meeting)
    objects = {
        "initiatives_initiative": participation.initiative,
        "initiatives_theme": None,
        "programmes_programme": meeting.programme,
        "programmes_meeting": meeting,
    }

    listing = admin_client.get(reverse(f"admin:{name}_changelist"))

    assert listing.status_code == 200
    if objects[name] is not None:
        assert admin_client.get(reverse(f"admin:{name}_change", args=[objects[name].pk])).status_code == 200
    history = reverse("admin:initiatives_initiative_history", args=[participation.initiative.pk])
    assert admin_client.get(history).status_code == 200
