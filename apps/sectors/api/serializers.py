from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.sectors import selectors
from apps.sectors.models import Person, Sector, Unit
from apps.sectors.permissions import CONTACT_FIELDS, can_see_contact_details


class SectorSerializer(ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "name", "slug", "kind", "description"]


class UnitListSerializer(serializers.ListSerializer):
    """A page of units with their paths read in one query (not one per unit)."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        units = data.all() if isinstance(data, models.manager.BaseManager) else data
        return super().to_representation(selectors.attach_paths(units))


class UnitSerializer(ModelSerializer):
    path = serializers.CharField(
        source="path_label",
        read_only=True,
        help_text=_('Where the unit sits in its sector, from the top: "Culture Services › Libraries › City Library".'),
    )

    class Meta:
        model = Unit
        fields = ["id", "name", "sector", "parent", "path", "external_code", "email"]
        list_serializer_class = UnitListSerializer


class PersonSerializer(ModelSerializer):
    """A contact person; ``email`` and ``phone`` are left out for callers without a role."""

    sector = serializers.IntegerField(source="unit.sector_id", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "title",
            "unit",
            "sector",
            "email",
            "phone",
            "languages",
            "topics",
            "is_boundary_spanner",
        ]
        extra_kwargs = {
            "email": {"help_text": _("Only for users with a role.")},
            "phone": {"help_text": _("Only for users with a role.")},
        }

    def to_representation(self, instance: Person) -> dict[str, Any]:
        # Left out of the answer, not of the fields: the schema still documents them (as optional).
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not can_see_contact_details(request.user):
            for name in CONTACT_FIELDS:
                data.pop(name, None)
        return data
