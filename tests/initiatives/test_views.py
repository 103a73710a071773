import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative, Participation
from tests.downloads import csv_dicts
from tests.initiatives.factories import (
    FundingFactory,
    InitiativeFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory, unit_tree

pytestmark = pytest.mark.django_db
LIST = reverse("initiatives:list")


def _rows(count: int) -> None:
    programme = ProgrammeFactory()
    for number in range(count):
        initiative = InitiativeFactory(programme=programme, themes=[ThemeFactory(slug=f"t{number % 3}")])
        ParticipationFactory(initiative=initiative, role=Participation.Role.LEAD)
        ParticipationFactory(initiative=initiative)
        FundingFactory(initiative=initiative)
        initiative.contact_persons.add(PersonFactory())


def _queries(client, url: str, params: dict | None = None) -> int:
    # zeal raises on any N+1 pattern; the count below pins the total.
    with zeal_context(), CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def _listed(response) -> list[int]:
    """The initiatives a list page shows, by key, in its order."""
    return [row.pk for row in response.context["page"]]


def test_the_list_page_uses_the_same_number_of_queries_for_5_and_50_rows(official_client):
    _rows(5)
    few = _queries(official_client, LIST, {"page": 1})
    _rows(45)

    many = _queries(official_client, LIST, {"page": 1})

    assert Initiative.objects.count() == 50
    assert many == few


def test_a_long_list_says_about_how_many_it_holds_and_still_pages_to_its_end(official_client, monkeypatch):
    # Given 30 initiatives and an exact count only up to 20 rows (1,000 in production)
    monkeypatch.setattr("apps.core.estimated_pages.EXACT_COUNT_LIMIT", 20)
    for _number in range(30):
        InitiativeFactory()

    # When the first and the second page are read
    first = official_client.get(LIST)
    second = official_client.get(LIST, {"page": 2})

    # Then the count says it is an estimate, and the two pages hold every initiative once, the second the last
    first_text, second_text = first.content.decode(), second.content.decode()
    assert re.search(r"About [0-9,]+ initiatives? found", first_text)  # the planner's estimate, however stale
    assert "Page 1 of about " in first_text and 'rel="next"' in first_text
    assert 'rel="next"' not in second_text
    assert sorted(_listed(first) + _listed(second)) == sorted(Initiative.objects.values_list("pk", flat=True))


def test_a_short_list_counts_exactly(official_client):
    for _number in range(3):
        InitiativeFactory()

    text = official_client.get(LIST).content.decode()

    assert "3 initiatives found" in text and "About" not in text


def test_a_list_row_shows_what_the_initiative_is(official_client):
    culture = SectorFactory(name="Culture", slug="culture")
    programme = ProgrammeFactory(name="Culture for wellbeing")
    initiative = InitiativeFactory(
        title="Reading circle",
        programme=programme,
        status=Initiative.Status.ACTIVE,
        themes=[ThemeFactory(name="Reading", slug="reading"), ThemeFactory(name="Ageing", slug="ageing")],
    )
    ParticipationFactory(
        initiative=initiative, unit=UnitFactory(name="Sello Library", sector=culture), role=Participation.Role.LEAD
    )
    FundingFactory(initiative=initiative, allocated=Decimal("12000"))
    FundingFactory(initiative=initiative, allocated=Decimal("500"))

    row = official_client.get(LIST).content.decode()

    assert f'<a href="{reverse("initiatives:detail", args=[initiative.pk])}">Reading circle</a>' in row
    assert " · Ageing · Reading</div>" in row
    assert '<span class="status status--active">Active</span>' in row
    assert 'Sello Library <span class="muted">(Culture, lead)</span>' in row
    assert f'<a href="{reverse("programmes:detail", args=[programme.pk])}">Culture for wellbeing</a>' in row
    assert "12,500" in row


def test_the_list_filters_by_sector_status_and_text(official_client):
    culture = SectorFactory(name="Culture", slug="culture")
    wanted = InitiativeFactory(title="Library reading circle", status=Initiative.Status.ACTIVE)
    ParticipationFactory(initiative=wanted, unit=UnitFactory(sector=culture))
    ParticipationFactory(initiative=wanted, unit=UnitFactory(sector=culture))  # listed once all the same
    InitiativeFactory(title="Library in planning", status=Initiative.Status.PLANNED)
    InitiativeFactory(title="Football for all", status=Initiative.Status.ACTIVE)

    response = official_client.get(LIST, {"sector": culture.pk, "status": "active", "q": "library"})

    assert _listed(response) == [wanted.pk]


def test_the_list_filters_by_period_and_sorts_by_title(official_client):
    InitiativeFactory(title="B early", start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 6, 1))
    late = InitiativeFactory(title="A late", start_date=datetime.date(2025, 1, 1))
    open_ended = InitiativeFactory(title="C open", start_date=datetime.date(2022, 1, 1), end_date=None)

    response = official_client.get(LIST, {"active_from": "2024-01-01", "ordering": "title"})

    assert _listed(response) == [late.pk, open_ended.pk]  # not the early one


