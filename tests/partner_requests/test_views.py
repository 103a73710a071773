"""The partner-wanted pages: the list, posting, the one-click answer and closing, through HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from tests.partner_requests.factories import PartnerRequestFactory
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_an_official_posts_a_request_and_a_colleague_answers_it_with_one_click(client_for):
    author, responder = client_for(Role.OFFICIAL), client_for(Role.OFFICIAL)
    culture = SectorFactory()

    posted = author.post(
        reverse("partner_requests:create"),
        {"title": "A culture partner for a youth employment project", "sectors_wanted": [culture.pk]},
    )
    partner_request = PartnerRequest.objects.get()
    answered = responder.post(reverse("partner_requests:answer", args=[partner_request.pk]), {"message": "Me!"})
    page = author.get(reverse("partner_requests:detail", args=[partner_request.pk])).content.decode()

    assert posted.status_code == 302 and answered.status_code == 302
    assert PartnerAnswer.objects.get().responder == responder.user
    assert responder.user.email in page and "Me!" in page


def test_the_list_searches_and_a_bad_filter_is_a_form_error(official_client):
    PartnerRequestFactory(title="Kuoro etsii esiintymispaikkaa")
    PartnerRequestFactory(title="Liikuntaseura ikäihmisille")
    url = reverse("partner_requests:list")

    found = official_client.get(url, {"q": "kuoron"})
    bad = official_client.get(url, {"sector": "not-a-number"})

    assert [row.title for row in found.context["page"]] == ["Kuoro etsii esiintymispaikkaa"]
    assert bad.status_code == 200 and bad.context["filter"].errors


def test_a_second_answer_and_an_answer_to_a_closed_request_say_why_and_change_nothing(client_for):
    author, responder = client_for(Role.OFFICIAL), client_for(Role.OFFICIAL)
    partner_request = PartnerRequestFactory(author=author.user)
    url = reverse("partner_requests:answer", args=[partner_request.pk])
    responder.post(url, {})

    again = responder.post(url, {}, follow=True)
    author.post(reverse("partner_requests:close", args=[partner_request.pk]))
    closed = client_for(Role.OFFICIAL).post(url, {}, follow=True)

    assert "already" in again.content.decode() and "closed" in closed.content.decode()
    assert PartnerAnswer.objects.count() == 1


def test_the_author_sees_suggestions_in_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    author = client_for(Role.OFFICIAL)
    partner_request = PartnerRequestFactory(author=author.user)

    with django_assert_max_num_queries(16):
        response = author.get(reverse("partner_requests:detail", args=[partner_request.pk]))

    assert response.status_code == 200 and "persons" in response.context
