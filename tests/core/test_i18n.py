import datetime

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


@pytest.mark.parametrize(("language", "shown"), [("fi", "1.12.2026"), ("sv", "1.12.2026"), ("en", "1 Dec 2026")])
def test_dates_follow_the_languages_use_in_finland(official_client, language, shown):
    # given an initiative starting on 1 December 2026
    from tests.initiatives.factories import InitiativeFactory

    InitiativeFactory(title="Winter lights", start_date=datetime.date(2026, 12, 1))
    official_client.cookies["django_language"] = language

    # when the initiative list is read
    content = official_client.get(reverse("initiatives:list")).content.decode()

    # then Swedish writes dates as Finland-Swedish does (1.12.2026), not as Sweden does (2026-12-01)
    assert shown in content
    assert "2026-12-01 " not in content


def test_a_swedish_form_reads_a_finland_swedish_date():
    from django import forms
    from django.utils import translation

    with translation.override("sv"):
        field = forms.DateField()
        assert field.clean("1.12.2026") == datetime.date(2026, 12, 1)
        assert field.clean("2026-12-01") == datetime.date(2026, 12, 1)
