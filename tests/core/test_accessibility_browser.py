"""WCAG 2.1 AA in a real browser: axe-core finds no violation on the pages a city's staff use most."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.notifications import initiative_reminders_send
from apps.premises.models import Booking
from tests.browser import browser_page, needs_chromium, wcag_violations
from tests.dashboards.conftest import monthly_values
from tests.initiatives import rollup
from tests.initiatives.factories import InitiativeFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory

PASSWORD = "correct horse battery"  # pragma: allowlist secret

__all__ = ["browser_page"]  # the fixture, imported for the tests below

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def admin(make_user):
    """Someone who sees every page: an admin who also manages premises, reads the dashboards and administers the
    roles of their unit."""
    return make_user(
        Role.ADMIN, Role.PREMISES_MANAGER, Role.MANAGER, Role.UNIT_ADMIN, username="aino", password=PASSWORD
    )


@pytest.fixture
def space(make_user):
    """A hall with a confirmed and a requested booking tomorrow, so the calendar shows every kind of slot."""
    hall = SpaceFactory(name="Kannelmäki hall")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for hour, status in ((9, Booking.Status.CONFIRMED), (13, Booking.Status.REQUESTED)):
        start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(hour)))
        period = DateTimeTZRange(start, start + datetime.timedelta(hours=2))
        BookingFactory(space=hall, period=period, status=status, booker=make_user(Role.OFFICIAL))
    return hall


@pytest.fixture
def archived_rows():
    """A programme with an archived meeting and an archived decision: their Restore buttons show on its page."""
    programme, archived = ProgrammeFactory(), {"archived_at": timezone.now()}
    DecisionFactory(programme=programme, meeting=MeetingFactory(programme=programme, **archived), **archived)
    return programme


@pytest.fixture
def indicator_values():
    monthly_values("cross_sector_share", [0.2, 0.25, 0.3])
    monthly_values("network_density", [0.3, 0.32, 0.35])


@pytest.fixture
def reminded(admin) -> dict[str, str]:
    """A reminder to ``admin`` about a stale initiative of theirs: in the notification list, and its first one-click
    answer's link (path)."""
    PersonFactory(user=admin)
    InitiativeFactory(contact_persons=[admin.person], updated_at=timezone.now() - datetime.timedelta(days=200))
    initiative_reminders_send()
    (answer, *_) = (word for word in mail.outbox[-1].body.split() if "/notifications/answer/" in word)
    return {"answer": urlsplit(answer).path}


@pytest.fixture
def rolled_up() -> rollup.RollUp:
    """A programme and a strategy goal whose initiatives have outcomes, so their pages show the progress."""
    return rollup.build()


@pytest.fixture
def own_booking(admin, space):
    """One of the hall's bookings made the admin's, so that my bookings lists it and it can be cancelled."""
    booking = space.bookings.first()
    booking.booker = admin
    booking.save()
    return booking


@pytest.fixture
def person():
    """Someone in the directory whom the admin may erase (one initiative has them as its only contact)."""
    person = PersonFactory(first_name="Kaisa", last_name="Kontakti")
    InitiativeFactory(title="Poetry nights", contact_persons=[person])
    return person


