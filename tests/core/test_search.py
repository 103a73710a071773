"""The free-text search of every list: linear in the number of words, and capped in words and length."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.roles import Role
from apps.core.search import SearchTooLong
from apps.initiatives.selectors import initiative_list, initiative_search
from apps.sectors.selectors import person_directory, person_search
from tests.api_access import call
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.premises.factories import SpaceFactory
from tests.sectors.factories import PersonFactory, SectorFactory, TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db

API_LISTS = ["/api/v1/persons/", "/api/v1/initiatives/", "/api/v1/spaces/"]
PAGES = ["/directory/", "/initiatives/", "/premises/"]


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


@pytest.fixture
def rows():
    """One row of each list, with many-valued names (topics, themes, units) to search through."""
    PersonFactory(first_name="Aino", topics=[TopicFactory(name="Museums"), TopicFactory(name="Youth")])
    initiative = InitiativeFactory(title="Reading circle", themes=[ThemeFactory(name="Literacy")])
    ParticipationFactory(initiative=initiative)
    ParticipationFactory(initiative=initiative)
    SpaceFactory(name="Studio A")


def _sql_length(user, url: str, text: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        answer = call(user, "get", f"{url}?q={text}")
    assert answer.status_code == 200, answer.content
    return sum(len(query["sql"]) for query in captured)


@pytest.mark.parametrize("url", API_LISTS)
def test_the_sql_of_an_eight_word_search_is_at_most_eight_times_that_of_one_word(admin, rows, url):
    # Given one row of each kind; when a list is searched for one word and for eight
    one_word = _sql_length(admin, url, "a")
    eight_words = _sql_length(admin, url, "+".join("a" * 8))

    # Then the SQL grew at most linearly (it doubled with every word when each word OR-ed two querysets)
    assert eight_words <= 8 * one_word


@pytest.mark.parametrize("url", API_LISTS)
def test_a_search_adds_no_subquery_per_word(admin, rows, url):
    # Given a user whose roles are already read; when a list is searched for one word and for eight
    call(admin, "get", url)
    with CaptureQueriesContext(connection) as one_word:
        call(admin, "get", f"{url}?q=a")
    with CaptureQueriesContext(connection) as eight_words:
        call(admin, "get", f"{url}?q={'+'.join('a' * 8)}")

    # Then the search adds no subquery (no semi-join) per word: the planner gets the same shape of query
    assert [query["sql"].count("SELECT") for query in eight_words] == [
        query["sql"].count("SELECT") for query in one_word
    ]


@pytest.mark.parametrize("url", API_LISTS)
def test_the_api_refuses_more_than_eight_words_naming_the_cap(admin, url):
    # When a list is searched for nine words
    answer = call(admin, "get", f"{url}?q={'+'.join('a' * 9)}")

    # Then it is a 400 that names the cap, beside the field
    assert answer.status_code == 400
    assert answer.json()["q"] == ["Use at most 8 words in a search."]


@pytest.mark.parametrize("url", API_LISTS)
def test_the_api_refuses_a_search_longer_than_200_characters(admin, url):
    answer = call(admin, "get", f"{url}?q={'x' * 201}")

    assert answer.status_code == 400
    assert "q" in answer.json()


@pytest.mark.parametrize("url", API_LISTS)
def test_eight_words_and_an_empty_search_are_still_searches(admin, url):
    assert call(admin, "get", f"{url}?q={'+'.join('a' * 8)}").status_code == 200
    assert call(admin, "get", f"{url}?q=").status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_a_page_shows_a_form_error_for_more_than_eight_words(client_for, rows, url):
    # Given a logged-in user; when a list page is searched for nine words
    client = client_for(Role.ADMIN)
    response = client.get(url, {"q": " ".join("a" * 9)})

    # Then the page says so beside the search box and lists nothing
    assert response.status_code == 200
    assert response.context["filter"].errors["q"] == ["Use at most 8 words in a search."]
    assert "Use at most 8 words in a search." in response.content.decode()
    assert not list(response.context["page"])


def test_the_csv_export_refuses_more_than_eight_words(client_for):
    client = client_for(Role.ADMIN)

    response = client.get("/initiatives/export.csv", {"q": " ".join("a" * 9)})

    assert response.status_code == 400
    assert "Use at most 8 words in a search." in response.content.decode()


def test_every_word_must_match_but_each_may_match_a_different_field():
    # Given people whose words are spread over name, unit, sector and topics
    museum = UnitFactory(name="City Museum", sector=SectorFactory(name="Culture", slug="culture"))
    aino = PersonFactory(first_name="Aino", unit=museum, topics=[TopicFactory(name="Youth")])
    PersonFactory(first_name="Aino", topics=[TopicFactory(name="Sports")])

    # When searching for a name, a unit, a sector and a topic at once (any case)
    found = person_search(person_directory(user=AnonymousUser()), text="aino MUSEUM culture youth")

    # Then only the person with all four is found, once
    assert list(found) == [aino]


def test_a_row_matching_through_several_linked_rows_is_listed_once():
    # Given an initiative with two units and two themes that all contain the word
    initiative = InitiativeFactory(
        title="Reading", themes=[ThemeFactory(name="Library A"), ThemeFactory(name="Library B")]
    )
    ParticipationFactory(initiative=initiative, unit=UnitFactory(name="Library North"))
    ParticipationFactory(initiative=initiative, unit=UnitFactory(name="Library South"))
    InitiativeFactory(title="Football")

    assert list(initiative_search(initiative_list(), text="library reading")) == [initiative]


def test_a_row_without_linked_names_still_matches_on_its_own_fields():
    initiative = InitiativeFactory(title="Choir for all", description="")

    assert list(initiative_search(initiative_list(), text="choir")) == [initiative]


def test_no_word_matches_across_two_fields():
    PersonFactory(first_name="Aino", last_name="Virtanen")

    assert not person_search(person_directory(user=AnonymousUser()), text="ainovirtanen").exists()
    assert not person_search(person_directory(user=AnonymousUser()), text="oVir").exists()


@pytest.mark.parametrize("text", ["%", "_", "\\", "a%n"])
def test_like_wildcards_in_a_word_are_plain_text(text):
    PersonFactory(first_name="Aino", last_name="Virtanen", title="Coordinator")
    percent = PersonFactory(first_name="100%", last_name="Sure_ly", title="a%n \\ back")

    assert list(person_search(person_directory(user=AnonymousUser()), text=text)) == [percent]


def test_a_selector_refuses_more_than_eight_words_too():
    with pytest.raises(SearchTooLong, match="at most 8 words"):
        person_search(person_directory(user=AnonymousUser()), text=" ".join("a" * 9))


def test_case_is_ignored_in_finnish_and_swedish_letters_too():
    studio = PersonFactory(title="Äänitysstudio Öresund")

    assert list(person_search(person_directory(user=AnonymousUser()), text="ääni öRESUND")) == [studio]
