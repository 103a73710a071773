import logging

import pytest
from django.urls import reverse

from config.settings import base

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
GOOD = "correct horse battery"
WRONG = "wrong"  # pragma: allowlist secret


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = base.AUTHENTICATION_BACKENDS
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_wrong_passwords_lock_the_account_out_with_429(client, make_user, throttled, caplog):
    make_user(username="aino", password=GOOD)

    with caplog.at_level(logging.WARNING, logger="axes"):
        answers = [client.post(LOGIN, {"username": "aino", "password": f"wrong{n}"}).status_code for n in range(3)]
    locked = client.post(LOGIN, {"username": "aino", "password": GOOD})

    assert answers[:2] == [200, 200]
    assert answers[2] == 429
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode()
    assert not locked.wsgi_request.user.is_authenticated
    assert any("Locking out" in record.getMessage() for record in caplog.records)  # the lock-out is logged


def test_the_lock_out_is_per_user_name(client, make_user, throttled):
    make_user(username="aino", password=GOOD)
    make_user(username="britta", password=GOOD)
    for n in range(3):
        client.post(LOGIN, {"username": "aino", "password": f"wrong{n}"})

    response = client.post(LOGIN, {"username": "britta", "password": GOOD})

    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client, make_user, throttled):
    make_user(username="aino", password=GOOD)
    client.post(LOGIN, {"username": "aino", "password": WRONG})
    client.post(LOGIN, {"username": "aino", "password": WRONG})
    assert client.post(LOGIN, {"username": "aino", "password": GOOD}).status_code == 302
    client.logout()

    response = client.post(LOGIN, {"username": "aino", "password": WRONG})

    assert response.status_code == 200


PROXY = "10.0.0.2"  # the reverse proxy's own address: every request arrives from it


@pytest.fixture
def behind_one_proxy(settings, throttled):
    settings.SILTA_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_COUNT = 1  # what SILTA_PROXY_COUNT=1 used to set, to no effect


def _login_via_proxy(client, forwarded_for, password, username="aino"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=PROXY, **headers)


def test_behind_a_proxy_each_client_address_is_locked_out_on_its_own(client, make_user, behind_one_proxy):
    # given an attacker at one address who guesses aino's password through the proxy
    from axes.models import AccessAttempt

    make_user(username="aino", password=GOOD)
    attacker, aino_at_work = "203.0.113.7", "198.51.100.9"
    answers = [_login_via_proxy(client, attacker, f"wrong{n}").status_code for n in range(3)]

    # when aino logs in from her own address, and someone straight through the proxy
    from_work = _login_via_proxy(client, aino_at_work, GOOD).status_code
    client.logout()
    from_proxy = _login_via_proxy(client, None, GOOD).status_code
    client.logout()
    attacker_again = _login_via_proxy(client, attacker, GOOD).status_code

    # then only the attacker's address is locked out, and the attempts name it, not the proxy
    assert answers == [200, 200, 429]
    assert (from_work, from_proxy, attacker_again) == (302, 302, 429)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [attacker]


def test_behind_a_proxy_a_forged_forwarded_for_entry_does_not_dodge_the_lock_out(client, make_user, behind_one_proxy):
    # given an attacker who puts a new made-up address in front of every attempt
    make_user(username="aino", password=GOOD)
    attacker = "203.0.113.7"

    # the proxy appends the address it saw, so the right-most entry is the real one
    answers = [_login_via_proxy(client, f"192.0.2.{n}, {attacker}", f"wrong{n}").status_code for n in range(4)]

    assert answers == [200, 200, 429, 429]
