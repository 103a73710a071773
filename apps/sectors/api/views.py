"""Read-only reference data: sectors, units and the person directory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.api_downloads import DownloadableList, XlsxRenderer
from apps.core.spreadsheets import Table
from apps.sectors import exports, selectors, services
from apps.sectors.api import serializers
from apps.sectors.filters import PersonDirectoryFilter, UnitFilter
from apps.sectors.models import Person, PersonalDataAccess
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
    page's download). The list leaves out e-mail and phone; one person's answer has them for users with a role,
    and that answer is logged, as a download with them is for each person in it."""

    serializer_class = serializers.PersonSerializer
    filterset_class = PersonDirectoryFilter
    download_name = "persons"
    contact_details = False

    def get_queryset(self) -> QuerySet[Person]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model, there is no user
            return Person.objects.none()
        return selectors.person_directory(user=self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "contact_details": self.contact_details}

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()  # 404 for a person the caller may not see
        if can_see_contact_details(request.user):
            person = services.person_contact_details_open(
                by=request.user, person_id=person.pk, channel=PersonalDataAccess.Channel.API
            )
            self.contact_details = True
        return Response(self.get_serializer(person).data)

    def download_table(self, rows: Iterable[Person]) -> Table:
        return exports.person_table(rows, contact_details=can_see_contact_details(self.request.user))

    def downloaded(self, rows: QuerySet[Person]) -> None:
        if can_see_contact_details(self.request.user):
            services.personal_data_access_log_many(
                by=self.request.user,
                persons=rows,
                kind=PersonalDataAccess.Kind.DIRECTORY_DOWNLOAD,
                channel=PersonalDataAccess.Channel.API,
            )

    @extend_schema(
        description=(
            "Everything Silta holds about the person (the right of access), a section per kind of row: `?format=json` "
            "(the default) or `?format=xlsx` (an Excel workbook with a sheet per section). For administrators and "
            "the person themself; each download is written in the person's access log."
        ),
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"], url_path="data", renderer_classes=[JSONRenderer, XlsxRenderer])
    def data(self, request: Request, pk: str) -> HttpResponseBase:
        person = self.get_object()
        sections = services.person_data_export(by=request.user, person=person, channel=PersonalDataAccess.Channel.API)
        file_format = "xlsx" if isinstance(request.accepted_renderer, XlsxRenderer) else "json"
        return exports.person_data_response(person, sections, file_format)

    @extend_schema(
        description=(
            "Erase the person: name, e-mail, phone and the texts that name them become a pseudonym in every row and "
            "in the history, their account is closed. 409 with `refusals` (each a message and where to hand over) "
            "while they have bookings still to come or are the only contact of an ongoing initiative. For "
            "administrators."
        ),
        request=None,
        responses={200: serializers.PersonErasureSerializer},
    )
    @action(detail=True, methods=["post"], url_path="erase")
    def erase(self, request: Request, pk: str) -> Response:
        erasure = services.person_erase(by=request.user, person=self.get_object())
        return Response(serializers.PersonErasureSerializer(erasure).data)
