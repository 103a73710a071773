import pytest
from django.urls import reverse

from apps.sectors.models import Sector
from tests.sectors.factories import PersonFactory, SectorFactory, TopicFactory, UnitFactory, unit_tree

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("sectors:person_directory")


def _names(response) -> list[str]:
    return [person.full_name for person in response.context["page"]]


@pytest.fixture
def city():
    """Two sectors with a few people: enough to tell each filter apart."""
    culture = SectorFactory(name="Culture", slug="culture")
    youth = SectorFactory(name="Sports and Youth", slug="sports-and-youth")
    museum = UnitFactory(sector=culture, name="City Museum")
    youth_services = UnitFactory(sector=youth, name="Youth Services")
    museums, loneliness = TopicFactory(name="Museums", slug="museums"), TopicFactory(name="Loneliness", slug="lone")
    return {
        "culture": culture,
        "youth": youth,
        "museum": museum,
        "museums": museums,
        "loneliness": loneliness,
        "aino": PersonFactory(
            first_name="Aino", last_name="Virtanen", unit=museum, topics=[museums], languages=["fi", "sv"]
        ),
        "britta": PersonFactory(
            first_name="Britta",
            last_name="Ekman",
            unit=youth_services,
            topics=[loneliness],
            languages=["sv"],
            is_boundary_spanner=True,
        ),
        "carl": PersonFactory(
            first_name="Carl",
            last_name="Berg",
            unit=youth_services,
            title="Youth Worker",
            topics=[museums, loneliness],
            languages=["en"],
        ),
    }


def test_the_directory_lists_boundary_spanners_first(official_client, city):
    response = official_client.get(DIRECTORY)

    assert response.status_code == 200
    assert _names(response) == ["Britta Ekman", "Carl Berg", "Aino Virtanen"]


def test_filter_by_sector(official_client, city):
    response = official_client.get(DIRECTORY, {"sector": city["culture"].pk})

    assert _names(response) == ["Aino Virtanen"]


def test_filter_by_unit(official_client, city):
    response = official_client.get(DIRECTORY, {"unit": city["museum"].pk})

    assert _names(response) == ["Aino Virtanen"]


def test_filter_by_topic(official_client, city):
    response = official_client.get(DIRECTORY, {"topic": city["loneliness"].pk})

    assert _names(response) == ["Britta Ekman", "Carl Berg"]


def test_filter_by_language(official_client, city):
    response = official_client.get(DIRECTORY, {"language": "sv"})

    assert _names(response) == ["Britta Ekman", "Aino Virtanen"]


def test_filter_only_boundary_spanners(official_client, city):
    response = official_client.get(DIRECTORY, {"boundary_spanner": "on"})

    assert _names(response) == ["Britta Ekman"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("virtanen", ["Aino Virtanen"]),
        ("youth worker", ["Carl Berg"]),
        ("museum", ["Carl Berg", "Aino Virtanen"]),  # Carl by topic, Aino by unit and topic: once each
        ("culture", ["Aino Virtanen"]),
        ("nobody", []),
    ],
)
def test_free_text_matches_names_titles_units_sectors_and_topics(official_client, city, text, expected):
    response = official_client.get(DIRECTORY, {"q": text})

    assert _names(response) == expected


def test_filters_combine(official_client, city):
    response = official_client.get(DIRECTORY, {"topic": city["museums"].pk, "language": "en"})

    assert _names(response) == ["Carl Berg"]


@pytest.mark.parametrize(
    "bad_query",
    [
        {"sector": "not-a-number"},
        {"sector": "999999"},
        {"unit": "-1"},
        {"topic": "1.5"},
        {"language": "xx"},
        {"q": "x" * 201},
    ],
)
def test_bad_filter_values_give_a_clear_message_not_a_server_error(official_client, city, bad_query):
    response = official_client.get(DIRECTORY, bad_query)

    assert response.status_code == 200
    assert response.context["filter"].errors
    assert "Some search values were not valid" in response.content.decode()
    assert _names(response) == []


def test_the_directory_is_paginated(official_client):
    unit = UnitFactory(sector=SectorFactory(kind=Sector.Kind.EXTERNAL))
    PersonFactory.create_batch(25, unit=unit, listed=True)

    first = official_client.get(DIRECTORY)
    second = official_client.get(DIRECTORY, {"page": 2})
    beyond = official_client.get(DIRECTORY, {"page": "999"})

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 5
    assert second.context["page"].number == 2
    assert beyond.context["page"].number == 2
    assert not set(_names(first)) & set(_names(second))


