import pytest
from django.urls import reverse

from apps.initiatives.models import Initiative
from tests.initiatives.factories import FundingFactory, InitiativeFactory, OutcomeFactory, ParticipationFactory
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


def test_the_admin_changes_the_status_through_the_life_cycle(admin_client):
    initiative = InitiativeFactory(status=Initiative.Status.ACTIVE, end_date=None)

    response = admin_client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "change_status_to_completed", "_selected_action": [initiative.pk]},
        follow=True,
    )

    initiative.refresh_from_db()
    assert response.status_code == 200
    assert initiative.status == Initiative.Status.COMPLETED
    assert initiative.end_date is not None  # the service closed the open end, as it does for every caller
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_the_admin_is_told_when_a_status_step_breaks_the_life_cycle(admin_client):
    initiative = InitiativeFactory(status=Initiative.Status.IDEA)

    response = admin_client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "change_status_to_completed", "_selected_action": [initiative.pk]},
        follow=True,
    )

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.IDEA
    messages = list(response.context["messages"])
    assert [m.level_tag for m in messages] == ["error"]
    assert initiative.title in str(messages[0])


def test_the_admin_change_form_shows_the_status_but_does_not_change_it(admin_client):
    initiative = InitiativeFactory(status=Initiative.Status.IDEA)
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])

    page = admin_client.get(url)

    assert page.status_code == 200
    assert "status" not in page.context["adminform"].form.fields