def test_a_malformed_filter_is_a_form_error_not_a_server_error(official_client):
    response = official_client.get(LIST, {"active_from": "not-a-date", "sector": "999999", "status": "bogus"})

    assert response.status_code == 200
    assert set(response.context["filter"].errors) == {"active_from", "sector", "status"}
    assert not list(response.context["page"])


def test_csv_export_contains_the_filtered_rows(official_client):
    unit = UnitFactory(name="City Library")
    wanted = InitiativeFactory(title="Reading, with friends", status=Initiative.Status.ACTIVE)
    ParticipationFactory(initiative=wanted, unit=unit, role=Participation.Role.LEAD)
    FundingFactory(initiative=wanted, allocated=1000, spent=250)
    FundingFactory(initiative=wanted, allocated=500, spent=0)
    InitiativeFactory(title="Idea only", status=Initiative.Status.IDEA)

    response = official_client.get(reverse("initiatives:export"), {"status": "active"})

    assert response["Content-Type"].startswith("text/csv")
    rows = csv_dicts(response)
    assert [row["title"] for row in rows] == ["Reading, with friends"]
    assert rows[0]["lead_unit"] == "City Library"
    assert rows[0]["allocated_eur"] == "1500.00"
    assert rows[0]["spent_eur"] == "250.00"


def test_csv_export_quotes_text_a_spreadsheet_would_run_as_a_formula(official_client):
    InitiativeFactory(title='=HYPERLINK("http://evil.example")')

    response = official_client.get(reverse("initiatives:export"))

    rows = csv_dicts(response)
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'


def test_csv_export_refuses_a_malformed_filter_with_a_message(official_client):
    response = official_client.get(reverse("initiatives:export"), {"active_until": "31.31.2025"})

    assert response.status_code == 400
    assert "active_until" in response.content.decode()


def _form_data(**overrides: object) -> dict:
    data = {
        "title": "Culture on prescription",
        "description": "Doctors prescribe concerts.",
        "status": "planned",
        "collaboration_form": "partnership",
        "start_date": "2025-02-01",
        "end_date": "",
        "resident_participants": "",
    }
    for prefix in ("participations", "fundings", "outcomes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(overrides)
    return data


def test_an_official_creates_an_initiative_with_rows(official_client, official):
    funder = UnitFactory()
    data = _form_data(
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-unit": official.home_unit_id,
            "participations-0-role": "lead",
            "participations-0-joined_on": "2025-02-01",
            "fundings-TOTAL_FORMS": "1",
            "fundings-0-source_unit": funder.pk,
            "fundings-0-instrument": "sector_budget",
            "fundings-0-allocated": "5000",
            "fundings-0-spent": "0",
            "fundings-0-year": "2025",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-text": "First concerts held",
            "outcomes-0-progress": "20",
            "outcomes-0-recorded_on": "2025-03-01",
        }
    )

    response = official_client.post(reverse("initiatives:create"), data)

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("initiatives:detail", args=[initiative.pk])
    assert initiative.created_by == official
    assert initiative.status == Initiative.Status.PLANNED
    assert initiative.participations.get().unit == official.home_unit
    assert initiative.fundings.get().allocated == 5000
    assert initiative.outcomes.get().progress == 20


def test_a_form_with_bad_values_shows_field_errors_and_keeps_what_was_typed(official_client):
    data = _form_data(
        start_date="2025-05-01",
        end_date="2025-04-01",
        **{
            "fundings-TOTAL_FORMS": "1",
            "fundings-0-external_source": "EU structural fund",
            "fundings-0-instrument": "external",
            "fundings-0-allocated": "-5",
            "fundings-0-spent": "0",
            "fundings-0-year": "2025",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-text": "Too good",
            "outcomes-0-progress": "150",
            "outcomes-0-recorded_on": "2025-03-01",
        },
    )

    response = official_client.post(reverse("initiatives:create"), data)

    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert "allocated" in response.context["rowsets"]["fundings"].forms[0].errors
    assert "progress" in response.context["rowsets"]["outcomes"].forms[0].errors
    content = response.content.decode()
    assert 'value="Culture on prescription"' in content
    assert "EU structural fund" in content
    assert not Initiative.objects.exists()


