"""The public pages, open data and public API: initiatives their owners made public and the city's indicators, for
anyone, the same answer for everyone (safe behind a CDN), and never a person."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.indicators.models import IndicatorTarget
from tests.core.conftest import throttle_rates  # noqa: F401  (the fixture)
from tests.indicators.factories import IndicatorValueFactory, catalogue_indicator
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory, ParticipationFactory, ThemeFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    """A public initiative of culture and education, with a contact person, a theme and a result; and one not
    made public."""
    culture, education = SectorFactory(name="Kulttuuri"), SectorFactory(name="Kasvatus")
    library, school = UnitFactory(sector=culture, name="Pääkirjasto"), UnitFactory(sector=education, name="Koulu")
    contact = PersonFactory(
        unit=library, first_name="Aino", last_name="Virtanen", email="aino.virtanen@example.org", phone="+358401234567"
    )
    public = InitiativeFactory(
        title="Lukulähettiläät",
        description="Koululaiset lukevat ikäihmisille.",
        is_public=True,
        contact_persons=[contact],
        themes=[ThemeFactory(name="Lukeminen")],
        start_date=date(2026, 1, 1),
    )
    ParticipationFactory(initiative=public, unit=library)
    ParticipationFactory(initiative=public, unit=school)
    OutcomeFactory(
        initiative=public,
        text="120 lukuhetkeä",
        baseline=Decimal("0"),
        actual=Decimal("120"),
        target=Decimal("200"),
        unit="kertaa",
        progress=60,
    )
    hidden = InitiativeFactory(title="Sisäinen selvitys", description="Ei julkinen.")
    return {"public": public, "hidden": hidden, "contact": contact}


PAGES = [
    "/open/fi/",
    "/open/fi/initiatives/",
    "/open/fi/indicators/",
    "/open/fi/premises/",
    "/open/fi/data/initiatives.csv",
    "/open/fi/data/spaces.csv",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_is_the_same_for_everyone_and_may_be_kept_by_a_cdn(path, published, make_user):
    anonymous = Client().get(path)
    client = Client()
    client.force_login(make_user(Role.MANAGER))
    logged_in = client.get(path)

    for response in (anonymous, logged_in):
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=300"
        # no session read or written: no cookie set, nothing that varies by cookie
        assert "Set-Cookie" not in response.headers
        assert "cookie" not in response.get("Vary", "").lower()
    body = b"".join(logged_in.streaming_content) if logged_in.streaming else logged_in.content
    first = b"".join(anonymous.streaming_content) if anonymous.streaming else anonymous.content
    assert body == first


def test_the_language_is_in_the_address_and_open_sends_the_visitor_to_theirs(published):
    finnish, swedish = Client().get("/open/fi/"), Client().get("/open/sv/")
    assert '<html lang="fi">' in finnish.content.decode() and '<html lang="sv">' in swedish.content.decode()
    assert finnish.content != swedish.content

    choice = Client().get("/open/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")
    assert choice.status_code == 302 and choice["Location"] == "/open/sv/"
    assert "no-store" in choice["Cache-Control"]  # the redirect depends on the visitor: never kept for others
    assert Client().get("/open/de/").status_code == 404


def test_only_public_initiatives_show_and_never_their_contact_persons(published):
    listing = Client().get("/open/en/initiatives/").content.decode()
    detail = Client().get(f"/open/en/initiatives/{published['public'].pk}/").content.decode()

    assert "Lukulähettiläät" in listing and "Sisäinen selvitys" not in listing
    for text in (
        "Koululaiset lukevat ikäihmisille.",
        "Pääkirjasto",
        "Koulu",
        "Kulttuuri",
        "Lukeminen",
        "120 lukuhetkeä",
    ):
        assert text in detail, text
    contact = published["contact"]
    for secret in (contact.first_name, contact.last_name, contact.email, contact.phone):
        assert secret not in listing and secret not in detail
    assert Client().get(f"/open/en/initiatives/{published['hidden'].pk}/").status_code == 404


def test_the_open_data_carries_the_licence_and_the_same_initiatives(published):
    data = json.loads(Client().get("/open/en/data/initiatives.json").content)
    assert data["licence"] == "CC BY 4.0"
    assert data["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    (item,) = data["items"]
    assert item["title"] == "Lukulähettiläät"
    assert item["sectors"] == ["Kasvatus", "Kulttuuri"]
    assert sorted(unit["name"] for unit in item["units"]) == ["Koulu", "Pääkirjasto"]
    assert item["outcomes"][0]["text"] == "120 lukuhetkeä" and item["outcomes"][0]["progress"] == 60
    assert "contact" not in json.dumps(data) and "Virtanen" not in json.dumps(data)

    response = Client().get("/open/en/data/initiatives.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:2] == ["id", "Title"] and len(rows) == 2
    assert rows[1][1] == "Lukulähettiläät" and rows[1][7] == "Kasvatus; Kulttuuri"


def test_the_indicators_page_and_open_values_show_the_citys_figures_and_targets():
    indicator = catalogue_indicator("cross_sector_share")
    for month, value in ((9, 0.25), (10, 0.3)):
        IndicatorValueFactory(
            indicator=indicator,
            scope="city",
            scope_id=0,
            period_kind="month",
            period_start=date(2026, month, 1),
            numerator=3,
            denominator=10,
            value=value,
        )
    IndicatorTarget.objects.create(indicator=indicator, scope="city", value=0.5, target_date=date(2027, 12, 31))

    page = Client().get("/open/en/indicators/").content.decode()
    assert "Cross-sector initiatives" in page
    assert "30.0 %" in page and "25.0 %" in page and "Target 50.0 %" in page

    values = json.loads(Client().get("/open/en/data/indicator-values.json").content)["items"]
    assert [(row["indicator"], row["period_start"], row["value"]) for row in values] == [
        ("cross_sector_share", "2026-09-01", 0.25),
        ("cross_sector_share", "2026-10-01", 0.3),
    ]


def test_the_public_api_lists_public_initiatives_and_filters_values_with_clear_errors(published):
    api = APIClient()
    listing = api.get("/api/public/v1/initiatives/")
    assert listing.status_code == 200 and listing["Cache-Control"] == "public, max-age=300"
    assert [item["title"] for item in listing.json()["results"]] == ["Lukulähettiläät"]
    assert api.get(f"/api/public/v1/initiatives/{published['hidden'].pk}/").status_code == 404
    assert api.get("/api/public/v1/initiatives/abc/").status_code == 404

    refused = api.get("/api/public/v1/indicator-values/", {"scope": "person", "colour": "red"})
    assert refused.status_code == 400
    assert set(refused.json()) >= {"scope", "colour"} or "scope" in json.dumps(refused.json())
    assert api.get("/api/public/v1/indicator-values/", {"indicator": "cross_sector_share"}).status_code == 200

    schema = api.get("/api/public/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    assert set(paths) == {
        "/api/public/v1/initiatives/",
        "/api/public/v1/initiatives/{id}/",
        "/api/public/v1/indicator-values/",
    }


def test_past_the_rate_a_visitor_gets_429_with_retry_after_that_no_cache_keeps(throttle_rates):  # noqa: F811
    throttle_rates(public="2/min")
    client = Client()
    assert [client.get("/open/fi/").status_code for _ in range(2)] == [200, 200]
    refused = client.get("/open/fi/initiatives/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1 and "no-store" in refused["Cache-Control"]
    assert "Liian monta pyyntöä" in refused.content.decode() or "Too many requests" in refused.content.decode()
    assert APIClient().get("/api/public/v1/initiatives/").status_code == 429


@pytest.fixture
def opened_space(make_user):
    """A hall opened to associations and residents, with terms and a price, booked tomorrow 10-12 by someone."""
    hall = SpaceFactory(
        name="Kannelsali",
        open_to=["associations", "residents"],
        terms_of_use="Leave the hall as you found it.",
        free_of_charge=False,
        price_text="20 € an hour",
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time(10)))
    BookingFactory(
        space=hall,
        booker=make_user(Role.OFFICIAL, first_name="Veikko", last_name="Varaaja"),
        purpose="Salainen kokous",
        period=DateTimeTZRange(start, start + timedelta(hours=2)),
    )
    return hall


def test_opened_premises_show_their_terms_and_free_times_but_no_booking(opened_space):
    closed = SpaceFactory(name="Sisäinen neuvotteluhuone")
    listing = Client().get("/open/en/premises/").content.decode()
    page = Client().get(f"/open/en/premises/{opened_space.pk}/").content.decode()

    assert "Kannelsali" in listing and "Sisäinen neuvotteluhuone" not in listing
    assert "Registered associations, Residents" in listing and "20 € an hour" in listing
    assert "Leave the hall as you found it." in page
    # tomorrow the hall is free before and after the booking (open 08-22), and the booking itself is not shown
    tomorrow = timezone.localdate() + timedelta(days=1)
    row = re.search(rf"<tr><td>[^<]*{tomorrow.day}\.{tomorrow.month}\.</td><td>([^<]*)</td></tr>", page)
    assert row is not None and row.group(1) == "08:00–10:00, 12:00–22:00"
    for secret in ("Salainen kokous", "Veikko", "Varaaja"):
        assert secret not in page and secret not in listing
    assert Client().get(f"/open/en/premises/{closed.pk}/").status_code == 404

    data = json.loads(Client().get("/open/en/data/spaces.json").content)
    assert data["licence"] == "CC BY 4.0"
    assert [(item["name"], item["open_to"], item["price"]) for item in data["items"]] == [
        ("Kannelsali", ["associations", "residents"], "20 € an hour")
    ]


def test_a_public_page_is_computed_once_per_period_not_once_per_visitor(
    published, real_cache, django_assert_num_queries
):
    # Given the cache production uses, when one visitor has seen the page
    first = Client().get("/open/fi/initiatives/")
    # Then the next visitor's page comes from the cache without a query, the same page
    with django_assert_num_queries(0):
        second = Client(REMOTE_ADDR="198.51.100.9").get("/open/fi/initiatives/")
    assert second.content == first.content and second["Cache-Control"] == "public, max-age=300"


def test_a_free_time_past_midnight_shows_under_each_day_it_covers(db):
    from apps.public.selectors import free_week

    # Given a space open round the clock, with nothing booked
    space = SpaceFactory(open_to=["associations"], hours=[(weekday, time(0), time(0)) for weekday in range(7)])
    today = timezone.localdate() + timedelta(days=1)

    days = free_week(space, today=today)

    # Then every day shows its own whole day, none runs into the next
    for day in days:
        [(start, end)] = day.free
        assert timezone.localtime(start).date() == day.day
        assert timezone.localtime(start).time() == time(0) and timezone.localtime(end).time() == time(0)
        assert end - start == timedelta(hours=24) or day.day.month in (3, 10)  # a day of a clock change
