"""Every date and datetime in a query string, of every page and API endpoint, read in the plausible range.

A year 1 or 9999 (or 30 February) is refused with a message: a JSON 400 from the API, a form error or a sane
default on a page; never a 500 from a date that overflows a day later.
"""

from __future__ import annotations

from urllib.parse import urlencode

import django_filters
import pytest
from django.http import HttpResponse
from django.urls import get_resolver
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core.filters import PlausibleDateFilter, PlausibleDateTimeFilter, StrictFilterBackend
from apps.initiatives.api.views import OutcomeViewSet
from apps.initiatives.models import Outcome
from apps.premises.models import Space
from tests.api_access import call
from tests.clients import UserClient
from tests.premises.factories import SpaceFactory

pytestmark = pytest.mark.django_db

PLAUSIBLE_RANGE = "Enter a date between the years 1900 and 2100."
DATES = ["0001-01-01", "9999-12-31", "9999-12-01", "2026-02-30", "garbage"]
MOMENTS = ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z", "2026-02-30T10:00:00Z", "garbage"]
EDGE_DATES = ["1900-01-01", "2100-12-31"]
DATE_FILTERS = (django_filters.DateFilter, django_filters.DateTimeFilter, django_filters.DateFromToRangeFilter)
PLAUSIBLE_FILTERS = (PlausibleDateFilter, PlausibleDateTimeFilter)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


@pytest.fixture
def admin_client(admin) -> UserClient:
    return UserClient(admin)


@pytest.fixture
def space():
    return SpaceFactory()


# (url, the parameter under test, the other parameters it needs); {space} is a space's id.
API_DATES = [
    ("/api/v1/spaces/", "free_on", {"free_from": "20:00", "free_until": "02:00"}),
    ("/api/v1/initiatives/", "active_from", {}),
    ("/api/v1/initiatives/", "active_until", {}),
]
API_MOMENTS = [
    ("/api/v1/spaces/{space}/availability/", "from", {"to": "2026-03-02T00:00:00Z"}),
    ("/api/v1/spaces/{space}/availability/", "to", {"from": "2026-03-01T00:00:00Z"}),
]
# Pages whose filter form says what is wrong with the date beside the field (and shows no or default results).
PAGE_DATES = [
    ("/premises/", "free_on", {"free_from": "20:00", "free_until": "02:00"}),
    ("/premises/find/", "date", {"start_time": "23:00", "duration": "480", "people": "1"}),
    ("/initiatives/", "active_from", {}),
    ("/initiatives/", "active_until", {}),
    ("/dashboards/", "period", {}),
    ("/dashboards/", "period", {"period_kind": "year"}),
    ("/dashboards/trends/", "period", {}),
    ("/dashboards/network/", "period", {}),
    ("/dashboards/premises/", "period", {}),
    ("/dashboards/indicators/cross_sector_share/", "period", {}),
]
# Downloads and calendars, which answer without a form to show an error in.
PAGE_DATES_WITHOUT_FORM = [
    ("/premises/spaces/{space}/", "week", {}),
    ("/dashboards/", "period", {"download": "tiles"}),
    ("/dashboards/indicators/cross_sector_share/", "period", {"download": "initiatives"}),
]
PAGE_MOMENTS = [
    ("/premises/spaces/{space}/book/", "start", {"end": "2026-03-01T12:00"}),
    ("/premises/spaces/{space}/book/", "end", {"start": "2026-03-01T10:00"}),
]


def _api_get(user: User, url: str, space: Space, params: dict[str, str]) -> Response:
    """``user`` GETs the API's ``url`` ({space}: the space's id) with ``params`` in its query string."""
    return call(user, "get", f"{url.format(space=space.pk)}?{urlencode(params)}")


def _page_get(client: UserClient, url: str, space: Space, params: dict[str, str]) -> HttpResponse:
    """``client`` GETs the page ``url`` ({space}: the space's id) with ``params`` in its query string."""
    return client.get(url.format(space=space.pk), params)


@pytest.mark.parametrize("value", DATES)
@pytest.mark.parametrize(("url", "name", "others"), API_DATES)
def test_an_api_date_parameter_out_of_range_is_a_400_beside_it(admin, space, url, name, others, value):
    response = _api_get(admin, url, space, {**others, name: value})

    assert response.status_code == 400, response.content
    assert response.json()[name]
    assert response.json()["detail"]


@pytest.mark.parametrize("value", MOMENTS)
@pytest.mark.parametrize(("url", "name", "others"), API_MOMENTS)
def test_an_api_datetime_parameter_out_of_range_is_a_400_beside_it(admin, space, url, name, others, value):
    response = _api_get(admin, url, space, {**others, name: value})

    assert response.status_code == 400, response.content
    assert response.json()[name]