def test_two_leads_in_the_form_are_refused(official_client):
    rows = {"participations-TOTAL_FORMS": "2"}
    for number in range(2):
        rows |= {
            f"participations-{number}-unit": UnitFactory().pk,
            f"participations-{number}-role": "lead",
            f"participations-{number}-joined_on": "2025-02-01",
        }

    response = official_client.post(reverse("initiatives:create"), _form_data(**rows))

    assert response.status_code == 200
    assert response.context["rowsets"]["participations"].non_form_errors()
    assert not Initiative.objects.exists()


def test_adding_a_row_returns_the_form_with_one_more_empty_row_and_saves_nothing(official_client):
    data = _form_data(add_row="outcomes")

    response = official_client.post(reverse("initiatives:create"), data, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert len(response.context["rowsets"]["outcomes"].forms) == 1
    assert 'id="id_outcomes-0-text"' in response.content.decode()
    assert 'value="Culture on prescription"' in response.content.decode()
    assert not Initiative.objects.exists()


def test_editing_records_history_shown_on_the_detail_page(client_for):
    client = client_for(Role.OFFICIAL, first_name="Eeva", last_name="Editor")
    editor = client.user
    initiative = InitiativeFactory(title="Old title")
    lead = ParticipationFactory(initiative=initiative, unit=editor.home_unit, role=Participation.Role.LEAD)
    data = _form_data(
        title="New title",
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-INITIAL_FORMS": "1",
            "participations-0-id": lead.pk,
            "participations-0-unit": lead.unit_id,
            "participations-0-role": "lead",
            "participations-0-joined_on": "2025-01-01",
        },
    )

    response = client.post(reverse("initiatives:edit", args=[initiative.pk]), data)
    detail = client.get(reverse("initiatives:detail", args=[initiative.pk]))

    assert response.status_code == 302
    changes = [entry for entry in detail.context["history"] if entry.changes]
    assert changes[0].who == editor
    diffs = [(change.field, change.old, change.new) for change in changes[0].changes]
    assert ("title", "Old title", "New title") in diffs
    assert ("collaboration form", "Project", "Partnership (IOP)") in diffs
    assert "Eeva Editor" in detail.content.decode()


def test_money_in_the_history_reads_with_thousands_separators(official_client):
    # given an initiative whose funding line changed from 15,000 to 17,500 euros
    initiative = InitiativeFactory()
    funding = FundingFactory(initiative=initiative, allocated=Decimal("15000.00"))
    funding.allocated = Decimal("17500.00")
    funding.save()

    # when its page is read in English and in Finnish
    english = official_client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    official_client.cookies["django_language"] = "fi"
    finnish = official_client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()

    # then the amounts are grouped as each language writes them, never "15000.00"
    assert "15,000.00" in english and "17,500.00" in english
    assert "15\xa0000,00" in finnish and "17\xa0500,00" in finnish
    assert "15000.00" not in english + finnish


def test_an_official_of_another_unit_may_read_but_not_edit(client_for):
    initiative = InitiativeFactory()
    ParticipationFactory(initiative=initiative, role=Participation.Role.LEAD)
    client = client_for(Role.OFFICIAL)

    detail = client.get(reverse("initiatives:detail", args=[initiative.pk]))
    edit = client.get(reverse("initiatives:edit", args=[initiative.pk]))
    status = client.post(reverse("initiatives:status", args=[initiative.pk]), {"status": "completed"})

    assert detail.status_code == 200
    assert detail.context["can_edit"] is False
    assert edit.status_code == 403
    assert status.status_code == 403


def test_a_manager_may_not_create_initiatives(manager_client):
    assert manager_client.get(reverse("initiatives:create")).status_code == 403
    assert manager_client.get(LIST).status_code == 200


def test_a_contact_person_changes_the_status(official_client, official):
    initiative = InitiativeFactory(status=Initiative.Status.ACTIVE, contact_persons=[PersonFactory(user=official)])

    response = official_client.post(reverse("initiatives:status", args=[initiative.pk]), {"status": "completed"})

    initiative.refresh_from_db()
    assert response.status_code == 302
    assert initiative.status == Initiative.Status.COMPLETED


def test_a_forbidden_status_step_is_a_message_not_an_error(official_client, official):
    initiative = InitiativeFactory(status=Initiative.Status.IDEA, contact_persons=[PersonFactory(user=official)])

    response = official_client.post(
        reverse("initiatives:status", args=[initiative.pk]), {"status": "completed"}, follow=True
    )

    initiative.refresh_from_db()
    assert response.status_code == 200
    assert initiative.status == Initiative.Status.IDEA
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_detail_page_shows_rows_and_totals(official_client):
    initiative = InitiativeFactory()
    ParticipationFactory(initiative=initiative, unit=UnitFactory(name="Youth Services"))
    FundingFactory(initiative=initiative, allocated=1200)
    OutcomeFactory(initiative=initiative, text="Twelve workshops held", progress=60)

    response = official_client.get(reverse("initiatives:detail", args=[initiative.pk]))

    content = response.content.decode()
    assert "Youth Services" in content
    assert "Twelve workshops held" in content
    assert response.context["initiative"].total_allocated == 1200


