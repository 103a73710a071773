"""Erasure (the right to erasure): a person's name, e-mail, phone and the texts naming them become a pseudonym in
every live row and in the history, their login ends, the figures stay the same, and it waits while something must
be handed over first; every erasure is logged without the erased data."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, NotAllowed
from apps.indicators.models import IndicatorValue, PersonNode
from apps.indicators.services import indicators_compute_now
from apps.initiatives.models import Initiative
from apps.premises.models import Booking
from apps.sectors import services
from apps.sectors.models import Person, PersonErasure
from tests.api_access import call
from tests.clients import UserClient
from tests.initiatives.factories import InitiativeFactory
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.sectors.person_world import FULL, LAST, TRACES, person_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, username="erasing-admin")


@pytest.fixture
def world(admin):
    return person_world(admin)


def _tables_that_mention(text: str) -> dict[str, int]:
    """Every table of the database, live and historical, with how many of its rows contain ``text`` anywhere."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*) FROM {quoted} AS row WHERE row::text ILIKE %s", [f"%{text}%"])
            count = cursor.fetchone()[0]
            if count:
                found[table] = count
    return found


def test_erasure_leaves_no_trace_of_the_name_email_or_phone_in_any_table_history_included(admin, world, settings):
    # Given Maija is named in live rows and history all over the database
    settings.LANGUAGE_CODE = "fi"  # the city's language, which stored texts carry the pseudonym in
    before = set(_tables_that_mention(FULL)) | set(_tables_that_mention(LAST))
    assert {"sectors_person", "sectors_historicalperson", "initiatives_historicalinitiative"} <= before
    assert {"programmes_historicalmeeting", "premises_historicalbooking", "django_admin_log"} <= before

    # When an administrator erases her
    erasure = services.person_erase(by=admin, person=world.person)

    # Then not one row of any table holds her name, a part of it, her e-mail, username or a phone she had
    for trace in TRACES:
        assert _tables_that_mention(trace) == {}, trace
    # And the rows that named her name the pseudonym instead, in the city's language
    pseudonym = f"Henkilö {erasure.pseudonym}"
    world.initiative.refresh_from_db()
    assert world.initiative.description == f"{pseudonym} runs the group; call {pseudonym}."
    assert Booking.objects.get(pk=world.booking.pk).purpose == f"Workshop by {pseudonym}"
    assert world.meeting.history.filter(notes=f"{pseudonym} presented the plan.").exists()


def test_the_person_keeps_their_links_and_shows_the_pseudonym_in_the_readers_language(admin, world, settings):
    settings.LANGUAGE_CODE = "fi"
    erasure = services.person_erase(by=admin, person=world.person)

    person = Person.objects.get(pk=world.person.pk)
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        "Henkilö",
        str(erasure.pseudonym),
        "",
        "",
    )
    with translation.override("sv"):
        assert person.full_name == f"Person {erasure.pseudonym}"
    with translation.override("fi"):
        assert str(person) == f"Henkilö {erasure.pseudonym}"
    # Her unit, her being a boundary spanner, her initiatives, meeting and programme stay: the figures count them
    assert person.unit_id == world.person.unit_id and person.is_boundary_spanner
    assert set(person.contact_for_initiatives.values_list("title", flat=True)) == {
        "Reading buddies",
        "Last year's reading week",
    }
    assert list(person.meetings.all()) == [world.meeting] and list(person.led_programmes.all()) == [world.programme]


def test_erasure_ends_the_login_the_sessions_and_the_tokens(admin, world):
    # Given Maija is signed in and has an API token
    browser = UserClient(world.user)
    assert Session.objects.count() == 1

    services.person_erase(by=admin, person=world.person)

    # Then she can neither use her session nor her token nor sign in again
    user = User.objects.get(pk=world.user.pk)
    assert not user.is_active and not user.has_usable_password() and user.username.startswith("erased-")
    assert Session.objects.count() == 0
    assert browser.get(reverse("sectors:person_directory")).status_code == 302
    token = Client().get("/api/v1/persons/", HTTP_AUTHORIZATION=f"Token {world.token_secret}")
    assert token.status_code == 401
    assert not Client().login(username=user.username, password="correct horse battery")  # pragma: allowlist secret


def _indicator_rows() -> list[tuple]:
    return list(
        IndicatorValue.objects.order_by("indicator_id", "scope", "scope_id", "period_kind", "period_start").values_list(
            "indicator_id", "scope", "scope_id", "period_kind", "period_start", "value", "numerator", "denominator"
        )
    )


def _network_rows() -> list[tuple]:
    return list(
        PersonNode.objects.order_by("person_id", "period_kind", "period_start").values_list(
            "person_id", "period_kind", "period_start", "community", "betweenness", "ties", "initiatives", "is_hub"
        )
    )


def _compute() -> None:
    indicators_compute_now(
        period_kinds=["month", "quarter", "year"], since=datetime.date(2025, 1, 1), until=datetime.date(2025, 12, 31)
    )


