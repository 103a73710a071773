"""Archived programmes, meetings and decisions are restored from the programme's page by those who edit it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.programmes.models import Decision, Meeting, Programme
from tests.clients import UserClient
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(programme_lead):
    """A live programme of the lead with an archived meeting and an archived decision, and an archived programme."""
    programme = ProgrammeFactory(lead=programme_lead.person)
    meeting = MeetingFactory(programme=programme, title="Kick-off", archived_at=timezone.now())
    decision = DecisionFactory(programme=programme, meeting=meeting, archived_at=timezone.now())
    old = ProgrammeFactory(lead=programme_lead.person, archived_at=timezone.now())
    return programme, meeting, decision, old


@pytest.mark.parametrize(
    ("name", "model", "index", "page_of"),
    [
        ("programmes:meeting_restore", Meeting, 1, lambda rows: rows[0]),
        ("programmes:decision_restore", Decision, 2, lambda rows: rows[0]),
        ("programmes:restore", Programme, 3, lambda rows: rows[3]),
    ],
)
def test_the_lead_restores_an_archived_row_from_the_programme_page(
    programme_lead, archived, name, model, index, page_of
):
    # Given the programme page with the archived row, as its lead sees it
    client = UserClient(programme_lead)
    row, programme = archived[index], page_of(archived)
    url = reverse(name, args=[row.pk])
    page = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert f'action="{url}"' in page

    # When the lead presses its Restore button
    response = client.post(url, follow=True)

    # Then the row is live again, the history names the lead, and the page says so
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(reverse("programmes:detail", args=[programme.pk]))
    restored = model.objects.get(pk=row.pk)
    assert restored.archived_at is None
    assert restored.history.latest("history_id").history_user == programme_lead
    assert "restored" in response.content.decode()


@pytest.mark.parametrize("name", ["programmes:meeting_restore", "programmes:decision_restore"])
def test_someone_who_does_not_edit_the_programme_sees_no_restore_button_and_may_not_restore(
    official_client, archived, name
):
    programme, meeting, decision, _old = archived
    row = meeting if name == "programmes:meeting_restore" else decision
    url = reverse(name, args=[row.pk])

    page = official_client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    response = official_client.post(url)

    assert f'action="{url}"' not in page
    assert response.status_code == 403
    assert type(row).objects.get(pk=row.pk).archived_at is not None


def test_restoring_a_live_meeting_says_it_is_not_archived(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)
    meeting = MeetingFactory(programme=programme)

    response = UserClient(programme_lead).post(reverse("programmes:meeting_restore", args=[meeting.pk]), follow=True)

    assert response.status_code == 200
    assert "This is not archived." in response.content.decode()
