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
