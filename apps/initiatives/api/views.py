"""The initiative endpoints; writes go through the services, which check the initiative policy."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from apps.core.api_downloads import DownloadableList
from apps.core.estimated_pages import EstimatedKeysFirstPagination
from apps.core.spreadsheets import Table
from apps.initiatives import permissions, selectors, services
from apps.initiatives.api import serializers
from apps.initiatives.exports import initiative_table
from apps.initiatives.filters import FundingFilter, InitiativeFilter, ParticipationFilter
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme


class InitiativeViewSet(DownloadableList, viewsets.ModelViewSet):
    """Joint initiatives. Changing ``status`` follows the life cycle idea → planned → active → completed.

    ``?format=csv`` or ``?format=xlsx``: the whole filtered list as the list page downloads it.
    """

    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilter
    pagination_class = EstimatedKeysFirstPagination  # the funding sums of the page's rows only; a bounded count
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.can_create_initiative)
    create_refusal = gettext_lazy("Only officials, programme leads and admins create initiatives.")

    download_name = "initiatives"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.initiative_items()

    def download_queryset(self) -> QuerySet[Initiative]:
        return selectors.initiative_list()  # the file names the units, themes and goals

    def download_table(self, rows: Iterable[Initiative]) -> Table:
        return initiative_table(rows)

    def _reload(self, serializer: BaseSerializer, initiative: Initiative) -> None:
        serializer.instance = self.get_queryset().get(pk=initiative.pk)

    def perform_create(self, serializer: BaseSerializer) -> None:
        initiative = services.initiative_create(by=self.request.user, **serializer.validated_data)
        self._reload(serializer, initiative)

    def perform_update(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        status = data.pop("status", None)
        initiative = services.initiative_update(by=self.request.user, initiative=serializer.instance, changes=data)
        if status is not None:
            services.initiative_status_change(by=self.request.user, initiative=initiative, status=status)
        self._reload(serializer, initiative)

    def perform_destroy(self, instance: Initiative) -> None:
        services.initiative_delete(by=self.request.user, initiative=instance)


class InitiativeRowViewSet(viewsets.ModelViewSet):
    """Shared behaviour of the rows of an initiative: the initiative's editors change them."""

    model: type[Participation | Funding | Outcome]
    permission_classes = [permissions.ReadOrEditPolicy]
    may_create = staticmethod(permissions.edits_any_initiative)
    create_refusal = gettext_lazy("You may not change this.")
    filterset_fields = ["initiative"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return self.model.objects.select_related("initiative").order_by("pk")

    def perform_create(self, serializer: BaseSerializer) -> None:
        row = self.model(**serializer.validated_data)
        serializer.instance = services.initiative_row_save(by=self.request.user, row=row)

    def perform_update(self, serializer: BaseSerializer) -> None:
        services.initiative_row_update(by=self.request.user, row=serializer.instance, changes=serializer.validated_data)

    def perform_destroy(self, instance: Participation | Funding | Outcome) -> None:
        services.initiative_row_delete(by=self.request.user, row=instance)


class ParticipationViewSet(InitiativeRowViewSet):
    """Units taking part in initiatives, one role each; an initiative has at most one lead."""

    model = Participation
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilter


class FundingViewSet(InitiativeRowViewSet):
    """Funding lines of initiatives: a source unit or an external source, allocated and spent euros."""

    model = Funding
    serializer_class = serializers.FundingSerializer
    filterset_class = FundingFilter


class OutcomeViewSet(InitiativeRowViewSet):
    """Recorded results of initiatives with progress from 0 to 100 %."""

    model = Outcome
    serializer_class = serializers.OutcomeSerializer


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Themes initiatives work on."""

    queryset = Theme.objects.order_by("name")
    serializer_class = serializers.ThemeSerializer
