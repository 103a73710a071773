import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.initiatives import services
from apps.initiatives.models import Funding, Initiative, Outcome, Participation
from apps.initiatives.selectors import initiative_history
from tests.initiatives.factories import FundingFactory, InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db
Status = Initiative.Status


def test_create_saves_the_initiative_with_its_links(official):
    themes = [ThemeFactory(), ThemeFactory()]

    initiative = services.initiative_create(
        created_by=official,
        title="Reading buddies",
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=datetime.date(2025, 1, 1),
        themes=themes,
    )

    initiative.refresh_from_db()
    assert initiative.created_by == official
    assert initiative.status == Status.IDEA
    assert set(initiative.themes.all()) == set(themes)


def test_create_refuses_an_end_before_the_start_with_a_field_message(official):
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            created_by=official,
            title="Backwards",
            collaboration_form=Initiative.CollaborationForm.EVENT,
            start_date=datetime.date(2025, 5, 1),
            end_date=datetime.date(2025, 4, 1),
        )

    assert "end_date" in refused.value.message_dict
    assert not Initiative.objects.exists()


def test_create_refuses_a_finished_status(official):
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            created_by=official,
            title="Done already",
            collaboration_form=Initiative.CollaborationForm.EVENT,
            start_date=datetime.date(2025, 5, 1),
            status=Status.COMPLETED,
        )

    assert "status" in refused.value.message_dict


def test_the_database_refuses_an_end_before_the_start_even_without_the_service():
    initiative = InitiativeFactory(start_date=datetime.date(2025, 5, 1))

    with pytest.raises(IntegrityError):
        Initiative.objects.filter(pk=initiative.pk).update(end_date=datetime.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("old", "new"),
    [(Status.IDEA, Status.PLANNED), (Status.PLANNED, Status.ACTIVE), (Status.ACTIVE, Status.DISCONTINUED)],
)
def test_status_moves_along_the_life_cycle(old, new):
    initiative = InitiativeFactory(status=old)

    services.initiative_status_change(initiative=initiative, status=new)

    initiative.refresh_from_db()
    assert initiative.status == new


def test_completing_closes_an_open_end_date():
    initiative = InitiativeFactory(status=Status.ACTIVE, start_date=datetime.date(2025, 1, 1), end_date=None)

    services.initiative_status_change(initiative=initiative, status=Status.COMPLETED, today=datetime.date(2025, 9, 30))

    initiative.refresh_from_db()
    assert initiative.end_date == datetime.date(2025, 9, 30)


def test_status_cannot_jump_from_idea_to_completed():
    initiative = InitiativeFactory(status=Status.IDEA)

    with pytest.raises(ValidationError) as refused:
        services.initiative_status_change(initiative=initiative, status=Status.COMPLETED)

    assert "status" in refused.value.message_dict
    initiative.refresh_from_db()
    assert initiative.status == Status.IDEA


def test_a_second_lead_is_refused_with_a_message_on_the_role():
    first = ParticipationFactory(role=Participation.Role.LEAD)

    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            initiative=first.initiative, unit=UnitFactory(), role=Participation.Role.LEAD, joined_on=first.joined_on
        )

    assert "role" in refused.value.message_dict
    assert first.initiative.participations.count() == 1


def test_the_database_allows_one_lead_per_initiative():
    first = ParticipationFactory(role=Participation.Role.LEAD)

    with pytest.raises(IntegrityError):
        Participation.objects.create(
            initiative=first.initiative, unit=UnitFactory(), role=Participation.Role.LEAD, joined_on=first.joined_on
        )


@pytest.mark.parametrize("field", ["allocated", "spent"])
def test_negative_money_is_refused(field):
    initiative = InitiativeFactory()
    fields = {"allocated": Decimal(100), "spent": Decimal(0), field: Decimal(-1)}

    with pytest.raises(ValidationError) as refused:
        services.funding_create(
            initiative=initiative, source_unit=UnitFactory(), instrument=Funding.Instrument.GRANT, year=2025, **fields
        )

    assert field in refused.value.message_dict


def test_funding_needs_exactly_one_source():
    with pytest.raises(ValidationError) as refused:
        services.funding_create(
            initiative=InitiativeFactory(),
            source_unit=UnitFactory(),
            external_source="EU",
            instrument=Funding.Instrument.GRANT,
            allocated=Decimal(1),
            year=2025,
        )

    assert "external_source" in refused.value.message_dict


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(progress):
    with pytest.raises(ValidationError) as refused:
        services.outcome_create(
            initiative=InitiativeFactory(), text="Result", progress=progress, recorded_on=datetime.date(2025, 1, 1)
        )

    assert "progress" in refused.value.message_dict
    assert not Outcome.objects.exists()


def test_history_records_who_changed_which_field(official):
    initiative = services.initiative_create(
        created_by=official,
        title="Old title",
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=datetime.date(2025, 1, 1),
    )
    funding = FundingFactory(initiative=initiative, allocated=Decimal(1000))

    services.initiative_update(initiative=initiative, data={"title": "New title"})
    services.initiative_row_update(row=funding, data={"allocated": Decimal(2000)})

    history = initiative_history(initiative)
    changes = {(change.field, str(change.old), str(change.new)) for entry in history for change in entry.changes}
    assert ("title", "Old title", "New title") in changes
    assert ("allocated (€)", "1000.00", "2000.00") in changes
    assert {entry.action for entry in history} >= {"created", "changed"}
