"""The public pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation, in each language."""

from __future__ import annotations

from datetime import date

import pytest

from apps.indicators.models import IndicatorTarget
from tests.browser import browser_page, needs_chromium, wcag_violations
from tests.dashboards.conftest import monthly_values
from tests.indicators.factories import catalogue_indicator
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory, ParticipationFactory
from tests.premises.factories import SpaceFactory

__all__ = ["browser_page"]  # the fixture, imported for the tests below

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def published():
    initiative = InitiativeFactory(title="Lukulähettiläät", is_public=True)
    ParticipationFactory(initiative=initiative)
    ParticipationFactory(initiative=initiative)
    OutcomeFactory(initiative=initiative, text="120 reading sessions", progress=60)
    monthly_values("cross_sector_share", [0.2, 0.25, 0.3])
    IndicatorTarget.objects.create(
        indicator=catalogue_indicator("cross_sector_share"), scope="city", value=0.5, target_date=date(2027, 12, 31)
    )
    initiative.hall = SpaceFactory(
        open_to=["residents"], terms_of_use="Be kind.", free_of_charge=False, price_text="10 €"
    )
    return initiative


def test_the_public_pages_have_no_wcag_a_or_aa_violations(live_server, published, browser_page):
    page, found, hall = browser_page, {}, published.hall
    for language in ("fi", "sv", "en"):
        for path in (
            "",
            "initiatives/",
            f"initiatives/{published.pk}/",
            "indicators/",
            "premises/",
            f"premises/{hall.pk}/",
        ):
            url = f"{live_server.url}/open/{language}/{path}"
            page.goto(url)
            assert page.locator("h1").count() == 1, url
            found[url] = wcag_violations(page)
    # Keyboard: the skip link is the first stop and leads to the main content
    page.goto(f"{live_server.url}/open/en/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert {url: violations for url, violations in found.items() if violations} == {}
