"""A partner's first booking, in a real browser: sign up, verify the address through a real SMTP server, join the
organisation (the city approves), ask for an opened space, and a premises manager approves the booking."""

from __future__ import annotations

import copy
import datetime
import re

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.partners.models import Membership
from apps.premises.models import Booking, ExternalBookers
from tests.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, wcag_violations
from tests.organisations.factories import OrganisationFactory
from tests.premises.factories import SpaceFactory
from tests.smtp import SmtpServer

PASSWORD = "kuoro-harjoitus-2027"  # pragma: allowlist secret
STAFF_PASSWORD = "correct horse battery"  # pragma: allowlist secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]


def _staff_login(browser, live_server, username: str):
    page = browser.new_page(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def _verification_link(message) -> str:
    body = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_payload(decode=True)
    return re.search(r"(https?://\S+/partners/account/confirm-email/\S+/)", body.decode()).group(1)


def test_a_partner_signs_up_joins_and_books_an_opened_space_that_a_premises_manager_approves(
    live_server, make_user, smtp_settings
):
    # Given an association in the register, the city's administrator, and a space its premises manager opened
    organisation = OrganisationFactory(unit__name="Espoon Kuorot ry", kind="association")
    make_user(Role.ADMIN, username="aada", password=STAFF_PASSWORD)
    manager = make_user(Role.PREMISES_MANAGER, username="pekka", password=STAFF_PASSWORD)
    space = SpaceFactory(
        name="Harjoitussali",
        owner_unit=manager.home_unit,
        open_to=[ExternalBookers.ASSOCIATIONS],
        approval_required=False,
    )
    day = timezone.localdate() + datetime.timedelta(days=8)
    violations: dict[str, list[str]] = {}

    from playwright.sync_api import sync_playwright

    with SmtpServer(smtp_settings) as inbox, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        partner = browser.new_page(locale="en-GB")
        # When a person signs up from the login page
        partner.goto(f"{live_server.url}/accounts/login/")
        partner.click("text=Create a partner account")
        violations["sign-up"] = wcag_violations(partner)
        partner.fill("#id_first_name", "Aino")
        partner.fill("#id_last_name", "Laulaja")
        partner.fill("#id_email", "aino@kuorot.example")
        partner.fill("#id_password1", PASSWORD)
        partner.fill("#id_password2", PASSWORD)
        partner.click("main button[type=submit]")
        partner.wait_for_url("**/partners/account/confirm-email/")
        # ... opens the link the e-mail brought, and confirms
        link = _verification_link(inbox.wait_for(1, timeout=15)[0])
        partner.goto(link)
        partner.click("main button[type=submit]")
        partner.wait_for_url(f"{live_server.url}/partners/")
        # ... and asks to join the association
        violations["join"] = wcag_violations(partner)
        partner.select_option("#id_organisation", label="Espoon Kuorot ry")
        partner.fill("#id_message", "I run the choir.")
        partner.click("text=Ask to join")
        partner.wait_for_selector("text=You asked to join Espoon Kuorot ry")

        # Then the city's administrator approves the request
        admin = _staff_login(browser, live_server, "aada")
        admin.goto(f"{live_server.url}/partners/members/")
        violations["members"] = wcag_violations(admin)
        admin.click("text=Approve Aino Laulaja")
        admin.wait_for_selector("text=Aino Laulaja is now a member.")

        # And the new member asks for the opened space
        partner.goto(f"{live_server.url}/partners/")
        partner.click("text=Harjoitussali")
        violations["space"] = wcag_violations(partner)
        partner.fill("#id_date", day.isoformat())
        partner.fill("#id_start_time", "18:00")
        partner.fill("#id_end_time", "20:00")
        partner.fill("#id_attendees", "20")
        partner.fill("#id_purpose", "Choir rehearsal")
        partner.click("text=Send the booking request")
        partner.wait_for_selector("text=Your booking request is sent.")
        violations["home"] = wcag_violations(partner)

        # And the premises manager approves it from their queue
        premises = _staff_login(browser, live_server, "pekka")
        premises.goto(f"{live_server.url}/premises/requests/")
        premises.click("button[value=approve]")
        premises.wait_for_load_state()

        # Then the partner sees the booking confirmed
        partner.goto(f"{live_server.url}/partners/")
        confirmed = partner.locator("table").inner_text()
        browser.close()

    user = User.objects.get(email="aino@kuorot.example")
    assert user.kind == User.Kind.PARTNER and user.home_unit_id == organisation.unit_id
    assert Membership.objects.get(user=user).status == Membership.Status.APPROVED
    booking = Booking.objects.get(space=space)
    assert (booking.booker_id, booking.status) == (user.pk, Booking.Status.CONFIRMED)
    assert "Confirmed" in confirmed and "Harjoitussali" in confirmed
    assert violations == {name: [] for name in violations}


@pytest.fixture
def strong_identification(live_server, settings, unused_tcp_port):
    """The city's OpenID Connect provider for partners (node-oidc-provider), configured as the README says."""
    from tests.oidc import CLIENT_ID, CLIENT_SECRET, OidcProvider, is_installed

    if not is_installed():
        pytest.skip("the tests' OpenID provider is not installed: run `make test` (npm ci in tests/oidc)")
    callback = f"{live_server.url}/partners/account/oidc/strong/login/callback/"
    with OidcProvider(unused_tcp_port, redirect_uris=[callback], post_logout_redirect_uris=[]) as provider:
        settings.SILTA_PARTNER_OIDC_ISSUER = provider.issuer
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                **settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}),
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "strong",
                        "name": "Test ID",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {"server_url": provider.issuer, "token_auth_method": "client_secret_basic"},
                    }
                ],
            }
        }
        settings.SILTA_PARTNER_OIDC_NAME = "Test ID"
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.issuer)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


def test_a_partner_identified_strongly_gets_a_partner_account_that_works_at_once(live_server, strong_identification):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(locale="en-GB")
        page.set_default_timeout(15_000)
        # When a person chooses "Identify with Test ID" on the partner sign-up and identifies at the provider
        page.goto(f"{live_server.url}/partners/account/signup/")
        page.click("text=Identify with Test ID")
        page.locator("main button[type=submit]").click()  # allauth's "continue to the provider" (a POST)
        page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/interaction/"))
        page.fill("input[name=login]", "bo")
        page.fill("input[name=password]", "anything")
        page.locator("button[type=submit]").click()
        page.locator("button[type=submit]", has_text=re.compile("Continue", re.I)).click()
        # Then they are back, signed in on the partner home, with no e-mail round trip
        page.wait_for_url(f"{live_server.url}/partners/")
        heading = page.locator("h1").inner_text()
        browser.close()

    user = User.objects.get(email="bo.lindqvist@example.org")
    assert user.kind == User.Kind.PARTNER and user.socialaccount_set.filter(provider="strong").exists()
    assert "Bo" in heading
