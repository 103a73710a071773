"""Open partner requests, read-only: posting and answering go through the pages (an answer sends e-mail)."""

from __future__ import annotations

from rest_framework import viewsets

from apps.partner_requests import selectors
from apps.partner_requests.api import serializers
from apps.partner_requests.filters import PartnerRequestFilter


class PartnerRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Open "partner wanted" requests, newest first; ``?q=`` searches them in Finnish, Swedish and by prefix."""

    queryset = selectors.request_list()
    serializer_class = serializers.PartnerRequestSerializer
    filterset_class = PartnerRequestFilter
