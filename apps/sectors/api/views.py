"""Read-only reference data: sectors, units and the person directory."""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework import viewsets

from apps.core.api_downloads import DownloadableList
from apps.core.spreadsheets import Table
from apps.sectors import exports, selectors
from apps.sectors.api import serializers
from apps.sectors.filters import PersonDirectoryFilter, UnitFilter
from apps.sectors.models import Person
from apps.sectors.permissions import can_see_contact_details


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    """City and external sectors."""

    queryset = selectors.sector_list()
    serializer_class = serializers.SectorSerializer
    filterset_fields = ["kind"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisational units, a tree inside each sector: ``parent`` links a unit to the one above it, ``path`` shows
    where it sits; ``?within=<id>`` lists a unit and everything below it."""

    queryset = selectors.unit_list()
    serializer_class = serializers.UnitSerializer
    filterset_class = UnitFilter


class PersonViewSet(DownloadableList, viewsets.ReadOnlyModelViewSet):
    """The person directory, with the same search as the "whom do I talk to?" page (``?format=csv|xlsx``: the
    page's download)."""

    queryset = selectors.person_directory()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonDirectoryFilter
    download_name = "persons"

    def download_table(self, rows: Iterable[Person]) -> Table:
        return exports.person_table(rows, contact_details=can_see_contact_details(self.request.user))
