"""The demo city in a real browser in each language: every kind of page shows the reference names of that language.

Headless Debian Chromium driven by Playwright over a live server, like the other *_browser.py tests.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Model

from apps.accounts.demo import DEMO_PASSWORD
from apps.initiatives.models import Initiative
from apps.premises.models import Space
from apps.programmes.models import Programme
from apps.sectors.models import Sector, Unit
from apps.strategy.models import StrategyGoal
from tests.browser import browser_page, needs_chromium

__all__ = ["browser_page"]  # the fixture, imported for the test below

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]

LANGUAGES = ("fi", "sv", "en")


def _names(*rows: tuple[Model, str]) -> list[dict[str, str]]:
    """Each row's ``field`` in every language: ``{"fi": ..., "sv": ..., "en": ...}``."""
    return [{language: getattr(row, f"{field}_{language}") for language in LANGUAGES} for row, field in rows]


@pytest.fixture
def demo() -> dict[str, tuple[str, list[dict[str, str]]]]:
    """The demo city, and per page its address and the names it must show."""
    call_command("seed_demo", stdout=StringIO())
    library = Unit.objects.get(name_en="City Library")
    culture = Sector.objects.get(slug="culture")
    # An initiative written in Finnish: its own text names its units in Finnish whatever the interface language.
    initiative = Initiative.objects.get(title="Lukukaverit, Kontula")
    units = [participation.unit for participation in initiative.participations.select_related("unit__sector")]
    initiative_rows = _names(
        *((unit, "name") for unit in units),
        *((unit.sector, "name") for unit in units),
        *((theme, "name") for theme in initiative.themes.all()),
    )
    hall = Space.objects.select_related("venue", "owner_unit__sector").get(name_en="Main hall")
    programme = Programme.objects.get(name_en="Culture in wellbeing services")
    return {
        "directory": (
            f"/directory/?unit={library.pk}",
            _names((library, "name"), (library.parent, "name"), (library.parent.parent, "name"), (culture, "name")),
        ),
        "initiative list": (f"/initiatives/?q={initiative.title.split(',')[0]}", initiative_rows),
        "initiative": (f"/initiatives/{initiative.pk}/", initiative_rows),
        "spaces": (
            "/premises/",
            _names((hall, "name"), (hall.venue, "name"), (hall.owner_unit, "name")),
        ),
        "space": (
            f"/premises/spaces/{hall.pk}/",
            _names((hall, "name"), (hall, "description"), (hall.venue, "name"), (hall.owner_unit.sector, "name")),
        ),
        "programmes": ("/programmes/", _names(*((row, "name") for row in Programme.objects.all()))),
        "strategy goals": (
            f"/programmes/{programme.pk}/",
            _names(
                (programme, "name"),
                *((goal, "title") for goal in StrategyGoal.objects.filter(programmes=programme)),
                *((sector, "name") for sector in programme.sectors.all()),
            ),
        ),
        "dashboard overview": (
            "/dashboards/",
            _names(*((sector, "name") for sector in Sector.objects.filter(kind=Sector.Kind.CITY))),
        ),
    }


def test_each_kind_of_page_shows_the_demo_names_in_the_language_of_the_interface(live_server, demo, browser_page):
    page = browser_page

    # Given the demo's manager, logged in
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Log in')")
    page.wait_for_url(re.compile(r"/$"))

    for language in LANGUAGES:
        for kind, (address, rows) in demo.items():
            # When she opens the page in that language
            separator = "&" if "?" in address else "?"
            page.goto(f"{live_server.url}{address}{separator}lang={language}")
            assert page.evaluate("document.documentElement.lang") == language, (kind, language)
            text = page.locator("main").inner_text()

            # Then it names every row in that language, and the Finnish page none of them in English
            for names in rows:
                assert names[language] in text, (kind, language, names)
                if language == "fi" and names["en"] not in names["fi"]:
                    assert names["en"] not in text, (kind, names)
