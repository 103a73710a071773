"""The public, read-only API: public initiatives and indicator values, for anyone, with no credentials.

It reads no session and no token (``authentication_classes = []``), counts requests per address
(``SILTA_PUBLIC_THROTTLE``) and may be cached by anyone for ``SILTA_PUBLIC_CACHE_SECONDS``, as the public pages.
Its schema is served on its own at ``/api/public/schema/`` (and, tagged "Public", in the whole API's).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from apps.indicators.models import Indicator, PeriodKind
from apps.public import open_data, selectors
from apps.public.api import serializers
from apps.public.views import PublicRateThrottle, public_cache


class PublicViewSet(viewsets.GenericViewSet):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]
    filter_backends: list = []

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            public_cache(response)
        return response


@extend_schema_view(list=extend_schema(tags=["Public"]), retrieve=extend_schema(tags=["Public"]))
class PublicInitiativeViewSet(PublicViewSet):
    """Initiatives their owners marked public, newest first: what, who (units and sectors), when, and results."""

    queryset = selectors.public_initiatives()
    serializer_class = serializers.PublicInitiativeSerializer

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = [open_data.initiative_row(initiative) for initiative in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        if not pk.isdigit():
            raise NotFound  # as anywhere in the API, an id that is not a number is no initiative
        initiative = get_object_or_404(self.get_queryset(), pk=int(pk))
        return Response(self.get_serializer(open_data.initiative_row(initiative)).data)


FILTERS = [
    OpenApiParameter("indicator", str, description="An indicator's code, e.g. cross_sector_share."),
    OpenApiParameter("scope", str, enum=list(selectors.OPEN_SCOPES)),
    OpenApiParameter("period_kind", str, enum=list(PeriodKind.values)),
]


@extend_schema_view(list=extend_schema(tags=["Public"], parameters=FILTERS))
class PublicIndicatorValueViewSet(PublicViewSet):
    """Every computed indicator value of the city, its sectors, programmes, spaces, goals and sector pairs."""

    serializer_class = serializers.PublicIndicatorValueSerializer

    def get_queryset(self) -> QuerySet:
        params = self.request.query_params
        unknown = set(params) - {"indicator", "scope", "period_kind", "page"}
        errors = {name: "Unknown filter." for name in sorted(unknown)}
        indicator, scope, kind = params.get("indicator"), params.get("scope"), params.get("period_kind")
        if indicator and not Indicator.objects.filter(code=indicator).exists():
            errors["indicator"] = "No indicator has this code."
        if scope and scope not in selectors.OPEN_SCOPES:
            errors["scope"] = f"One of: {', '.join(selectors.OPEN_SCOPES)}."
        if kind and kind not in PeriodKind.values:
            errors["period_kind"] = f"One of: {', '.join(PeriodKind.values)}."
        if errors:
            raise ValidationError(errors)
        return selectors.open_indicator_values(period_kind=kind, scope=scope, indicator=indicator)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = list(selectors.value_rows(page))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
