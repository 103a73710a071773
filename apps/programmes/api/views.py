"""The programme endpoints; writes go through the services, permissions through the shared policy."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from apps.core.exceptions import NotAllowed
from apps.initiatives import permissions
from apps.initiatives.api.views import require_edit
from apps.programmes import selectors, services
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
        programme = services.programme_create(data=dict(serializer.validated_data))
        serializer.instance = self.get_queryset().get(pk=programme.pk)

    def perform_update(self, serializer: BaseSerializer) -> None:
        programme = services.programme_update(programme=serializer.instance, data=dict(serializer.validated_data))
        serializer.instance = self.get_queryset().get(pk=programme.pk)

    def perform_destroy(self, instance: Programme) -> None:
        if not permissions.is_admin(self.request.user):
            raise NotAllowed(_("Only admins delete programmes."))
        instance.delete()


class ProgrammeRowViewSet(viewsets.ModelViewSet):
    """Shared behaviour of meetings and decisions: the programme's lead and admins change them."""

    model: type[Meeting | Decision]
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_programme)
    create_refusal = gettext_lazy("You may not change this.")

    def _save(self, instance: Meeting | Decision, data: dict) -> Meeting | Decision:
        raise NotImplementedError

    def perform_create(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        require_edit(self.request.user, data["programme"])
        serializer.instance = self._save(self.model(), data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        if "programme" in data:
            require_edit(self.request.user, data["programme"])
        self._save(serializer.instance, data)

    def perform_destroy(self, instance: Meeting | Decision) -> None:
        instance.delete()


class MeetingViewSet(ProgrammeRowViewSet):
    """Programme meetings (workshops, large-group meetings, working groups) with their attendees."""

    model = Meeting
    serializer_class = serializers.MeetingSerializer
    filterset_fields = ["programme", "kind"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Meeting.objects.select_related("programme").prefetch_related("attendees").order_by("-held_on", "pk")

    def _save(self, instance: Meeting | Decision, data: dict) -> Meeting | Decision:
        return services.meeting_save(meeting=instance, data=data)


class DecisionViewSet(ProgrammeRowViewSet):
    """Programme decisions: political or official, some interim ("kedge") to let a stuck process move on."""

    model = Decision
    serializer_class = serializers.DecisionSerializer
    filterset_fields = ["programme", "level", "is_kedge"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Decision.objects.select_related("programme").order_by("-decided_on", "pk")

    def _save(self, instance: Meeting | Decision, data: dict) -> Meeting | Decision:
        return services.decision_save(decision=instance, data=data)