def test_the_main_pages_have_no_wcag_a_or_aa_violations(
    live_server, admin, space, own_booking, indicator_values, reminded, archived_rows, rolled_up, person, browser_page
):
    page = browser_page
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found[name] = wcag_violations(page)

    # Given the login page
    page.goto(f"{live_server.url}/accounts/login/")
    check("login")
    # And the same page after a failed login
    page.fill("#id_username", "aino")
    page.fill("#id_password", "wrong")
    page.click("main button[type=submit]")
    page.wait_for_selector(".errorlist, [role=alert], .form-errors, .message--error")
    check("login, wrong password")
    page.fill("#id_username", "aino")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))

    # When the admin opens their home page (every section: initiatives, bookings, requests, the headline)
    page.wait_for_selector("#home-requests")
    check("home page")
    # And the initiative form, empty (its typeaheads ready), with its folded sections open, and refused
    page.goto(f"{live_server.url}/initiatives/new/")
    page.wait_for_selector(".ts-wrapper")
    check("initiative form")
    page.click("#id_units-ts-control")
    page.keyboard.type("Unit")
    page.wait_for_selector(".ts-dropdown .option.active")
    check("initiative form, a typeahead open")
    page.keyboard.press("Enter")
    for summary in page.locator("main details > summary").all():
        summary.click()
    check("initiative form, every section open")
    page.click("main form button[name=save]")
    page.wait_for_selector("#error-summary")
    check("initiative form, with errors")
    # And the quick log, empty and with errors
    page.goto(f"{live_server.url}/initiatives/quick/")
    page.wait_for_selector(".ts-wrapper")
    check("quick log")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")
    check("quick log, with errors")
    # And a programme's and a strategy goal's page, with their progress rolled up from the outcomes
    page.goto(f"{live_server.url}/programmes/{rolled_up.programme.pk}/")
    check("programme page")
    page.goto(f"{live_server.url}/initiatives/goals/{rolled_up.goal.pk}/")
    check("strategy goal page")

    # And the space's week calendar and its booking form, empty and with errors
    page.goto(f"{live_server.url}/premises/spaces/{space.pk}/")
    check("space week calendar")
    page.goto(f"{live_server.url}/premises/spaces/{space.pk}/book/")
    page.wait_for_selector(".ts-wrapper")
    check("booking form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[aria-invalid=true]")
    check("booking form, with errors")
    # And the request queue and my bookings, with their filters, and the question before a cancellation
    page.goto(f"{live_server.url}/premises/requests/")
    check("request queue")
    page.goto(f"{live_server.url}/premises/my/")
    check("my bookings")
    page.goto(f"{live_server.url}/premises/bookings/{own_booking.pk}/cancel/")
    check("cancel a booking?")

    # And the dashboard overview and the accessibility statement
    page.goto(f"{live_server.url}/dashboards/?period={datetime.date(2026, 10, 1)}")
    check("dashboard overview")
    # And its board report button, asked (the status shows in place and polls), and the report's own page
    page.click("#board-report-heading ~ form button[type=submit]")
    page.wait_for_selector(".board-report__status")
    check("dashboard overview, board report asked for")
    status_url = page.get_attribute(".board-report__status", "hx-get")
    page.goto(f"{live_server.url}{status_url.removesuffix('status/')}")
    check("board report page")
    page.goto(f"{live_server.url}/accessibility/")
    check("accessibility statement")
    # And a programme's page with an archived meeting and decision (their Restore buttons), and the targets page
    page.goto(f"{live_server.url}/programmes/{archived_rows.pk}/")
    check("programme with archived rows")
    page.goto(f"{live_server.url}/dashboards/targets/")
    check("targets")
    # And a person's page with their data buttons, and the erase page that says what to hand over first
    page.goto(f"{live_server.url}/directory/{person.pk}/history/")
    check("person page, personal data")
    page.goto(f"{live_server.url}/directory/people/{person.pk}/erase/")
    check("erase a person?")
    # And the unit administrator's roles page, after a refused grant (no person chosen)
    page.goto(f"{live_server.url}/accounts/roles/")
    check("roles in my unit")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[aria-invalid=true], .field-errors")
    check("roles in my unit, with errors")

    # And the API tokens page, empty and with a token just created (its secret shown, the token listed)
    page.goto(f"{live_server.url}/account/tokens/")
    check("API tokens")
    page.fill("#id_name", "Open data export")
    page.click("main form.card button[type=submit]")
    page.wait_for_selector("#new-token-secret")
    page.wait_for_selector("button[data-copy-target]", state="visible")  # static/js/copy.js shows the Copy button
    check("API tokens, a new token")

    # And the notification list (with an unread reminder), the settings, and a one-click answer's confirmation
    page.goto(f"{live_server.url}/notifications/")
    check("notifications")
    page.goto(f"{live_server.url}/notifications/settings/")
    check("notification settings")
    page.goto(f"{live_server.url}{reminded['answer']}")
    check("one-click answer, confirmation")

    # Then axe-core finds nothing on any of them
    assert found == {name: [] for name in found}
    # (while it does find what is wrong on a page that has faults)
    page.set_content(
        "<html lang='en'><head><title>Faulty</title></head><body><main><img src='x.png'></main></body></html>"
    )
    assert [line for line in wcag_violations(page) if line.startswith("image-alt")]
