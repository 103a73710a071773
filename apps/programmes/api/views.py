"""The programme endpoints; writes go through the services, which check the programme policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer, BooleanField

from apps.core.api_downloads import DownloadableList
from apps.core.schema import ERROR
from apps.core.spreadsheets import Table
from apps.programmes import exports, permissions, selectors, services
from apps.programmes.api import serializers
from apps.programmes.models import Decision, Meeting, Programme

ARCHIVED_PARAMETER = OpenApiParameter(
    "archived",
    OpenApiTypes.BOOL,
    description=gettext_lazy("true: list the archived rows only; leave out for the live ones."),
)


def _archive_responses(serializer: type[BaseSerializer]) -> dict:
    return {
        200: OpenApiResponse(serializer, description=gettext_lazy("Something refers to it: archived, not deleted.")),
        204: OpenApiResponse(description=gettext_lazy("Nothing referred to it: deleted (the history keeps it).")),
        403: ERROR,
        409: OpenApiResponse(ERROR, description=gettext_lazy("Already archived.")),
    }


class ArchivingViewSet(viewsets.ModelViewSet):
    """DELETE archives a row something refers to (200 with the archived row) and deletes one nothing refers to
    (204); ``restore`` brings an archived row back; the list shows live rows unless ``?archived=true``."""

    delete_service: ClassVar[Callable[..., Model | None]]
    restore_service: ClassVar[Callable[..., Model]]
    record: ClassVar[str]  # the services' keyword for the row

    def live_or_archived(self, rows: QuerySet) -> QuerySet:
        if self.action != "list":  # one row is found whether archived or not (to read or restore it)
            return rows
        value = self.request.query_params.get("archived")
        try:  # "true"/"false" as the schema documents; anything else is a 400, not a silent default
            wants_archived = value is not None and BooleanField().to_internal_value(value)
        except ValidationError as exc:
            raise ValidationError({"archived": exc.detail}) from exc
        return rows.filter(archived_at__isnull=not wants_archived)

    def destroy(self, request: Request, *args: object, **kwargs: object) -> Response:
        archived = self.delete_service(by=request.user, **{self.record: self.get_object()})
        if archived is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.get_serializer(self.get_queryset().get(pk=archived.pk)).data)

    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str) -> Response:
        """An archived row back in the lists, by whoever may edit it."""
        restored = self.restore_service(by=request.user, **{self.record: self.get_object()})
        return Response(self.get_serializer(self.get_queryset().get(pk=restored.pk)).data)


def _documented(viewset: type[ArchivingViewSet]) -> type[ArchivingViewSet]:
    """The schema of the archiving DELETE, the ``archived`` list filter and ``restore`` with the row's serializer."""
    serializer = viewset.serializer_class
    return extend_schema_view(
        list=extend_schema(parameters=[ARCHIVED_PARAMETER]),
        destroy=extend_schema(responses=_archive_responses(serializer)),
        restore=extend_schema(request=None, responses={200: serializer, 403: ERROR, 409: ERROR}),
    )(viewset)


@_documented
class ProgrammeViewSet(DownloadableList, ArchivingViewSet):
    """Cross-sector development programmes; their leads and admins change them (``?format=csv|xlsx``: the list
    page's download)."""

    serializer_class = serializers.ProgrammeSerializer
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.can_create_programme)
    create_refusal = gettext_lazy("Only programme leads and admins create programmes.")
    filterset_fields = ["lead", "sectors"]

    download_name = "programmes"
    record = "programme"
    delete_service = staticmethod(services.programme_delete)
    restore_service = staticmethod(services.programme_restore)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return self.live_or_archived(selectors.programme_list(include_archived=True))

    def download_table(self, rows: Iterable[Programme]) -> Table:
        return exports.programme_table(rows)

    def perform_create(self, serializer: BaseSerializer) -> None:
        programme = services.programme_create(by=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=programme.pk)

    def perform_update(self, serializer: BaseSerializer) -> None:
        programme = services.programme_update(
            by=self.request.user, programme=serializer.instance, changes=serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=programme.pk)


class ProgrammeRecordViewSet(ArchivingViewSet):
    """A programme's meetings or decisions: the same writes, each by its services, which check the programme."""

    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_programme)
    create_refusal = gettext_lazy("You may not change this.")
    record: ClassVar[str]  # the services' keyword for the row: "meeting" or "decision"
    create_service: ClassVar[Callable[..., Model]]
    update_service: ClassVar[Callable[..., Model]]

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = self.create_service(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        self.update_service(
            by=self.request.user, **{self.record: serializer.instance}, changes=serializer.validated_data
        )


@_documented
class MeetingViewSet(ProgrammeRecordViewSet):
    """Programme meetings (workshops, large-group meetings, working groups) with their attendees."""

    serializer_class = serializers.MeetingSerializer
    filterset_fields = ["programme", "kind"]
    record = "meeting"
    create_service = staticmethod(services.meeting_create)
    update_service = staticmethod(services.meeting_update)
    delete_service = staticmethod(services.meeting_delete)
    restore_service = staticmethod(services.meeting_restore)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        rows = Meeting.objects.select_related("programme").prefetch_related("attendees").order_by("-held_on", "pk")
        return self.live_or_archived(rows)


@_documented
class DecisionViewSet(ProgrammeRecordViewSet):
    """Programme decisions: political or official, some interim ("kedge") to let a stuck process move on."""

    serializer_class = serializers.DecisionSerializer
    filterset_fields = ["programme", "level", "is_kedge"]
    record = "decision"
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)
    delete_service = staticmethod(services.decision_delete)
    restore_service = staticmethod(services.decision_restore)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return self.live_or_archived(Decision.objects.select_related("programme").order_by("-decided_on", "pk"))
