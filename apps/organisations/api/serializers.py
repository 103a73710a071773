from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.organisations.models import Organisation


class OrganisationSerializer(ModelSerializer):
    name = serializers.CharField(source="unit.name", read_only=True)
    sector = serializers.IntegerField(
        source="unit.sector_id", read_only=True, help_text=_("The external sector the organisation belongs to.")
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "unit",
            "sector",
            "business_id",
            "kind",
            "level",
            "parent",
            "languages",
            "topics",
            "website",
            "description",
        ]