def test_a_new_initiative_starts_with_the_creators_unit_as_lead(official_client, official):
    response = official_client.get(reverse("initiatives:create"))

    first_row = response.context["rowsets"]["participations"].forms[0]
    assert first_row.initial["unit"] == official.home_unit
    assert first_row.initial["role"] == Participation.Role.LEAD


def test_the_history_on_the_detail_page_costs_no_query_per_row(official_client):
    initiative = InitiativeFactory()
    for _ in range(5):
        ParticipationFactory(initiative=initiative)
        FundingFactory(initiative=initiative)

    with zeal_context():
        response = official_client.get(reverse("initiatives:detail", args=[initiative.pk]))

    assert len(response.context["history"]) == 11


def test_the_lead_passes_from_one_unit_to_another_in_one_save(official_client, official):
    initiative = InitiativeFactory()
    old_lead = ParticipationFactory(initiative=initiative, unit=official.home_unit, role=Participation.Role.LEAD)
    partner = ParticipationFactory(initiative=initiative, role=Participation.Role.PARTNER)
    rows = {"participations-TOTAL_FORMS": "2", "participations-INITIAL_FORMS": "2"}
    for number, (row, role) in enumerate(((old_lead, "partner"), (partner, "lead"))):
        rows |= {
            f"participations-{number}-id": row.pk,
            f"participations-{number}-unit": row.unit_id,
            f"participations-{number}-role": role,
            f"participations-{number}-joined_on": "2025-01-01",
        }

    response = official_client.post(reverse("initiatives:edit", args=[initiative.pk]), _form_data(**rows))

    assert response.status_code == 302
    assert initiative.participations.get(role=Participation.Role.LEAD) == partner


def test_the_list_filter_by_a_unit_includes_its_sub_units(official_client):
    # Given an initiative of a unit two levels below Culture Services, and one of another sector
    tree = unit_tree()
    below = InitiativeFactory(title="Reading circle in Sello")
    ParticipationFactory(initiative=below, unit=tree["sello"])
    ParticipationFactory(initiative=InitiativeFactory(title="School trip"), unit=tree["elsewhere"])

    # When the list is filtered by the top unit, and by the unit itself
    top = official_client.get(LIST, {"unit": tree["services"].pk})
    sibling = official_client.get(LIST, {"unit": tree["museums"].pk})

    # Then the top unit finds it, a sibling branch does not
    assert _listed(top) == [below.pk]
    assert _listed(sibling) == []


def test_the_unit_selects_of_the_form_show_where_each_unit_sits(official_client, official):
    tree = unit_tree()
    initiative = InitiativeFactory()
    ParticipationFactory(initiative=initiative, unit=official.home_unit, role=Participation.Role.LEAD)
    FundingFactory(initiative=initiative, source_unit=tree["sello"])

    response = official_client.get(reverse("initiatives:edit", args=[initiative.pk]))
    rowsets = response.context["rowsets"]
    unit_groups = dict(rowsets["participations"].forms[0].fields["unit"].choices)
    source_groups = dict(rowsets["fundings"].forms[0].fields["source_unit"].choices)
    # One group (<optgroup>) per sector, after the empty choice
    assert tree["sello"].sector.name in unit_groups
    unit_labels = [label for group in unit_groups.values() if isinstance(group, list) for _value, label in group]
    source_labels = [label for group in source_groups.values() if isinstance(group, list) for _value, label in group]

    culture = [label for label in unit_labels if label.startswith("Culture Services")]
    assert culture == [
        "Culture Services",
        "Culture Services › Libraries",
        "Culture Services › Libraries › Sello Library",
        "Culture Services › Museums",
    ]
    assert "Culture Services › Libraries › Sello Library" in source_labels
    assert "Culture Services › Libraries › Sello Library</option>" in response.content.decode()


@pytest.mark.parametrize(("language", "descending"), [("fi", "Alkupäivä (laskeva)"), ("sv", "Startdatum (fallande)")])
def test_the_sort_menu_is_in_the_users_language(official_client, language, descending):
    official_client.cookies["django_language"] = language

    content = official_client.get(reverse("initiatives:list")).content.decode()

    assert descending in content
    assert "(descending)" not in content
