"""The one-click answers of a reminder: signed, expiring, single-use, applied as the person they were sent to, after
one confirmation page (GET never changes anything)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative
from apps.initiatives.notifications import initiative_reminders_send
from apps.notifications.models import ActionToken
from tests.clients import UserClient
from tests.notifications.conftest import links_in, outbox_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(contact, stale_initiative, django_capture_on_commit_callbacks) -> dict[str, str]:
    """The one-click links of the stale reminder mailed to ``contact``, by the answer's label (in Swedish)."""
    with django_capture_on_commit_callbacks(execute=True):
        initiative_reminders_send()
    (message,) = outbox_to(contact)
    found = {}
    for line in message.body.splitlines():
        label, _, link = line.removeprefix("- ").rpartition(": ")
        if "/notifications/answer/" in link:
            found[label] = links_in(link)[0]
    return found


def test_the_reminder_offers_the_answers_that_fit_the_status(answers):
    assert sorted(answers) == ["Avbrutet", "Avslutat", "Fortfarande på rätt spår"]


def test_a_valid_answer_asks_first_then_applies_as_that_person_and_goes_to_the_initiative(
    answers, contact, stale_initiative
):
    # Given the mail's "completed" link, opened in a browser where nobody is logged in
    client = Client()
    link = answers["Avslutat"]

    # When it is opened, nothing changes yet: a page asks to confirm
    page = client.get(link)
    stale_initiative.refresh_from_db()
    assert page.status_code == 200
    assert "Läsvänner" in page.content.decode()
    assert stale_initiative.status == Initiative.Status.ACTIVE

    # And when the person confirms
    response = client.post(link)

    # Then the initiative is completed, in the history as theirs, and they are taken to it
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.COMPLETED
    assert stale_initiative.history.first().history_user == contact
    assert response.status_code == 302
    assert response.url == reverse("initiatives:detail", args=[stale_initiative.pk])


def test_still_on_track_moves_the_update_time_and_keeps_the_status(answers, contact, stale_initiative):
    before = stale_initiative.updated_at

    UserClient(contact).post(answers["Fortfarande på rätt spår"])

    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.ACTIVE
    assert stale_initiative.updated_at > before
    assert stale_initiative.history.first().history_user == contact


def test_a_used_link_is_refused_the_second_time(answers, stale_initiative):
    client = Client()
    client.post(answers["Avbrutet"])

    again = client.post(answers["Avbrutet"])
    other_answer = client.post(answers["Fortfarande på rätt spår"])

    assert again.status_code == 410
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.DISCONTINUED
    # the other answers of the same mail still work once each; this one changes only the update time
    assert other_answer.status_code == 302


def test_an_expired_link_is_refused(answers, stale_initiative):
    ActionToken.objects.update(
        created_at=timezone.now() - timedelta(days=30), expires_at=timezone.now() - timedelta(minutes=1)
    )

    shown = Client().get(answers["Avslutat"])
    applied = Client().post(answers["Avslutat"])

    assert shown.status_code == applied.status_code == 410
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.ACTIVE


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link.replace("/answer/", "/answer/x"),
        lambda link: link[:-3] + ("AAA" if not link.endswith("AAA/") else "BBB") + "/",
        lambda link: reverse("notifications:action", args=[str(ActionToken.objects.first().pk)]),
    ],
    ids=["prefix", "signature", "unsigned id"],
)
def test_a_tampered_link_is_refused(answers, stale_initiative, tamper):
    link = tamper(answers["Avslutat"])

    shown = Client().get(link)
    applied = Client().post(link)

    assert shown.status_code == applied.status_code == 400
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.ACTIVE


def test_someone_elses_link_is_refused_to_a_logged_in_user(answers, stale_initiative, make_user):
    other = UserClient(make_user(Role.OFFICIAL))

    shown = other.get(answers["Avslutat"])
    applied = other.post(answers["Avslutat"])

    assert shown.status_code == applied.status_code == 403
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.ACTIVE
    assert ActionToken.objects.filter(used_at__isnull=False).count() == 0


def test_an_answer_the_person_may_no_longer_give_changes_nothing_and_stays_usable(answers, contact, stale_initiative):
    # Given the contact is no longer a contact person (so may no longer edit it)
    stale_initiative.contact_persons.clear()

    response = Client().post(answers["Avslutat"])

    assert response.status_code == 403
    stale_initiative.refresh_from_db()
    assert stale_initiative.status == Initiative.Status.ACTIVE
    assert ActionToken.objects.filter(used_at__isnull=False).count() == 0
