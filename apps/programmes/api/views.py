"""The programme endpoints; writes go through the services, which check the programme policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from django.db.models import Model
from django.utils.translation import gettext_lazy
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from apps.core.api_downloads import DownloadableList
from apps.core.spreadsheets import Table
from apps.programmes import exports, permissions, selectors, services
from apps.programmes.api import serializers
from apps.programmes.models import Decision, Meeting, Programme


class ProgrammeViewSet(DownloadableList, viewsets.ModelViewSet):
    """Cross-sector development programmes; their leads and admins change them (``?format=csv|xlsx``: the list
    page's download)."""

    serializer_class = serializers.ProgrammeSerializer
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.can_create_programme)
    create_refusal = gettext_lazy("Only programme leads and admins create programmes.")
    filterset_fields = ["lead", "sectors"]

    download_name = "programmes"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.programme_list()

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

    def perform_destroy(self, instance: Programme) -> None:
        services.programme_delete(by=self.request.user, programme=instance)


class ProgrammeRecordViewSet(viewsets.ModelViewSet):
    """A programme's meetings or decisions: the same writes, each by its services, which check the programme."""

    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_programme)
    create_refusal = gettext_lazy("You may not change this.")
    record: ClassVar[str]  # the services' keyword for the row: "meeting" or "decision"
    create_service: ClassVar[Callable[..., Model]]
    update_service: ClassVar[Callable[..., Model]]
    delete_service: ClassVar[Callable[..., None]]

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = self.create_service(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        self.update_service(
            by=self.request.user, **{self.record: serializer.instance}, changes=serializer.validated_data
        )

    def perform_destroy(self, instance: Model) -> None:
        self.delete_service(by=self.request.user, **{self.record: instance})


class MeetingViewSet(ProgrammeRecordViewSet):
    """Programme meetings (workshops, large-group meetings, working groups) with their attendees."""

    serializer_class = serializers.MeetingSerializer
    filterset_fields = ["programme", "kind"]
    record = "meeting"
    create_service = staticmethod(services.meeting_create)
    update_service = staticmethod(services.meeting_update)
    delete_service = staticmethod(services.meeting_delete)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Meeting.objects.select_related("programme").prefetch_related("attendees").order_by("-held_on", "pk")


class DecisionViewSet(ProgrammeRecordViewSet):
    """Programme decisions: political or official, some interim ("kedge") to let a stuck process move on."""

    serializer_class = serializers.DecisionSerializer
    filterset_fields = ["programme", "level", "is_kedge"]
    record = "decision"
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)
    delete_service = staticmethod(services.decision_delete)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Decision.objects.select_related("programme").order_by("-decided_on", "pk")