def test_an_htmx_request_gets_only_the_results(official_client, city):
    response = official_client.get(DIRECTORY, {"language": "en"}, HTTP_HX_REQUEST="true")

    assert "<html" not in response.content.decode()
    assert _names(response) == ["Carl Berg"]


def test_the_directory_query_count_does_not_grow_with_people(official_client, city):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_one_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            official_client.get(DIRECTORY)
        return len(captured)

    with_three = queries_for_one_page()
    PersonFactory.create_batch(15, unit=city["museum"], topics=[city["museums"]])

    assert queries_for_one_page() == with_three


def test_a_user_without_a_role_sees_no_email_or_phone_in_the_directory(client_for):
    # Given a person with an email and a phone, and a logged-in user who holds no role
    PersonFactory(first_name="Aino", email="aino.virtanen@example.org", phone="+358 40 123 4567")
    client = client_for()

    # When the user opens the directory, or only its results
    page = client.get(DIRECTORY).content.decode()
    results = client.get(DIRECTORY, HTTP_HX_REQUEST="true").content.decode()

    # Then the person is listed, without the ways to reach them
    for content in (page, results):
        assert "Aino" in content
        assert "aino.virtanen@example.org" not in content
        assert "+358 40 123 4567" not in content


def test_an_official_sees_a_contact_details_button_not_the_email_and_phone_in_the_directory(official_client):
    person = PersonFactory(email="aino.virtanen@example.org", phone="+358 40 123 4567")

    content = official_client.get(DIRECTORY).content.decode()

    contact_url = reverse("sectors:person_contact", args=[person.pk])
    assert f'href="{contact_url}" hx-get="{contact_url}"' in content
    assert "aino.virtanen@example.org" not in content and "+358 40 123 4567" not in content
    assert "shown only to users with a role" not in content


def test_a_user_without_a_role_is_told_why_contact_details_are_missing(client_for):
    client = client_for()

    content = client.get(DIRECTORY).content.decode()

    assert "Email addresses and phone numbers are shown only to users with a role in Silta." in content


def test_filter_by_a_unit_includes_its_sub_units_and_shows_where_each_sits(official_client):
    # Given people two levels below Culture Services, one in it, and one in another sector
    tree = unit_tree()
    PersonFactory(first_name="Sanna", last_name="Sello", unit=tree["sello"])
    PersonFactory(first_name="Olli", last_name="Office", unit=tree["services"])
    PersonFactory(first_name="Eero", last_name="Elsewhere", unit=tree["elsewhere"])

    # When the directory is filtered by the top unit, and by the unit in the middle
    top = official_client.get(DIRECTORY, {"unit": tree["services"].pk})
    middle = official_client.get(DIRECTORY, {"unit": tree["libraries"].pk})

    # Then the top finds both, the middle the one below it, each shown with its path
    assert _names(top) == ["Olli Office", "Sanna Sello"]
    assert _names(middle) == ["Sanna Sello"]
    assert "Culture Services › Libraries › Sello Library" in middle.content.decode()


def test_the_unit_filter_lists_units_by_sector_and_path(official_client):
    tree = unit_tree()

    choices = list(official_client.get(DIRECTORY).context["filter"].form.fields["unit"].choices)

    # (the official's own home unit, in a sector of its own, is listed too)
    assert [label for _value, label in choices if not label.startswith("Unit ")] == [
        "All units",
        "Culture Services",
        "Culture Services › Libraries",
        "Culture Services › Libraries › Sello Library",
        "Culture Services › Museums",
        "Basic Education",
    ]
    assert tree["sello"].pk in [value for value, _label in choices]


def test_the_directory_query_count_does_not_grow_with_the_depth_of_the_tree(official_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tree = unit_tree()
    PersonFactory(unit=tree["sello"])
    official_client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as shallow:
        official_client.get(DIRECTORY)
    deep = tree["sello"]
    for level in range(4):
        deep = UnitFactory(sector=deep.sector, parent=deep, name=f"Team {level}")
        PersonFactory(unit=deep)
    with CaptureQueriesContext(connection) as deeper:
        content = official_client.get(DIRECTORY).content.decode()

    assert "Sello Library › Team 0 › Team 1 › Team 2 › Team 3" in content
    assert len(deeper.captured_queries) == len(shallow.captured_queries)
