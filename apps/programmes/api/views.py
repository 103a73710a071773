"""The programme endpoints; writes go through the services, which check the programme policy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from apps.programmes import permissions, selectors, services
from apps.programmes.api import serializers
from apps.programmes.models import Decision, Meeting, Programme


class ProgrammeViewSet(viewsets.ModelViewSet):
    """Cross-sector development programmes; their leads and admins change them."""

    serializer_class = serializers.ProgrammeSerializer
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.can_create_programme)
    create_refusal = gettext_lazy("Only programme leads and admins create programmes.")
    filterset_fields = ["lead", "sectors"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.programme_list()

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


class MeetingViewSet(viewsets.ModelViewSet):
    """Programme meetings (workshops, large-group meetings, working groups) with their attendees."""

    serializer_class = serializers.MeetingSerializer
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_programme)
    create_refusal = gettext_lazy("You may not change this.")
    filterset_fields = ["programme", "kind"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Meeting.objects.select_related("programme").prefetch_related("attendees").order_by("-held_on", "pk")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = services.meeting_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        services.meeting_update(by=self.request.user, meeting=serializer.instance, changes=serializer.validated_data)

    def perform_destroy(self, instance: Meeting) -> None:
        services.meeting_delete(by=self.request.user, meeting=instance)


class DecisionViewSet(viewsets.ModelViewSet):
    """Programme decisions: political or official, some interim ("kedge") to let a stuck process move on."""

    serializer_class = serializers.DecisionSerializer
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_programme)
    create_refusal = gettext_lazy("You may not change this.")
    filterset_fields = ["programme", "level", "is_kedge"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Decision.objects.select_related("programme").order_by("-decided_on", "pk")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = services.decision_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        services.decision_update(by=self.request.user, decision=serializer.instance, changes=serializer.validated_data)

    def perform_destroy(self, instance: Decision) -> None:
        services.decision_delete(by=self.request.user, decision=instance)
