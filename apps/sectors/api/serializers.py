from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.sectors import selectors
from apps.sectors.models import Person, PersonErasure, Sector, Unit
from apps.sectors.permissions import CONTACT_FIELDS

CONTACT_HELP = _(
    "Only in the answer for one person (/persons/{id}/), for users with a role; each such answer is logged."
)


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
    """A contact person; ``email`` and ``phone`` only in the answer for one person, for callers with a role."""

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
            "email": {"help_text": CONTACT_HELP},
            "phone": {"help_text": CONTACT_HELP},
        }

    def to_representation(self, instance: Person) -> dict[str, Any]:
        # Left out of the answer, not of the fields: the schema still documents them (as optional).
        data = super().to_representation(instance)
        if not self.context.get("contact_details"):
            for name in CONTACT_FIELDS:
                data.pop(name, None)
        return data


class PersonErasureSerializer(ModelSerializer):
    """An erasure as the log keeps it: whom (now their pseudonym), by whom, when, and how many rows changed."""

    name = serializers.CharField(source="__str__", read_only=True, help_text=_('The pseudonym, e.g. "Person 4821".'))

    class Meta:
        model = PersonErasure
        fields = ["id", "person", "name", "pseudonym", "erased_by", "at", "rows", "counts"]
        read_only_fields = fields
