"""Partner sign-up through django-allauth: the verification e-mail goes through a real SMTP server, and until its
link is opened the account can do nothing; throw-away addresses and floods of sign-ups are refused."""

from __future__ import annotations

import re
import secrets

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from tests.partners.factories import partner_account
from tests.smtp import SmtpServer

pytestmark = pytest.mark.django_db

PASSWORD = "kuoro-harjoitus-2027"  # pragma: allowlist secret


def _sign_up(client: Client, email: str = "aino@kuorot.example", **extra: str):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Aino",
            "last_name": "Laulaja",
            **extra,
        },
    )


def _link(message) -> str:
    body = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_payload(decode=True)
    return re.search(r"https?://[^/\s]+(/partners/account/confirm-email/[^\s]+/)", body.decode()).group(1)


def test_a_partner_signs_up_verifies_the_address_by_real_mail_and_is_signed_in(
    smtp_settings, django_capture_on_commit_callbacks
):
    client = Client()
    # Given a real SMTP server, when a person signs up (the mail leaves once the sign-up's transaction commits)
    with SmtpServer(smtp_settings) as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            response = _sign_up(client)
        messages = inbox.wait_for(1, timeout=10)

    # Then a partner account exists, not signed in, and a verification mail went to the address
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="aino@kuorot.example")
    assert (user.kind, user.first_name, user.last_name, user.home_unit_id) == ("partner", "Aino", "Laulaja", None)
    assert SESSION_KEY not in client.session
    assert messages[0]["To"] == "aino@kuorot.example"

    # When they open the link and confirm
    link = _link(messages[0])
    assert client.get(link).status_code == 200
    response = client.post(link)

    # Then they are signed in on the partner home, which asks them to join their organisation
    assert response.status_code == 302 and response["Location"] == reverse("partners:home")
    page = client.get(reverse("partners:home"))
    assert page.status_code == 200 and "Join your organisation" in page.content.decode()


def test_an_unverified_account_cannot_sign_in_anywhere(settings):
    # Given an account whose e-mail is not verified
    partner_account(verified=False, email="eino@kuorot.example", password=PASSWORD)

    # When it signs in on the partner sign-in, then it is sent to verify first and has no session
    client = Client()
    response = client.post(reverse("account_login"), {"login": "eino@kuorot.example", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    assert SESSION_KEY not in client.session
    # ... nor on the staff login (by user name or e-mail)
    user = User.objects.get(email="eino@kuorot.example")
    for name in (user.username, user.email):
        client.post(reverse("login"), {"username": name, "password": PASSWORD})
        assert SESSION_KEY not in client.session
    # ... and a session made by any other means is worth nothing
    client.force_login(user, backend="apps.partners.backends.PartnerBackend")
    assert client.get(reverse("partners:home")).status_code == 302  # to the sign-in


def test_a_verified_partner_signs_in_only_on_the_partner_sign_in():
    partner_account(email="aino@kuorot.example", password=PASSWORD)
    staff = Client()
    staff.post(reverse("login"), {"username": "aino@kuorot.example", "password": PASSWORD})
    assert SESSION_KEY not in staff.session

    client = Client()
    response = client.post(reverse("account_login"), {"login": "aino@kuorot.example", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("partners:home")
    assert client.session[SESSION_KEY]


def test_a_staff_member_cannot_sign_in_on_the_partner_sign_in(make_user):
    staff = make_user(email="virkailija@espoo.example", password=PASSWORD)
    client = Client()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert "not correct" in response.content.decode()


def test_a_throw_away_address_cannot_sign_up():
    response = _sign_up(Client(), email="someone@mailinator.com")
    assert response.status_code == 200
    assert "throw-away" in response.content.decode()
    assert not User.objects.filter(email="someone@mailinator.com").exists()


def test_a_flood_of_sign_ups_from_one_address_is_throttled(settings):
    # Given at most two sign-ups an hour per address (counted in Redis)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "partner_signup": "2/hour"},
    }
    # (an address of its own each run: the counters live in the real Redis, past the test's end)
    address = f"198.18.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    client = Client(REMOTE_ADDR=address)
    # When a third one comes from the same address
    statuses = [_sign_up(client, email=f"person{n}@kuorot.example").status_code for n in range(3)]
    # Then it is refused with 429 and no account is made
    assert statuses == [302, 302, 429]
    assert User.objects.filter(kind=User.Kind.PARTNER).count() == 2
    other = f"198.19.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    assert _sign_up(Client(REMOTE_ADDR=other), email="other@kuorot.example").status_code == 302


def test_signing_up_with_a_taken_address_tells_nothing_and_makes_no_second_account(
    smtp_settings, django_capture_on_commit_callbacks
):
    partner_account(email="aino@kuorot.example")
    with SmtpServer(smtp_settings) as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            response = _sign_up(Client())
        messages = inbox.wait_for(1, timeout=10)
    # The page is the same as for a new address; the mail tells the owner someone tried
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="aino@kuorot.example").count() == 1
    assert messages[0]["To"] == "aino@kuorot.example"
