import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from apps.core.exceptions import Invalid, NotAllowed
from apps.initiatives import services
from apps.initiatives.models import Funding, Initiative, Outcome, Participation
from apps.initiatives.selectors import initiative_history
from tests.initiatives.factories import FundingFactory, InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
Status = Initiative.Status


def test_create_saves_the_initiative_with_its_links(official):
    themes = [ThemeFactory(), ThemeFactory()]

    initiative = services.initiative_create(
        by=official,
        title="Reading buddies",
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=datetime.date(2025, 1, 1),
        themes=themes,
    )

    initiative.refresh_from_db()
    assert initiative.created_by == official
    assert initiative.status == Status.IDEA
    assert set(initiative.themes.all()) == set(themes)


@pytest.mark.parametrize(
    ("wrong", "field"),
    [({"end_date": datetime.date(2025, 4, 1)}, "end_date"), ({"status": Status.COMPLETED}, "status")],
    ids=["an end before the start", "a finished status"],
)
def test_create_refuses_bad_data_with_a_field_message(official, wrong, field):
    with pytest.raises(Invalid) as refused:
        services.initiative_create(
            by=official,
            title="Refused",
            collaboration_form=Initiative.CollaborationForm.EVENT,
            start_date=datetime.date(2025, 5, 1),
            **wrong,
        )

    assert field in refused.value.errors
    assert not Initiative.objects.exists()


def test_the_database_refuses_an_end_before_the_start_even_without_the_service():
    initiative = InitiativeFactory(start_date=datetime.date(2025, 5, 1))

    with pytest.raises(IntegrityError):
        Initiative.objects.filter(pk=initiative.pk).update(end_date=datetime.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("old", "new"),
    [(Status.IDEA, Status.PLANNED), (Status.PLANNED, Status.ACTIVE), (Status.ACTIVE, Status.DISCONTINUED)],
)
def test_status_moves_along_the_life_cycle(old, new, admin_user):
    initiative = InitiativeFactory(status=old)

    services.initiative_status_change(by=admin_user, initiative=initiative, status=new)

    initiative.refresh_from_db()
    assert initiative.status == new


def test_completing_closes_an_open_end_date(admin_user):
    initiative = InitiativeFactory(status=Status.ACTIVE, start_date=datetime.date(2025, 1, 1), end_date=None)

    services.initiative_status_change(
        by=admin_user, initiative=initiative, status=Status.COMPLETED, today=datetime.date(2025, 9, 30)
    )

    initiative.refresh_from_db()
    assert initiative.end_date == datetime.date(2025, 9, 30)


def test_status_cannot_jump_from_idea_to_completed(admin_user):
    initiative = InitiativeFactory(status=Status.IDEA)

    with pytest.raises(Invalid) as refused:
        services.initiative_status_change(by=admin_user, initiative=initiative, status=Status.COMPLETED)

    assert "status" in refused.value.errors
    initiative.refresh_from_db()
    assert initiative.status == Status.IDEA


def test_a_second_lead_is_refused_with_a_message_on_the_role(admin_user):
    first = ParticipationFactory(role=Participation.Role.LEAD)

    with pytest.raises(Invalid) as refused:
        services.participation_create(
            by=admin_user,
            initiative=first.initiative,
            unit=UnitFactory(),
            role=Participation.Role.LEAD,
            joined_on=first.joined_on,
        )

    assert "role" in refused.value.errors
    assert first.initiative.participations.count() == 1


def test_the_database_allows_one_lead_per_initiative():
    first = ParticipationFactory(role=Participation.Role.LEAD)

    with pytest.raises(IntegrityError):
        Participation.objects.create(
            initiative=first.initiative, unit=UnitFactory(), role=Participation.Role.LEAD, joined_on=first.joined_on
        )


@pytest.mark.parametrize("field", ["allocated", "spent"])
def test_negative_money_is_refused(field, admin_user):
    initiative = InitiativeFactory()
    fields = {"allocated": Decimal(100), "spent": Decimal(0), field: Decimal(-1)}

    with pytest.raises(Invalid) as refused:
        services.funding_create(
            by=admin_user,
            initiative=initiative,
            source_unit=UnitFactory(),
            instrument=Funding.Instrument.GRANT,
            year=2025,
            **fields,
        )

    assert field in refused.value.errors


