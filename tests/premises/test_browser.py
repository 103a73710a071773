"""Premises pages on a phone (390 px wide, as an iPhone 12-15): nothing makes the page scroll sideways."""

from __future__ import annotations

import datetime

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.premises.models import Booking
from tests.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium
from tests.premises.factories import BookingFactory, SpaceFactory

PASSWORD = "correct horse battery"  # pragma: allowlist secret
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]

# Elements wider than the viewport, for the failure message.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(el => !el.closest('.table-scroll table'))
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                || el.scrollWidth > document.documentElement.clientWidth + 1)
  .slice(-8).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                       + ' ' + Math.round(el.getBoundingClientRect().width))"""


def test_the_space_page_and_my_bookings_fit_a_phone(live_server, make_user):
    # given a booker with bookings in a space with a long name, equipment and a week full of slots
    booker = make_user(Role.OFFICIAL, username="pirjo", password=PASSWORD)
    space = SpaceFactory(name="Kulttuurikeskus Sellon suuri monitoimisali ja lämpiö", description="A" * 300)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for hour, status in ((9, Booking.Status.CONFIRMED), (13, Booking.Status.REQUESTED)):
        start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(hour)))
        period = DateTimeTZRange(start, start + datetime.timedelta(hours=2))
        BookingFactory(space=space, period=period, status=status, booker=booker, purpose="Harjoitukset " * 5)
    pages = [reverse("premises:space_detail", args=[space.pk]), reverse("premises:my_bookings")]

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport=PHONE, locale="fi-FI")
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "pirjo")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        overflowing = {}
        for path in pages:
            page.goto(f"{live_server.url}{path}")
            # when the page is drawn on a phone, then it is no wider than the screen
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                overflowing[path] = (width, page.evaluate(TOO_WIDE))
        browser.close()

    assert overflowing == {}, overflowing
