from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.sectors.models import Person, Sector, Unit


class SectorSerializer(ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "name", "slug", "kind", "description"]


class UnitSerializer(ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "sector", "email"]


class PersonSerializer(ModelSerializer):
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
