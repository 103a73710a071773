from __future__ import annotations

import pytest

from apps.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_organisations_with_their_federation_and_filters_them(official_client):
    national = OrganisationFactory(unit__name="National League", level=Organisation.Level.NATIONAL)
    local = OrganisationFactory(unit__name="Local Club", parent=national, business_id="0201256-6", languages=["sv"])

    listed = official_client.get("/api/v1/organisations/", {"level": "local"}).json()
    one = official_client.get(f"/api/v1/organisations/{local.pk}/").json()

    assert [row["name"] for row in listed["results"]] == ["Local Club"]
    assert one["parent"] == national.pk and one["unit"] == local.unit_id and one["sector"] == local.unit.sector_id
    assert (one["business_id"], one["level"], one["languages"]) == ("0201256-6", "local", ["sv"])
    assert official_client.get("/api/v1/organisations/", {"level": "planetary"}).status_code == 400
