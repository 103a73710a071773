"""Bad input found by fuzzing the API, each now refused with a 400 (or a JSON 404) and a message."""

import pytest

from apps.accounts.roles import Role
from tests.api_access import call
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


def test_a_date_in_the_year_309_is_refused(admin):
    # When an initiative is created with a typo in the year
    payload = {"title": "Reading buddies", "collaboration_form": "project", "start_date": "0309-01-01"}
    response = call(admin, "post", "/api/v1/initiatives/", payload)

    # Then it is refused beside the field
    assert response.status_code == 400
    assert response.json()["start_date"] == ["Enter a date between the years 1900 and 2100."]


def test_a_funding_year_outside_the_plausible_range_is_refused(admin):
    initiative = InitiativeFactory()
    payload = {"initiative": initiative.pk, "external_source": "Foundation", "instrument": "grant", "year": 0}

    response = call(admin, "post", "/api/v1/funding/", payload)

    assert response.status_code == 400
    assert "year" in response.json()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/bookings/?space=", "space"),
        ("/api/v1/bookings/?space=1&space=2", "space"),
        ("/api/v1/decisions/?is_kedge=maybe", "is_kedge"),
        ("/api/v1/persons/?boundary_spanner=-1", "boundary_spanner"),
        ("/api/v1/spaces/?step_free=null", "step_free"),
        ("/api/v1/initiatives/?ordering=,", "ordering"),
    ],
)
def test_a_filter_value_that_cannot_be_read_is_refused_not_ignored(admin, url, field):
    response = call(admin, "get", url)

    assert response.status_code == 400
    assert field in response.json()


def test_a_search_box_may_be_empty(admin):
    assert call(admin, "get", "/api/v1/persons/?q=").status_code == 200


def test_a_path_under_the_api_that_names_no_endpoint_is_a_json_404(admin):
    response = call(admin, "get", "/api/v1/initiatives/0.5/")

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("query", ["page=", "page=1&page=2", "page=x"])
def test_a_page_number_that_cannot_be_read_is_an_invalid_page(admin, query):
    response = call(admin, "get", f"/api/v1/initiatives/?{query}")

    assert response.status_code == 404
    assert response.json()["detail"] == "Invalid page."


def test_every_writable_id_list_of_the_api_is_capped_and_resolved_in_one_query():
    # Given every serializer an API endpoint declares
    from drf_spectacular.generators import EndpointEnumerator
    from rest_framework.relations import ManyRelatedField

    from apps.core.serializers import IdListField

    views = {callback.cls for _path, _regex, _method, callback in EndpointEnumerator().get_api_endpoints()}
    serializers = {view.serializer_class for view in views if getattr(view, "serializer_class", None)}

    # When their writable many-to-many fields are listed
    id_lists = {
        f"{serializer.__name__}.{name}": type(field)
        for serializer in serializers
        for name, field in serializer().fields.items()
        if isinstance(field, ManyRelatedField) and not field.read_only
    }

    # Then each is the shared id list field (and the scan sees the ones there are)
    assert {"InitiativeSerializer.themes", "MeetingSerializer.attendees", "ProgrammeSerializer.sectors"} <= set(
        id_lists
    )
    assert {name for name, kind in id_lists.items() if kind is not IdListField} == set()
