import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected_heading", "expected_nav"),
    [("fi", "Kenen kanssa puhun?", "Ihmiset"), ("sv", "Vem ska jag tala med?", "Personer")],
)
def test_switching_language_translates_the_pages(official_client, language, expected_heading, expected_nav):
    directory = reverse("sectors:person_directory")

    response = official_client.post(reverse("set_language"), {"language": language, "next": directory}, follow=True)

    content = response.content.decode()
    assert response.redirect_chain[-1][0] == directory
    assert f'<html lang="{language}">' in content
    assert expected_heading in content
    assert expected_nav in content


def test_the_login_page_can_be_switched_to_swedish_before_logging_in(client):
    response = client.post(reverse("set_language"), {"language": "sv", "next": reverse("login")}, follow=True)

    assert response.status_code == 200
    assert "Logga in" in response.content.decode()
