"""Finding partner requests: full-text search in Finnish and Swedish, what the home page shows, suggestions."""

from __future__ import annotations

import pytest

from apps.partner_requests import selectors
from apps.partner_requests.models import PartnerRequest
from apps.sectors.models import Sector
from tests.accounts.factories import UserFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.partner_requests.factories import PartnerRequestFactory
from tests.sectors.factories import PersonFactory, SectorFactory, TopicFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[str]:
    return [row.title for row in selectors.request_search(selectors.request_list(), text=text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("kulttuurikump", ["Kulttuurikumppani nuorten työllisyyshankkeeseen"]),  # a prefix
        ("nuoret", ["Kulttuurikumppani nuorten työllisyyshankkeeseen"]),  # another inflection of the word
        ("espoonlah", ["Kulttuurikumppani nuorten työllisyyshankkeeseen"]),  # the area, by its beginning
        ("läsecirkel", ["Partner för läsecirklar"]),  # Swedish plural from the singular
        ("2027 läsecirk", ["Partner för läsecirklar"]),  # every word must match: a number and a word
        ("teatteri", []),
        ("(&|!", ["Kulttuurikumppani nuorten työllisyyshankkeeseen", "Partner för läsecirklar"]),  # no word: all
    ],
)
def test_the_search_finds_words_in_finnish_and_swedish_forms_and_numbers(text, found):
    PartnerRequestFactory(title="Kulttuurikumppani nuorten työllisyyshankkeeseen", area="Espoonlahti")
    PartnerRequestFactory(title="Partner för läsecirklar", description="Våren 2027 i hela staden.")
    PartnerRequestFactory(title="Suljettu teatteripyyntö", status="closed", closed_at="2026-01-01T00:00Z")

    assert sorted(_found(text)) == sorted(found)


def test_the_home_page_shows_others_requests_for_my_sector_or_my_topics_only():
    culture = SectorFactory(name="Culture")
    me = UserFactory(home_unit=UnitFactory(sector=culture))
    music = TopicFactory(name="Music")
    PersonFactory(user=me, unit=me.home_unit).topics.add(music)
    for_my_sector = PartnerRequestFactory(title="For culture")
    for_my_sector.sectors_wanted.add(culture)
    on_my_topic = PartnerRequestFactory(title="About music")
    on_my_topic.topics.add(music)
    PartnerRequestFactory(title="For someone else").sectors_wanted.add(SectorFactory())
    PartnerRequestFactory(author=me, title="My own").sectors_wanted.add(culture)

    assert sorted(row.title for row in selectors.matching_requests(me)) == ["About music", "For culture"]


def test_suggestions_are_people_and_units_of_the_sectors_wanted_who_share_topics_or_goals():
    culture, youth = SectorFactory(name="Culture"), SectorFactory(name="Youth")
    author = UserFactory(home_unit=UnitFactory(sector=youth))
    topic, goal = TopicFactory(name="Reading"), StrategyGoalFactory()
    library = UnitFactory(sector=culture, name="Library")
    reader = PersonFactory(unit=library, last_name="Reader", is_boundary_spanner=False)
    reader.topics.add(topic)
    spanner = PersonFactory(unit=library, last_name="Spanner", is_boundary_spanner=True)
    spanner.topics.add(topic)
    PersonFactory(unit=UnitFactory(sector=youth), last_name="Own sector").topics.add(topic)
    museum = UnitFactory(sector=culture, name="Museum")
    PersonFactory(unit=museum, last_name="Goal worker")
    initiative = InitiativeFactory()
    initiative.strategy_goals.add(goal)
    ParticipationFactory(initiative=initiative, unit=museum)
    partner_request = PartnerRequestFactory(author=author)
    partner_request.sectors_wanted.add(culture)
    partner_request.topics.add(topic)
    partner_request.strategy_goals.add(goal)

    people = [person.last_name for person in selectors.suggested_persons(partner_request, user=author)]
    units = [unit.name for unit in selectors.suggested_units(partner_request)]

    assert people == ["Spanner", "Reader", "Goal worker"]
    assert units == ["Museum"]
    assert Sector.objects.count() >= 2 and PartnerRequest.objects.count() == 1
