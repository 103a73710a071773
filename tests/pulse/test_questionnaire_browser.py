"""The questionnaire on a phone, by keyboard alone, in a real browser, with axe-core finding no WCAG 2.1 A/AA
violation before or after saving."""

from __future__ import annotations

import pytest

from apps.pulse.models import ITEMS, PulseRating
from tests.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, wcag_violations
from tests.pulse.conftest import link_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]
PHONE = {"width": 390, "height": 844}


def test_answering_on_a_phone_by_keyboard_only(live_server, city, live_round):
    # Given Aino's personal link to a round where she rates Education A and Social A
    pulse_round = live_round()
    url = f"{live_server.url}/pulse/answer/{link_of(pulse_round, city.aino)}/"
    first_group = f"u{city.education_a.pk}_{ITEMS[0]}"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
        page.goto(url)
        before = wcag_violations(page)

        def focused() -> str:
            return page.evaluate("() => document.activeElement.name || document.activeElement.id || ''")

        # When she tabs to the first radio group and answers each of the twelve by keyboard: Space picks the
        # first choice, the arrow moves on to the next (1 → 2, "a little"), Tab goes to the next group
        for _ in range(40):
            page.keyboard.press("Tab")
            if focused() == first_group:
                break
        else:
            raise AssertionError(f"the first radio group was not reached by Tab; the focus is on {focused()!r}")
        answered = []
        for block in range(2):
            for _item in ITEMS:
                answered.append(focused())
                page.keyboard.press("Space")
                page.keyboard.press("ArrowRight")
                page.keyboard.press("Tab")
            assert focused().endswith("_achieved")
            page.keyboard.type("A reading circle" if block == 0 else "")
            page.keyboard.press("Tab")
        # then past the two optional lists to the button, and Enter saves
        for _ in range(5):
            if page.evaluate("() => document.activeElement.type") == "submit":
                break
            page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        saved_text = page.inner_text("body")
        after = wcag_violations(page)
        browser.close()

    # Then the page had no WCAG violation, every group was reached in order, and the answers are saved
    assert before == [] and after == []
    assert len(set(answered)) == 12
    assert "your answers were saved" in saved_text
    ratings = {rating.rated_unit_id: rating for rating in PulseRating.objects.all()}
    assert {getattr(ratings[city.education_a.pk], item) for item in ITEMS} == {2}
    assert {getattr(ratings[city.social_a.pk], item) for item in ITEMS} == {2}
    assert ratings[city.education_a.pk].achieved == "A reading circle"