@pytest.mark.parametrize(("url", "name", "others"), API_DATES)
def test_an_implausible_api_date_names_the_plausible_range(admin, space, url, name, others):
    response = _api_get(admin, url, space, {**others, name: "9999-12-31"})

    assert response.json()[name] == [PLAUSIBLE_RANGE]


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"])
def test_an_implausible_availability_window_names_the_plausible_range(admin, space, value):
    response = call(admin, "get", f"/api/v1/spaces/{space.pk}/availability/?from={value}&to=2026-03-02T00:00:00Z")

    assert response.json()["from"] == [PLAUSIBLE_RANGE]


def _message(value: str) -> str:
    return PLAUSIBLE_RANGE if value[:4] in ("0001", "9999") else "Enter a valid date."


@pytest.mark.parametrize("value", DATES)
@pytest.mark.parametrize(("url", "name", "others"), PAGE_DATES)
def test_a_page_date_parameter_out_of_range_is_a_form_error(admin_client, space, url, name, others, value):
    response = _page_get(admin_client, url, space, {**others, name: value})

    assert response.status_code == 200
    assert _message(value) in response.content.decode()


@pytest.mark.parametrize("value", DATES)
@pytest.mark.parametrize(("url", "name", "others"), PAGE_DATES_WITHOUT_FORM)
def test_a_page_date_parameter_out_of_range_falls_back_to_a_default(admin_client, space, url, name, others, value):
    response = _page_get(admin_client, url, space, {**others, name: value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", DATES)
def test_the_initiative_export_refuses_a_date_out_of_range_with_a_message(admin_client, value):
    response = admin_client.get("/initiatives/export.csv", {"active_from": value})

    assert response.status_code == 400
    assert response.content.decode() == f"active_from: {_message(value)}"


@pytest.mark.parametrize("value", MOMENTS)
@pytest.mark.parametrize(("url", "name", "others"), PAGE_MOMENTS)
def test_a_page_datetime_parameter_out_of_range_still_shows_the_page(admin_client, space, url, name, others, value):
    response = _page_get(admin_client, url, space, {**others, name: value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", EDGE_DATES)
@pytest.mark.parametrize(("url", "name", "others"), API_DATES)
def test_the_first_and_last_plausible_days_are_read_by_the_api(admin, space, url, name, others, value):
    response = _api_get(admin, url, space, {**others, name: value})

    assert response.status_code == 200, response.content


@pytest.mark.parametrize("value", EDGE_DATES)
@pytest.mark.parametrize(("url", "name", "others"), PAGE_DATES + PAGE_DATES_WITHOUT_FORM)
def test_the_first_and_last_plausible_days_are_read_by_the_pages(admin_client, space, url, name, others, value):
    response = _page_get(admin_client, url, space, {**others, name: value})

    assert response.status_code == 200
    content = response.getvalue().decode()
    assert PLAUSIBLE_RANGE not in content
    assert "Enter a valid date." not in content


@pytest.mark.parametrize("value", EDGE_DATES)
def test_the_initiative_export_reads_the_first_and_last_plausible_days(admin_client, value):
    response = admin_client.get("/initiatives/export.csv", {"active_from": value})

    assert response.status_code == 200


def _api_viewsets() -> list[type]:
    """Every viewset the API routes to."""
    found: dict[str, type] = {}

    def walk(patterns) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif isinstance(getattr(pattern.callback, "cls", None), type) and issubclass(
                pattern.callback.cls, GenericViewSet
            ):
                found[pattern.callback.cls.__qualname__] = pattern.callback.cls

    walk(get_resolver().url_patterns)
    return list(found.values())


def _filterset_of(view, model) -> type | None:
    return StrictFilterBackend().get_filterset_class(view, model.objects.none())


def test_every_date_filter_of_the_api_and_its_pages_reads_only_plausible_dates():
    # Given every filter set of the API (the pages use the same ones): declared, or generated from filterset_fields
    dated = {}
    for viewset in _api_viewsets():
        if not viewset.filter_backends:
            continue  # no filter set (the public API checks its few filters itself: tests/public)
        filterset = _filterset_of(viewset(action="list"), viewset.serializer_class.Meta.model)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if isinstance(declared, DATE_FILTERS):
                dated[f"{viewset.__name__}.{name}"] = declared

    # Then each of its date and datetime filters reads only plausible dates
    assert {"SpaceViewSet.free_on", "InitiativeViewSet.active_from", "InitiativeViewSet.active_until"} <= set(dated)
    assert {name for name, f in dated.items() if not isinstance(f, PLAUSIBLE_FILTERS)} == set()


def test_a_filter_the_api_generates_for_a_model_date_reads_only_plausible_dates():
    # Given a viewset that filters by a model's date and datetime fields
    view = OutcomeViewSet(action="list")
    view.filterset_fields = {"recorded_on": ["exact", "gte"], "initiative__created_at": ["lt"]}

    # When the API generates its filter set
    filterset = _filterset_of(view, Outcome)

    # Then those filters read only plausible dates
    assert isinstance(filterset.base_filters["recorded_on"], PlausibleDateFilter)
    assert isinstance(filterset.base_filters["recorded_on__gte"], PlausibleDateFilter)
    assert isinstance(filterset.base_filters["initiative__created_at__lt"], PlausibleDateTimeFilter)