def test_funding_needs_exactly_one_source(admin_user):
    with pytest.raises(Invalid) as refused:
        services.funding_create(
            by=admin_user,
            initiative=InitiativeFactory(),
            source_unit=UnitFactory(),
            external_source="EU",
            instrument=Funding.Instrument.GRANT,
            allocated=Decimal(1),
            year=2025,
        )

    assert "external_source" in refused.value.errors


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(progress, admin_user):
    with pytest.raises(Invalid) as refused:
        services.outcome_create(
            by=admin_user,
            initiative=InitiativeFactory(),
            text="Result",
            progress=progress,
            recorded_on=datetime.date(2025, 1, 1),
        )

    assert "progress" in refused.value.errors
    assert not Outcome.objects.exists()


def test_history_records_who_changed_which_field(official):
    initiative = services.initiative_create(
        by=official,
        title="Old title",
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=datetime.date(2025, 1, 1),
    )
    funding = FundingFactory(initiative=initiative, allocated=Decimal(1000))

    services.initiative_update(by=official, initiative=initiative, changes={"title": "New title"})
    services.initiative_row_update(by=official, row=funding, changes={"allocated": Decimal(2000)})

    history = initiative_history(initiative)
    changes = {(change.field, str(change.old), str(change.new)) for entry in history for change in entry.changes}
    assert ("title", "Old title", "New title") in changes
    assert ("allocated (€)", "1,000.00", "2,000.00") in changes
    assert {entry.action for entry in history} >= {"created", "changed"}


def test_saving_with_rows_demotes_the_old_lead_before_the_new_one_takes_over(official):
    initiative = InitiativeFactory(contact_persons=[PersonFactory(user=official)])
    old_lead = ParticipationFactory(initiative=initiative, role=Participation.Role.LEAD)
    new_lead = ParticipationFactory(initiative=initiative, role=Participation.Role.PARTNER)
    old_lead.role, new_lead.role = Participation.Role.PARTNER, Participation.Role.LEAD

    # The new lead comes first: saved in this order, it would meet the old lead still in place.
    services.initiative_save_with_rows(
        by=official, initiative=initiative, fields={"title": "Handed over"}, rows_to_save=[new_lead, old_lead]
    )

    initiative.refresh_from_db()
    assert initiative.title == "Handed over"
    assert initiative.participations.get(role=Participation.Role.LEAD) == new_lead


def test_saving_with_rows_creates_the_initiative_and_its_rows_and_deletes_the_removed_ones(official):
    fields = {
        "title": "Reading buddies",
        "collaboration_form": Initiative.CollaborationForm.PROJECT,
        "start_date": datetime.date(2025, 1, 1),
        "status": Status.PLANNED,
    }
    row = Participation(unit=official.home_unit, role=Participation.Role.LEAD, joined_on=datetime.date(2025, 1, 1))

    initiative = services.initiative_save_with_rows(
        by=official, initiative=Initiative(), fields=fields, rows_to_save=[row]
    )
    services.initiative_save_with_rows(by=official, initiative=initiative, fields={}, rows_to_delete=[row])

    assert initiative.created_by == official
    assert initiative.status == Status.PLANNED
    assert not initiative.participations.exists()


def test_saving_with_rows_is_refused_to_someone_who_may_not_edit_the_initiative(official):
    initiative = InitiativeFactory(title="Theirs")
    row = ParticipationFactory(initiative=initiative, role=Participation.Role.PARTNER)

    with pytest.raises(NotAllowed):
        services.initiative_save_with_rows(
            by=official, initiative=initiative, fields={"title": "Mine"}, rows_to_delete=[row]
        )

    initiative.refresh_from_db()
    assert initiative.title == "Theirs"
    assert initiative.participations.filter(pk=row.pk).exists()


def test_a_status_change_is_refused_to_someone_who_may_not_edit_the_initiative(official):
    initiative = InitiativeFactory(status=Status.IDEA)

    with pytest.raises(NotAllowed):
        services.initiative_status_change(by=official, initiative=initiative, status=Status.PLANNED)

    initiative.refresh_from_db()
    assert initiative.status == Status.IDEA
