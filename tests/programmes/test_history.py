"""Programmes, meetings and decisions keep their history, and are archived rather than deleted while referred to."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.programmes import selectors, services
from apps.programmes.models import Decision, Meeting, Programme
from tests.api_access import call
from tests.initiatives.factories import InitiativeFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _changes(entries) -> set[tuple[str, str, str]]:
    return {(change.field, str(change.old), str(change.new)) for entry in entries for change in entry.changes}


def test_a_programme_keeps_who_changed_which_field_and_its_sectors(programme_lead):
    # Given a programme created by its lead, in every language
    culture, education = SectorFactory(name="Culture"), SectorFactory(name="Education")
    programme = services.programme_create(
        by=programme_lead,
        name="Culture and wellbeing",
        lead=programme_lead.person,
        start_date=datetime.date(2025, 1, 1),
        sectors=[culture],
    )

    # When the lead renames it in Swedish, changes the budget and adds a sector (no request: the service names them)
    with translation.override("sv"):  # the name typed on a Swedish page is the Swedish name
        services.programme_update(
            by=programme_lead,
            programme=programme,
            changes={"name": "Kultur och välfärd", "mandate": "From the board", "sectors": [culture, education]},
        )

    # Then the history names the user, each field from → to, the language's column and the sectors by name
    entries = selectors.programme_history(programme)
    assert [entry.action for entry in entries][-1] == "created"
    assert {entry.who for entry in entries} == {programme_lead}
    changes = _changes(entries)
    assert ("mandate", "", "From the board") in changes
    assert ("name [sv]", "None", "Kultur och välfärd") in changes
    assert ("sectors", "Culture", "Culture, Education") in changes
    record = Programme.history.filter(id=programme.pk).latest("history_id")
    assert record.name_sv == "Kultur och välfärd" and record.name_fi == programme.name_fi


def test_meetings_keep_their_attendees_in_history_and_decisions_their_fields(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)
    anna, ben = PersonFactory(first_name="Anna", last_name="A"), PersonFactory(first_name="Ben", last_name="B")
    meeting = services.meeting_create(
        by=programme_lead,
        programme=programme,
        kind=Meeting.Kind.WORKSHOP,
        title="Kick-off",
        held_on=datetime.date(2025, 3, 1),
        attendees=[anna],
    )
    decision = services.decision_create(
        by=programme_lead, programme=programme, level="official", decided_on=datetime.date(2025, 3, 2), text="Go"
    )

    services.meeting_update(by=programme_lead, meeting=meeting, changes={"attendees": [anna, ben], "title": "Start"})
    services.decision_update(by=programme_lead, decision=decision, changes={"is_kedge": True, "level": "political"})

    changes = _changes(selectors.programme_history(programme))
    assert ("attendees", "Anna A", "Anna A, Ben B") in changes
    assert ("title", "Kick-off", "Start") in changes
    assert ("interim (kedge) decision", "no", "yes") in changes
    assert ("level", "Official", "Political") in changes
    assert set(Meeting.history.values_list("history_user", flat=True)) == {programme_lead.pk}


def test_deleting_a_programme_through_the_api_archives_it_with_its_meetings_decisions_and_initiatives(make_user):
    # Given a programme with meetings, decisions and initiatives (the story of DELETE /api/v1/programmes/6/)
    admin = make_user(Role.ADMIN)
    programme = ProgrammeFactory()
    meetings = MeetingFactory.create_batch(2, programme=programme)
    DecisionFactory(programme=programme, meeting=meetings[0])
    DecisionFactory(programme=programme)
    initiatives = InitiativeFactory.create_batch(3, programme=programme)

    # When an admin deletes it
    answer = call(admin, "delete", f"/api/v1/programmes/{programme.pk}/")

    # Then it is archived, not deleted: 200 with the row, everything linked kept, the history says who archived it
    assert answer.status_code == 200
    assert answer.json()["archived_at"] is not None
    programme.refresh_from_db()
    assert programme.archived_at is not None
    assert Meeting.objects.filter(programme=programme).count() == 2
    assert Decision.objects.filter(programme=programme).count() == 2
    assert all(initiative.programme_id == programme.pk for initiative in type(initiatives[0]).objects.all())
    latest = programme.history.latest("history_id")
    assert latest.history_type == "~" and latest.history_user == admin and latest.archived_at is not None
    # and lists leave it out by default, ?archived=true lists it, its page says so
    assert call(admin, "get", "/api/v1/programmes/").json()["count"] == 0
    assert call(admin, "get", "/api/v1/programmes/?archived=true").json()["count"] == 1
    # and deleting it again is a clear 409
    again = call(admin, "delete", f"/api/v1/programmes/{programme.pk}/")
    assert again.status_code == 409 and again.json()["detail"]


def test_an_archived_programme_is_restored_by_its_lead(programme_lead, make_user):
    programme = ProgrammeFactory(lead=programme_lead.person)
    MeetingFactory(programme=programme)
    services.programme_delete(by=make_user(Role.ADMIN), programme=programme)

    answer = call(programme_lead, "post", f"/api/v1/programmes/{programme.pk}/restore/")

    assert answer.status_code == 200
    programme.refresh_from_db()
    assert programme.archived_at is None
    assert programme.history.latest("history_id").history_user == programme_lead


def test_a_programme_nothing_refers_to_is_deleted_and_the_history_keeps_a_deleted_record(make_user):
    admin = make_user(Role.ADMIN)
    programme = ProgrammeFactory()

    answer = call(admin, "delete", f"/api/v1/programmes/{programme.pk}/")

    assert answer.status_code == 204
    assert not Programme.objects.filter(pk=programme.pk).exists()
    deleted = Programme.history.get(id=programme.pk, history_type="-")
    assert deleted.history_user == admin


def test_a_meeting_a_decision_refers_to_is_archived_and_a_bare_decision_deleted(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person)
    meeting = MeetingFactory(programme=programme)
    decision = DecisionFactory(programme=programme, meeting=meeting)
    bare = DecisionFactory(programme=programme)

    meeting_answer = call(programme_lead, "delete", f"/api/v1/meetings/{meeting.pk}/")
    bare_answer = call(programme_lead, "delete", f"/api/v1/decisions/{bare.pk}/")

    assert meeting_answer.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).archived_at is not None
    assert Decision.objects.get(pk=decision.pk).meeting_id == meeting.pk
    assert bare_answer.status_code == 204
    assert Decision.history.get(id=bare.pk, history_type="-").history_user == programme_lead
    # the archived meeting leaves the list and the decision form's choices, the deleted decision is on the page
    assert call(programme_lead, "get", "/api/v1/meetings/").json()["count"] == 0
    entries = selectors.programme_history(programme)
    assert ("decision", "deleted") in {(entry.subject, entry.action) for entry in entries}


def test_the_programme_page_shows_its_history_without_a_query_per_row(client_for):
    client = client_for(Role.PROGRAMME_LEAD, first_name="Liisa", last_name="Lead")
    programme = ProgrammeFactory(lead=PersonFactory(user=client.user))
    for number in range(4):
        meeting = services.meeting_create(
            by=client.user, programme=programme, kind="workshop", title=f"M{number}", held_on=datetime.date(2025, 1, 1)
        )
        services.meeting_update(by=client.user, meeting=meeting, changes={"attendees": [PersonFactory()]})
        DecisionFactory(programme=programme)

    with zeal_context():
        response = client.get(reverse("programmes:detail", args=[programme.pk]))

    assert response.status_code == 200
    assert len(response.context["history"]) >= 12
    assert "Liisa Lead" in response.content.decode()


def test_an_archived_programme_is_badged_and_left_out_of_the_list(official_client):
    live = ProgrammeFactory(name="Live one")
    archived = ProgrammeFactory(name="Old one")
    MeetingFactory(programme=archived)
    Programme.objects.filter(pk=archived.pk).update(archived_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))

    listed = official_client.get(reverse("programmes:list")).content.decode()
    archived_list = official_client.get(reverse("programmes:list") + "?archived=1").content.decode()
    page = official_client.get(reverse("programmes:detail", args=[archived.pk]))

    assert live.name in listed and archived.name not in listed
    assert archived.name in archived_list and live.name not in archived_list
    assert page.status_code == 200 and "badge--muted" in page.content.decode()


def test_a_bad_archived_filter_is_a_400(official):
    answer = call(official, "get", "/api/v1/programmes/?archived=perhaps")

    assert answer.status_code == 400
    assert "archived" in answer.json()


def test_an_archived_programme_takes_no_new_initiative_but_keeps_its_own(make_user):
    admin = make_user(Role.ADMIN)
    programme = ProgrammeFactory()
    linked = InitiativeFactory(programme=programme)
    services.programme_delete(by=admin, programme=programme)

    refused = call(admin, "patch", f"/api/v1/initiatives/{InitiativeFactory().pk}/", {"programme": programme.pk})
    kept = call(admin, "patch", f"/api/v1/initiatives/{linked.pk}/", {"programme": programme.pk, "title": "Renamed"})

    assert refused.status_code == 400 and "programme" in refused.json()
    assert kept.status_code == 200


def test_an_admin_archives_a_programme_on_its_page_and_deletes_an_empty_one(client_for):
    client = client_for(Role.ADMIN)
    used, empty = ProgrammeFactory(), ProgrammeFactory()
    MeetingFactory(programme=used)

    archived = client.post(reverse("programmes:delete", args=[used.pk]))
    deleted = client.post(reverse("programmes:delete", args=[empty.pk]))

    assert archived.status_code == 302 and archived.url == reverse("programmes:detail", args=[used.pk])
    used.refresh_from_db()
    assert used.archived_at is not None
    assert deleted.status_code == 302 and deleted.url == reverse("programmes:list")
    assert Programme.history.get(id=empty.pk, history_type="-").history_user == client.user
