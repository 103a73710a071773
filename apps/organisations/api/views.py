"""The register of organisations, read-only: changes go through the register's pages."""

from __future__ import annotations

from rest_framework import viewsets

from apps.organisations import selectors
from apps.organisations.api import serializers
from apps.organisations.filters import OrganisationFilter


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """External organisations with their kind, level (local, regional, national) and parent organisation;
    ``unit`` is the unit through which an organisation takes part in initiatives (``/units/{id}/``)."""

    queryset = selectors.organisation_list()
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
