"""The guided initiative form: units by sector, partner units in one field, the sectors taking part, the error
summary, and the autocomplete endpoints of its long lists (found by any language's name)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.core.search import MAX_WORDS
from apps.initiatives.models import Initiative, Participation
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.premises.factories import SpaceFactory
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("initiatives:create")


def _form_data(**overrides: object) -> dict:
    data = {
        "title": "Reading buddies",
        "status": "planned",
        "collaboration_form": "project",
        "start_date": "2026-02-01",
    }
    for prefix in ("participations", "fundings", "outcomes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_units_chosen_in_one_field_join_as_partners_beside_the_lead_row(official_client, official):
    # Given the lead row of the official's unit, and three units chosen in the field (the lead's among them)
    youth, health = UnitFactory(), UnitFactory()
    data = _form_data(
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-unit": official.home_unit_id,
            "participations-0-role": "lead",
            "participations-0-joined_on": "2026-02-01",
        },
        units=[official.home_unit_id, youth.pk, health.pk],
    )

    # When the form is sent
    response = official_client.post(CREATE, data)

    # Then each unit takes part once: the lead as lead, the others as partners from the start
    assert response.status_code == 302
    rows = {p.unit_id: (p.role, p.joined_on.isoformat()) for p in Initiative.objects.get().participations.all()}
    assert rows == {
        official.home_unit_id: ("lead", "2026-02-01"),
        youth.pk: ("partner", "2026-02-01"),
        health.pk: ("partner", "2026-02-01"),
    }


def test_units_added_on_the_edit_form_join_from_today_and_existing_ones_stay(official_client, official):
    initiative = InitiativeFactory(created_by=official)
    lead = ParticipationFactory(initiative=initiative, unit=official.home_unit, role=Participation.Role.LEAD)
    newcomer = UnitFactory()
    data = _form_data(
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-INITIAL_FORMS": "1",
            "participations-0-id": lead.pk,
            "participations-0-unit": lead.unit_id,
            "participations-0-role": "lead",
            "participations-0-joined_on": lead.joined_on.isoformat(),
        },
        units=[newcomer.pk, lead.unit_id],
        start_date=initiative.start_date.isoformat(),
    )
    del data["status"]

    response = official_client.post(reverse("initiatives:edit", args=[initiative.pk]), data)

    assert response.status_code == 302
    roles = dict(initiative.participations.values_list("unit_id", "role"))
    assert roles == {lead.unit_id: "lead", newcomer.pk: "partner"}


def test_the_form_groups_units_by_sector_and_says_which_sectors_take_part(official_client, official):
    culture = SectorFactory(name="Culture")
    UnitFactory(sector=culture, name="Sello Library")

    response = official_client.get(CREATE)

    content = response.content.decode()
    assert '<optgroup label="Culture">' in content
    assert f'<optgroup label="{official.home_unit.sector.name}">' in content
    # The lead row of the official's own unit: its sector takes part already
    assert response.context["sectors_taking_part"] == [official.home_unit.sector.name]
    assert 'data-autocomplete="/directory/units/options.json"' in content


def test_a_refused_form_lists_every_problem_at_the_top_with_links_to_the_fields(official_client):
    data = _form_data(
        title="",
        **{
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-text": "Concerts",
            "outcomes-0-progress": "150",
            "outcomes-0-recorded_on": "2026-03-01",
        },
    )

    response = official_client.post(CREATE, data)

    content = response.content.decode()
    assert response.status_code == 200
    start = content.index('id="error-summary"')
    summary = content[start : content.index("</div>", start)]
    assert 'href="#id_title"' in summary
    assert 'href="#id_outcomes-0-progress"' in summary
    assert "The form has 2 problems" in summary


def test_the_booking_form_offers_initiatives_and_programmes_by_typeahead(client_for):
    client = client_for(Role.OFFICIAL)
    space = SpaceFactory()

    content = client.get(reverse("premises:booking_create", args=[space.pk])).content.decode()

    assert 'data-autocomplete="/initiatives/options.json"' in content
    assert 'data-autocomplete="/programmes/options.json"' in content


def test_units_are_found_by_their_name_in_any_language_with_their_sector_as_group(official_client):
    culture = SectorFactory(name="Culture", name_sv="Kultur")
    sello = UnitFactory(sector=culture, name="Kirjasto Sello", name_sv="Sellobiblioteket")
    UnitFactory(name="Nuorisotalo")

    response = official_client.get(reverse("sectors:unit_options"), {"q": "sellobibl"})

    [found] = response.json()["results"]
    assert (found["value"], found["text"], found["optgroup"]) == (str(sello.pk), "Kirjasto Sello", "Culture")
    assert set(found["search"].split()) == {"Kirjasto", "Sello", "Sellobiblioteket"}  # the typeahead keeps it


def test_people_goals_initiatives_and_programmes_are_found_by_typeahead(official_client, official):
    maija = PersonFactory(first_name="Maija", last_name="Virtanen")
    StrategyGoalFactory(code="2.3", title="Loneliness is rarer", title_sv="Ensamheten minskar")
    mine = InitiativeFactory(created_by=official, title="Reading buddies")
    InitiativeFactory(title="Reading circle of others")  # not the official's to link a booking to
    ProgrammeFactory(name="Loneliness programme", lead=PersonFactory(user=official))

    def texts(name: str, q: str) -> list[str]:
        return [item["text"] for item in official_client.get(reverse(name), {"q": q}).json()["results"]]

    assert texts("sectors:person_options", "virt") == [f"Maija Virtanen ({maija.unit.name})"]
    assert texts("strategy:goal_options", "ensamhet") == ["2.3 Loneliness is rarer"]
    assert texts("initiatives:options", "reading") == [mine.title]
    assert texts("programmes:options", "lonel") == ["Loneliness programme"]


def test_a_search_of_too_many_words_is_a_400_with_a_message(official_client):
    response = official_client.get(reverse("sectors:unit_options"), {"q": " ".join(["a"] * (MAX_WORDS + 1))})

    assert response.status_code == 400
    assert "words" in response.json()["message"]


def test_an_option_list_costs_the_same_queries_however_many_match(official_client, django_assert_num_queries):
    # Given one library, then thirty (more than a list answers)
    UnitFactory(name="Library 0")
    url = reverse("sectors:unit_options")
    official_client.get(url)  # the session and the role grants are read once
    with django_assert_num_queries(3) as one:
        official_client.get(url, {"q": "library"})
    for number in range(1, 30):
        UnitFactory(name=f"Library {number}")

    # When the same words are typed, then the answer is capped and asks the database as often
    with django_assert_num_queries(len(one.captured_queries)):
        response = official_client.get(url, {"q": "library"})
    assert len(response.json()["results"]) == 20


def test_the_booking_form_with_errors_starts_with_the_error_summary(client_for):
    client = client_for(Role.OFFICIAL)
    space = SpaceFactory()

    response = client.post(reverse("premises:booking_create", args=[space.pk]), {"purpose": ""})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content
    assert 'href="#id_purpose"' in content
