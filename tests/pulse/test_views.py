"""The questionnaire through its link (no login), its refusals as clear pages, the API's 400/409, and the round's
page for its owner."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.pulse import services
from apps.pulse.models import PulseRating, PulseResponse
from tests.clients import UserClient
from tests.pulse.conftest import link_of

pytestmark = pytest.mark.django_db


def _page(signed: str) -> str:
    return reverse("pulse:answer", args=[signed])


def _api(signed: str) -> str:
    return reverse("pulse-answers", args=[signed])


def test_the_link_opens_the_questionnaire_without_a_login_one_block_per_partner(client, city, live_round):
    pulse_round = live_round()
    response = client.get(_page(link_of(pulse_round, city.aino)))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<fieldset") == 12  # six radio groups for each of Education A and Social A
    assert "Education A" in page and "Social A" in page and "Museum school" not in page
    assert page.count("<legend>") == 12


def test_a_half_way_save_is_kept_and_shown_again_and_can_be_changed(client, city, live_round):
    pulse_round = live_round()
    url = _page(link_of(pulse_round, city.aino))
    unit = city.education_a.pk

    response = client.post(url, {f"u{unit}_reliability": "3", f"u{unit}_achieved": "A reading circle"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert re.search(rf'name="u{unit}_reliability" value="3"[^>]* checked', page)
    assert "A reading circle" in page
    assert client.post(url, {f"u{unit}_reliability": "4"}).status_code == 302
    rating = PulseRating.objects.get()
    assert (rating.reliability, rating.achieved) == (4, "")


def test_a_changed_link_shows_a_clear_page_not_an_error(client, city, live_round):
    signed = link_of(live_round(), city.aino)
    response = client.get(_page(signed[:-3] + "abc"))
    assert response.status_code == 403
    assert "This link is not valid" in response.content.decode()


def test_a_closed_round_shows_a_clear_page_and_takes_no_answer(client, city, live_round):
    pulse_round = live_round()
    signed = link_of(pulse_round, city.aino)
    page = client.get(_page(signed))
    assert page.status_code == 200
    services.pulse_round_close(pulse_round=pulse_round)

    response = client.post(_page(signed), {f"u{city.education_a.pk}_reliability": "3"})
    assert response.status_code == 409
    assert "The survey closed" in response.content.decode()
    assert not PulseResponse.objects.exists()


def test_a_rating_outside_the_scale_on_the_page_is_a_form_error(client, city, live_round):
    response = client.post(_page(link_of(live_round(), city.aino)), {f"u{city.education_a.pk}_reliability": "7"})
    assert response.status_code == 400
    assert not PulseRating.objects.exists()


@pytest.mark.parametrize("rating", [0, 5, 2.5, "high"])
def test_the_api_answers_400_to_a_rating_outside_one_to_four(client, city, live_round, rating):
    response = client.put(
        _api(link_of(live_round(), city.aino)),
        {"ratings": [{"unit": city.education_a.pk, "mission": rating}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "mission" in response.content.decode()
    assert not PulseRating.objects.exists()


def test_the_api_saves_answers_and_refuses_a_unit_not_worked_with(client, city, live_round):
    signed = link_of(live_round(), city.aino)
    ok = client.put(
        _api(signed),
        {
            "ratings": [{"unit": city.education_a.pk, "mission": 4, "openness": None}],
            "wished_units": [city.culture_b.pk],
        },
        content_type="application/json",
    )
    assert ok.status_code == 204
    refused = client.put(
        _api(signed), {"ratings": [{"unit": city.education_b.pk, "mission": 4}]}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert (
        "worked with" in refused.json()["detail"]
        if "detail" in refused.json()
        else "worked with" in str(refused.json())
    )
    assert list(PulseRating.objects.values_list("rated_unit", "mission")) == [(city.education_a.pk, 4)]


def test_the_api_answers_409_once_the_round_closed_and_403_to_a_changed_link(client, city, live_round):
    pulse_round = live_round()
    signed = link_of(pulse_round, city.aino)
    services.pulse_round_close(pulse_round=pulse_round)
    payload = {"ratings": [{"unit": city.education_a.pk, "mission": 4}]}
    closed = client.put(_api(signed), payload, content_type="application/json")
    assert closed.status_code == 409
    assert "closed" in closed.content.decode()
    other = live_round(title="Again")
    signed = link_of(other, city.aino)
    services.pulse_round_close(pulse_round=other)
    assert client.put(_api(signed + "x"), payload, content_type="application/json").status_code == 403


def test_the_round_page_shows_its_owner_the_response_rate(city, live_round, manager, make_user):
    pulse_round = live_round()
    services.pulse_answers_save(signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": 2}})

    page = UserClient(manager).get(reverse("pulse:detail", args=[pulse_round.pk]))
    assert page.status_code == 200
    assert "1 of 5 answered" in page.content.decode()
    assert UserClient(make_user(Role.OFFICIAL)).get(reverse("pulse:detail", args=[pulse_round.pk])).status_code == 403


def test_a_manager_opens_a_round_on_the_page(city, manager):
    from django.utils import timezone

    today = timezone.localdate()
    response = UserClient(manager).post(
        reverse("pulse:new"),
        {
            "title": "Autumn",
            "initiatives": [city.buddies.pk],
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "closes_on": (today.replace(year=today.year + 1)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert reverse("pulse:list") in response["Location"]
