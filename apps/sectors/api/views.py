"""Read-only reference data: sectors, units and the person directory."""

from __future__ import annotations

from rest_framework import viewsets

from apps.sectors import selectors
from apps.sectors.api import serializers
from apps.sectors.filters import PersonDirectoryFilter, UnitFilter


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


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """The person directory, with the same search as the "whom do I talk to?" page."""

    queryset = selectors.person_directory()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonDirectoryFilter
