"""API throttles (per user, and per address for callers without valid credentials) and the feedback form's."""

import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.accounts.tokens import api_token_revoke
from tests.accounts.factories import api_token_for

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes/"


def _token_client(key: str, address: str = "127.0.0.1") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_user_past_the_rate_gets_429_with_retry_after_and_a_message(throttle_rates, official):
    # Given a rate of 3 requests a minute per user
    throttle_rates(user="3/min")
    client = _token_client(Token.objects.create(user=official).key)

    # When the user asks 4 times
    answers = [client.get(THEMES) for _ in range(4)]

    # Then the 4th is refused with 429, a JSON message and when to come back
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_one_users_limit_leaves_another_user_alone(throttle_rates, make_user):
    throttle_rates(user="2/min")
    first, second = (_token_client(Token.objects.create(user=make_user(Role.OFFICIAL)).key) for _ in range(2))
    for _ in range(3):
        first.get(THEMES)

    assert second.get(THEMES).status_code == 200


def test_wrong_tokens_in_a_row_end_in_429(throttle_rates, official):
    # Given a rate of 5 unauthenticated requests a minute per address
    throttle_rates(anon="5/min")

    # When 8 wrong tokens are tried from one address
    answers = [_token_client(f"wrong{n:036d}").get(THEMES) for n in range(8)]

    # Then the first 5 are refused as wrong (401: a token was sent and is no good) and the rest throttled
    assert [answer.status_code for answer in answers] == [401] * 5 + [429] * 3
    assert int(answers[-1]["Retry-After"]) >= 1
    # and a right token from the same address still gets through: the user's own rate applies to it
    assert _token_client(Token.objects.create(user=official).key).get(THEMES).status_code == 200


def test_anonymous_requests_are_throttled_per_address_whatever_x_forwarded_for_says(throttle_rates):
    throttle_rates(anon="3/min")

    answers = [APIClient(HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").get(THEMES).status_code for n in range(5)]
    elsewhere = APIClient(REMOTE_ADDR="192.0.2.7").get(THEMES)

    assert answers == [403, 403, 403, 429, 429]
    assert elsewhere.status_code == 403


def test_simultaneous_requests_are_all_counted(throttle_rates):
    # Given a rate of 10 anonymous requests a minute per address
    throttle_rates(anon="10/min")
    barrier = threading.Barrier(20)

    def ask(_: int) -> int:
        barrier.wait()  # all 20 leave at the same instant
        return APIClient().get(THEMES).status_code

    # When 20 requests arrive at once
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = Counter(pool.map(ask, range(20)))

    # Then exactly 10 get through to the permission check (a read-then-write counter would let more pass)
    assert answers == Counter({403: 10, 429: 10})


def test_the_throttles_let_requests_through_and_warn_when_redis_is_down(
    throttle_rates, settings, official, unused_tcp_port, caplog
):
    # Given a rate of 1 request a minute, and the throttle cache on a port nothing listens on
    throttle_rates(user="1/min", anon="1/min")
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {**settings.CACHES["throttle"], "LOCATION": f"redis://127.0.0.1:{unused_tcp_port}/0"},
    }
    client = _token_client(Token.objects.create(user=official).key)

    # When the user and an anonymous caller ask 3 times each
    with caplog.at_level(logging.WARNING, logger="apps.core.throttling"):
        answers = [client.get(THEMES).status_code for _ in range(3)]
        anonymous = [APIClient().get(THEMES).status_code for _ in range(3)]

    # Then nothing is throttled, and the outage is logged once (the process leaves Redis alone for a while)
    assert answers == [200, 200, 200]
    assert anonymous == [403, 403, 403]
    warnings = [record.getMessage() for record in caplog.records if record.name == "apps.core.throttling"]
    assert len(warnings) == 1
    assert "not throttled" in warnings[0]


def test_wrong_personal_tokens_in_a_row_end_in_429(throttle_rates, official):
    # Given a rate of 3 unauthenticated requests a minute per address
    throttle_rates(anon="3/min")
    revoked, revoked_secret = api_token_for(official, name="Old")
    api_token_revoke(by=official, token=revoked)

    # When unknown and revoked personal tokens are tried from one address
    answers = [_token_client(f"silta_{n:043d}").get(THEMES) for n in range(2)]
    answers += [_token_client(revoked_secret).get(THEMES) for _ in range(3)]

    # Then the first 3 are refused as wrong and the rest throttled, with Retry-After
    assert [answer.status_code for answer in answers] == [401, 401, 401, 429, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    # and a valid token from the same address still gets through
    _t, secret = api_token_for(official, name="New")
    assert _token_client(secret).get(THEMES).status_code == 200


FEEDBACK = {"message": "The calendar is hard to use with a magnifier." * 100}


def test_the_feedback_form_is_throttled_per_address_with_a_friendly_page(
    throttle_rates, client, django_capture_on_commit_callbacks
):
    # Given a rate of 2 feedback messages an hour per address
    throttle_rates(accessibility_feedback="2/hour")

    # When the same address sends 3
    with django_capture_on_commit_callbacks(execute=True):
        sent = [client.post(reverse("accessibility"), FEEDBACK) for _ in range(2)]
        refused = client.post(reverse("accessibility"), FEEDBACK)

    # Then 2 e-mails go out, and the third is answered with the page and a message beside the form
    assert [answer.status_code for answer in sent] == [302, 302]
    assert len(mail.outbox) == 2
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert refused["Content-Type"].startswith("text/html")
    content = refused.content.decode()
    assert "You have sent several messages in a short time." in content
    assert refused.context["form"].non_field_errors()
    assert refused.context["form"]["message"].value() == FEEDBACK["message"]  # nothing typed is lost


def test_feedback_still_goes_out_when_redis_is_down(
    throttle_rates, settings, client, unused_tcp_port, django_capture_on_commit_callbacks
):
    throttle_rates(accessibility_feedback="1/hour")
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {**settings.CACHES["throttle"], "LOCATION": f"redis://127.0.0.1:{unused_tcp_port}/0"},
    }

    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(reverse("accessibility"), FEEDBACK).status_code for _ in range(2)]

    assert answers == [302, 302]
    assert len(mail.outbox) == 2
