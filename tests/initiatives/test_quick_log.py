"""The quick log: five fields make a valid initiative in one step; its page then says what is still missing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid, NotAllowed
from apps.initiatives import services
from apps.initiatives.models import Initiative, Participation
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
QUICK = reverse("initiatives:quick_log")


def _data(**overrides: object) -> dict:
    return {
        "title": "Reading buddies",
        "start_date": timezone.localdate().isoformat(),
        "collaboration_form": Initiative.CollaborationForm.PROJECT,
        **overrides,
    }


def test_the_quick_log_saves_a_valid_initiative_and_shows_what_is_missing(official_client, official):
    # Given the official's own unit and one of another sector, and a contact person
    partner = UnitFactory()
    contact = PersonFactory(unit=official.home_unit)

    # When they log an initiative with the five fields
    response = official_client.post(
        QUICK, _data(units=[official.home_unit_id, partner.pk], contact=contact.pk), follow=True
    )

    # Then it is saved, active from today, their unit leading and the other as partner
    initiative = Initiative.objects.get()
    assert response.redirect_chain[-1][0] == reverse("initiatives:detail", args=[initiative.pk])
    assert (initiative.status, initiative.created_by) == (Initiative.Status.ACTIVE, official)
    roles = {p.unit_id: p.role for p in initiative.participations.all()}
    assert roles == {official.home_unit_id: Participation.Role.LEAD, partner.pk: Participation.Role.PARTNER}
    assert list(initiative.contact_persons.all()) == [contact]
    # And its page says what is still missing, each linked to where it is fixed
    gaps = {gap.code for gap in response.context["gaps"]}
    assert gaps == {"no_outcome", "one_contact"}
    assert f'href="{reverse("initiatives:edit", args=[initiative.pk])}#rows-outcomes"' in response.content.decode()


def test_an_initiative_that_starts_later_is_logged_as_planned(official):
    unit = UnitFactory()

    initiative = services.initiative_quick_log(
        by=official,
        title="Summer reading",
        units=[unit],
        contact=PersonFactory(),
        start_date=datetime.date(2026, 6, 1),
        collaboration_form=Initiative.CollaborationForm.EVENT,
        today=datetime.date(2026, 1, 15),
    )

    assert initiative.status == Initiative.Status.PLANNED
    participation = initiative.participations.get()
    assert (participation.unit, participation.role, participation.joined_on) == (
        unit,
        Participation.Role.PARTNER,
        datetime.date(2026, 6, 1),
    )


def test_the_quick_log_without_units_is_refused_by_the_service(official):
    with pytest.raises(Invalid) as refused:
        services.initiative_quick_log(
            by=official,
            title="Nobody's",
            units=[],
            contact=PersonFactory(),
            start_date=datetime.date(2026, 1, 1),
            collaboration_form=Initiative.CollaborationForm.EVENT,
        )

    assert refused.value.errors == {"units": ["Choose at least one unit taking part."]}
    assert not Initiative.objects.exists()


def test_a_reader_may_not_quick_log(client_for, make_user):
    reader = make_user()
    with pytest.raises(NotAllowed):
        services.initiative_quick_log(
            by=reader,
            title="Not allowed",
            units=[UnitFactory()],
            contact=PersonFactory(),
            start_date=datetime.date(2026, 1, 1),
            collaboration_form=Initiative.CollaborationForm.EVENT,
        )
    assert client_for().get(QUICK).status_code == 403


def test_a_quick_log_with_missing_fields_shows_an_error_summary_linking_each_field(official_client):
    response = official_client.post(QUICK, _data(title="", start_date=""))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content
    for field in ("title", "units", "contact", "start_date"):
        assert f'href="#id_{field}"' in content
    assert "The form has 4 problems" in content
    assert not Initiative.objects.exists()


def test_the_quick_log_starts_with_the_officials_unit_and_today(official_client, official):
    response = official_client.get(QUICK)

    form = response.context["form"]
    assert form["units"].value() == [official.home_unit_id]
    assert form["start_date"].value() == timezone.localdate()
    assert response.context["sectors_taking_part"] == [official.home_unit.sector.name]
    assert 'id="error-summary"' not in response.content.decode()


def test_a_programme_lead_quick_logs_too(client_for):
    client = client_for(Role.PROGRAMME_LEAD)

    response = client.post(QUICK, _data(units=[UnitFactory().pk], contact=PersonFactory().pk))

    assert response.status_code == 302
    assert Initiative.objects.get().created_by == client.user
