"""The whole single sign-on flow in Chromium against a real OpenID provider (node-oidc-provider, started once per
test session): Silta's login page → the provider's login and consent → back to Silta, signed in."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from apps.accounts.models import LoginGroupRole, RoleAssignment, User
from apps.accounts.roles import Role, ScopeKind
from tests.accounts.conftest import use_provider
from tests.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, wcag_violations
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


@contextmanager
def _browser() -> Iterator[Any]:
    """A Chromium page for the block; the database is read after it, once Playwright's event loop is gone."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            browser.close()


@pytest.fixture
def sso(settings: Any, oidc_provider: Any) -> Any:
    """Single sign-on against the session's real provider; the log-out form may redirect to it."""
    use_provider(settings, oidc_provider.issuer)
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc_provider.issuer)
    settings.CONTENT_SECURITY_POLICY = policy
    return oidc_provider


def sign_in_at_provider(page: Any, login: str) -> None:
    """The provider's development login form (any password) and its consent page."""
    page.get_by_role("link", name="Sign in with Test City ID").click()
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/interaction/"))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "anything")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]", has_text=re.compile("Continue", re.I)).click()


def test_an_official_signs_in_with_the_city_account_and_gets_the_unit_from_the_claims(live_server, sso, settings):
    culture = UnitFactory(name="Cultural services", external_code="CULT-01")
    person = PersonFactory(email="aino.virtanen@example.org", unit=culture)
    # The administrators' mapping of the login's directory groups (Aino is in "silta-officials")
    LoginGroupRole.objects.create(group="silta-officials", role=Role.OFFICIAL)
    LoginGroupRole.objects.create(group="silta-officials", role=Role.PREMISES_MANAGER, unit=culture)

    with _browser() as page:
        page.goto(f"{live_server.url}/accounts/login/")
        login_page_violations = wcag_violations(page)
        sign_in_at_provider(page, "aino")
        page.wait_for_url(f"{live_server.url}/")
        heading = page.locator("h1").inner_text()
        html_lang = page.locator("html").get_attribute("lang")

        # Log-out ends the provider's session too (RP-initiated logout) and comes back to Silta's login page.
        page.locator(".logout-form button").click()
        page.wait_for_url(re.compile(rf"{re.escape(sso.issuer)}/session/end"))
        page.locator("button[autofocus], button[type=submit]").first.click()
        page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/accounts/login/"))
        page.goto(f"{live_server.url}/")
        after_logout = page.url

    user = User.objects.get(email="aino.virtanen@example.org")
    assert (user.first_name, user.last_name, user.home_unit, user.language) == ("Aino", "Virtanen", culture, "fi")
    assert user.oidc_subject == f"{sso.issuer} aino"
    assert user.holds_city_wide(Role.OFFICIAL)  # the scoped roles from the groups claim
    assert user.scope_ids(Role.PREMISES_MANAGER, ScopeKind.UNIT) == {culture.pk}
    assert set(user.role_assignments.values_list("source", flat=True)) == {RoleAssignment.Source.LOGIN}
    person.refresh_from_db()
    assert person.user == user
    assert "Aino" in heading
    assert html_lang == "fi"  # the language from the login
    assert "/accounts/login/" in after_logout
    assert login_page_violations == []


def test_a_claim_naming_an_unknown_unit_signs_in_without_a_unit_and_says_whom_to_ask(live_server, sso, settings):
    settings.SILTA_ACCESS_CONTACT = "silta-support@example.org"

    with _browser() as page:
        page.goto(f"{live_server.url}/accounts/login/")
        sign_in_at_provider(page, "bo")
        page.wait_for_url(f"{live_server.url}/")
        status = page.get_by_role("status").inner_text()

    user = User.objects.get(email="bo.lindqvist@example.org")
    assert user.home_unit is None and user.language == "sv"
    assert "silta-support@example.org" in status
