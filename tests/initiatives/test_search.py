"""The initiative search: PostgreSQL full-text search in a stored document that the database keeps current."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.roles import Role
from apps.initiatives import services
from apps.initiatives.models import Initiative, Participation
from apps.initiatives.selectors import initiative_list, initiative_search
from apps.sectors.services import unit_save
from tests.api_access import call
from tests.initiatives.factories import FundingFactory, InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.sectors.factories import SectorFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db
LIST = reverse("initiatives:list")
API = "/api/v1/initiatives/"


def found(text: str) -> list[str]:
    return sorted(initiative_search(initiative_list(), text=text).values_list("title", flat=True))


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


@pytest.fixture
def city():
    """Three initiatives whose words are spread over title, description, units and themes."""
    library = UnitFactory(
        name="Kaupunginkirjasto", name_fi="Kaupunginkirjasto", name_sv="Stadsbiblioteket", name_en="City Library"
    )
    youth = UnitFactory(name="Liikuntapalvelut")
    reading = InitiativeFactory(
        title="Lukupiiri nuorten kanssa",
        description="Läsecirklar för unga i Espoonlahti.",
        themes=[ThemeFactory(name="Yksinäisyys", name_fi="Yksinäisyys", name_sv="Ensamhet", name_en="Loneliness")],
    )
    ParticipationFactory(initiative=reading, unit=library)
    football = InitiativeFactory(title="Football for all", description="Kicks in the park.")
    ParticipationFactory(initiative=football, unit=youth)
    InitiativeFactory(title="Initiative 4242", description="")
    InitiativeFactory(title="Initiative 4243", description="")


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("lukupiiri", ["Lukupiiri nuorten kanssa"]),  # a title word
        ("park", ["Football for all"]),  # a description word
        ("Kaupunginkirjasto", ["Lukupiiri nuorten kanssa"]),  # a unit's name
        ("stadsbiblioteket", ["Lukupiiri nuorten kanssa"]),  # its Swedish name
        ("library", ["Lukupiiri nuorten kanssa"]),  # its English name
        ("liikuntapalvelut", ["Football for all"]),
        ("ensamhet", ["Lukupiiri nuorten kanssa"]),  # a theme's Swedish name
        ("yksinäisyys", ["Lukupiiri nuorten kanssa"]),
        ("nuoret", ["Lukupiiri nuorten kanssa"]),  # Finnish inflection: "nuoret" finds "nuorten"
        ("läsecirkel", ["Lukupiiri nuorten kanssa"]),  # Swedish inflection: "läsecirkel" finds "läsecirklar"
        ("4242", ["Initiative 4242"]),  # a number finds itself, not its neighbour
        ("424", ["Initiative 4242", "Initiative 4243"]),  # the last word is a prefix
        ("kaupunginkirj", ["Lukupiiri nuorten kanssa"]),  # so is any word
        ("LUKUPIIRI library", ["Lukupiiri nuorten kanssa"]),  # every word, each in any field, any case
        ("lukupiiri football", []),  # every word must match: no initiative has both
        ("initiative", ["Initiative 4242", "Initiative 4243"]),
    ],
)
def test_the_search_finds_every_word_as_a_user_expects(city, text, titles):
    assert found(text) == titles


def test_the_page_and_the_api_search_alike(city, official_client, admin):
    page = official_client.get(LIST, {"q": "nuoret library"})
    answer = call(admin, "get", f"{API}?q=nuoret+library")

    assert [initiative.title for initiative in page.context["page"]] == ["Lukupiiri nuorten kanssa"]
    assert answer.status_code == 200
    assert [row["title"] for row in answer.json()["results"]] == ["Lukupiiri nuorten kanssa"]


def test_a_search_keeps_the_lists_order_latest_start_first(admin):
    # Given three matches that started on different days (two on the same day)
    for title, day in [("Choir A", 3), ("Choir B", 1), ("Choir C", 3)]:
        InitiativeFactory(title=title, start_date=datetime.date(2025, 1, day))

    # When searched: latest start first, ties by id, as the list without a search (a page is a page of the list)
    answer = call(admin, "get", f"{API}?q=choir")

    assert [row["title"] for row in answer.json()["results"]] == ["Choir A", "Choir C", "Choir B"]


@pytest.mark.parametrize(
    ("ordering", "titles"),
    [("title", ["Choir A", "Choir B", "Choir C"]), ("-title", ["Choir C", "Choir B", "Choir A"])],
)
def test_a_search_keeps_the_chosen_sort(admin, ordering, titles):
    for title in ["Choir B", "Choir C", "Choir A"]:
        InitiativeFactory(title=title)

    answer = call(admin, "get", f"{API}?q=choir&ordering={ordering}")

    assert [row["title"] for row in answer.json()["results"]] == titles


HOSTILE = [
    "a & | ! ( :*",
    "'",
    '"',
    "''",
    "\\",
    "!",
    "&",
    "|",
    "(",
    "a)",
    ":*",
    "a:*b",
    "<->",
    "a <-> b",
    "!a & !b",
    "a' | 'b",
    "%",
    "_",
    "—",
    "🙂",
    "x²",
    "1.5",
    "foo-bar",
    "a" * 200,
    "ä" * 200,
    "a b c d e f g h",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_input_is_a_server_error(city, admin, official_client, text):
    # When the list and the API are searched for text that is tsquery syntax, or odd, or long
    answer = call(admin, "get", API, {"q": text})  # APIClient: a GET's data is the query string
    page = official_client.get(LIST, {"q": text})

    # Then both answer: a list (perhaps empty), never a 500
    assert answer.status_code == 200, answer.content
    assert page.status_code == 200


@pytest.mark.parametrize("text", ["a" * 201, " ".join("a" * 9), "a\x00b"])
def test_too_long_a_search_is_a_clear_400(admin, text):
    answer = call(admin, "get", API, {"q": text})

    assert answer.status_code == 400
    assert "q" in answer.json()


def test_syntax_characters_are_ignored_and_the_words_searched():
    InitiativeFactory(title="Choir for all")
    InitiativeFactory(title="Football")

    assert found("choir & | ! ( :*") == ["Choir for all"]
    assert found("'choir'") == ["Choir for all"]
    assert found("& | !") == ["Choir for all", "Football"]  # no word: no search


def test_the_document_follows_the_title_and_the_description(official):
    initiative = services.initiative_create(
        by=official,
        title="Lukupiiri",
        description="",
        status=Initiative.Status.PLANNED,
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=datetime.date(2025, 1, 1),
    )
    assert found("lukupiiri") == ["Lukupiiri"]

    services.initiative_update(by=official, initiative=initiative, changes={"title": "Kuoro", "description": "Laulu"})

    assert found("lukupiiri") == []
    assert found("kuoro laulu") == ["Kuoro"]


def test_a_full_save_of_a_loaded_initiative_keeps_the_document_current():
    # Given an initiative read with every column (its document too), and a unit joining it meanwhile
    InitiativeFactory(title="Kuoro")
    loaded = Initiative.objects.get()
    ParticipationFactory(initiative=Initiative.objects.get(), unit=UnitFactory(name="Musiikkiopisto"))

    # When the stale copy is saved whole
    loaded.description = "Laulu"
    loaded.save()

    # Then the document holds the unit as well as the new description
    assert found("musiikkiopisto laulu") == ["Kuoro"]


def test_the_document_follows_the_units_taking_part(admin, city):
    initiative = Initiative.objects.get(title="Football for all")
    museum = UnitFactory(name="Kaupunginmuseo")

    participation = services.initiative_row_save(
        by=admin,
        row=Participation(initiative=initiative, unit=museum, joined_on=datetime.date(2025, 2, 1)),
    )
    assert found("kaupunginmuseo") == ["Football for all"]

    services.initiative_row_delete(by=admin, row=participation)
    assert found("kaupunginmuseo") == []
    assert found("liikuntapalvelut") == ["Football for all"]  # the other unit stays


def test_the_document_follows_the_themes(admin, city):
    initiative = Initiative.objects.get(title="Football for all")

    services.initiative_update(by=admin, initiative=initiative, changes={"themes": [ThemeFactory(name="Ulkoilu")]})
    assert found("ulkoilu") == ["Football for all"]

    services.initiative_update(by=admin, initiative=initiative, changes={"themes": []})
    assert found("ulkoilu") == []


def test_the_document_follows_a_renamed_unit_and_theme(city):
    # When a unit is renamed (in Swedish) and a theme (in Finnish)
    library = Initiative.objects.get(title="Lukupiiri nuorten kanssa").participations.get().unit
    library.name_sv = "Huvudbiblioteket"
    unit_save(by=None, unit=library)  # as the admin's change form and the import save it
    theme = Initiative.objects.get(title="Lukupiiri nuorten kanssa").themes.get()
    theme.name_fi = "Ystävyys"
    theme.save()  # as the admin's change form saves it

    # Then the initiatives that have them are found by the new names only
    assert found("huvudbiblioteket") == ["Lukupiiri nuorten kanssa"]
    assert found("stadsbiblioteket") == []
    assert found("ystävyys") == ["Lukupiiri nuorten kanssa"]
    assert found("yksinäisyys") == []


def test_the_sector_filter_lists_an_initiative_once_however_many_of_its_units_take_part(admin):
    culture = SectorFactory(name="Culture", slug="culture")
    wanted = InitiativeFactory(title="Both units of culture")
    ParticipationFactory(initiative=wanted, unit=UnitFactory(sector=culture), role=Participation.Role.LEAD)
    ParticipationFactory(initiative=wanted, unit=UnitFactory(sector=culture))
    ParticipationFactory(initiative=InitiativeFactory(title="Elsewhere"))

    answer = call(admin, "get", f"{API}?sector={culture.pk}&status=active")

    assert answer.json()["count"] == 1
    assert [row["title"] for row in answer.json()["results"]] == ["Both units of culture"]


def test_the_theme_and_goal_filters_are_semi_joins_too(admin):
    theme = ThemeFactory(name="Youth")
    twice = InitiativeFactory(title="Youth", themes=[theme, ThemeFactory(name="Sports")])
    InitiativeFactory(title="Other")

    goal = StrategyGoalFactory(code="2")
    both = InitiativeFactory(
        title="Goal and sub-goal", strategy_goals=[goal, StrategyGoalFactory(code="2.1", parent=goal)]
    )
    InitiativeFactory(title="Goal 21", strategy_goals=[StrategyGoalFactory(code="21")])

    by_theme = call(admin, "get", f"{API}?theme={theme.pk}")
    by_goal = call(admin, "get", f"{API}?strategy_goal={goal.pk}")

    # Each listed once; goal 2 takes in its sub-goal 2.1 and not goal 21
    assert [row["id"] for row in by_theme.json()["results"]] == [twice.pk]
    assert [row["id"] for row in by_goal.json()["results"]] == [both.pk]


def _rows(count: int, sector) -> None:
    for number in range(count):
        initiative = InitiativeFactory(title=f"Lukupiiri {number}", themes=[ThemeFactory()])
        ParticipationFactory(initiative=initiative, unit=UnitFactory(sector=sector), role=Participation.Role.LEAD)
        ParticipationFactory(initiative=initiative)


@pytest.mark.parametrize("url", [LIST, API])
def test_a_searched_and_filtered_list_makes_as_many_queries_for_10_as_for_40_rows(admin, client_for, url):
    client = client_for(Role.ADMIN)
    sector = SectorFactory(name="Culture", slug="culture")
    params = {"q": "lukupiiri", "sector": sector.pk, "status": "active"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    _rows(10, sector)
    few = queries()
    _rows(30, sector)

    assert queries() == few


def test_a_search_works_as_a_subquery_of_another_query():
    # Given a searched queryset used inside another query (its table then has an alias such as U0)
    choir = InitiativeFactory(title="Choir for all")
    InitiativeFactory(title="Football")
    searched = initiative_search(Initiative.objects.all(), text="choir").values("pk")

    # Then the document is read from the aliased table
    assert list(Initiative.objects.filter(pk__in=searched)) == [choir]
    assert list(Participation.objects.filter(initiative__in=searched)) == []


@pytest.mark.parametrize(("url", "per_page"), [(LIST, 25), (API, 50)])
def test_a_deep_page_sums_the_funding_of_its_own_rows_only(admin, client_for, url, per_page):
    # Given three pages of initiatives with funding lines
    for number in range(2 * per_page + 3):
        FundingFactory(initiative=InitiativeFactory(title=f"Initiative {number}"))
    client = client_for(Role.ADMIN)

    # When the third page is asked for
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page": 3})

    # Then its rows come right, and no query both skips the first two pages and sums funding (the sums of every
    # skipped row were computed: 2,500 × 2 subqueries on page 100)
    assert response.status_code == 200
    rows = response.context["page"] if url == LIST else response.json()["results"]
    assert len(rows) == 3
    skipping = [query["sql"] for query in captured if f"OFFSET {2 * per_page}" in query["sql"]]
    assert skipping
    assert not [sql for sql in skipping if "initiatives_funding" in sql]