def test_every_indicator_value_is_the_same_after_the_erasure(admin, world):
    # Given the indicators computed over Maija's initiatives, meetings and bookings
    _compute()
    values, network = _indicator_rows(), _network_rows()
    assert len(values) > 50 and any(value for *_key, value, _numerator, _denominator in values)

    # When she is erased and the indicators are computed again
    services.person_erase(by=admin, person=world.person)
    IndicatorValue.objects.all().delete()
    _compute()

    # Then every value, numerator and denominator of every scope and period is exactly what it was
    assert _indicator_rows() == values
    assert _network_rows() == network


def test_erasure_is_logged_with_who_whom_when_and_counts_only(admin, world):
    erasure = services.person_erase(by=admin, person=world.person)

    log = PersonErasure.objects.get()
    assert (log.person_id, log.erased_by_id, log.pseudonym) == (world.person.pk, admin.pk, erasure.pseudonym)
    assert log.at <= timezone.now()
    assert log.counts["sectors.Person"] == 1 and log.counts["initiatives.HistoricalInitiative"] >= 1
    assert log.rows == sum(log.counts.values())
    assert Person.objects.get(pk=world.person.pk).pseudonym == log.pseudonym


def test_a_second_erasure_and_someone_not_an_administrator_are_refused(admin, make_user, world):
    with pytest.raises(NotAllowed):
        services.person_erase(by=make_user(Role.MANAGER), person=world.person)
    services.person_erase(by=admin, person=world.person)
    with pytest.raises(Conflict, match="already been erased"):
        services.person_erase(by=admin, person=Person.objects.get(pk=world.person.pk))
    with pytest.raises(NotAllowed):  # nor does an administrator erase their own person
        services.person_erase(
            by=admin, person=Person.objects.create(first_name="A", last_name="B", unit=world.person.unit, user=admin)
        )


def _unchanged(world) -> bool:
    person = Person.objects.get(pk=world.person.pk)
    return (
        person.full_name == FULL and not PersonErasure.objects.exists() and User.objects.get(pk=world.user.pk).is_active
    )


def test_erasure_is_refused_while_the_person_has_a_booking_still_to_come(admin, world):
    # Given a confirmed booking of Maija's next week (a cancelled one does not count)
    start = timezone.now() + datetime.timedelta(days=7)
    space = SpaceFactory(name="Studio 2")
    BookingFactory(space=space, booker=world.user, period=DateTimeTZRange(start, start + datetime.timedelta(hours=1)))
    later = start + datetime.timedelta(days=1)
    BookingFactory(
        booker=world.user,
        period=DateTimeTZRange(later, later + datetime.timedelta(hours=1)),
        status=Booking.Status.CANCELLED,
    )

    # When an administrator tries through the API
    answer = call(admin, "post", f"/api/v1/persons/{world.person.pk}/erase/")

    # Then it is a 409 that names the booking and where to handle it, and nothing changed
    assert answer.status_code == 409
    [refusal] = answer.json()["refusals"]
    assert "Studio 2" in refusal["message"] and refusal["url"] == reverse("premises:space_detail", args=[space.pk])
    assert "cannot be erased yet" in answer.json()["detail"]
    assert _unchanged(world)


def test_erasure_is_refused_while_the_person_is_the_only_contact_of_an_ongoing_initiative(admin, world):
    # Given an active initiative with Maija as its only contact
    alone = InitiativeFactory(title="Poetry nights", status=Initiative.Status.ACTIVE, contact_persons=[world.person])
    page = reverse("sectors:person_erase", args=[world.person.pk])
    browser = UserClient(admin)

    # When the administrator opens the erase page
    content = browser.get(page).content.decode()

    # Then it says what to hand over first, with a link to the initiative, and offers no erase button
    edit = reverse("initiatives:edit", args=[alone.pk])
    assert "Poetry nights" in content and f'href="{edit}"' in content
    assert f"Erase {FULL} now" not in content
    # And a POST all the same is refused with the reason as a message, changing nothing
    answer = browser.post(page, follow=True)
    assert "only contact person" in answer.content.decode()
    assert _unchanged(world)


def test_the_erase_page_erases_after_confirming_and_says_under_which_pseudonym(admin, world):
    browser = UserClient(admin)
    page = reverse("sectors:person_erase", args=[world.person.pk])

    confirm = browser.get(page).content.decode()
    assert f"Erase {FULL} now" in confirm
    answer = browser.post(page, follow=True)

    erasure = PersonErasure.objects.get()
    assert answer.redirect_chain[-1][0] == reverse("sectors:person_history", args=[world.person.pk])
    assert f"Person {erasure.pseudonym}" in answer.content.decode()


def test_the_api_erases_for_an_administrator(admin, world):
    answer = call(admin, "post", f"/api/v1/persons/{world.person.pk}/erase/")

    assert answer.status_code == 200
    assert answer.json()["name"] == f"Person {answer.json()['pseudonym']}"
    assert answer.json()["person"] == world.person.pk
