import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATEMENT = reverse("accessibility")


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Accessibility statement"),
        ("fi", "Saavutettavuusseloste"),
        ("sv", "Tillgänglighetsutlåtande"),
    ],
)
def test_the_statement_is_open_to_everyone_in_three_languages(client, language, heading):
    client.cookies["django_language"] = language

    response = client.get(STATEMENT)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_feedback_is_sent_to_the_accessibility_address(client, settings, django_capture_on_commit_callbacks):
    settings.SILTA_ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            STATEMENT,
            {"message": "The calendar is hard to use with a magnifier.", "email": "aino@example.org"},
            follow=True,
        )

    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["saavutettavuus@example.org"]
    assert "hard to use with a magnifier" in mail.outbox[0].body
    assert "aino@example.org" in mail.outbox[0].body


def test_empty_feedback_gets_a_field_error_and_sends_nothing(client):
    response = client.post(STATEMENT, {"message": "", "email": "not-an-email"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"message", "email"}
    assert not mail.outbox
